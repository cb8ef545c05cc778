import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { proposerVisitor, staffVisitor, type Visitor } from '../support/accounts.ts';
import { exclusiveArrangement } from '../support/arrangements.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { adoptedProposal, authorOf, deliveryCast, type DeliveryCast } from '../support/delivery.ts';
import { titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

for (const kind of testDatabaseKinds()) {
  describe(`fairness monitor and partnership budget pages (${kind} database)`, () => {
    let gate: TestGate;
    let cast: DeliveryCast;
    let gateStaff: Visitor;
    let admin: Visitor;
    let department: Visitor;
    let first: number;
    let second: number;

    const db = () => gate.database.db;

    async function auditCount(action: string): Promise<number> {
      const rows = await db()
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', action)
        .execute();
      return rows.length;
    }

    before(async () => {
      gate = await startGate(kind);
      await proposerVisitor(gate, 'snow@example.jp', 'Snow Works Co.');
      const author = await authorOf(gate, 'snow@example.jp');
      cast = await deliveryCast(gate, 'pages');
      first = await adoptedProposal(gate, cast, author, '除雪車の配車');
      second = await adoptedProposal(gate, cast, author, '公園の雪像づくり');
      await exclusiveArrangement(gate, cast, first, author.organisationId, '2027-03-31');
      await exclusiveArrangement(gate, cast, second, author.organisationId, null);
      gateStaff = (
        await staffVisitor(gate, 'fair-gate@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
      admin = (
        await staffVisitor(gate, 'fair-admin@city.example.jp', [
          { role: 'tenantAdmin', departmentId: null },
        ])
      ).visitor;
      department = (
        await staffVisitor(gate, 'fair-dept@city.example.jp', [
          { role: 'departmentStaff', departmentId: cast.departmentId },
        ])
      ).visitor;
    });

    after(async () => {
      await gate.close();
    });

    it('shows the gate an organisation holding two exclusive arrangements, in both languages', async () => {
      const inbox = await gateStaff.get('/staff');
      assert.match(inbox.body, /href="\/staff\/fairness"/);
      assert.match(inbox.body, /href="\/staff\/budget"/);

      const page = await gateStaff.get('/staff/fairness');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Snow Works Co\./);
      assert.match(page.body, /占有性の高い取決めを、同時に2件持っています。/);
      assert.match(page.body, /占有期間が36か月を超える取決めが1件あります。/);
      assert.match(page.body, new RegExp(`href="/staff/proposals/${first}">除雪車の配車`));
      assert.match(page.body, new RegExp(`href="/staff/proposals/${second}">公園の雪像づくり`));
      assert.match(page.body, /2026年4月1日から（終了日の定めなし）/);
      // Only the tenant admin changes the threshold.
      assert.doesNotMatch(page.body, /name="months"/);

      const english = await gateStaff.get('/en/staff/fairness');
      assert.equal(english.statusCode, 200);
      assert.match(english.body, /Holds 2 exclusive arrangements at the same time\./);
      assert.match(english.body, /1 April 2026 to 31 March 2027/);
    });

    it('no longer counts an arrangement whose verification decided to end the project', async () => {
      const db = gate.database.db;
      const ended = await db
        .insertInto('verification')
        .values({
          tenant_id: gate.app.gate.tenant().id,
          proposal_id: second,
          indicator_results: '{}',
          worked: '雪像は好評でした。',
          fell_short: '',
          lessons: '',
          city_view: '',
          implementer_view: '',
          continuation: 'end',
          needs_city_money: false,
          recorded_by: cast.departmentStaff.actor.userId,
          recorded_at: gate.clock.now(),
          updated_at: gate.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const page = await gateStaff.get('/staff/fairness');
        assert.doesNotMatch(page.body, /同時に2件持っています/);
        assert.doesNotMatch(page.body, /公園の雪像づくり/);
      } finally {
        await db.deleteFrom('verification').where('id', '=', ended.id).execute();
      }
    });

    it('keeps department staff, proposers and visitors out of the fairness monitor', async () => {
      const refused = await department.get('/staff/fairness');
      assert.equal(refused.statusCode, 404);
      const inbox = await department.get('/staff');
      assert.doesNotMatch(inbox.body, /href="\/staff\/fairness"/);
      const proposer = await proposerVisitor(gate, 'other@example.jp', 'Other Co.');
      assert.equal((await proposer.get('/staff/fairness')).statusCode, 404);
      const anonymous = await gate.app.inject({ method: 'GET', url: '/staff/fairness' });
      assert.equal(anonymous.statusCode, 303);
      assert.match(location(anonymous), /\/signin/);
      const posted = await gateStaff.post('/staff/fairness/threshold', { months: '12' });
      assert.equal(posted.statusCode, 404);
    });

    it('lets the tenant admin change the threshold, keeping what was typed on an error', async () => {
      const page = await admin.get('/staff/fairness');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="months"[^>]*value="36"/);

      const zero = await admin.post('/staff/fairness/threshold', { months: '０' });
      assert.equal(zero.statusCode, 400);
      assert.match(titleOf(zero.body) ?? '', /^エラー: /);
      assert.match(zero.body, /月数は、1から600までの整数で入力してください。/);
      assert.match(zero.body, /href="#field-months"/);
      assert.match(zero.body, /value="０"/);

      await admin.get('/en/staff/fairness');
      const words = await admin.post('/en/staff/fairness/threshold', {
        months: 'six hundred and one',
      });
      assert.equal(words.statusCode, 400);
      assert.match(titleOf(words.body) ?? '', /^Error: /);
      assert.match(words.body, /Enter the months as a whole number from 1 to 600\./);
      assert.match(words.body, /value="six hundred and one"/);

      const saved = await admin.post('/staff/fairness/threshold', { months: '６００' });
      assert.equal(saved.statusCode, 303);
      const after = await admin.get('/staff/fairness');
      assert.match(after.body, /長期間とみなす月数を600か月に変更しました。/);
      // The open-ended arrangement is still long; the one of twelve months is not.
      assert.match(after.body, /占有期間が600か月を超える取決めが1件あります。/);
      assert.equal(await auditCount('fairness.thresholdChanged'), 1);
      // Links to work pages are for the gate, which may open them.
      assert.doesNotMatch(after.body, new RegExp(`href="/staff/proposals/${first}"`));
    });

    it('creates a fund from an amount typed with separators, and explains a wrong one', async () => {
      await gateStaff.get('/staff/budget');
      const wrong = await gateStaff.post('/staff/budget/funds', {
        fiscalYear: '2026',
        amountYen: '300万',
        note: '市の一般財源',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(titleOf(wrong.body) ?? '', /^エラー: /);
      assert.match(wrong.body, /金額は「1,200,000」のように、円単位の整数で入力してください。/);
      assert.match(wrong.body, /value="300万"/);
      assert.match(wrong.body, /市の一般財源/);

      await gateStaff.get('/en/staff/budget');
      const english = await gateStaff.post('/en/staff/budget/funds', {
        fiscalYear: '',
        amountYen: '',
        note: '',
      });
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /Choose a fiscal year\./);
      assert.match(english.body, /Enter an amount\./);

      const created = await gateStaff.post('/staff/budget/funds', {
        fiscalYear: '2026',
        amountYen: '３，０００，０００',
        note: '',
      });
      assert.equal(created.statusCode, 303);
      assert.equal(location(created), '/staff/budget/2026');
      const list = await gateStaff.get('/staff/budget');
      assert.match(list.body, /令和8年度（2026年度）/);
      assert.match(list.body, /3,000,000円/);

      const again = await gateStaff.post('/staff/budget/funds', {
        fiscalYear: '2026',
        amountYen: '1',
        note: '',
      });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /この年度の予算はすでに登録されています。/);
      assert.equal((await department.get('/staff/budget')).statusCode, 404);
    });

    it('takes a request on the work page of the lead department, keeping typed values on an error', async () => {
      const page = await department.get(`/staff/proposals/${first}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /配分を申請する/);
      const url = `/staff/proposals/${first}/budget-request`;

      const wrong = await department.post(url, {
        budgetFiscalYear: '2026',
        budgetAmount: '12,00',
        budgetPurpose: '除雪車のGPS端末',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(titleOf(wrong.body) ?? '', /^エラー: /);
      assert.match(wrong.body, /href="#field-budgetAmount"/);
      assert.match(wrong.body, /value="12,00"/);
      assert.match(wrong.body, /除雪車のGPS端末/);

      await department.get(`/en/staff/proposals/${first}`);
      const english = await department.post(`/en${url}`, {
        budgetFiscalYear: '2026',
        budgetAmount: '１，２００，０００',
        budgetPurpose: '   ',
      });
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /Enter what the money is for\./);
      assert.match(english.body, /value="１，２００，０００"/);

      const filed = await department.post(url, {
        budgetFiscalYear: '2026',
        budgetAmount: '１，２００，０００',
        budgetPurpose: '除雪車のGPS端末',
      });
      assert.equal(filed.statusCode, 303);
      const after = await department.get(`/staff/proposals/${first}`);
      assert.match(after.body, /予算の配分を申請しました。/);
      assert.match(after.body, /1,200,000円/);
      assert.match(after.body, /審査中/);
      const row = await db()
        .selectFrom('budget_request')
        .select(['amount_yen', 'department_id'])
        .where('proposal_id', '=', first)
        .executeTakeFirstOrThrow();
      assert.equal(row.amount_yen, 1_200_000);
      assert.equal(row.department_id, cast.departmentId);

      // Staff of a department the proposal was never assigned to cannot even see it.
      const otherDepartment = await db()
        .selectFrom('department')
        .select('id')
        .where('id', '!=', cast.departmentId)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const stranger = (
        await staffVisitor(gate, 'fair-stranger@city.example.jp', [
          { role: 'departmentStaff', departmentId: otherDepartment.id },
        ])
      ).visitor;
      await stranger.get('/staff');
      const refused = await stranger.post(url, {
        budgetFiscalYear: '2026',
        budgetAmount: '100',
        budgetPurpose: '備品',
      });
      assert.equal(refused.statusCode, 404);
    });

    it('lets the gate allocate part of a request and refuse what the fund cannot hold', async () => {
      const request = await db()
        .selectFrom('budget_request')
        .select('id')
        .where('proposal_id', '=', first)
        .executeTakeFirstOrThrow();
      const year = await gateStaff.get('/staff/budget/2026');
      assert.equal(year.statusCode, 200);
      assert.match(year.body, new RegExp(`href="/staff/proposals/${first}"`));
      assert.match(
        year.body,
        new RegExp(`name="allocate-${request.id}-amount"[^>]*value="1,200,000"`),
      );
      const base = `/staff/budget/2026/requests/${request.id}`;

      const tooMuch = await gateStaff.post(`${base}/allocate`, {
        [`allocate-${request.id}-amount`]: '1,300,000',
        [`allocate-${request.id}-note`]: '一部のみ',
      });
      assert.equal(tooMuch.statusCode, 400);
      assert.match(tooMuch.body, /配分額は、申請額（1,200,000円）以下にしてください。/);
      assert.match(tooMuch.body, /value="1,300,000"/);

      const noReason = await gateStaff.post(`${base}/decline`, {
        [`decline-${request.id}-note`]: '',
      });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /見送りの理由を入力してください。/);

      const part = await gateStaff.post(`${base}/allocate`, {
        [`allocate-${request.id}-amount`]: '５００，０００',
        [`allocate-${request.id}-note`]: '',
      });
      assert.equal(part.statusCode, 303);
      const after = await gateStaff.get('/staff/budget/2026');
      assert.match(after.body, /予算を配分しました。/);
      assert.match(after.body, /<strong>2,500,000円<\/strong>/);

      // A second request larger than the balance is refused with words, not a failure.
      const filed = await department.post(`/staff/proposals/${second}/budget-request`, {
        budgetFiscalYear: '2026',
        budgetAmount: '2,600,000',
        budgetPurpose: '雪像の材料',
      });
      assert.equal(filed.statusCode, 303);
      const big = await db()
        .selectFrom('budget_request')
        .select('id')
        .where('proposal_id', '=', second)
        .executeTakeFirstOrThrow();
      await gateStaff.get('/en/staff/budget/2026');
      const over = await gateStaff.post(`/en/staff/budget/2026/requests/${big.id}/allocate`, {
        [`allocate-${big.id}-amount`]: '2,600,000',
        [`allocate-${big.id}-note`]: '',
      });
      assert.equal(over.statusCode, 409);
      assert.match(over.body, /This is more than the balance of the fund \(¥2,500,000\)\./);
      const fund = await db()
        .selectFrom('partnership_fund')
        .select('allocated_yen')
        .executeTakeFirstOrThrow();
      assert.equal(fund.allocated_yen, 500_000);

      // The requester takes the open request back on the proposal's work page.
      const work = await department.get(`/staff/proposals/${second}`);
      assert.match(work.body, /申請を取り下げる/);
      assert.doesNotMatch(
        (await gateStaff.get(`/staff/proposals/${second}`)).body,
        /申請を取り下げる/,
      );
      await department.get(`/staff/proposals/${second}`);
      const withdrawn = await department.post(
        `/staff/proposals/${second}/budget-requests/${big.id}/withdraw`,
      );
      assert.equal(withdrawn.statusCode, 303);
      const again = await department.get(`/staff/proposals/${second}`);
      assert.match(again.body, /申請を取り下げました。/);
      assert.match(again.body, /取下げ/);
    });

    it('changes a fund’s amount, never below what is allocated', async () => {
      await gateStaff.get('/staff/budget/2026');
      const below = await gateStaff.post('/staff/budget/2026/amount', { amountYen: '400,000' });
      assert.equal(below.statusCode, 409);
      assert.match(below.body, /予算額は、配分済みの額（500,000円）以上にしてください。/);
      assert.match(below.body, /name="amountYen"[^>]*value="400,000"/);
      const raised = await gateStaff.post('/staff/budget/2026/amount', {
        amountYen: '4,000,000円',
      });
      assert.equal(raised.statusCode, 303);
      const page = await gateStaff.get('/staff/budget/2026');
      assert.match(page.body, /令和8年度（2026年度）の予算額を4,000,000円に変更しました。/);
      assert.match(page.body, /<strong>3,500,000円<\/strong>/);
      assert.equal((await department.get('/staff/budget/2026')).statusCode, 404);
    });
  });
}
