import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProcessActor } from '../../src/app/process/env.ts';
import {
  addToAgenda,
  createSession,
  decideItem,
  removeItem,
} from '../../src/app/process/headquarters.ts';
import { proposerVisitor, queuedMails } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  authorOf,
  escalatedProposal,
  processCast,
  processEnv,
  processStaff,
  type ProcessCast,
} from '../support/headquarters.ts';
import { testNow } from '../support/clock.ts';
import { startGate, type TestGate } from '../support/server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`headquarters meeting commands (${kind} database)`, () => {
    let gate: TestGate;
    let cast: ProcessCast;
    let author: Awaited<ReturnType<typeof authorOf>>;
    let member: ProcessActor;
    let otherMember: ProcessActor;
    let sessionId: number;

    const env = () => processEnv(gate);

    before(async () => {
      gate = await startGate(kind);
      await proposerVisitor(gate, 'snow@example.jp', 'Snow Works Co.');
      author = await authorOf(gate, 'snow@example.jp');
      cast = await processCast(gate, 'app');
      member = await processStaff(gate, 'hq-1@city.example.jp', [
        { role: 'headquartersMember', departmentId: null },
      ]);
      otherMember = await processStaff(gate, 'hq-2@city.example.jp', [
        { role: 'headquartersMember', departmentId: null },
      ]);
      const created = await createSession(env(), cast.gateStaff, {
        heldOn: '2026-12-03',
        title: '第3回官民連携推進本部会議',
        place: '本庁舎18階',
        memberIds: [member.actor.userId],
      });
      assert.ok(created.ok, JSON.stringify(created));
      sessionId = created.sessionId;
      // The same form sent again (Back, then send) gives the same session, not a second one.
      const again = await createSession(env(), cast.gateStaff, {
        heldOn: '2026-12-03',
        title: '第3回官民連携推進本部会議',
        place: '本庁舎18階',
        memberIds: [member.actor.userId],
      });
      assert.deepEqual(again, { ok: true, sessionId });
    });
    after(() => gate.close());

    it('takes only escalated proposals, each onto one open item', async () => {
      const inDialogue = await escalatedProposal(gate, cast, author, '対話中の提案', {
        until: 'dialogue',
      });
      const refused = await addToAgenda(env(), cast.gateStaff, sessionId, inDialogue, '');
      assert.deepEqual(refused, { ok: false, refusal: 'notEscalated' });

      const id = await escalatedProposal(gate, cast, author, '付議された提案');
      const byMember = await addToAgenda(env(), member, sessionId, id, '');
      assert.deepEqual(byMember, { ok: false, refusal: 'notPermitted' });
      const added = await addToAgenda(env(), cast.gateStaff, sessionId, id, '');
      assert.ok(added.ok);
      const other = await createSession(env(), cast.gateStaff, {
        heldOn: '2027-01-20',
        title: '第4回',
        place: '',
        memberIds: [],
      });
      assert.ok(other.ok);
      const twice = await addToAgenda(env(), cast.gateStaff, other.sessionId, id, '');
      assert.deepEqual(twice, { ok: false, refusal: 'alreadyOnAgenda' });

      const removed = await removeItem(env(), cast.gateStaff, sessionId, added.itemId);
      assert.ok(removed.ok);
      const later = await addToAgenda(env(), cast.gateStaff, other.sessionId, id, '');
      assert.ok(later.ok, 'a removed item frees the proposal for another session');
    });

    it('decides an item only from the day its session meets', async () => {
      const id = await escalatedProposal(gate, cast, author, '来月の会議で決める提案');
      const later = await createSession(env(), cast.gateStaff, {
        heldOn: '2026-12-18',
        title: '第5回',
        place: '',
        memberIds: [member.actor.userId],
      });
      assert.ok(later.ok);
      const added = await addToAgenda(env(), cast.gateStaff, later.sessionId, id, '');
      assert.ok(added.ok);
      const early = await decideItem(env(), member, later.sessionId, added.itemId, 'adopted', '可');
      assert.deepEqual(early, { ok: false, refusal: 'beforeMeeting' });
      gate.clock.set(new Date('2026-12-18T00:30:00Z')); // 09:30 in Sapporo, the meeting's day
      try {
        const onTheDay = await decideItem(
          env(),
          member,
          later.sessionId,
          added.itemId,
          'adopted',
          '全会一致で採択しました。',
        );
        assert.ok(onTheDay.ok);
      } finally {
        gate.clock.set(testNow);
      }
    });

    it('refuses members it was not given, and staff without the headquarters role', async () => {
      const result = await createSession(env(), cast.gateStaff, {
        heldOn: '2026-12-21',
        title: '臨時会議',
        place: '',
        memberIds: [cast.approver.actor.userId],
      });
      assert.deepEqual(result, { ok: false, refusal: 'invalidMembers' });
    });

    it('sends the decision back to the proposal, with its reason, to the proposer', async () => {
      const id = await escalatedProposal(gate, cast, author, '除雪の共同運行');
      const added = await addToAgenda(env(), cast.gateStaff, sessionId, id, '');
      assert.ok(added.ok);
      const reason = '全庁で取り組む価値があると判断しました。';

      const notMember = await decideItem(
        env(),
        otherMember,
        sessionId,
        added.itemId,
        'adopted',
        reason,
      );
      assert.deepEqual(notMember, { ok: false, refusal: 'notMember' });
      const byGate = await decideItem(
        env(),
        cast.gateStaff,
        sessionId,
        added.itemId,
        'adopted',
        reason,
      );
      assert.deepEqual(byGate, { ok: false, refusal: 'notPermitted' });
      const noReason = await decideItem(env(), member, sessionId, added.itemId, 'adopted', '  ');
      assert.deepEqual(noReason, { ok: false, refusal: 'reasonRequired' });

      const done = await decideItem(env(), member, sessionId, added.itemId, 'adopted', reason);
      assert.ok(done.ok, JSON.stringify(done));
      const db = gate.database.db;
      const proposal = await db
        .selectFrom('proposal')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(proposal.state, 'adopted');
      const event = await db
        .selectFrom('proposal_event')
        .selectAll()
        .where('proposal_id', '=', id)
        .where('to_state', '=', 'adopted')
        .executeTakeFirstOrThrow();
      assert.equal(event.from_state, 'escalated');
      assert.equal(event.reason, reason);
      assert.equal(event.actor_user_id, member.actor.userId);
      const decision = await db
        .selectFrom('proposal_decision')
        .selectAll()
        .where('proposal_id', '=', id)
        .where('body', '=', 'headquarters')
        .executeTakeFirstOrThrow();
      assert.equal(decision.outcome, 'adopted');
      assert.equal(decision.reason, reason);
      const item = await db
        .selectFrom('headquarters_item')
        .selectAll()
        .where('id', '=', added.itemId)
        .executeTakeFirstOrThrow();
      assert.equal(item.outcome, 'adopted');
      assert.equal(item.decided_by, member.actor.userId);
      const mails = await queuedMails(gate, 'proposalStateChanged', 'snow@example.jp');
      assert.ok(
        mails.some((mail) => mail.params.state === 'adopted' && mail.params.reason === reason),
        'the proposer is told, with the reason',
      );
      const audits = await db
        .selectFrom('audit_event')
        .select('action')
        .where('target_id', '=', String(id))
        .where('action', 'in', ['headquarters.decided', 'proposal.moved'])
        .execute();
      assert.ok(audits.some((row) => row.action === 'headquarters.decided'));

      const removeDecided = await removeItem(env(), cast.gateStaff, sessionId, added.itemId);
      assert.deepEqual(removeDecided, { ok: false, refusal: 'decided' });
    });

    it('records exactly one decision of twenty made at once on one item', async () => {
      const id = await escalatedProposal(gate, cast, author, '同時に決める提案');
      const added = await addToAgenda(env(), cast.gateStaff, sessionId, id, '');
      assert.ok(added.ok);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          decideItem(
            env(),
            member,
            sessionId,
            added.itemId,
            n % 2 === 0 ? 'adopted' : 'notAdopted',
            `理由 ${n}`,
          ),
        ),
      );
      assert.equal(results.filter((result) => result.ok).length, 1);
      assert.ok(
        results.every((result) => result.ok || result.refusal === 'decided'),
        JSON.stringify(results.filter((result) => !result.ok)),
      );
      const db = gate.database.db;
      const decisions = await db
        .selectFrom('proposal_decision')
        .select('id')
        .where('proposal_id', '=', id)
        .where('body', '=', 'headquarters')
        .execute();
      assert.equal(decisions.length, 1);
      const events = await db
        .selectFrom('proposal_event')
        .select('id')
        .where('proposal_id', '=', id)
        .where('from_state', '=', 'escalated')
        .execute();
      assert.equal(events.length, 1);
      const audits = await db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'headquarters.decided')
        .where('target_id', '=', String(id))
        .execute();
      assert.equal(audits.length, 1);
    });
  });
}
