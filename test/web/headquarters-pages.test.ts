import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { contentDisposition } from '../../src/app/files/file-name.ts';
import { proposerVisitor, queuedMails, staffVisitor, type Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  authorOf,
  escalatedProposal,
  processCast,
  type ProcessCast,
} from '../support/headquarters.ts';
import { titleOf } from '../support/html.ts';
import { tinyPdf } from '../support/multipart.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

for (const kind of testDatabaseKinds()) {
  describe(`headquarters meeting pages (${kind} database)`, () => {
    let gate: TestGate;
    let cast: ProcessCast;
    let secretariat: Visitor;
    let member: Visitor;
    let memberId: number;
    let otherMember: Visitor;
    let department: Visitor;
    let proposer: Visitor;
    let escalated: number;
    let inDialogue: number;
    let sessionPath: string;
    let itemId: number;

    const db = () => gate.database.db;

    async function auditCount(action: string, targetId: number | string): Promise<number> {
      const rows = await db()
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', action)
        .where('target_id', '=', String(targetId))
        .execute();
      return rows.length;
    }

    async function addItem(proposalId: number): Promise<number> {
      const page = await secretariat.get(sessionPath);
      assert.match(page.body, new RegExp(`<option value="${proposalId}"`));
      const added = await secretariat.post(`${sessionPath}/items`, {
        proposalId: String(proposalId),
        note: '',
      });
      assert.equal(added.statusCode, 303, added.body);
      const item = await db()
        .selectFrom('headquarters_item')
        .select('id')
        .where('proposal_id', '=', proposalId)
        .where('outcome', 'is', null)
        .executeTakeFirstOrThrow();
      return item.id;
    }

    before(async () => {
      gate = await startGate(kind);
      proposer = await proposerVisitor(gate, 'ice@example.jp', 'Ice Road Co.');
      const author = await authorOf(gate, 'ice@example.jp');
      cast = await processCast(gate, 'web');
      escalated = await escalatedProposal(gate, cast, author, '凍結路面の見える化', {
        escalationReason: '複数の局にまたがるため本部で判断をお願いします。',
      });
      inDialogue = await escalatedProposal(gate, cast, author, '対話中の除雪提案', {
        until: 'dialogue',
      });
      secretariat = (
        await staffVisitor(gate, 'secretariat@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
      const signedMember = await staffVisitor(gate, 'member@city.example.jp', [
        { role: 'headquartersMember', departmentId: null },
      ]);
      member = signedMember.visitor;
      memberId = signedMember.user.id;
      otherMember = (
        await staffVisitor(gate, 'other-member@city.example.jp', [
          { role: 'headquartersMember', departmentId: null },
        ])
      ).visitor;
      department = (
        await staffVisitor(gate, 'department@city.example.jp', [
          { role: 'departmentStaff', departmentId: cast.departmentId },
        ])
      ).visitor;
    });
    after(() => gate.close());

    it('lets the secretariat create a session, keeping what was typed when it is wrong', async () => {
      const form = await secretariat.get('/staff/headquarters/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Staff member@city\.example\.jp/);
      assert.doesNotMatch(form.body, /Staff department@city\.example\.jp/);

      const wrong = await secretariat.post('/staff/headquarters/new', {
        heldOn: '2026-13-40',
        title: '',
        place: '本庁舎18階',
        members: String(memberId),
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(titleOf(wrong.body) ?? '', /^エラー: /);
      assert.match(wrong.body, /開催日を「2026-12-20」の形で入力してください。/);
      assert.match(wrong.body, /href="#field-title"/);
      assert.match(wrong.body, /value="2026-13-40"/);
      assert.match(wrong.body, /value="本庁舎18階"/);
      assert.match(wrong.body, new RegExp(`value="${memberId}" checked`));

      const created = await secretariat.post('/staff/headquarters/new', {
        heldOn: '２０２６/12/03',
        title: '第3回官民連携推進本部会議',
        place: '本庁舎18階',
        members: String(memberId),
      });
      assert.equal(created.statusCode, 303);
      sessionPath = location(created);
      assert.match(sessionPath, /^\/staff\/headquarters\/\d+$/);
      const page = await secretariat.get(sessionPath);
      assert.match(page.body, /会議を登録しました。/);
      assert.match(page.body, /2026年12月3日/);
      assert.match(page.body, /Staff member@city\.example\.jp/);
      const list = await member.get('/staff/headquarters');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /今後の会議/);
      assert.match(list.body, /第3回官民連携推進本部会議/);
      assert.doesNotMatch(list.body, /会議を登録する/, 'members do not hold sessions');
    });

    it('puts only escalated proposals on the agenda, with what the members need', async () => {
      const page = await secretariat.get(sessionPath);
      assert.match(page.body, new RegExp(`<option value="${escalated}"`));
      assert.doesNotMatch(page.body, new RegExp(`<option value="${inDialogue}"`));
      const refused = await secretariat.post(`${sessionPath}/items`, {
        proposalId: String(inDialogue),
        note: '事前に資料を配布します。',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /本部会議に付議されていないため、議題に加えられません。/);
      assert.match(refused.body, /事前に資料を配布します。/);

      itemId = await addItem(escalated);
      const agenda = await member.get(sessionPath);
      assert.equal(agenda.statusCode, 200);
      const receipt = (
        await db()
          .selectFrom('proposal')
          .select('receipt_number')
          .where('id', '=', escalated)
          .executeTakeFirstOrThrow()
      ).receipt_number!;
      assert.match(agenda.body, new RegExp(receipt));
      assert.match(agenda.body, /凍結路面の見える化/);
      assert.match(agenda.body, /Ice Road Co\./);
      assert.match(agenda.body, /複数の局にまたがるため本部で判断をお願いします。/);
      assert.match(agenda.body, new RegExp(`href="/staff/proposals/${escalated}"`));
      assert.doesNotMatch(agenda.body, /議題に加える<\/h2>/, 'members do not set the agenda');
      const again = await secretariat.get(sessionPath);
      assert.doesNotMatch(again.body, new RegExp(`<option value="${escalated}"`));
    });

    it('gives departments, proposers and visitors nothing, and other members no decision', async () => {
      for (const path of [
        '/staff/headquarters',
        sessionPath,
        `${sessionPath}/items/${itemId}`,
        `${sessionPath}/packet`,
      ]) {
        assert.equal((await department.get(path)).statusCode, 404, path);
        assert.equal((await proposer.get(path)).statusCode, 404, path);
      }
      assert.ok((await department.get('/en/staff/headquarters')).statusCode === 404);
      const decisionPath = `${sessionPath}/items/${itemId}/decision`;
      await department.get('/account');
      const byDepartment = await department.post(decisionPath, {
        outcome: 'adopted',
        reason: '理由',
      });
      assert.equal(byDepartment.statusCode, 404);
      const item = await otherMember.get(`${sessionPath}/items/${itemId}`);
      assert.equal(item.statusCode, 200, 'every member may read the agenda');
      assert.doesNotMatch(item.body, /name="outcome"/);
      const byOther = await otherMember.post(decisionPath, { outcome: 'adopted', reason: '理由' });
      assert.equal(byOther.statusCode, 404);
      await secretariat.get(sessionPath);
      const bySecretariat = await secretariat.post(decisionPath, {
        outcome: 'adopted',
        reason: '理由',
      });
      assert.equal(bySecretariat.statusCode, 404);
      const state = await db()
        .selectFrom('proposal')
        .select('state')
        .where('id', '=', escalated)
        .executeTakeFirstOrThrow();
      assert.equal(state.state, 'escalated');
      assert.ok((await auditCount('access.denied', sessionPath.split('/').pop()!)) >= 1);
    });

    it('shows the packet with the proposal, marking and recording confidential content', async () => {
      const before = await auditCount('proposal.confidentialRead', escalated);
      const packet = await member.get(`${sessionPath}/packet`);
      assert.equal(packet.statusCode, 200);
      assert.match(packet.body, /第3回官民連携推進本部会議 会議資料/);
      assert.match(packet.body, /議題1\u3000凍結路面の見える化/);
      assert.match(packet.body, /凍結路面の見える化の概要です。/);
      assert.match(packet.body, /除雪の担い手が不足しています。/);
      assert.match(packet.body, /秘密の配車アルゴリズムを使います。/);
      assert.match(packet.body, /tag-confidential">非開示</);
      assert.match(packet.body, /2,500,000円/);
      assert.match(packet.body, /課題の解決に大きく役立ちます。/);
      assert.match(packet.body, /複数の局にまたがるため本部で判断をお願いします。/);
      assert.doesNotMatch(packet.body, /<form/);
      assert.equal(await auditCount('proposal.confidentialRead', escalated), before + 1);
    });

    it('attaches an expert opinion with a file that only the meeting may download', async () => {
      const itemPage = `${sessionPath}/items/${itemId}`;
      await secretariat.get(itemPage);
      const wrong = await secretariat.postMultipart(
        `${itemPage}/opinions`,
        [
          ['expertName', '北 太郎'],
          ['affiliation', '北海道大学'],
          ['body', ''],
        ],
        [{ name: 'file', filename: 'opinion.pdf', content: Buffer.from('not a pdf at all') }],
      );
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /ファイルの名前と中身の種類が一致しません|このファイルの種類は/);
      assert.match(wrong.body, /value="北 太郎"/);
      assert.match(wrong.body, /value="北海道大学"/);

      const done = await secretariat.postMultipart(
        `${itemPage}/opinions`,
        [
          ['expertName', '北 太郎'],
          ['affiliation', '北海道大学'],
          ['body', '実証の範囲を区切れば効果を測れます。'],
        ],
        [{ name: 'file', filename: '意見書.pdf', content: tinyPdf, type: 'application/pdf' }],
      );
      assert.equal(done.statusCode, 303, done.body);
      const page = await member.get(itemPage);
      assert.match(page.body, /実証の範囲を区切れば効果を測れます。/);
      const link = /href="([^"]+\/opinions\/\d+\/file)"/.exec(page.body)?.[1];
      assert.ok(link, 'the file is linked');

      const file = await member.get(link);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['content-disposition'], contentDisposition('意見書.pdf'));
      assert.match(String(file.headers['content-disposition']), /^attachment/);
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      assert.equal(file.rawPayload.toString('latin1'), tinyPdf.toString('latin1'));
      assert.ok((await auditCount('attachment.downloaded', sessionPath.split('/').pop()!)) >= 1);
      assert.equal((await department.get(link)).statusCode, 404);
      assert.equal((await proposer.get(link)).statusCode, 404);
    });

    it('records a member’s decision, which the proposer is told with its reason', async () => {
      const itemPage = `${sessionPath}/items/${itemId}`;
      const page = await member.get(itemPage);
      assert.match(page.body, /name="outcome"/);
      const empty = await member.post(`${itemPage}/decision`, { outcome: '', reason: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /採択するか、採択しないかを選んでください。/);
      const partial = await member.post(`${itemPage}/decision`, {
        outcome: 'notAdopted',
        reason: '',
      });
      assert.equal(partial.statusCode, 400);
      assert.match(partial.body, /value="notAdopted" checked/);

      const reason = '費用に見合う効果が見込めないため、今回は採択しないこととしました。';
      const done = await member.post(`${itemPage}/decision`, { outcome: 'notAdopted', reason });
      assert.equal(done.statusCode, 303);
      const after = await member.get(location(done));
      assert.match(after.body, /決定を記録しました。/);
      assert.match(after.body, new RegExp(reason));
      assert.doesNotMatch(after.body, /name="outcome"/);
      const proposal = await db()
        .selectFrom('proposal')
        .select('state')
        .where('id', '=', escalated)
        .executeTakeFirstOrThrow();
      assert.equal(proposal.state, 'notAdopted');
      const mails = await queuedMails(gate, 'proposalStateChanged', 'ice@example.jp');
      assert.ok(mails.some((m) => m.params.state === 'notAdopted' && m.params.reason === reason));
      const mine = await proposer.get(`/my/proposals/${escalated}`);
      assert.match(mine.body, new RegExp(reason));

      const twice = await member.post(`${itemPage}/decision`, { outcome: 'adopted', reason: '再' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /すでに決定が記録されています。/);
      const removed = await secretariat.post(`${itemPage}/remove`);
      assert.equal(removed.statusCode, 303);
      const still = await db()
        .selectFrom('headquarters_item')
        .select('id')
        .where('id', '=', itemId)
        .executeTakeFirst();
      assert.ok(still, 'a decided item stays on the agenda');
    });

    it('turns twenty simultaneous decision requests into one decision', async () => {
      const author = await authorOf(gate, 'ice@example.jp');
      const id = await escalatedProposal(gate, cast, author, '同時送信の提案');
      const item = await addItem(id);
      const path = `${sessionPath}/items/${item}/decision`;
      await member.get(`${sessionPath}/items/${item}`);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          member.post(path, { outcome: 'adopted', reason: `同時の理由 ${n}` }),
        ),
      );
      const codes = responses.map((response) => response.statusCode).sort();
      assert.equal(codes.filter((code) => code === 303).length, 1, codes.join(','));
      assert.ok(
        codes.every((code) => code === 303 || code === 409),
        codes.join(','),
      );
      const decisions = await db()
        .selectFrom('proposal_decision')
        .select('id')
        .where('proposal_id', '=', id)
        .where('body', '=', 'headquarters')
        .execute();
      assert.equal(decisions.length, 1);
    });
  });
}
