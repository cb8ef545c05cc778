import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  runOverdueDigest,
  scheduleOverdueDigest,
  type DigestRun,
} from '../../src/jobs/overdue-digest.ts';
import { createStaff, queuedMails, someDepartment } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { buildProposal } from '../support/factories.ts';
import { startGate, type TestGate } from '../support/server.ts';

/** A moment at a Sapporo wall-clock time. */
function jst(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}

interface DigestItem {
  receiptNumber: string;
  title: string;
  state: string;
  dueOn: string;
  daysOverdue: number;
  link: string;
}

for (const kind of testDatabaseKinds()) {
  describe(`overdue digest (${kind})`, () => {
    let gate: TestGate;
    const receipts: Record<string, string> = {};
    const ids: Record<string, number> = {};
    const proposerEmails: string[] = [];

    const run = (at: Date, hour = 8): Promise<DigestRun> => {
      gate.clock.set(at);
      return runOverdueDigest({
        db: gate.database.db,
        tenant: gate.app.gate.tenant(),
        clock: gate.clock,
        publicUrl: 'http://gate.test',
        hour,
      });
    };
    const digests = () => queuedMails(gate, 'overdueDigest');
    const itemsOf = async (to: string) => {
      const mails = await queuedMails(gate, 'overdueDigest', to);
      return mails.map((mail) => mail.params.items as DigestItem[]);
    };
    const receiptsOf = (items: DigestItem[] | undefined) =>
      (items ?? []).map((item) => item.receiptNumber);

    before(async () => {
      gate = await startGate(kind);
      const db = gate.database.db;
      const [leadDepartment, supportingDepartment, idleDepartment] = await Promise.all([
        someDepartment(gate, 1),
        someDepartment(gate, 2),
        someDepartment(gate, 3),
      ]);
      await createStaff(gate, 'gate@city.test', [{ role: 'gateStaff', departmentId: null }]);
      const english = await createStaff(gate, 'gate-en@city.test', [
        { role: 'gateStaff', departmentId: null },
      ]);
      await db
        .updateTable('user_account')
        .set({ lang: 'en' })
        .where('id', '=', english.id)
        .execute();
      await createStaff(gate, 'lead@city.test', [
        { role: 'departmentStaff', departmentId: leadDepartment },
      ]);
      await createStaff(gate, 'approver@city.test', [
        { role: 'departmentApprover', departmentId: leadDepartment },
      ]);
      await createStaff(gate, 'supporting@city.test', [
        { role: 'departmentStaff', departmentId: supportingDepartment },
        { role: 'departmentApprover', departmentId: supportingDepartment },
      ]);
      await createStaff(gate, 'idle@city.test', [
        { role: 'departmentStaff', departmentId: idleDepartment },
      ]);
      await createStaff(gate, 'hq@city.test', [{ role: 'headquartersMember', departmentId: null }]);
      await createStaff(gate, 'admin@city.test', [{ role: 'tenantAdmin', departmentId: null }]);
      // Holds both the gate and the lead department: still one mail, with both kinds of item.
      await createStaff(gate, 'both@city.test', [
        { role: 'gateStaff', departmentId: null },
        { role: 'departmentStaff', departmentId: leadDepartment },
      ]);
      const disabled = await createStaff(gate, 'gone@city.test', [
        { role: 'gateStaff', departmentId: null },
      ]);
      await db
        .updateTable('user_account')
        .set({ status: 'disabled' })
        .where('id', '=', disabled.id)
        .execute();

      // Today is Thursday 3 December 2026.
      const build = async (name: string, values: Parameters<typeof buildProposal>[1]) => {
        const { proposal, proposerEmail } = await buildProposal(db, values);
        receipts[name] = proposal.receipt_number!;
        ids[name] = proposal.id;
        proposerEmails.push(proposerEmail);
      };
      await build('screeningLate', { state: 'screening', due_on: '2026-12-01' });
      await build('submittedLate', { state: 'submitted', due_on: '2026-12-02' });
      await build('screeningDueToday', { state: 'screening', due_on: '2026-12-03' });
      await build('dialogueLate', {
        state: 'dialogue',
        due_on: '2026-11-30',
        leadDepartmentId: leadDepartment,
        supportingDepartmentIds: [supportingDepartment],
      });
      await build('decisionLate', {
        state: 'decision',
        due_on: '2026-11-27',
        leadDepartmentId: leadDepartment,
        supportingDepartmentIds: [supportingDepartment],
      });
      await build('referredOnTime', {
        state: 'referred',
        due_on: '2026-12-10',
        leadDepartmentId: idleDepartment,
      });
      // The headquarters has no time target of its own; a clock left on one still counts.
      await build('escalatedLate', {
        state: 'escalated',
        due_on: '2026-11-30',
        escalated_at: new Date('2026-11-20T01:00:00Z'),
        leadDepartmentId: leadDepartment,
      });
      await build('withdrawnStale', { state: 'withdrawn', due_on: '2026-11-20' });
      await build('infoRequestedStale', { state: 'infoRequested', due_on: '2026-11-20' });
      await build('adopted', { state: 'adopted', due_on: null, phase_started_at: null });
    });

    after(async () => {
      await gate.close();
    });

    it('sends nothing before the hour, in the tenant’s time zone', async () => {
      // 07:59 in Sapporo is 22:59 UTC the day before.
      assert.deepEqual(await run(jst('2026-12-03', '07:59')), {
        sent: false,
        day: '2026-12-03',
        why: 'beforeHour',
      });
      assert.equal((await run(jst('2026-12-03', '08:30'), 9)).sent, false);
      assert.equal((await digests()).length, 0);
      const claims = await gate.database.db.selectFrom('daily_run').selectAll().execute();
      assert.equal(claims.length, 0);
    });

    it('sends each responsible member of staff one mail with only what they hold', async () => {
      const result = await run(jst('2026-12-03', '08:00'));
      assert.equal(result.sent, true);
      const mails = await digests();
      const recipients = mails.map((mail) => mail.to).sort();
      assert.deepEqual(recipients, [
        'approver@city.test',
        'both@city.test',
        'gate-en@city.test',
        'gate@city.test',
        'hq@city.test',
        'lead@city.test',
      ]);
      assert.deepEqual(result, { sent: true, day: '2026-12-03', mails: 6, proposals: 5 });

      const gateItems = (await itemsOf('gate@city.test'))[0];
      // Most overdue first.
      assert.deepEqual(receiptsOf(gateItems), [receipts.screeningLate, receipts.submittedLate]);
      assert.deepEqual(receiptsOf((await itemsOf('lead@city.test'))[0]), [receipts.dialogueLate]);
      assert.deepEqual(receiptsOf((await itemsOf('approver@city.test'))[0]), [
        receipts.decisionLate,
      ]);
      assert.deepEqual(receiptsOf((await itemsOf('hq@city.test'))[0]), [receipts.escalatedLate]);
      assert.deepEqual(receiptsOf((await itemsOf('both@city.test'))[0]), [
        receipts.dialogueLate,
        receipts.screeningLate,
        receipts.submittedLate,
      ]);
    });

    it('counts the days overdue in working days and links to each proposal’s staff page', async () => {
      const [gateItems] = await itemsOf('gate@city.test');
      assert.deepEqual(gateItems![0], {
        receiptNumber: receipts.screeningLate,
        title: gateItems![0]!.title,
        state: 'screening',
        dueOn: '2026-12-01',
        daysOverdue: 2,
        link: `http://gate.test/staff/proposals/${ids.screeningLate}`,
      });
      // Due on Friday 27 November; Monday to Thursday have passed since.
      const [approverItems] = await itemsOf('approver@city.test');
      assert.equal(approverItems![0]!.daysOverdue, 4);
      const [english] = await queuedMails(gate, 'overdueDigest', 'gate-en@city.test');
      assert.equal(english!.lang, 'en');
      assert.equal(english!.params.link, 'http://gate.test/en/staff?overdue=yes');
      const items = english!.params.items as DigestItem[];
      assert.equal(items[0]!.link, `http://gate.test/en/staff/proposals/${ids.screeningLate}`);
    });

    it('tells nothing of a proposal beyond its receipt number and title', async () => {
      for (const mail of await digests()) {
        assert.deepEqual(Object.keys(mail.params).sort(), ['items', 'link', 'name']);
        for (const item of mail.params.items as DigestItem[]) {
          assert.deepEqual(Object.keys(item).sort(), [
            'daysOverdue',
            'dueOn',
            'link',
            'receiptNumber',
            'state',
            'title',
          ]);
        }
        assert.ok(!JSON.stringify(mail.params).includes('confidential summary'));
      }
    });

    it('sends nothing to the proposer, a department not responsible, an admin or a disabled account', async () => {
      const recipients = new Set((await digests()).map((mail) => mail.to));
      for (const email of [
        ...proposerEmails,
        'supporting@city.test',
        'idle@city.test',
        'admin@city.test',
        'gone@city.test',
      ]) {
        assert.equal(recipients.has(email), false, email);
      }
    });

    it('goes once a day, however often it runs', async () => {
      const before = (await digests()).length;
      assert.deepEqual(await run(jst('2026-12-03', '08:05')), {
        sent: false,
        day: '2026-12-03',
        why: 'alreadySent',
      });
      assert.equal((await run(jst('2026-12-03', '17:30'))).sent, false);
      assert.equal((await digests()).length, before);
    });

    it('goes once when several runs start at the same moment', async () => {
      const before = (await digests()).length;
      gate.clock.set(jst('2026-12-04', '09:00'));
      const options = {
        db: gate.database.db,
        tenant: gate.app.gate.tenant(),
        clock: gate.clock,
        publicUrl: 'http://gate.test',
        hour: 8,
      };
      const runs = await Promise.all(Array.from({ length: 5 }, () => runOverdueDigest(options)));
      assert.equal(runs.filter((result) => result.sent).length, 1);
      assert.equal((await digests()).length, before + 6);
      // The next day counts one more working day.
      const [latest] = await itemsOf('gate@city.test');
      assert.equal(latest![0]!.daysOverdue, 3);
      const claims = await gate.database.db
        .selectFrom('daily_run')
        .select(['day', 'kind'])
        .orderBy('day')
        .execute();
      assert.deepEqual(claims, [
        { day: '2026-12-03', kind: 'overdueDigest' },
        { day: '2026-12-04', kind: 'overdueDigest' },
      ]);
    });

    it('stays quiet on days the office is closed', async () => {
      const before = (await digests()).length;
      assert.equal((await run(jst('2026-12-05', '09:00'))).sent, false);
      assert.equal((await run(jst('2026-12-30', '09:00'))).sent, false);
      assert.equal((await digests()).length, before);
    });

    it('is scheduled by an interval that sends the day’s digest once and stops', async () => {
      const before = (await digests()).length;
      gate.clock.set(jst('2026-12-07', '08:15'));
      const runs: DigestRun[] = [];
      const stop = scheduleOverdueDigest({
        db: gate.database.db,
        tenant: () => gate.app.gate.tenant(),
        clock: gate.clock,
        publicUrl: 'http://gate.test',
        hour: 8,
        intervalMs: 5,
        onRun: (result) => runs.push(result),
        onError: (error) => assert.fail(String(error)),
      });
      while (runs.length < 3) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      stop();
      assert.equal(runs.filter((result) => result.sent).length, 1);
      assert.equal((await digests()).length, before + 6);
    });
  });
}
