import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { cliDataDir, gate } from '../support/cli.ts';
import { openDatabase } from '../../src/db/database.ts';

describe('gate digest', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await cliDataDir();
  });
  after(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('explains itself', async () => {
    const help = await gate(dataDir, 'digest', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /DIGEST_HOUR/);
  });

  it('runs the day’s digest at most once, however often it is called', async () => {
    // The real clock decides whether today's digest is due; either way it goes once at most.
    const first = await gate(dataDir, 'digest');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Overdue digest for \d{4}-\d{2}-\d{2}: /);
    const second = await gate(dataDir, 'digest');
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /queued/);

    const database = await openDatabase({ dataDir });
    try {
      const claims = await database.db.selectFrom('daily_run').selectAll().execute();
      assert.ok(claims.length <= 1);
      if (/queued/.test(first.stdout)) {
        assert.equal(claims.length, 1);
        assert.match(second.stdout, /already sent today/);
      }
    } finally {
      await database.close();
    }
  });
});
