import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadTimeTargets } from '../../src/app/process/time-targets.ts';
import { staffVisitor, Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { buildProposal } from '../support/factories.ts';
import { count } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

const good = { screening: '5', matching: '15', dialogue: '30', decision: '８' };

/** The value of the input named `name` on a page. */
function valueOf(body: string, name: string): string | undefined {
  return new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1];
}

for (const kind of testDatabaseKinds()) {
  describe(`admin time targets (${kind} database)`, () => {
    let gate: TestGate;
    let admin: Awaited<ReturnType<typeof staffVisitor>>;
    let gateStaff: Awaited<ReturnType<typeof staffVisitor>>;
    const targets = () => loadTimeTargets(gate.database.db, gate.app.gate.tenant().id);

    before(async () => {
      gate = await startGate(kind);
      admin = await staffVisitor(gate, 'admin@city.test', [
        { role: 'tenantAdmin', departmentId: null },
      ]);
      gateStaff = await staffVisitor(gate, 'gate@city.test', [
        { role: 'gateStaff', departmentId: null },
      ]);
    });
    after(() => gate.close());

    it('sends a visitor to sign in and answers "not found" to staff who are not admins', async () => {
      const visitor = new Visitor(gate.app);
      const away = await visitor.get('/admin/time-targets');
      assert.equal(away.statusCode, 303);
      assert.equal(away.headers.location, '/signin');

      for (const url of ['/admin/time-targets', '/en/admin/time-targets']) {
        assert.equal((await gateStaff.visitor.get(url)).statusCode, 404, url);
      }
      // A page of theirs with a form, for a valid CSRF token.
      await gateStaff.visitor.get('/account/recovery-codes');
      const post = await gateStaff.visitor.post('/admin/time-targets', good);
      assert.equal(post.statusCode, 404);
      assert.deepEqual(await targets(), {
        screening: 10,
        matching: 10,
        dialogue: 20,
        decision: 10,
      });
      const denied = await gate.database.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'access.denied')
        .where('actor_user_id', '=', gateStaff.user.id)
        .where('target_kind', '=', 'adminArea')
        .execute();
      assert.ok(denied.length >= 3);
    });

    it('is linked from the overview and shows the current targets in both languages', async () => {
      const overview = await admin.visitor.get('/admin');
      assert.match(overview.body, /href="\/admin\/time-targets"/);
      const page = await admin.visitor.get('/admin/time-targets');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(count(page.body, /<h1[ >]/), 1);
      assert.match(page.body, /<title>目標期間 \|/);
      assert.deepEqual(
        ['screening', 'matching', 'dialogue', 'decision'].map((name) => valueOf(page.body, name)),
        ['10', '10', '20', '10'],
      );
      assert.match(page.body, /for="field-screening"/);
      assert.match(page.body, /inputmode="numeric"/);
      const english = await admin.visitor.get('/en/admin/time-targets');
      assert.equal(english.statusCode, 200);
      assert.match(english.body, /<html lang="en"/);
      assert.match(english.body, /Screening \(working days\)/);
      assert.match(english.body, /action="\/en\/admin\/time-targets"/);
    });

    it('refuses what is not a whole number from 1 to 120, keeping what was typed', async () => {
      await admin.visitor.get('/admin/time-targets');
      const response = await admin.visitor.post('/admin/time-targets', {
        screening: '0',
        matching: '121',
        dialogue: '2.5',
        decision: '',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<title>エラー: 目標期間/);
      assert.match(response.body, /class="error-summary"/);
      for (const field of ['screening', 'matching', 'dialogue', 'decision']) {
        assert.match(response.body, new RegExp(`href="#field-${field}"`), field);
        assert.match(response.body, new RegExp(`id="error-${field}"`), field);
      }
      assert.match(response.body, /要件確認の目標期間は、1から120までの整数/);
      assert.match(response.body, /事業実施適否の判断の目標期間を、開庁日数で入力してください。/);
      assert.equal(valueOf(response.body, 'screening'), '0');
      assert.equal(valueOf(response.body, 'matching'), '121');
      assert.equal(valueOf(response.body, 'dialogue'), '2.5');
      assert.deepEqual(await targets(), {
        screening: 10,
        matching: 10,
        dialogue: 20,
        decision: 10,
      });

      await admin.visitor.get('/en/admin/time-targets');
      const english = await admin.visitor.post('/en/admin/time-targets', {
        ...good,
        dialogue: 'twenty',
      });
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /<title>Error: Time targets/);
      assert.match(english.body, /Enter the target for dialogue as a whole number/);
      assert.equal(valueOf(english.body, 'dialogue'), 'twenty');
      assert.equal(valueOf(english.body, 'screening'), '5');
    });

    it('saves, moves the due dates of proposals in progress, and records who changed what', async () => {
      // In screening since Monday 16 November 2026; matching since Tuesday 1 December.
      const screening = await buildProposal(gate.database.db, {
        state: 'screening',
        phase_started_at: new Date('2026-11-16T01:00:00Z'),
        due_on: '2026-11-30',
      });
      const matching = await buildProposal(gate.database.db, {
        state: 'review',
        phase_started_at: new Date('2026-12-01T01:00:00Z'),
        due_on: '2026-12-15',
      });
      const closed = await buildProposal(gate.database.db, {
        state: 'adopted',
        phase_started_at: null,
        due_on: null,
      });

      await admin.visitor.get('/admin/time-targets');
      const response = await admin.visitor.post('/admin/time-targets', good);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/admin/time-targets');
      assert.deepEqual(await targets(), { screening: 5, matching: 15, dialogue: 30, decision: 8 });

      const dueOn = async (id: number) =>
        (
          await gate.database.db
            .selectFrom('proposal')
            .select('due_on')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).due_on;
      assert.equal(await dueOn(screening.proposal.id), '2026-11-24');
      assert.equal(await dueOn(matching.proposal.id), '2026-12-22');
      assert.equal(await dueOn(closed.proposal.id), null);

      const page = await admin.visitor.get('/admin/time-targets');
      assert.match(page.body, /目標期間を保存しました。/);
      assert.equal(valueOf(page.body, 'decision'), '8');

      const [record] = await gate.database.db
        .selectFrom('audit_event')
        .select(['actor_user_id', 'actor_email', 'details', 'target_kind'])
        .where('action', '=', 'timeTargets.changed')
        .execute();
      assert.equal(record?.actor_user_id, admin.user.id);
      assert.equal(record?.actor_email, 'admin@city.test');
      assert.deepEqual(record?.details, {
        before: { screening: 10, matching: 10, dialogue: 20, decision: 10 },
        after: { screening: 5, matching: 15, dialogue: 30, decision: 8 },
        dueDatesRecomputed: 2,
      });
      const audit = await admin.visitor.get('/admin/audit?action=timeTargets.changed');
      assert.match(audit.body, /目標期間の変更/);
    });
  });
}
