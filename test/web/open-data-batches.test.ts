import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { sapporo } from '../support/factories.ts';
import { startGate, type TestGate } from '../support/server.ts';

describe('open data across many batches', () => {
  let gate: TestGate;

  before(async () => {
    gate = await startGate('embedded');
    const { tenant, bureauId } = await sapporo(gate.database.db);
    await sql`
      insert into challenge (tenant_id, department_id, status, title_ja, situation_ja, wanted_ja,
        published_at)
      select ${tenant.id}, ${bureauId}, 'published', '一括の課題 ' || n, '現状', '提案', now()
      from generate_series(1, 2500) as n`.execute(gate.database.db);
  });
  after(() => gate.close());

  it('lists every record exactly once in JSON and CSV', async () => {
    const data = JSON.parse((await gate.app.inject('/open-data/challenges.json')).body) as {
      count: number;
      records: { id: number }[];
    };
    assert.equal(data.count, 2507);
    assert.equal(new Set(data.records.map((r) => r.id)).size, 2507);

    const csv = (await gate.app.inject('/open-data/challenges.csv')).body;
    const lines = csv.split('\r\n').filter((line) => line !== '');
    assert.equal(lines.filter((line) => /^\uFEFF?id,/.test(line)).length, 1);
    assert.equal(lines.filter((line) => /^\d+,http/.test(line)).length, 2507);
  });
});
