import type { Kysely, Transaction } from 'kysely';
import { limits } from '../../domain/limits.ts';
import { can, type PolicyObjects } from '../../domain/policy.ts';
import type { Database } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { ProcessActor, ProcessEnv } from './env.ts';
import { lockProposalFor } from './move.ts';
import { notifyMessage, pagePath, proposerRecipients } from './notify.ts';
import { auditStep } from './audit.ts';

/**
 * Meetings of a proposal's dialogue. Where a meeting is held (a room, an online link) is
 * told only to the people invited to it; minutes reach the proposer only once shared.
 */

export interface MeetingInput {
  startsAt: Date;
  place: string;
  /** '' for none; else an http(s) address. */
  onlineUrl: string;
  purpose: string;
  /** Members of the proposer's organisation and staff who may see the proposal. */
  attendeeUserIds: readonly number[];
  /** People without an account, as free text ("consultant of the proposer"). */
  otherAttendees: string;
}

export interface MinutesInput {
  minutes: string;
  /** The proposer's organisation may read the minutes. */
  shared: boolean;
}

export type MeetingRefusal =
  | 'notFound'
  | 'notPermitted'
  | 'startsAtInvalid'
  | 'placeTooLong'
  | 'onlineUrlInvalid'
  | 'purposeTooLong'
  | 'otherAttendeesTooLong'
  | 'minutesTooLong'
  /** An attendee who is neither of the proposer's organisation nor staff who may see it. */
  | 'attendeeInvalid';

export type MeetingResult =
  { ok: true; meetingId: number } | { ok: false; refusal: MeetingRefusal };

/** The longest online link a meeting takes (the column's check). */
export const MAX_ONLINE_URL = 500;

function inputProblem(input: MeetingInput): MeetingRefusal | null {
  if (Number.isNaN(input.startsAt.getTime())) {
    return 'startsAtInvalid';
  }
  if (input.place.trim().length > limits.name) {
    return 'placeTooLong';
  }
  const url = input.onlineUrl.trim();
  if (url !== '' && (!/^https?:\/\/[^\s/]+[^\s]*$/i.test(url) || url.length > MAX_ONLINE_URL)) {
    return 'onlineUrlInvalid';
  }
  if (input.purpose.trim().length > limits.text) {
    return 'purposeTooLong';
  }
  return input.otherAttendees.trim().length > limits.name ? 'otherAttendeesTooLong' : null;
}

/** A person who may be invited: a member of the organisation, or staff who may see it. */
interface Invitee {
  userId: number;
  email: string;
  name: string;
  lang: 'ja' | 'en';
  proposerSide: boolean;
}

async function invitees(
  db: Kysely<Database>,
  tenantId: number,
  access: PolicyObjects['proposal'],
  userIds: readonly number[],
): Promise<Invitee[] | undefined> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) {
    return [];
  }
  const [users, members, roles] = await Promise.all([
    db
      .selectFrom('user_account')
      .select(['id', 'email', 'name', 'lang', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('organisation_member')
      .select('user_id')
      .where('organisation_id', '=', access.organisationId)
      .where('user_id', 'in', ids)
      .execute(),
    db
      .selectFrom('staff_role')
      .select(['user_id', 'role', 'department_id'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', 'in', ids)
      .execute(),
  ]);
  const memberIds = new Set(members.map((row) => row.user_id));
  const found: Invitee[] = [];
  for (const user of users) {
    const proposerSide = user.kind === 'proposer' && memberIds.has(user.id);
    const grants = roles
      .filter((row) => row.user_id === user.id)
      .map((row) => ({ role: row.role, departmentId: row.department_id }));
    const staffSide =
      user.kind === 'staff' &&
      can({ kind: 'staff', userId: user.id, tenantId, roles: grants }, 'proposal', 'view', access);
    if (proposerSide || staffSide) {
      found.push({
        userId: user.id,
        email: user.email,
        name: user.name,
        lang: user.lang,
        proposerSide,
      });
    }
  }
  return found.length === ids.length ? found : undefined;
}

/**
 * Schedules a meeting on a proposal (staff who may schedule one) and tells each attendee by
 * mail, with the time and a link to the page where the place is shown.
 */
export async function scheduleMeeting(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  input: MeetingInput,
): Promise<MeetingResult> {
  return env.db.transaction().execute(async (trx): Promise<MeetingResult> => {
    const locked = await lockProposalFor(trx, env, by, proposalId, 'scheduleMeeting');
    if (!locked.ok) {
      return locked;
    }
    const problem = inputProblem(input);
    if (problem) {
      return { ok: false, refusal: problem };
    }
    const people = await invitees(trx, env.tenantId, locked.access, input.attendeeUserIds);
    if (!people) {
      return { ok: false, refusal: 'attendeeInvalid' };
    }
    const now = env.clock.now();
    const url = input.onlineUrl.trim();
    const meeting = await trx
      .insertInto('proposal_meeting')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        starts_at: input.startsAt,
        place: input.place.trim(),
        online_url: url === '' ? null : url,
        purpose: input.purpose.trim(),
        other_attendees: input.otherAttendees.trim(),
        minutes: '',
        minutes_shared: false,
        created_by: by.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (people.length > 0) {
      await trx
        .insertInto('proposal_meeting_attendee')
        .values(people.map((person) => ({ meeting_id: meeting.id, user_id: person.userId })))
        .execute();
    }
    await audit(trx, env, by, proposalId, 'dialogue.meetingScheduled', meeting.id);
    for (const person of people) {
      await enqueueMail(trx, {
        tenantId: env.tenantId,
        template: 'meetingScheduled',
        lang: person.lang,
        to: person.email,
        params: {
          name: person.name,
          title: locked.proposal.title,
          receiptNumber: locked.proposal.receipt_number ?? '',
          startsAt: input.startsAt.toISOString(),
          timeZone: env.timeZone,
          link: `${env.publicUrl}${person.lang === 'en' ? '/en' : ''}${pagePath(proposalId, person.proposerSide)}`,
        },
      });
    }
    return { ok: true, meetingId: meeting.id };
  });
}

async function audit(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  action: 'dialogue.meetingScheduled' | 'dialogue.minutesRecorded',
  meetingId: number,
  details: Record<string, unknown> = {},
): Promise<void> {
  await auditStep(trx, env, by, {
    action,
    targetKind: 'proposal',
    targetId: proposalId,
    details: { meetingId, ...details },
  });
}

/**
 * Records (or corrects) a meeting's minutes and whether the proposer may read them. When
 * they are first shared, the proposer is told that something waits on the page.
 */
export async function recordMinutes(
  env: ProcessEnv,
  by: ProcessActor,
  meetingId: number,
  input: MinutesInput,
): Promise<MeetingResult> {
  return env.db.transaction().execute(async (trx): Promise<MeetingResult> => {
    const meeting = await trx
      .selectFrom('proposal_meeting')
      .select(['proposal_id', 'minutes_shared'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', meetingId)
      .executeTakeFirst();
    if (!meeting) {
      return { ok: false, refusal: 'notFound' };
    }
    const locked = await lockProposalFor(trx, env, by, meeting.proposal_id, 'scheduleMeeting');
    if (!locked.ok) {
      return locked;
    }
    const minutes = input.minutes.trim();
    if (minutes.length > limits.text) {
      return { ok: false, refusal: 'minutesTooLong' };
    }
    const shared = input.shared && minutes !== '';
    await trx
      .updateTable('proposal_meeting')
      .set({ minutes, minutes_shared: shared, updated_at: env.clock.now() })
      .where('id', '=', meetingId)
      .execute();
    await audit(trx, env, by, meeting.proposal_id, 'dialogue.minutesRecorded', meetingId, {
      shared,
    });
    if (shared && !meeting.minutes_shared) {
      const people = await proposerRecipients(trx, locked.proposal);
      await notifyMessage(trx, env, locked.proposal, people, pagePath(meeting.proposal_id, true));
    }
    return { ok: true, meetingId };
  });
}

export interface MeetingAttendee {
  userId: number;
  /** Null for staff on the proposer's side, who are named by the city instead. */
  name: string | null;
  side: 'proposer' | 'city';
}

export interface MeetingView {
  id: number;
  startsAt: Date;
  purpose: string;
  /** Only for the meeting's attendees; null for everyone else. */
  place: string | null;
  onlineUrl: string | null;
  attendees: MeetingAttendee[];
  otherAttendees: string;
  /** Staff always; the proposer only once shared. Null when not to be shown. */
  minutes: string | null;
  minutesShared: boolean;
  /** The viewer is one of the attendees. */
  attending: boolean;
}

/**
 * The meetings of a proposal, earliest first, as `viewer` may see them. The proposer's side
 * sees only the meetings someone of the organisation is invited to, the place and link only
 * when invited themselves, and the minutes only once shared; staff names stay with the city.
 */
export async function meetingsOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  viewer: { userId: number; proposerView: boolean },
): Promise<MeetingView[]> {
  const meetings = await db
    .selectFrom('proposal_meeting')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('proposal_id', '=', proposalId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  if (meetings.length === 0) {
    return [];
  }
  const attendees = await db
    .selectFrom('proposal_meeting_attendee as a')
    .innerJoin('user_account as u', 'u.id', 'a.user_id')
    .select(['a.meeting_id', 'a.user_id', 'u.name', 'u.kind'])
    .where(
      'a.meeting_id',
      'in',
      meetings.map((meeting) => meeting.id),
    )
    .orderBy('u.kind')
    .orderBy('u.id')
    .execute();
  const views = meetings.map((meeting): MeetingView => {
    const mine = attendees.filter((row) => row.meeting_id === meeting.id);
    const attending = mine.some((row) => row.user_id === viewer.userId);
    const minutesVisible = !viewer.proposerView || meeting.minutes_shared;
    return {
      id: meeting.id,
      startsAt: meeting.starts_at,
      purpose: meeting.purpose,
      place: attending ? meeting.place : null,
      onlineUrl: attending ? meeting.online_url : null,
      attendees: mine.map((row) => ({
        userId: row.user_id,
        side: row.kind === 'proposer' ? 'proposer' : 'city',
        name: viewer.proposerView && row.kind === 'staff' ? null : row.name,
      })),
      otherAttendees: meeting.other_attendees,
      minutes: minutesVisible && meeting.minutes !== '' ? meeting.minutes : null,
      minutesShared: meeting.minutes_shared,
      attending,
    };
  });
  return viewer.proposerView
    ? views.filter((view) => view.attendees.some((person) => person.side === 'proposer'))
    : views;
}
