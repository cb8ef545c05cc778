import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { moveProposal } from '../../src/app/process/move.ts';
import { submitProposal } from '../../src/app/proposals/submit.ts';
import {
  proposerVisitor,
  queuedMails,
  someDepartment,
  staffVisitor,
  type Visitor,
} from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  authorOf,
  processEnv,
  submittedProposal,
  tinyPdfFile,
  type Author,
} from '../support/proposals.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

for (const kind of testDatabaseKinds()) {
  describe(`staff work area (${kind} database)`, () => {
    let gate: TestGate;
    let proposer: Visitor;
    let author: Author;
    let gateStaff: Visitor;
    let leadStaff: Visitor;
    let supportStaff: Visitor;
    let outsider: Visitor;
    let approver: Visitor;
    let supportApprover: Visitor;
    let deptA: number;
    let deptB: number;
    let deptC: number;

    /** Every ground of exclusion ticked as checked. */
    const allClear = async (): Promise<[string, string][]> =>
      (await gate.database.db.selectFrom('eligibility_ground').select('code').execute()).map(
        (row) => ['checks', row.code],
      );

    const stateOf = async (id: number) =>
      (
        await gate.database.db
          .selectFrom('proposal')
          .select('state')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).state;

    before(async () => {
      gate = await startGate(kind);
      proposer = await proposerVisitor(gate, 'leaf@example.jp', 'Leaf Works');
      author = await authorOf(gate, 'leaf@example.jp');
      deptA = await someDepartment(gate, 3);
      deptB = await someDepartment(gate, 4);
      deptC = await someDepartment(gate, 5);
      gateStaff = (
        await staffVisitor(gate, 'gate@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
      leadStaff = (
        await staffVisitor(gate, 'lead@city.example.jp', [
          { role: 'departmentStaff', departmentId: deptA },
        ])
      ).visitor;
      supportStaff = (
        await staffVisitor(gate, 'support@city.example.jp', [
          { role: 'departmentStaff', departmentId: deptB },
        ])
      ).visitor;
      outsider = (
        await staffVisitor(gate, 'outsider@city.example.jp', [
          { role: 'departmentStaff', departmentId: deptC },
        ])
      ).visitor;
      approver = (
        await staffVisitor(gate, 'approver@city.example.jp', [
          { role: 'departmentApprover', departmentId: deptA },
        ])
      ).visitor;
      supportApprover = (
        await staffVisitor(gate, 'approver-b@city.example.jp', [
          { role: 'departmentApprover', departmentId: deptB },
        ])
      ).visitor;
    });
    after(() => gate.close());

    it('takes a proposal from the inbox through screening, matching, assessment and a decision the proposer reads', async () => {
      const { id, receiptNumber, attachmentId } = await submittedProposal(
        gate,
        author,
        '落ち葉の堆肥化',
        { attachment: true },
      );
      const page = `/staff/proposals/${id}`;

      const inbox = await gateStaff.get('/staff');
      assert.equal(inbox.statusCode, 200);
      assert.match(inbox.body, new RegExp(receiptNumber));
      assert.match(inbox.body, /落ち葉の堆肥化/);
      assert.equal((await gateStaff.get('/staff/proposals')).statusCode, 301);

      const opened = await gateStaff.get(page);
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /aria-current="step"/);
      assert.match(opened.body, /官民連携窓口/); // who holds it
      assert.match(opened.body, /目標10開庁日/);
      assert.equal(location(await gateStaff.post(`${page}/move`, { to: 'screening' })), page);
      assert.equal(await stateOf(id), 'screening');

      // Asking for information needs the questions; what was typed stays.
      const blank = await gateStaff.post(`${page}/screening`, {
        outcome: 'infoRequested',
        reason: '  ',
        referTo: '',
      });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /理由を入力してください。/);
      assert.match(blank.body, /value="infoRequested" checked/);
      assert.equal(await stateOf(id), 'screening');

      await gateStaff.get(page);
      const asked = await gateStaff.post(`${page}/screening`, [
        ['checks', 'publicBenefit'],
        ['outcome', 'infoRequested'],
        ['referTo', ''],
        ['reason', '費用の見込みを教えてください。'],
      ]);
      assert.equal(location(asked), page);
      assert.equal(await stateOf(id), 'infoRequested');
      const told = await queuedMails(gate, 'proposalStateChanged', 'leaf@example.jp');
      assert.deepEqual(
        told.map((mail) => mail.params.state),
        ['infoRequested', 'screening'],
      );
      assert.equal(told[0]!.params.reason, '費用の見込みを教えてください。');

      // The edit form's "submit" does not pretend to resubmit: the answer does that.
      const viaForm = await submitProposal(processEnv(gate), { ...author, lang: 'ja' }, id, []);
      assert.deepEqual(viaForm, { ok: false, reason: 'answerPending' });
      assert.equal(await stateOf(id), 'infoRequested');

      // The proposer answers and resubmits; the gate accepts it for review.
      const proposerActor = proposer && {
        actor: {
          kind: 'proposer' as const,
          userId: author.userId,
          tenantId: gate.app.gate.tenant().id,
          organisationId: author.organisationId,
          organisationAdmin: true,
          verified: true,
        },
        email: author.email,
      };
      const resubmitted = await moveProposal(processEnv(gate), proposerActor, id, 'submitted', '');
      assert.ok(resubmitted.ok);
      await gateStaff.post(`${page}/move`, { to: 'screening' });
      const unchecked = await gateStaff.post(`${page}/screening`, [
        ['checks', (await allClear())[0]![1]],
        ['outcome', 'review'],
        ['reason', ''],
        ['referTo', ''],
      ]);
      assert.equal(unchecked.statusCode, 400);
      assert.match(unchecked.body, /すべての項目に当たらないことを確認してください/);
      assert.equal(await stateOf(id), 'screening');
      await gateStaff.post(`${page}/screening`, [
        ...(await allClear()),
        ['outcome', 'review'],
        ['reason', ''],
        ['referTo', ''],
      ]);
      assert.equal(await stateOf(id), 'review');

      // Before matching no department sees it; the page suggests departments with reasons.
      assert.equal((await leadStaff.get(page)).statusCode, 404);
      const matching = await gateStaff.get(page);
      assert.match(matching.body, /マッチング（担当部署の割当）/);
      const assigned = await gateStaff.post(`${page}/assignment`, [
        ['lead', String(deptA)],
        ['supporting', String(deptB)],
      ]);
      assert.equal(location(assigned), page);
      assert.equal((await queuedMails(gate, 'proposalAssigned', 'lead@city.example.jp')).length, 1);
      assert.equal(
        (await queuedMails(gate, 'proposalAssigned', 'support@city.example.jp')).length,
        1,
      );

      // Assigned departments see it; another department gets "not found", as for nothing.
      assert.equal((await supportStaff.get(page)).statusCode, 200);
      assert.equal((await outsider.get(page)).statusCode, 404);
      assert.doesNotMatch((await outsider.get('/staff')).body, /落ち葉の堆肥化/);
      const file = `/proposals/${id}/attachments/${attachmentId}`;
      assert.equal((await outsider.get(file)).statusCode, 404);
      assert.equal((await supportStaff.get(file)).statusCode, 200);
      await outsider.get('/staff');
      const post = await outsider.postMultipart(`${page}/messages`, [
        ['kind', 'message'],
        ['body', '担当外の部署から'],
      ]);
      assert.equal(post.statusCode, 404);
      const meeting = await outsider.post(`${page}/meetings`, {
        date: '2026-12-10',
        time: '10:00',
      });
      assert.equal(meeting.statusCode, 404);

      // The lead department starts the dialogue; a decision needs its assessment first.
      await leadStaff.get(page);
      assert.equal(location(await leadStaff.post(`${page}/move`, { to: 'dialogue' })), page);
      assert.equal(await stateOf(id), 'dialogue');
      const early = await leadStaff.post(`${page}/move`, { to: 'decision' });
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /検討・評価を記録してから/);

      const missing = await leadStaff.post(`${page}/assessment`, {
        departmentId: String(deptA),
        contribution: '地域の課題に合っています。',
        conflict: 'declared',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /評価を選んでください。/);
      assert.match(missing.body, /利害関係の内容を入力してください。/);
      assert.match(missing.body, /地域の課題に合っています。/);

      const assessment = {
        departmentId: String(deptA),
        contributionRating: 'high',
        contribution: '地域の課題に合っています。',
        feasibilityRating: 'medium',
        feasibility: '人手の確保が鍵です。',
        strategyFitRating: 'high',
        strategyFit: '環境計画に沿います。',
        resources: '公園の一角を使います。',
        outcomeTargets: '堆肥10トン',
        concerns: '',
        conflict: 'none',
        conflictNote: '',
      };
      assert.equal(location(await leadStaff.post(`${page}/assessment`, assessment)), page);
      // A supporting department assesses too, but cannot move the proposal.
      await supportStaff.get(page);
      await supportStaff.post(`${page}/assessment`, { ...assessment, departmentId: String(deptB) });
      const notLead = await supportStaff.post(`${page}/move`, { to: 'decision' });
      assert.equal(notLead.statusCode, 403);
      assert.equal(await stateOf(id), 'dialogue');

      await leadStaff.get(page);
      assert.equal(location(await leadStaff.post(`${page}/move`, { to: 'decision' })), page);
      assert.equal(await stateOf(id), 'decision');

      // Only the lead department's approver decides; the supporting one gets no form.
      const otherApprover = await supportApprover.get(page);
      assert.doesNotMatch(otherApprover.body, /判断を記録する/);
      const refused = await supportApprover.post(`${page}/decision`, {
        decision: 'adopted',
        reason: '良い提案です。',
      });
      assert.equal(refused.statusCode, 403);

      const decisionPage = await approver.get(page);
      assert.match(decisionPage.body, /判断を記録する/);
      const noReason = await approver.post(`${page}/decision`, { decision: 'notAdopted' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /理由を入力してください。/);

      // Twenty simultaneous decisions: one is recorded, the others are refused.
      const reason =
        '今年度は予算の見込みが立たないため、見送ります。来年度の公募をご検討ください。';
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          approver.post(`${page}/decision`, { decision: 'notAdopted', reason }),
        ),
      );
      assert.equal(answers.filter((a) => a.statusCode === 303).length, 1);
      assert.equal(answers.filter((a) => a.statusCode === 409).length, 19);
      const decisions = await gate.database.db
        .selectFrom('proposal_decision')
        .selectAll()
        .where('proposal_id', '=', id)
        .execute();
      assert.equal(decisions.length, 1);
      assert.equal(decisions[0]!.outcome, 'notAdopted');
      assert.equal(await stateOf(id), 'notAdopted');

      // The proposer is told by mail with the reason, and reads it on their page.
      const decided = await queuedMails(gate, 'proposalStateChanged', 'leaf@example.jp');
      assert.equal(decided[0]!.params.state, 'notAdopted');
      assert.equal(decided[0]!.params.reason, reason);
      // Nobody can move it on.
      const mine = await proposer.get(`/my/proposals/${id}`);
      assert.match(mine.body, /来年度の公募をご検討ください。/);
      const after = await gateStaff.post(`${page}/move`, { to: 'screening' });
      assert.equal(after.statusCode, 409);
      assert.match(after.body, /今の状況ではできません/);
    });

    it('lets staff write messages and internal notes and arrange a meeting, shown only as meant', async () => {
      const { id } = await submittedProposal(gate, author, '雪像の再利用');
      const page = `/staff/proposals/${id}`;
      await gateStaff.get(page);
      await gateStaff.post(`${page}/move`, { to: 'screening' });
      await gateStaff.post(`${page}/screening`, [
        ...(await allClear()),
        ['outcome', 'review'],
        ['reason', ''],
        ['referTo', ''],
      ]);
      await gateStaff.post(`${page}/assignment`, [['lead', String(deptA)]]);

      await leadStaff.get(page);
      const empty = await leadStaff.postMultipart(`${page}/messages`, [
        ['kind', 'message'],
        ['body', '   '],
      ]);
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /本文を入力してください。/);

      const eleven = Array.from({ length: 11 }, (_, n) => ({
        name: 'files',
        filename: `資料${n + 1}.pdf`,
        type: 'application/pdf',
        content: tinyPdfFile,
      }));
      const tooMany = await leadStaff.postMultipart(
        `${page}/messages`,
        [
          ['kind', 'message'],
          ['body', '資料をまとめてお送りします。'],
        ],
        eleven,
      );
      assert.equal(tooMany.statusCode, 400);
      assert.match(tooMany.body, /10ファイルまで/);
      assert.match(tooMany.body, /資料をまとめてお送りします。/);

      // The same form sent twice (Back, then send again) posts once and mails once.
      const form = await leadStaff.get(page);
      const postKey = /name="postKey" value="([^"]+)"/.exec(form.body)?.[1];
      assert.ok(postKey);
      const fields: [string, string][] = [
        ['postKey', postKey],
        ['kind', 'message'],
        ['body', '来週、現地をご案内いただけますか。'],
      ];
      const message = await leadStaff.postMultipart(`${page}/messages`, fields);
      assert.equal(location(message), page);
      const again = await leadStaff.postMultipart(`${page}/messages`, fields);
      assert.equal(location(again), page);
      const copies = await gate.database.db
        .selectFrom('proposal_message')
        .select('id')
        .where('proposal_id', '=', id)
        .where('body', '=', '来週、現地をご案内いただけますか。')
        .execute();
      assert.equal(copies.length, 1);
      assert.equal((await queuedMails(gate, 'proposalMessage', 'leaf@example.jp')).length, 1);
      const note = await leadStaff.postMultipart(`${page}/messages`, [
        ['kind', 'note'],
        ['body', '庁内限り：予算の余地は小さい。'],
      ]);
      assert.equal(location(note), page);

      // A proposer cannot use the staff forms, even for their own proposal.
      await proposer.get(`/my/proposals/${id}`);
      const sideDoor = await proposer.postMultipart(`${page}/messages`, [
        ['kind', 'message'],
        ['body', '横から'],
      ]);
      assert.equal(sideDoor.statusCode, 404);

      const mine = await proposer.get(`/my/proposals/${id}`);
      assert.match(mine.body, /来週、現地をご案内いただけますか。/);
      assert.doesNotMatch(mine.body, /予算の余地は小さい/);
      const staffView = await supportStaff.get(page);
      assert.equal(staffView.statusCode, 404); // not assigned
      const gateView = await gateStaff.get(page);
      assert.match(gateView.body, /予算の余地は小さい/);
      const mails = await gate.database.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'params'])
        .execute();
      assert.ok(mails.every((mail) => !JSON.stringify(mail.params).includes('予算の余地')));

      // A meeting: a date that does not exist is refused and what was typed is kept.
      await leadStaff.get(page);
      const wrong = await leadStaff.post(`${page}/meetings`, [
        ['date', '2026-02-30'],
        ['time', '14:00'],
        ['place', '市役所本庁舎5階'],
        ['purpose', '現地確認'],
        ['attendees', String(author.userId)],
      ]);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /日付と時刻を正しく入力してください/);
      assert.match(wrong.body, /市役所本庁舎5階/);
      const meeting = await leadStaff.post(`${page}/meetings`, [
        ['date', '2026-12-10'],
        ['time', '14:00'],
        ['place', '市役所本庁舎5階'],
        ['onlineUrl', ''],
        ['purpose', '現地確認'],
        ['otherAttendees', ''],
        ['attendees', String(author.userId)],
      ]);
      assert.equal(location(meeting), page);
      const row = await gate.database.db
        .selectFrom('proposal_meeting')
        .select('starts_at')
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(new Date(row.starts_at).toISOString(), '2026-12-10T05:00:00.000Z');
      const invited = await proposer.get(`/my/proposals/${id}`);
      assert.match(invited.body, /市役所本庁舎5階/);
    });

    it('refers a proposal straight to the department that owns it', async () => {
      const { id } = await submittedProposal(gate, author, '除雪ボランティアの仕組み');
      const page = `/staff/proposals/${id}`;
      await gateStaff.get(page);
      await gateStaff.post(`${page}/move`, { to: 'screening' });
      const noDepartment = await gateStaff.post(`${page}/screening`, {
        outcome: 'referred',
        referTo: '',
        reason: '',
      });
      assert.equal(noDepartment.statusCode, 400);
      assert.match(noDepartment.body, /案内先の部署/);
      await gateStaff.post(`${page}/screening`, [
        ...(await allClear()),
        ['outcome', 'referred'],
        ['referTo', String(deptC)],
        ['reason', ''],
      ]);
      assert.equal(await stateOf(id), 'referred');
      const theirs = await outsider.get(page);
      assert.equal(theirs.statusCode, 200);
      assert.match(theirs.body, /案内を受け、検討を始める/);
      await outsider.post(`${page}/move`, { to: 'review' });
      assert.equal(await stateOf(id), 'review');
    });

    it('filters the inbox by state and flags overdue proposals', async () => {
      const { id } = await submittedProposal(gate, author, '期限を過ぎる提案');
      const today = await gateStaff.get('/staff?state=submitted');
      assert.match(today.body, /期限を過ぎる提案/);
      assert.doesNotMatch(today.body, /落ち葉の堆肥化/);
      // As if it had arrived three weeks ago: its ten working days of screening have passed.
      const weeksAgo = new Date(gate.clock.now().getTime() - 21 * 86_400_000);
      await gate.database.db
        .updateTable('proposal')
        .set({ phase_started_at: weeksAgo, due_on: '2026-11-26' })
        .where('id', '=', id)
        .execute();
      const later = await gateStaff.get('/staff?overdue=yes');
      assert.match(later.body, /期限を過ぎる提案/);
      assert.match(later.body, /期限超過/);
      const work = await gateStaff.get(`/staff/proposals/${id}`);
      assert.match(work.body, /期限を過ぎています。/);
      const english = await gateStaff.get('/en/staff?overdue=yes');
      assert.match(english.body, /Overdue/);
    });
  });
}
