import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/app/accounts/password-hash.ts';
import {
  postMessage,
  scheduleMeeting,
  threadOf,
  type ThreadEntry,
} from '../../src/app/process/dialogue.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import {
  goodPassword,
  proposerVisitor,
  queuedMails,
  someDepartment,
  staffVisitor,
  Visitor,
} from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  assign,
  dialogueEnv,
  moveThrough,
  proposerActor,
  staffActor,
  storedPdf,
  submittedProposal,
} from '../support/dialogue.ts';
import { titleOf } from '../support/html.ts';
import { tinyPdf } from '../support/multipart.ts';
import { startGate, type TestGate } from '../support/server.ts';

const noteText = '庁内メモ：この事業者は他市でも同じ提案をしている';
const noteFile = 'internal-budget.pdf';

for (const kind of testDatabaseKinds()) {
  describe(`the proposer's side of the dialogue (${kind} database)`, () => {
    let gate: TestGate;
    let alice: Visitor;
    let amy: Visitor; // a colleague of Alice's, not invited to the meeting
    let bob: Visitor; // of another organisation
    let aliceActor: ProcessActor;
    let gateStaff: ProcessActor;
    let leadStaff: ProcessActor;
    let proposal: { id: number; receiptNumber: string };
    let noteEntry: ThreadEntry;
    let staffMessage: ThreadEntry;
    const page = () => `/my/proposals/${proposal.id}`;
    const fileUrl = (entry: ThreadEntry) =>
      `/proposals/${proposal.id}/messages/${entry.id}/files/${entry.files[0]!.id}`;

    async function allOutbox(): Promise<string> {
      const rows = await gate.database.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'params'])
        .execute();
      return rows.map((row) => `${row.to_address} ${JSON.stringify(row.params)}`).join('\n');
    }

    async function colleagueOf(email: string, colleague: string): Promise<Visitor> {
      const db = gate.database.db;
      const member = await db
        .selectFrom('organisation_member as m')
        .innerJoin('user_account as u', 'u.id', 'm.user_id')
        .select('m.organisation_id')
        .where('u.email', '=', email)
        .executeTakeFirstOrThrow();
      const user = await db
        .insertInto('user_account')
        .values({
          tenant_id: gate.app.gate.tenant().id,
          kind: 'proposer',
          email: colleague,
          name: 'Amy Colleague',
          password_hash: await hashPassword(goodPassword),
          email_verified_at: gate.clock.now(),
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          password_changed_at: gate.clock.now(),
          status: 'active',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('organisation_member')
        .values({ organisation_id: member.organisation_id, user_id: user.id, role: 'member' })
        .execute();
      const visitor = new Visitor(gate.app);
      await visitor.signIn(colleague);
      return visitor;
    }

    before(async () => {
      gate = await startGate(kind);
      alice = await proposerVisitor(gate, 'alice@alpha.example.jp', 'Alpha Co.');
      bob = await proposerVisitor(gate, 'bob@beta.example.jp', 'Beta Co.');
      amy = await colleagueOf('alice@alpha.example.jp', 'amy@alpha.example.jp');
      aliceActor = await proposerActor(gate, 'alice@alpha.example.jp');
      gateStaff = await staffActor(gate, 'gate@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      const lead = await someDepartment(gate, 1);
      leadStaff = await staffActor(gate, 'lead@city.example.jp', [
        { role: 'departmentStaff', departmentId: lead },
      ]);
      proposal = await submittedProposal(gate, aliceActor, '雪を冷房に使う提案');
      await assign(gate, proposal.id, lead, gateStaff);
      await moveThrough(gate, gateStaff, proposal.id, ['screening']);

      const env = dialogueEnv(gate);
      const said = await postMessage(env, leadStaff, proposal.id, {
        kind: 'message',
        body: '資料を拝見しました。',
        files: [await storedPdf(gate, 'city-reply.pdf')],
      });
      assert.ok(said.ok);
      const noted = await postMessage(env, leadStaff, proposal.id, {
        kind: 'note',
        body: noteText,
        files: [await storedPdf(gate, noteFile)],
      });
      assert.ok(noted.ok);
      const thread = await threadOf(gate.database.db, gate.app.gate.tenant().id, proposal.id, {
        proposerView: false,
      });
      noteEntry = thread.find((entry) => entry.kind === 'note')!;
      staffMessage = thread.find((entry) => entry.kind === 'message')!;
      const meeting = await scheduleMeeting(env, leadStaff, proposal.id, {
        startsAt: new Date('2026-12-10T05:00:00Z'),
        place: '本庁舎 5階 会議室A',
        onlineUrl: 'https://meet.example.jp/room-42',
        purpose: '実施体制の確認',
        attendeeUserIds: [aliceActor.actor.userId, leadStaff.actor.userId],
        otherAttendees: '',
      });
      assert.ok(meeting.ok);
    });
    after(() => gate.close());

    it('shows where the proposal stands, what happens next, the thread and the meeting', async () => {
      const response = await alice.get(page());
      assert.equal(response.statusCode, 200);
      const html = response.body;
      assert.match(html, /状況のご案内/);
      assert.match(html, /要件確認中/);
      assert.match(html, /官民連携窓口/, 'who holds it');
      assert.match(html, /これからの流れ/);
      assert.match(html, /資料を拝見しました。/);
      assert.match(html, /city-reply\.pdf/);
      assert.doesNotMatch(html, /Staff lead@city/, 'staff are named by their unit');
      assert.match(html, /本庁舎 5階 会議室A/);
      assert.match(html, /https:\/\/meet\.example\.jp\/room-42/);
      assert.match(html, /enctype="multipart\/form-data"/);
      assert.match(html, new RegExp(`action="/my/proposals/${proposal.id}/messages"`));
      assert.doesNotMatch(html, /name="kind"/, 'no internal-note choice for proposers');
    });

    it('never shows the proposer an internal note: page, print view, mail, files', async () => {
      for (const url of [page(), `${page()}/print`, `/en${page()}`, `/en${page()}/print`]) {
        const response = await alice.get(url);
        assert.equal(response.statusCode, 200, url);
        assert.doesNotMatch(response.body, /この事業者は他市でも/, url);
        assert.doesNotMatch(response.body, new RegExp(noteFile), url);
        assert.doesNotMatch(response.body, /庁内メモ|Internal note/, url);
      }
      assert.doesNotMatch(await allOutbox(), /この事業者は他市でも|internal-budget/);
      const mails = await queuedMails(gate, 'proposalMessage', 'alice@alpha.example.jp');
      assert.equal(mails.length, 1, 'one mail for the staff message, none for the note');

      const download = await alice.get(fileUrl(noteEntry));
      assert.equal(download.statusCode, 404);
      const english = await alice.get(`/en${fileUrl(noteEntry)}`);
      assert.equal(english.statusCode, 404);
    });

    it('lets the organisation download a message’s file as an attachment', async () => {
      const download = await alice.get(fileUrl(staffMessage));
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.match(String(download.headers['content-disposition']), /^attachment;/);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.equal(download.rawPayload.subarray(0, 5).toString(), '%PDF-');

      const wrongMessage = `/proposals/${proposal.id}/messages/${noteEntry.id}/files/${staffMessage.files[0]!.id}`;
      assert.equal((await alice.get(wrongMessage)).statusCode, 404);
    });

    it('answers 404 to another organisation for the page, the posts and the files', async () => {
      assert.equal((await bob.get(page())).statusCode, 404);
      assert.equal((await bob.get(fileUrl(staffMessage))).statusCode, 404);
      assert.equal((await bob.get(fileUrl(noteEntry))).statusCode, 404);
      await bob.get('/my/proposals');
      const post = await bob.postMultipart(`${page()}/messages`, [['body', '横から失礼します']]);
      assert.equal(post.statusCode, 404);
      const answer = await bob.postMultipart(`${page()}/answer`, [['answer', '他社の回答']]);
      assert.equal(answer.statusCode, 404);
      const stored = await gate.database.db
        .selectFrom('proposal_message')
        .select('id')
        .where('body', 'in', ['横から失礼します', '他社の回答'])
        .execute();
      assert.equal(stored.length, 0);
    });

    it('hides the meeting’s place and link from a colleague who is not invited', async () => {
      const response = await amy.get(page());
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /実施体制の確認/, 'the meeting itself is shown');
      assert.doesNotMatch(response.body, /会議室A/);
      assert.doesNotMatch(response.body, /room-42/);
      assert.match(response.body, /出席者にのみお知らせしています。/);
    });

    it('posts a reply with a file and tells the city’s side, not the proposer', async () => {
      await gate.database.db.deleteFrom('mail_outbox').execute();
      await alice.get(page());
      const response = await alice.postMultipart(
        `${page()}/messages`,
        [['body', '追加の資料をお送りします。']],
        [{ name: 'files', filename: 'extra.pdf', content: tinyPdf, type: 'application/pdf' }],
      );
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, page());
      const after = await alice.get(page());
      assert.match(after.body, /メッセージを送信しました。/);
      assert.match(after.body, /追加の資料をお送りします。/);
      assert.match(after.body, /extra\.pdf/);
      const to = (await queuedMails(gate, 'proposalMessage')).map((mail) => mail.to).sort();
      assert.deepEqual(to, ['gate@city.example.jp', 'lead@city.example.jp']);
    });

    it('keeps the typed text when the message is empty or a file is refused', async () => {
      await alice.get(page());
      const empty = await alice.postMultipart(`${page()}/messages`, [['body', '   ']]);
      assert.equal(empty.statusCode, 400);
      assert.match(titleOf(empty.body) ?? '', /^エラー: /);
      assert.match(empty.body, /本文を入力してください。/);
      assert.match(empty.body, /href="#field-body"/);

      const typed = '見積書を添付します。<script>x</script>';
      const refused = await alice.postMultipart(
        `${page()}/messages`,
        [['body', typed]],
        [{ name: 'files', filename: 'tool.exe', content: Buffer.from('MZ binary') }],
      );
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /「tool\.exe」は添付できない形式です。/);
      assert.match(refused.body, /見積書を添付します。&lt;script>x&lt;\/script>/);
      assert.match(refused.body, /href="#field-files"/);

      const disguised = await alice.postMultipart(
        `${page()}/messages`,
        [['body', '図面です。']],
        [{ name: 'files', filename: 'plan.pdf', content: Buffer.from('<html>not a pdf</html>') }],
      );
      assert.equal(disguised.statusCode, 400);
      assert.match(disguised.body, /拡張子と内容が一致しない/);
      assert.match(disguised.body, />図面です。<\/textarea>/);
      const stored = await gate.database.db
        .selectFrom('proposal_message')
        .select('id')
        .where('body', 'in', ['図面です。', '見積書を添付します。<script>x</script>'])
        .execute();
      assert.equal(stored.length, 0, 'nothing stored from a refused form');
    });

    it('takes the answer to an information request and resubmits with the same receipt number', async () => {
      await moveThrough(
        gate,
        gateStaff,
        proposal.id,
        ['infoRequested'],
        '実施体制を教えてください。',
      );
      const asked = await alice.get(page());
      assert.match(asked.body, /追加情報の回答と再提出/);
      assert.match(asked.body, /市からの説明/);
      assert.match(asked.body, /実施体制を教えてください。/);
      assert.match(asked.body, new RegExp(`action="/my/proposals/${proposal.id}/answer"`));

      const blank = await alice.postMultipart(`${page()}/answer`, [['answer', '']]);
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /回答を入力してください。/);

      await gate.database.db.deleteFrom('mail_outbox').execute();
      const answered = await alice.postMultipart(`${page()}/answer`, [
        ['answer', '3名の体制で実施します。'],
      ]);
      assert.equal(answered.statusCode, 303);
      const row = await gate.database.db
        .selectFrom('proposal')
        .select(['state', 'receipt_number'])
        .where('id', '=', proposal.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'submitted');
      assert.equal(row.receipt_number, proposal.receiptNumber);
      const after = await alice.get(page());
      assert.match(after.body, /回答を送り、提案を再提出しました。/);
      assert.match(after.body, /追加情報の依頼/);
      assert.match(after.body, /実施体制を教えてください。/);
      assert.match(after.body, /3名の体制で実施します。/);
      assert.match(after.body, new RegExp(proposal.receiptNumber));
      assert.doesNotMatch(after.body, /name="answer"/, 'no second answer');
      const to = (await queuedMails(gate, 'proposalMessage')).map((mail) => mail.to);
      assert.deepEqual(to, ['gate@city.example.jp']);

      const again = await alice.postMultipart(`${page()}/answer`, [['answer', 'もう一度']]);
      assert.equal(again.statusCode, 303, 'answered already: back to the page with a notice');
    });

    it('serves message files to the staff who may see them, notes only to those who read notes', async () => {
      const lead = await someDepartment(gate, 1);
      const other = await someDepartment(gate, 2);
      const { visitor: colleague } = await staffVisitor(gate, 'lead2@city.example.jp', [
        { role: 'departmentStaff', departmentId: lead },
      ]);
      const note = await colleague.get(fileUrl(noteEntry));
      assert.equal(note.statusCode, 200);
      assert.match(String(note.headers['content-disposition']), /^attachment;/);
      assert.match(String(note.headers['content-disposition']), /internal-budget\.pdf/);
      const logged = await gate.database.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'attachment.downloaded')
        .where('target_id', '=', String(proposal.id))
        .execute();
      assert.ok(
        JSON.stringify(logged).includes('internal-budget.pdf'),
        'a staff download is logged',
      );

      const { visitor: outsider } = await staffVisitor(gate, 'other@city.example.jp', [
        { role: 'departmentStaff', departmentId: other },
      ]);
      assert.equal((await outsider.get(fileUrl(noteEntry))).statusCode, 404);
      assert.equal((await outsider.get(fileUrl(staffMessage))).statusCode, 404);
    });

    it('refuses a file over 20 MB and keeps the typed text', async () => {
      await alice.get(page());
      const big = Buffer.concat([tinyPdf, Buffer.alloc(20 * 1024 * 1024 + 10)]);
      const response = await alice.postMultipart(
        `${page()}/messages`,
        [['body', '大きな図面を添付します。']],
        [{ name: 'files', filename: 'huge.pdf', content: big, type: 'application/pdf' }],
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /「huge\.pdf」は20MBを超えているため、添付できません。/);
      assert.match(response.body, />大きな図面を添付します。<\/textarea>/);
    });

    it('renders the page in English', async () => {
      const response = await alice.get(`/en${page()}`);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Where your proposal stands/);
      assert.match(response.body, /What happens next/);
      assert.match(response.body, /Send a message/);
    });
  });
}
