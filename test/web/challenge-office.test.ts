import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { proposerVisitor, queuedMails, staffVisitor, type Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** The fields of a complete challenge form. */
function challengeFields(departmentId: number, title: string): Record<string, string> {
  return {
    departmentId: String(departmentId),
    title_ja: title,
    wanted_ja: '冬の歩道の転倒を減らしたい。',
    situation_ja: '毎年、多くの方が転倒して救急搬送されています。',
    version: '0',
  };
}

/** Posts a step of a challenge with the version its page shows, as the page's form does. */
async function step(visitor: Visitor, id: number, fields: Record<string, string>) {
  const page = await visitor.get(`/staff/challenges/${id}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  return visitor.post(`/staff/challenges/${id}/step`, { ...fields, version });
}

for (const kind of testDatabaseKinds()) {
  describe(`challenge staff pages (${kind} database)`, () => {
    let gate: TestGate;
    let office: Visitor;
    let north: Visitor;
    let south: Visitor;
    let bureaus: { id: number }[];

    before(async () => {
      gate = await startGate(kind);
      bureaus = await gate.database.db
        .selectFrom('department')
        .select('id')
        .where('parent_id', 'is', null)
        .orderBy('id')
        .limit(3)
        .execute();
      office = (
        await staffVisitor(gate, 'gate@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
      north = (
        await staffVisitor(gate, 'north@city.example.jp', [
          { role: 'departmentStaff', departmentId: bureaus[0]!.id },
        ])
      ).visitor;
      south = (
        await staffVisitor(gate, 'south@city.example.jp', [
          { role: 'departmentStaff', departmentId: bureaus[1]!.id },
        ])
      ).visitor;
    });
    after(async () => gate?.close());

    it('the gate opens a call; departments see it and answer; the gate sees who did and reminds the rest', async () => {
      const refused = await office.submit('/staff/challenge-calls/new', {
        title: '令和9年度の課題照会',
        instructions: '',
        deadline: '2026-13-01',
        departments: String(bureaus[0]!.id),
      });
      assert.equal(refused.statusCode, 400);
      assert.match(titleOf(refused.body) ?? '', /^エラー/);
      assert.match(refused.body, /令和9年度の課題照会/); // typed value kept
      assert.match(refused.body, /日付を「2026-12-20」の形で入力してください。/);

      await office.get('/staff/challenge-calls/new');
      const created = await office.post('/staff/challenge-calls/new', {
        title: '令和9年度の課題照会',
        instructions: '各部署の課題を提出してください。',
        deadline: '2026-12-20',
        departments: String(bureaus[0]!.id),
        // a second checkbox of the same name
      });
      assert.equal(created.statusCode, 303);
      const callPath = location(created);
      const callId = Number(/\/(\d+)$/.exec(callPath)?.[1]);
      assert.ok(callId > 0);
      const mails = await queuedMails(gate, 'challengeCall', 'north@city.example.jp');
      assert.equal(mails.length, 1);
      assert.equal((await queuedMails(gate, 'challengeCall', 'south@city.example.jp')).length, 0);

      // The department asked sees the call; the other one gets "not found".
      const seen = await north.get(`/staff/challenge-calls/${callId}`);
      assert.equal(seen.statusCode, 200);
      assert.match(seen.body, /各部署の課題を提出してください。/);
      assert.equal((await south.get(`/staff/challenge-calls/${callId}`)).statusCode, 404);

      const answers = await office.get(`/staff/challenge-calls/${callId}`);
      assert.match(answers.body, /1部署中0部署が提出/);
      const reminded = await office.post(`/staff/challenge-calls/${callId}/remind`);
      assert.equal(reminded.statusCode, 303);
      const reminders = await queuedMails(gate, 'challengeCall', 'north@city.example.jp');
      assert.equal(reminders.length, 2);
      assert.equal(reminders[0]!.params.reminder, true);
      // A second press right after sends nothing more.
      await office.get(`/staff/challenge-calls/${callId}`);
      await office.post(`/staff/challenge-calls/${callId}/remind`);
      assert.equal((await queuedMails(gate, 'challengeCall', 'north@city.example.jp')).length, 2);

      // The department writes a challenge for the call and submits it.
      await north.get(`/staff/challenges/new?call=${callId}`);
      const bad = await north.post('/staff/challenges/new', {
        ...challengeFields(bureaus[0]!.id, ''),
        call: String(callId),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /冬の歩道の転倒を減らしたい。/);
      const saved = await north.post('/staff/challenges/new', {
        ...challengeFields(bureaus[0]!.id, '歩道の凍結対策'),
        call: String(callId),
      });
      assert.equal(saved.statusCode, 303, saved.body);
      const challengePath = location(saved);
      const challengeId = Number(/\/(\d+)$/.exec(challengePath)?.[1]);
      const page = await north.get(challengePath);
      assert.match(page.body, /窓口に提出する/);
      const submitted = await step(north, challengeId, { step: 'submit' });
      assert.equal(submitted.statusCode, 303);
      assert.equal((await south.get(challengePath)).statusCode, 404);

      const after = await office.get(`/staff/challenge-calls/${callId}`);
      assert.match(after.body, /1部署中1部署が提出/);
      assert.match(after.body, /歩道の凍結対策/);

      // Returned with a comment: the comment is required, and the author is told.
      const noComment = await step(office, challengeId, {
        step: 'return',
        comment: '',
      });
      assert.equal(noComment.statusCode, 400);
      const returned = await step(office, challengeId, {
        step: 'return',
        comment: '目指す成果を数字で書いてください。',
      });
      assert.equal(returned.statusCode, 303);
      const told = await queuedMails(gate, 'challengeReturned', 'north@city.example.jp');
      assert.equal(told[0]?.params.comment, '目指す成果を数字で書いてください。');
      const back = await north.get(challengePath);
      assert.match(back.body, /目指す成果を数字で書いてください。/);
      // A second return of the same challenge is refused clearly, not with a 500.
      const twice = await step(office, challengeId, {
        step: 'return',
        comment: 'もう一度',
      });
      assert.equal(twice.statusCode, 409);
    });

    it('the gate publishes a challenge with a theme call, checks the dates, and answers questions', async () => {
      await office.get('/staff/challenges/new');
      const saved = await office.post(
        '/staff/challenges/new',
        challengeFields(bureaus[1]!.id, '公園の利活用'),
      );
      assert.equal(saved.statusCode, 303);
      const id = Number(/\/(\d+)$/.exec(location(saved))?.[1]);
      const wrong = await office.post(`/staff/challenges/${id}/theme-call`, {
        opensOn: '2026-12-10',
        closesOn: '2026-12-01',
        questionDeadline: '',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /募集終了日には、募集開始日以降の日付を入力してください。/);
      for (const [dates, message] of [
        [
          { opensOn: '2026-12-10', closesOn: '2026-12-20', questionDeadline: '2026-12-05' },
          /質問の受付期限には、募集開始日以降の日付を入力してください。/,
        ],
        [
          { opensOn: '2020-01-01', closesOn: '2020-02-01', questionDeadline: '' },
          /募集終了日には、今日以降の日付を入力してください。/,
        ],
        [
          { opensOn: '2026-12-01', closesOn: '9999-12-25', questionDeadline: '' },
          /募集期間は2年以内にしてください。/,
        ],
      ] as const) {
        const refused = await office.post(`/staff/challenges/${id}/theme-call`, dates);
        assert.equal(refused.statusCode, 400);
        assert.match(refused.body, message);
      }
      const call = await office.post(`/staff/challenges/${id}/theme-call`, {
        opensOn: '2026-12-01',
        closesOn: '2026-12-20',
        questionDeadline: '2026-12-10',
        conditions_ja: '札幌市内に事業所があること',
      });
      assert.equal(call.statusCode, 303);
      // A step asked on a page older than the last save is refused, so nothing unseen is published.
      const stale = await office.post(`/staff/challenges/${id}/step`, {
        step: 'publish',
        version: '0',
      });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /ページを開いた後にほかの職員が保存しました/);
      const published = await step(office, id, { step: 'publish' });
      assert.equal(published.statusCode, 303);
      const portal = await gate.app.inject({ url: `/challenges/${id}` });
      assert.equal(portal.statusCode, 200);
      assert.match(portal.body, /札幌市内に事業所があること/);

      // Referral and sharing are recorded; the portal shows it as wide-area.
      const detail = await office.get(`/staff/challenges/${id}`);
      const program = /name="program"[\s\S]*?<option value="(\d+)"/.exec(detail.body)?.[1];
      const city = /name="cities" value="(\d+)"/.exec(detail.body)?.[1];
      assert.ok(program && city);
      const referred = await office.post(`/staff/challenges/${id}/referral`, {
        program,
        note: 'DXラボで実証実験を検討',
      });
      assert.equal(referred.statusCode, 303);
      const shared = await office.post(`/staff/challenges/${id}/sharing`, { cities: city });
      assert.equal(shared.statusCode, 303);
      const referral = await gate.database.db
        .selectFrom('challenge_referral')
        .selectAll()
        .where('challenge_id', '=', id)
        .executeTakeFirst();
      assert.equal(referral?.note, 'DXラボで実証実験を検討');
      await gate.app.gate.refresh();
      const wide = await gate.app.inject({ url: '/challenges?scope=wide-area' });
      assert.match(wide.body, /公園の利活用/);
      assert.match(wide.body, /広域の課題/);
      assert.match(wide.body, /1件/);
      const page = await gate.app.inject({ url: `/en/challenges/${id}` });
      assert.match(page.body, /Shared with/);
    });

    it('the gate hands a free proposal to a partner program; a department cannot', async () => {
      const proposer = await proposerVisitor(gate, 'dx@startup.example.jp', 'DX Startup');
      assert.ok(proposer);
      const member = await gate.database.db
        .selectFrom('user_account as u')
        .innerJoin('organisation_member as m', 'm.user_id', 'u.id')
        .select(['u.id', 'm.organisation_id'])
        .where('u.email', '=', 'dx@startup.example.jp')
        .executeTakeFirstOrThrow();
      const now = gate.clock.now();
      const row = await gate.database.db
        .insertInto('proposal')
        .values({
          tenant_id: gate.app.gate.tenant().id,
          organisation_id: member.organisation_id,
          kind: 'free',
          state: 'submitted',
          title: 'AIで除雪の経路を最適化する実証',
          receipt_number: '2026-9001',
          created_by: member.id,
          updated_by: member.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const url = `/staff/partner-referrals/proposals/${row.id}`;
      assert.equal((await north.get(url)).statusCode, 404);
      const page = await office.get(url);
      assert.equal(page.statusCode, 200);
      const program = /<option value="(\d+)"/.exec(page.body)?.[1];
      const empty = await office.post(url, { program: '', note: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<title>エラー/);
      const saved = await office.post(url, { program: program!, note: 'DXラボの実証枠へ' });
      assert.equal(saved.statusCode, 303);
      const recorded = await gate.database.db
        .selectFrom('challenge_referral')
        .select(['note', 'challenge_id'])
        .where('proposal_id', '=', row.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(recorded, { note: 'DXラボの実証枠へ', challenge_id: null });
      const audit = await gate.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_kind', '=', 'proposal')
        .where('target_id', '=', String(row.id))
        .execute();
      assert.ok(audit.some((a) => a.action === 'challenge.referred'));
    });
  });
}
