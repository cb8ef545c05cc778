import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  answerInformationRequest,
  meetingsOf,
  messageFileFor,
  postMessage,
  recordMinutes,
  scheduleMeeting,
  threadOf,
  MAX_MESSAGE_BODY,
} from '../../src/app/process/dialogue.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { proposerVisitor, queuedMails, someDepartment } from '../support/accounts.ts';
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
import { startGate, type TestGate } from '../support/server.ts';

const noteText = '庁内だけの検討メモ：予算の見込みは厳しい';

for (const kind of testDatabaseKinds()) {
  describe(`dialogue commands (${kind} database)`, () => {
    let gate: TestGate;
    let alice: ProcessActor; // of Alpha, who submits
    let amy: ProcessActor; // also of Alpha
    let bob: ProcessActor; // of Beta
    let gateStaff: ProcessActor;
    let leadStaff: ProcessActor;
    let otherDepartment: ProcessActor;
    let proposal: { id: number; receiptNumber: string };
    const env = () => dialogueEnv(gate);
    const tenantId = () => gate.app.gate.tenant().id;

    async function outboxTexts(): Promise<string> {
      const rows = await gate.database.db.selectFrom('mail_outbox').select('params').execute();
      return rows.map((row) => JSON.stringify(row.params)).join('\n');
    }

    async function mailedTo(template: string): Promise<string[]> {
      return (await queuedMails(gate, template)).map((mail) => mail.to).sort();
    }

    async function clearOutbox(): Promise<void> {
      await gate.database.db.deleteFrom('mail_outbox').execute();
    }

    before(async () => {
      gate = await startGate(kind);
      await proposerVisitor(gate, 'alice@alpha.example.jp', 'Alpha Co.');
      await proposerVisitor(gate, 'bob@beta.example.jp', 'Beta Co.');
      alice = await proposerActor(gate, 'alice@alpha.example.jp');
      bob = await proposerActor(gate, 'bob@beta.example.jp');
      const amyUser = await gate.database.db
        .insertInto('user_account')
        .values({
          tenant_id: tenantId(),
          kind: 'proposer',
          email: 'amy@alpha.example.jp',
          name: 'Amy',
          password_hash: null,
          email_verified_at: gate.clock.now(),
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          password_changed_at: null,
          status: 'active',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const alphaId = (alice.actor as { organisationId: number }).organisationId;
      await gate.database.db
        .insertInto('organisation_member')
        .values({ organisation_id: alphaId, user_id: amyUser.id, role: 'member' })
        .execute();
      amy = await proposerActor(gate, 'amy@alpha.example.jp');

      const lead = await someDepartment(gate, 1);
      const other = await someDepartment(gate, 2);
      gateStaff = await staffActor(gate, 'gate@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      leadStaff = await staffActor(gate, 'lead@city.example.jp', [
        { role: 'departmentStaff', departmentId: lead },
      ]);
      otherDepartment = await staffActor(gate, 'other@city.example.jp', [
        { role: 'departmentStaff', departmentId: other },
      ]);
      proposal = await submittedProposal(gate, alice, '雪を冷房に使う提案');
      await assign(gate, proposal.id, lead, gateStaff);
      await moveThrough(gate, gateStaff, proposal.id, ['screening']);
    });
    after(() => gate.close());

    it('tells the city’s side of a proposer’s message: the gate and the assigned departments', async () => {
      await clearOutbox();
      const file = await storedPdf(gate, 'plan.pdf');
      const result = await postMessage(env(), alice, proposal.id, {
        kind: 'message',
        body: '  資料を添付します。  ',
        files: [file],
      });
      assert.ok(result.ok);
      const row = await gate.database.db
        .selectFrom('proposal_message')
        .selectAll()
        .where('id', '=', result.messageId)
        .executeTakeFirstOrThrow();
      assert.equal(row.body, '資料を添付します。');
      assert.equal(row.from_proposer, true);
      assert.deepEqual(await mailedTo('proposalMessage'), [
        'gate@city.example.jp',
        'lead@city.example.jp',
      ]);
      const [mail] = await queuedMails(gate, 'proposalMessage', 'lead@city.example.jp');
      assert.match(String(mail!.params.link), new RegExp(`/staff/proposals/${proposal.id}$`));
      assert.doesNotMatch(await outboxTexts(), /資料を添付します/, 'no message text in mail');
    });

    it('tells the proposer, and only the proposer, of a staff message', async () => {
      await clearOutbox();
      const result = await postMessage(env(), leadStaff, proposal.id, {
        kind: 'message',
        body: '拝見しました。打合せをお願いします。',
        files: [],
      });
      assert.ok(result.ok);
      assert.deepEqual(await mailedTo('proposalMessage'), ['alice@alpha.example.jp']);
      const [mail] = await queuedMails(gate, 'proposalMessage');
      assert.match(String(mail!.params.link), new RegExp(`/my/proposals/${proposal.id}$`));
    });

    it('keeps internal notes and their files from the proposer: thread, files and mail', async () => {
      await clearOutbox();
      const file = await storedPdf(gate, 'budget-note.pdf');
      const note = await postMessage(env(), leadStaff, proposal.id, {
        kind: 'note',
        body: noteText,
        files: [file],
      });
      assert.ok(note.ok);
      assert.deepEqual(await mailedTo('proposalMessage'), ['gate@city.example.jp']);
      assert.doesNotMatch(await outboxTexts(), /予算の見込み/);

      const proposerThread = await threadOf(gate.database.db, tenantId(), proposal.id, {
        proposerView: true,
      });
      assert.ok(proposerThread.every((entry) => entry.kind !== 'note'));
      assert.ok(!JSON.stringify(proposerThread).includes('budget-note.pdf'));
      const staffThread = await threadOf(gate.database.db, tenantId(), proposal.id, {
        proposerView: false,
      });
      const staffNote = staffThread.find((entry) => entry.kind === 'note');
      assert.equal(staffNote?.body, noteText);
      const fileId = staffNote!.files[0]!.id;
      assert.equal(
        await messageFileFor(gate.database.db, tenantId(), proposal.id, fileId, true),
        undefined,
      );
      const forStaff = await messageFileFor(
        gate.database.db,
        tenantId(),
        proposal.id,
        fileId,
        false,
      );
      assert.equal(forStaff?.kind, 'note');
    });

    it('names staff by their unit on the proposer’s side, and by name for staff', async () => {
      const proposerThread = await threadOf(gate.database.db, tenantId(), proposal.id, {
        proposerView: true,
      });
      const fromCity = proposerThread.find((entry) => entry.author.side === 'city');
      assert.ok(fromCity && fromCity.author.side === 'city');
      assert.equal(fromCity.author.name, null);
      assert.ok(fromCity.author.department, 'the lead department speaks');
      const fromProposer = proposerThread.find((entry) => entry.author.side === 'proposer');
      assert.equal(fromProposer?.author.name, 'Member alice@alpha.example.jp');

      const staffThread = await threadOf(gate.database.db, tenantId(), proposal.id, {
        proposerView: false,
      });
      const named = staffThread.find((entry) => entry.author.side === 'city');
      assert.equal(named?.author.name, 'Staff lead@city.example.jp');
      assert.deepEqual(
        staffThread.map((entry) => entry.id),
        [...staffThread.map((entry) => entry.id)].sort((a, b) => a - b),
        'oldest first',
      );
    });

    it('refuses notes from proposers and anything from outside the proposal’s reach', async () => {
      const note = await postMessage(env(), alice, proposal.id, {
        kind: 'note',
        body: 'メモ',
        files: [],
      });
      assert.deepEqual(note, { ok: false, refusal: 'notPermitted' });
      for (const outsider of [bob, otherDepartment]) {
        const result = await postMessage(env(), outsider, proposal.id, {
          kind: 'message',
          body: 'こんにちは',
          files: [],
        });
        assert.deepEqual(result, { ok: false, refusal: 'notFound' });
      }
      const missing = await postMessage(env(), alice, 999_999, {
        kind: 'message',
        body: 'こんにちは',
        files: [],
      });
      assert.deepEqual(missing, { ok: false, refusal: 'notFound' });
    });

    it('refuses an empty or too long message and leaves none of its files behind', async () => {
      const file = await storedPdf(gate, 'left-behind.pdf');
      await env()
        .store.get(file.key)
        .then((stream) => stream.destroy());
      const empty = await postMessage(env(), alice, proposal.id, {
        kind: 'message',
        body: ' \n ',
        files: [file],
      });
      assert.deepEqual(empty, { ok: false, refusal: 'empty' });
      await assert.rejects(env().store.get(file.key));
      const long = await postMessage(env(), alice, proposal.id, {
        kind: 'message',
        body: 'あ'.repeat(MAX_MESSAGE_BODY + 1),
        files: [],
      });
      assert.deepEqual(long, { ok: false, refusal: 'tooLong' });
    });

    it('takes the answer to an information request and resubmits, keeping the receipt number', async () => {
      await moveThrough(
        gate,
        gateStaff,
        proposal.id,
        ['infoRequested'],
        '実施体制を教えてください。',
      );
      await clearOutbox();
      const early = await answerInformationRequest(env(), bob, proposal.id, {
        body: '他社の回答',
        files: [],
      });
      assert.deepEqual(early, { ok: false, refusal: 'notFound' });

      const answer = await answerInformationRequest(env(), alice, proposal.id, {
        body: '3名の体制で実施します。',
        files: [await storedPdf(gate, 'team.pdf')],
      });
      assert.ok(answer.ok, JSON.stringify(answer));
      const row = await gate.database.db
        .selectFrom('proposal')
        .select(['state', 'receipt_number'])
        .where('id', '=', proposal.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'submitted');
      assert.equal(row.receipt_number, proposal.receiptNumber);

      const thread = await threadOf(gate.database.db, tenantId(), proposal.id, {
        proposerView: true,
      });
      const request = thread.find((entry) => entry.kind === 'infoRequest');
      const response = thread.find((entry) => entry.kind === 'infoResponse');
      assert.equal(request?.body, '実施体制を教えてください。');
      assert.equal(response?.body, '3名の体制で実施します。');
      assert.equal(response?.files[0]?.fileName, 'team.pdf');
      assert.deepEqual(await mailedTo('proposalMessage'), ['gate@city.example.jp']);

      const again = await answerInformationRequest(env(), alice, proposal.id, {
        body: 'もう一度',
        files: [],
      });
      assert.deepEqual(again, { ok: false, refusal: 'notInfoRequested' });
    });

    it('shows a meeting’s place and link to its attendees only, and shared minutes only', async () => {
      await clearOutbox();
      const startsAt = new Date('2026-12-10T05:00:00Z');
      const input = {
        startsAt,
        place: '本庁舎 5階 会議室A',
        onlineUrl: 'https://meet.example.jp/room-42',
        purpose: '実施体制の確認',
        attendeeUserIds: [alice.actor.userId, leadStaff.actor.userId],
        otherAttendees: '',
      };
      const refused = await scheduleMeeting(env(), leadStaff, proposal.id, {
        ...input,
        attendeeUserIds: [bob.actor.userId],
      });
      assert.deepEqual(refused, { ok: false, refusal: 'attendeeInvalid' });
      const outsider = await scheduleMeeting(env(), otherDepartment, proposal.id, input);
      assert.deepEqual(outsider, { ok: false, refusal: 'notFound' });
      const byProposer = await scheduleMeeting(env(), alice, proposal.id, input);
      assert.deepEqual(byProposer, { ok: false, refusal: 'notPermitted' });
      const badUrl = await scheduleMeeting(env(), leadStaff, proposal.id, {
        ...input,
        onlineUrl: 'javascript:alert(1)',
      });
      assert.deepEqual(badUrl, { ok: false, refusal: 'onlineUrlInvalid' });

      const scheduled = await scheduleMeeting(env(), leadStaff, proposal.id, input);
      assert.ok(scheduled.ok);
      assert.deepEqual(await mailedTo('meetingScheduled'), [
        'alice@alpha.example.jp',
        'lead@city.example.jp',
      ]);
      assert.doesNotMatch(await outboxTexts(), /会議室A|room-42/, 'the place stays on the page');

      const db = gate.database.db;
      const seen = async (who: ProcessActor, proposerView: boolean) =>
        (
          await meetingsOf(db, tenantId(), proposal.id, { userId: who.actor.userId, proposerView })
        )[0];
      const forAlice = await seen(alice, true);
      assert.equal(forAlice?.place, input.place);
      assert.equal(forAlice?.onlineUrl, input.onlineUrl);
      assert.ok(forAlice?.attendees.every((p) => p.side === 'proposer' || p.name === null));
      const forAmy = await seen(amy, true);
      assert.equal(forAmy?.place, null, 'a colleague who is not invited');
      assert.equal(forAmy?.onlineUrl, null);
      const forGate = await seen(gateStaff, false);
      assert.equal(forGate?.place, null, 'staff who are not invited');
      assert.equal((await seen(leadStaff, false))?.place, input.place);

      const draft = await recordMinutes(env(), leadStaff, scheduled.meetingId, {
        minutes: '体制について合意しました。',
        shared: false,
      });
      assert.ok(draft.ok);
      assert.equal((await seen(alice, true))?.minutes, null);
      assert.equal((await seen(gateStaff, false))?.minutes, '体制について合意しました。');
      await clearOutbox();
      const shared = await recordMinutes(env(), leadStaff, scheduled.meetingId, {
        minutes: '体制について合意しました。',
        shared: true,
      });
      assert.ok(shared.ok);
      assert.equal((await seen(alice, true))?.minutes, '体制について合意しました。');
      assert.deepEqual(await mailedTo('proposalMessage'), ['alice@alpha.example.jp']);
      const foreign = await recordMinutes(env(), otherDepartment, scheduled.meetingId, {
        minutes: 'x',
        shared: true,
      });
      assert.deepEqual(foreign, { ok: false, refusal: 'notFound' });
    });

    it('keeps staff-only meetings off the proposer’s side', async () => {
      const result = await scheduleMeeting(env(), gateStaff, proposal.id, {
        startsAt: new Date('2026-12-11T05:00:00Z'),
        place: '庁内会議室',
        onlineUrl: '',
        purpose: '庁内の事前協議',
        attendeeUserIds: [gateStaff.actor.userId, leadStaff.actor.userId],
        otherAttendees: '',
      });
      assert.ok(result.ok);
      const forAlice = await meetingsOf(gate.database.db, tenantId(), proposal.id, {
        userId: alice.actor.userId,
        proposerView: true,
      });
      assert.ok(forAlice.every((meeting) => meeting.id !== result.meetingId));
      const forStaff = await meetingsOf(gate.database.db, tenantId(), proposal.id, {
        userId: gateStaff.actor.userId,
        proposerView: false,
      });
      assert.ok(forStaff.some((meeting) => meeting.id === result.meetingId));
    });
  });
}
