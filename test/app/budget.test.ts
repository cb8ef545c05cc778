import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changeFundAmount, createFund } from '../../src/app/budget/funds.ts';
import { listFunds, requestsOfProposal } from '../../src/app/budget/queries.ts';
import {
  allocateRequest,
  declineRequest,
  fileRequest,
  withdrawRequest,
} from '../../src/app/budget/requests.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { renderMail } from '../../src/app/mail/templates.ts';
import { proposerVisitor, queuedMails } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  adoptedProposal,
  authorOf,
  deliveryCast,
  processEnv,
  type DeliveryCast,
} from '../support/delivery.ts';
import { escalatedProposal, processStaff } from '../support/headquarters.ts';
import { startGate, type TestGate } from '../support/server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`partnership budget commands (${kind} database)`, () => {
    let gate: TestGate;
    let cast: DeliveryCast;
    let otherDepartment: ProcessActor;
    let proposerActor: ProcessActor;
    let adopted: number;
    let inDialogue: number;

    const env = () => processEnv(gate);
    const db = () => gate.database.db;

    async function fund(fiscalYear: number) {
      return db()
        .selectFrom('partnership_fund')
        .selectAll()
        .where('fiscal_year', '=', fiscalYear)
        .executeTakeFirstOrThrow();
    }

    async function auditCount(action: string): Promise<number> {
      const rows = await db()
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', action)
        .execute();
      return rows.length;
    }

    async function request(by: ProcessActor, fiscalYear: number, amountYen: number) {
      const filed = await fileRequest(env(), by, adopted, {
        fiscalYear,
        amountYen,
        purpose: '実証実験の機材費',
      });
      assert.ok(filed.ok, JSON.stringify(filed));
      return filed.requestId;
    }

    before(async () => {
      gate = await startGate(kind);
      await proposerVisitor(gate, 'fund@example.jp', 'Fund Works Co.');
      const author = await authorOf(gate, 'fund@example.jp');
      cast = await deliveryCast(gate, 'budget');
      adopted = await adoptedProposal(gate, cast, author, '除雪の見える化');
      inDialogue = await escalatedProposal(gate, cast, author, '対話中の提案', {
        until: 'dialogue',
      });
      const other = await db()
        .selectFrom('department')
        .select('id')
        .where('id', '!=', cast.departmentId)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      otherDepartment = await processStaff(gate, 'budget-other@city.example.jp', [
        { role: 'departmentStaff', departmentId: other.id },
      ]);
      proposerActor = {
        actor: {
          kind: 'proposer',
          userId: author.userId,
          tenantId: gate.app.gate.tenant().id,
          organisationId: author.organisationId,
          organisationAdmin: true,
          verified: true,
        },
        email: author.email,
      };
    });

    after(async () => {
      await gate.close();
    });

    it('lets the gate create one fund per fiscal year, and nobody else', async () => {
      const created = await createFund(env(), cast.gateStaff, {
        fiscalYear: 2026,
        amountYen: 3_000_000,
        note: '',
      });
      assert.ok(created.ok);
      const again = await createFund(env(), cast.gateStaff, {
        fiscalYear: 2026,
        amountYen: 5_000_000,
        note: '',
      });
      assert.deepEqual(again, { ok: false, refusal: 'fundExists' });
      const byDepartment = await createFund(env(), cast.departmentStaff, {
        fiscalYear: 2027,
        amountYen: 1,
        note: '',
      });
      assert.deepEqual(byDepartment, { ok: false, refusal: 'notAllowed' });
      assert.equal((await fund(2026)).amount_yen, 3_000_000);
      assert.equal(await auditCount('budget.fundCreated'), 1);
    });

    it('takes requests from the lead department only, for adopted proposals only', async () => {
      await request(cast.departmentStaff, 2026, 1_200_000);
      await request(cast.approver, 2026, 500_000);
      const input = { fiscalYear: 2026, amountYen: 100, purpose: '機材費' };
      // The gate allocates; it does not ask for money itself.
      assert.deepEqual(await fileRequest(env(), cast.gateStaff, adopted, input), {
        ok: false,
        refusal: 'notAllowed',
      });
      assert.deepEqual(await fileRequest(env(), otherDepartment, adopted, input), {
        ok: false,
        refusal: 'notFound',
      });
      assert.deepEqual(await fileRequest(env(), proposerActor, adopted, input), {
        ok: false,
        refusal: 'notAllowed',
      });
      assert.deepEqual(await fileRequest(env(), cast.departmentStaff, inDialogue, input), {
        ok: false,
        refusal: 'notFundable',
      });
      assert.deepEqual(
        await fileRequest(env(), cast.departmentStaff, adopted, { ...input, fiscalYear: 2030 }),
        { ok: false, refusal: 'noFund' },
      );
      const rows = await requestsOfProposal(db(), gate.app.gate.tenant().id, adopted);
      assert.deepEqual(
        rows.map((row) => [row.amountYen, row.state, row.departmentId]),
        [
          [1_200_000, 'requested', cast.departmentId],
          [500_000, 'requested', cast.departmentId],
        ],
      );
      assert.equal(await auditCount('budget.requested'), 2);
    });

    it('allocates in full or in part, refuses more than asked, and mails the requester', async () => {
      const [first, second] = await requestsOfProposal(db(), gate.app.gate.tenant().id, adopted);
      assert.deepEqual(
        await allocateRequest(env(), cast.gateStaff, first!.id, { amountYen: 1_200_001, note: '' }),
        { ok: false, refusal: 'moreThanRequested' },
      );
      assert.deepEqual(
        await allocateRequest(env(), cast.departmentStaff, first!.id, { note: '' }),
        { ok: false, refusal: 'notAllowed' },
      );
      const full = await allocateRequest(env(), cast.gateStaff, first!.id, { note: '' });
      assert.ok(full.ok);
      const part = await allocateRequest(env(), cast.gateStaff, second!.id, {
        amountYen: 300_000,
        note: '機材は一部を市の備品で賄ってください。',
      });
      assert.ok(part.ok);
      assert.deepEqual(await allocateRequest(env(), cast.gateStaff, first!.id, { note: '' }), {
        ok: false,
        refusal: 'notOpen',
      });
      assert.equal((await fund(2026)).allocated_yen, 1_500_000);
      const [funds] = await listFunds(db(), gate.app.gate.tenant().id);
      assert.equal(funds!.amountYen - funds!.allocatedYen, 1_500_000);

      const mails = await queuedMails(gate, 'budgetAllocated');
      assert.equal(mails.length, 2);
      assert.equal(mails[0]!.to, cast.approver.email);
      assert.equal(mails[0]!.params.allocatedYen, 300_000);
      assert.equal(mails[1]!.to, cast.departmentStaff.email);
      const signature = { gateName: '窓口', cityName: '札幌市', office: '事務局', siteUrl: 'x' };
      const text = renderMail('budgetAllocated', 'ja', mails[0]!.params as never, signature);
      assert.match(text.text, /申請額：500,000円\n配分額：300,000円/);
      assert.match(text.text, /令和8年度/);
      const english = renderMail('budgetAllocated', 'en', mails[0]!.params as never, signature);
      assert.match(english.subject, /^Partnership budget allocated/);
      assert.match(english.text, /Requested: ¥500,000\nAllocated: ¥300,000/);
      assert.match(english.text, /FY2026/);
      assert.match(english.text, /機材は一部を市の備品で賄ってください。/);
      assert.equal(await auditCount('budget.allocated'), 2);
    });

    it('declines with a note, and lets only the requester withdraw an open request', async () => {
      const declined = await request(cast.departmentStaff, 2026, 700_000);
      assert.deepEqual(await declineRequest(env(), cast.gateStaff, declined, '  '), {
        ok: false,
        refusal: 'invalid',
      });
      assert.ok((await declineRequest(env(), cast.gateStaff, declined, '今年度は対象外です。')).ok);
      const [mail] = await queuedMails(gate, 'budgetDeclined', cast.departmentStaff.email);
      assert.equal(mail!.params.note, '今年度は対象外です。');
      const signature = { gateName: '窓口', cityName: '札幌市', office: '事務局', siteUrl: 'x' };
      const ja = renderMail('budgetDeclined', 'ja', mail!.params as never, signature);
      assert.match(ja.text, /見送りの理由：\n今年度は対象外です。/);
      assert.match(ja.text, /申請額：700,000円/);
      const en = renderMail('budgetDeclined', 'en', mail!.params as never, signature);
      assert.match(en.text, /The reason given was:\n今年度は対象外です。/);
      assert.match(en.text, new RegExp(`/staff/proposals/${adopted}`));
      assert.deepEqual(await withdrawRequest(env(), cast.departmentStaff, declined), {
        ok: false,
        refusal: 'notOpen',
      });

      const open = await request(cast.departmentStaff, 2026, 200_000);
      assert.deepEqual(await withdrawRequest(env(), cast.gateStaff, open), {
        ok: false,
        refusal: 'notAllowed',
      });
      assert.ok((await withdrawRequest(env(), cast.departmentStaff, open)).ok);
      assert.deepEqual(await allocateRequest(env(), cast.gateStaff, open, { note: '' }), {
        ok: false,
        refusal: 'notOpen',
      });
      assert.equal((await fund(2026)).allocated_yen, 1_500_000);
      assert.equal(await auditCount('budget.declined'), 1);
      assert.equal(await auditCount('budget.withdrawn'), 1);
    });

    it('lets nobody decide on a request they filed themselves', async () => {
      const both = await processStaff(gate, 'both-roles@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
        { role: 'departmentStaff', departmentId: cast.departmentId },
      ]);
      const own = await request(both, 2026, 50_000);
      assert.deepEqual(await allocateRequest(env(), both, own, { note: '' }), {
        ok: false,
        refusal: 'ownRequest',
      });
      assert.deepEqual(await declineRequest(env(), both, own, '見送ります。'), {
        ok: false,
        refusal: 'ownRequest',
      });
      assert.ok((await withdrawRequest(env(), both, own)).ok);
    });

    it('raises a fund, and never lowers it below what is allocated', async () => {
      const { id } = await fund(2026);
      assert.deepEqual(await changeFundAmount(env(), cast.gateStaff, id, 1_499_999), {
        ok: false,
        refusal: 'belowAllocated',
      });
      assert.ok((await changeFundAmount(env(), cast.gateStaff, id, 1_500_000)).ok);
      assert.ok((await changeFundAmount(env(), cast.gateStaff, id, 4_000_000)).ok);
      assert.equal((await fund(2026)).amount_yen, 4_000_000);
      assert.equal(await auditCount('budget.fundChanged'), 2);
    });

    it('refuses over-allocation when twenty allocations race for one fund', async () => {
      assert.ok(
        (
          await createFund(env(), cast.gateStaff, {
            fiscalYear: 2027,
            amountYen: 1_000_000,
            note: '',
          })
        ).ok,
      );
      const ids: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        ids.push(await request(cast.departmentStaff, 2027, 100_000));
      }
      const results = await Promise.all(
        ids.map((id) => allocateRequest(env(), cast.gateStaff, id, { note: '' })),
      );
      assert.equal(results.filter((r) => r.ok).length, 10);
      assert.deepEqual(
        results.filter((r) => !r.ok),
        Array.from({ length: 10 }, () => ({ ok: false, refusal: 'overAllocation' })),
      );
      const row = await fund(2027);
      assert.equal(row.allocated_yen, 1_000_000);
      const states = await db()
        .selectFrom('budget_request')
        .select(['state'])
        .where('fund_id', '=', row.id)
        .execute();
      assert.equal(states.filter((s) => s.state === 'allocated').length, 10);
      assert.equal(states.filter((s) => s.state === 'requested').length, 10);
    });
  });
}
