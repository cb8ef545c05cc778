import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_MESSAGE_FILES, postMessage, threadOf } from '../../app/process/dialogue.ts';
import { meetingsOf, recordMinutes, scheduleMeeting } from '../../app/process/meetings.ts';
import { createFileStore } from '../../app/files/storage.ts';
import { can, type Actor } from '../../domain/policy.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { readPostForm, refusedPost } from '../dialogue-form.ts';
import type { FormState } from '../forms.ts';
import { readMeetingForm, readMinutesForm, refusedMeeting } from '../meeting-form.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { MeetingList, MinutesForm, ScheduleMeetingForm } from '../views/process/meetings.tsx';
import { messageFields, PostForm, Thread } from '../views/process/thread.tsx';
import type { PageContext } from '../views/context.ts';
import { href } from '../views/context.ts';
import { idFrom, type ProposalRecord } from './proposal-records.ts';
import { localized, redirectTo, setNotice } from './localized.ts';

/** Which dialogue form a page shows again with problems. */
export type DialogueForm =
  | { name: 'post'; state: FormState }
  | { name: 'meeting'; state: FormState }
  | { name: 'minutes'; meetingId: number; state: FormState };

/**
 * The dialogue on a staff member's work page: the thread with internal notes, the form to
 * post a message or note, the meetings with their minutes, and the form to arrange one.
 */
export async function staffDialogue(
  request: FastifyRequest,
  ctx: PageContext,
  record: ProposalRecord,
  form?: DialogueForm,
) {
  const gate = request.server.gate;
  const db = gate.database.db;
  const tenantId = gate.tenant().id;
  const actor = request.actor as Exclude<Actor, { kind: 'visitor' }>;
  const { proposal } = record;
  const { access } = record;
  const notes = can(actor, 'proposal', 'readInternalNotes', access);
  const [entries, meetings] = await Promise.all([
    threadOf(db, tenantId, proposal.id, { proposerView: !notes }),
    meetingsOf(db, tenantId, proposal.id, { userId: actor.userId, proposerView: false }),
  ]);
  const mayPost = can(actor, 'proposal', 'message', access) && proposal.state !== 'withdrawn';
  const mayMeet = can(actor, 'proposal', 'scheduleMeeting', access);
  const base = href(ctx.lang, `/staff/proposals/${proposal.id}`);
  const attendees = mayMeet ? await selectableAttendees(request, proposal.id) : [];
  const empty: FormState = { values: {}, errors: {} };
  return (
    <>
      <Thread ctx={ctx} proposalId={proposal.id} entries={entries} proposerView={false} />
      {mayPost && (
        <PostForm
          ctx={ctx}
          action={`${base}/messages`}
          csrf={ctx.csrf!}
          offerNote={can(actor, 'proposal', 'writeInternalNote', access)}
          state={form?.name === 'post' ? form.state : empty}
          maxFiles={MAX_MESSAGE_FILES}
        />
      )}
      <MeetingList ctx={ctx} meetings={meetings} proposerView={false} />
      {mayMeet &&
        meetings.map((meeting) => (
          <MinutesForm
            ctx={ctx}
            action={`${base}/meetings/${meeting.id}/minutes`}
            csrf={ctx.csrf!}
            state={form?.name === 'minutes' && form.meetingId === meeting.id ? form.state : empty}
            meeting={meeting}
          />
        ))}
      {mayMeet && (
        <ScheduleMeetingForm
          ctx={ctx}
          action={`${base}/meetings`}
          csrf={ctx.csrf!}
          state={form?.name === 'meeting' ? form.state : empty}
          attendees={attendees}
        />
      )}
    </>
  );
}

/** Who can be invited: the organisation's active members and the staff who may see it. */
async function selectableAttendees(request: FastifyRequest, proposalId: number) {
  const gate = request.server.gate;
  const db = gate.database.db;
  const tenantId = gate.tenant().id;
  const proposal = await db
    .selectFrom('proposal')
    .select(['organisation_id'])
    .where('id', '=', proposalId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('organisation_member as m')
    .innerJoin('user_account as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name'])
    .where('m.organisation_id', '=', proposal.organisation_id)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  const departments = (
    await db
      .selectFrom('proposal_assignment')
      .select('department_id')
      .where('proposal_id', '=', proposalId)
      .execute()
  ).map((row) => row.department_id);
  let staff = db
    .selectFrom('staff_role as r')
    .innerJoin('user_account as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('u.status', '=', 'active');
  staff = staff.where((eb) =>
    departments.length === 0
      ? eb('r.role', '=', 'gateStaff')
      : eb.or([
          eb('r.role', '=', 'gateStaff'),
          eb.and([
            eb('r.role', 'in', ['departmentStaff', 'departmentApprover']),
            eb('r.department_id', 'in', departments),
          ]),
        ]),
  );
  const city = await staff.orderBy('u.id').execute();
  return [
    ...members.map((m) => ({ userId: m.id, name: m.name, side: 'proposer' as const })),
    ...city.map((s) => ({ userId: s.id, name: s.name, side: 'city' as const })),
  ];
}

/** Renders the work page again with a dialogue form's problems. */
export type WorkPageAgain = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  dialogue: DialogueForm,
) => Promise<unknown>;

export function registerStaffDialogueRoutes(app: FastifyInstance, again: WorkPageAgain): void {
  const gate = app.gate;
  /** Only staff reach these forms; anyone else finds nothing here. */
  const staffOnly = async (request: FastifyRequest) => {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: gate.tenant().id });
  };
  const store = createFileStore({ dataDir: gate.config.dataDir });

  localized(app, 'POST', '/staff/proposals/:id/messages', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const by = processActorOf(request);
    const t = gate.context(request).t;
    const posted = await readPostForm(request, store, messageFields, t);
    if (Object.keys(posted.errors).length > 0) {
      return again(request, reply, id, {
        name: 'post',
        state: { values: posted.values, errors: posted.errors },
      });
    }
    const result = await postMessage({ ...processEnvOf(request), store }, by, id, {
      kind: posted.kind,
      body: posted.body,
      files: posted.files,
      postKey: posted.postKey,
    });
    if (!result.ok) {
      const state = refusedPost(t, posted, result.refusal, messageFields);
      if (!state) {
        throw new NotFound();
      }
      return again(request, reply, id, { name: 'post', state });
    }
    setNotice(request, posted.kind === 'note' ? t.dialogue.notePosted : t.dialogue.posted);
    return redirectTo(request, reply, `/staff/proposals/${id}`);
  });

  localized(app, 'POST', '/staff/proposals/:id/meetings', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const by = processActorOf(request);
    const t = gate.context(request).t;
    const form = readMeetingForm(request.body, t, gate.tenant().time_zone, gate.clock.now());
    if (!form.ok) {
      return again(request, reply, id, { name: 'meeting', state: form.state });
    }
    const result = await scheduleMeeting(processEnvOf(request), by, id, form.input);
    if (!result.ok) {
      const state = refusedMeeting(t, form.values, result.refusal);
      if (!state) {
        throw new NotFound();
      }
      return again(request, reply, id, { name: 'meeting', state });
    }
    setNotice(request, t.dialogue.scheduled);
    return redirectTo(request, reply, `/staff/proposals/${id}`);
  });

  localized(
    app,
    'POST',
    '/staff/proposals/:id/meetings/:meetingId/minutes',
    async (request, reply) => {
      await staffOnly(request);
      const id = idFrom(request, 'id');
      const meetingId = idFrom(request, 'meetingId');
      const by = processActorOf(request);
      const t = gate.context(request).t;
      const owner = await gate.database.db
        .selectFrom('proposal_meeting')
        .select('proposal_id')
        .where('id', '=', meetingId)
        .where('tenant_id', '=', gate.tenant().id)
        .executeTakeFirst();
      if (!owner || owner.proposal_id !== id) {
        throw new NotFound();
      }
      const form = readMinutesForm(request.body, t);
      if (!form.ok) {
        return again(request, reply, id, { name: 'minutes', meetingId, state: form.state });
      }
      const result = await recordMinutes(processEnvOf(request), by, meetingId, {
        minutes: form.minutes,
        shared: form.shared,
      });
      if (!result.ok) {
        const state = refusedMeeting(t, form.values, result.refusal);
        if (!state) {
          throw new NotFound();
        }
        return again(request, reply, id, { name: 'minutes', meetingId, state });
      }
      setNotice(request, t.dialogue.minutesSaved);
      return redirectTo(request, reply, `/staff/proposals/${id}`);
    },
  );
}
