import { todayIn } from '../../domain/calendar.ts';
import type { Transaction } from 'kysely';
import { can } from '../../domain/policy.ts';
import type { TransitionRefusal } from '../../domain/proposal-state.ts';
import type { Database } from '../../db/schema.ts';
import type { StoredUpload } from '../files/checked-upload.ts';
import type { ProcessActor, ProcessEnv } from './env.ts';
import { moveWithin } from './move.ts';
import { auditStep } from './audit.ts';

/**
 * The headquarters meeting (本部会議): the gate office, as its secretariat, holds sessions
 * and sets their agendas of escalated proposals; the members of a session record its
 * decision on each item, which flows back to the proposal as its move to adopted or not
 * adopted, with the reason the proposer reads.
 */

export type HeadquartersRefusal =
  | 'notFound'
  | 'notPermitted'
  /** A member chosen is not an active staff member with the headquarters role. */
  | 'invalidMembers'
  /** Only escalated proposals go on an agenda. */
  | 'notEscalated'
  /** The proposal is already an undecided item of a session. */
  | 'alreadyOnAgenda'
  /** The item has its decision; it cannot be decided again or removed. */
  | 'decided'
  /** Only the members of the session decide its items. */
  | 'notMember'
  /** A meeting decides when it meets: not before the session's day. */
  | 'beforeMeeting'
  | TransitionRefusal;

export type HeadquartersResult<T = object> =
  ({ ok: true } & T) | { ok: false; refusal: HeadquartersRefusal };

export interface SessionInput {
  /** 'YYYY-MM-DD'. */
  heldOn: string;
  title: string;
  place: string;
  memberIds: readonly number[];
}

export type HeadquartersOutcome = 'adopted' | 'notAdopted';

export interface OpinionInput {
  expertName: string;
  affiliation: string;
  body: string;
  file: StoredUpload | null;
}

const refuse = (refusal: HeadquartersRefusal) => ({ ok: false, refusal }) as const;

function mayManage(env: ProcessEnv, by: ProcessActor): boolean {
  return can(by.actor, 'headquarters', 'manage', { tenantId: env.tenantId });
}

/** True when every id is an active staff member of the tenant with the headquarters role. */
async function areHeadquartersMembers(
  trx: Transaction<Database>,
  tenantId: number,
  ids: readonly number[],
): Promise<boolean> {
  if (ids.length === 0) {
    return true;
  }
  const rows = await trx
    .selectFrom('staff_role as r')
    .innerJoin('user_account as u', 'u.id', 'r.user_id')
    .select('u.id')
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', '=', 'headquartersMember')
    .where('u.status', '=', 'active')
    .where('u.id', 'in', [...ids])
    .execute();
  return rows.length === new Set(ids).size;
}

async function setMembers(trx: Transaction<Database>, sessionId: number, ids: readonly number[]) {
  await trx.deleteFrom('headquarters_member').where('session_id', '=', sessionId).execute();
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    await trx
      .insertInto('headquarters_member')
      .values(unique.map((userId) => ({ session_id: sessionId, user_id: userId })))
      .execute();
  }
}

/** A session of the tenant, locked for a change. */
async function lockSession(trx: Transaction<Database>, tenantId: number, sessionId: number) {
  return trx
    .selectFrom('headquarters_session')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
}

/** An item of a session, locked: two changes to one item happen one after the other. */
async function lockItem(
  trx: Transaction<Database>,
  tenantId: number,
  sessionId: number,
  itemId: number,
) {
  return trx
    .selectFrom('headquarters_item')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

/** Creates a session with its members; only the gate office does. */
export async function createSession(
  env: ProcessEnv,
  by: ProcessActor,
  input: SessionInput,
): Promise<HeadquartersResult<{ sessionId: number }>> {
  if (!mayManage(env, by)) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    if (!(await areHeadquartersMembers(trx, env.tenantId, input.memberIds))) {
      return refuse('invalidMembers');
    }
    // The same form sent again (Back, then send) within a few minutes is the same session.
    const recent = await trx
      .selectFrom('headquarters_session')
      .select('id')
      .where('tenant_id', '=', env.tenantId)
      .where('created_by', '=', by.actor.userId)
      .where('held_on', '=', input.heldOn)
      .where('title', '=', input.title)
      .where('created_at', '>', new Date(env.clock.now().getTime() - 10 * 60_000))
      .executeTakeFirst();
    if (recent) {
      return { ok: true, sessionId: recent.id } as const;
    }
    const session = await trx
      .insertInto('headquarters_session')
      .values({
        tenant_id: env.tenantId,
        held_on: input.heldOn,
        title: input.title,
        place: input.place,
        created_by: by.actor.userId,
        created_at: env.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setMembers(trx, session.id, input.memberIds);
    return { ok: true, sessionId: session.id } as const;
  });
}

/** Changes a session's date, title, place and members. */
export async function updateSession(
  env: ProcessEnv,
  by: ProcessActor,
  sessionId: number,
  input: SessionInput,
): Promise<HeadquartersResult> {
  if (!mayManage(env, by)) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    if (!(await lockSession(trx, env.tenantId, sessionId))) {
      return refuse('notFound');
    }
    if (!(await areHeadquartersMembers(trx, env.tenantId, input.memberIds))) {
      return refuse('invalidMembers');
    }
    await trx
      .updateTable('headquarters_session')
      .set({ held_on: input.heldOn, title: input.title, place: input.place })
      .where('id', '=', sessionId)
      .execute();
    await setMembers(trx, sessionId, input.memberIds);
    return { ok: true } as const;
  });
}

/**
 * Puts an escalated proposal at the end of a session's agenda. Under a lock on the proposal,
 * so that two sessions cannot both take it: a proposal is the undecided item of one session.
 */
export async function addToAgenda(
  env: ProcessEnv,
  by: ProcessActor,
  sessionId: number,
  proposalId: number,
  note: string,
): Promise<HeadquartersResult<{ itemId: number }>> {
  if (!mayManage(env, by)) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    if (!(await lockSession(trx, env.tenantId, sessionId))) {
      return refuse('notFound');
    }
    const proposal = await trx
      .selectFrom('proposal')
      .select(['id', 'state'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .where('state', '<>', 'draft')
      .forUpdate()
      .executeTakeFirst();
    if (!proposal) {
      return refuse('notFound');
    }
    if (proposal.state !== 'escalated') {
      return refuse('notEscalated');
    }
    const open = await trx
      .selectFrom('headquarters_item')
      .select('id')
      .where('proposal_id', '=', proposalId)
      .where('outcome', 'is', null)
      .executeTakeFirst();
    if (open) {
      return refuse('alreadyOnAgenda');
    }
    const last = await trx
      .selectFrom('headquarters_item')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    const item = await trx
      .insertInto('headquarters_item')
      .values({
        tenant_id: env.tenantId,
        session_id: sessionId,
        proposal_id: proposalId,
        position: Number(last?.position ?? 0) + 1,
        note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ok: true, itemId: item.id } as const;
  });
}

/**
 * Takes an undecided item off the agenda, with the experts' opinions attached to it. Returns
 * the keys of their files, for the caller to remove from the store once this is committed.
 */
export async function removeItem(
  env: ProcessEnv,
  by: ProcessActor,
  sessionId: number,
  itemId: number,
): Promise<HeadquartersResult<{ fileKeys: string[] }>> {
  if (!mayManage(env, by)) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, env.tenantId, sessionId, itemId);
    if (!item) {
      return refuse('notFound');
    }
    if (item.outcome !== null) {
      return refuse('decided');
    }
    const opinions = await trx
      .deleteFrom('expert_opinion')
      .where('item_id', '=', itemId)
      .returning('storage_key')
      .execute();
    await trx.deleteFrom('headquarters_item').where('id', '=', itemId).execute();
    const fileKeys = opinions.flatMap((row) => (row.storage_key ? [row.storage_key] : []));
    return { ok: true, fileKeys } as const;
  });
}

/** Moves an item one place up or down the agenda, trading places with its neighbour. */
export async function moveItem(
  env: ProcessEnv,
  by: ProcessActor,
  sessionId: number,
  itemId: number,
  direction: 'up' | 'down',
): Promise<HeadquartersResult> {
  if (!mayManage(env, by)) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    if (!(await lockSession(trx, env.tenantId, sessionId))) {
      return refuse('notFound');
    }
    const items = await trx
      .selectFrom('headquarters_item')
      .select(['id', 'position'])
      .where('session_id', '=', sessionId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) {
      return refuse('notFound');
    }
    const other = items[direction === 'up' ? index - 1 : index + 1];
    if (other) {
      const order = items.map((item) => item.id);
      order[index] = other.id;
      order[items.indexOf(other)] = itemId;
      // Positions are renumbered 1, 2, 3… so that ties left by older data sort out too.
      for (const [at, id] of order.entries()) {
        await trx
          .updateTable('headquarters_item')
          .set({ position: at + 1 })
          .where('id', '=', id)
          .execute();
      }
    }
    return { ok: true } as const;
  });
}

/**
 * Records the session's decision on one item, by one of its members, in one transaction:
 * the item is locked and must still be undecided; the proposal moves from escalated to the
 * outcome through `moveWithin` (event, decision record, audit and the proposer's mail); then
 * the item keeps the outcome and the decision is audited. Of many simultaneous decisions on
 * one item exactly one is recorded; the others find it decided.
 */
export async function decideItem(
  env: ProcessEnv,
  by: ProcessActor,
  sessionId: number,
  itemId: number,
  outcome: HeadquartersOutcome,
  reason: string,
): Promise<HeadquartersResult> {
  if (!can(by.actor, 'headquarters', 'decide', { tenantId: env.tenantId })) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, env.tenantId, sessionId, itemId);
    if (!item) {
      return refuse('notFound');
    }
    const member = await trx
      .selectFrom('headquarters_member')
      .select('user_id')
      .where('session_id', '=', sessionId)
      .where('user_id', '=', by.actor.userId)
      .executeTakeFirst();
    if (!member) {
      return refuse('notMember');
    }
    if (item.outcome !== null) {
      return refuse('decided');
    }
    const session = await trx
      .selectFrom('headquarters_session')
      .select('held_on')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    if (todayIn(env.timeZone, env.clock) < session.held_on) {
      return refuse('beforeMeeting');
    }
    const moved = await moveWithin(trx, env, by, item.proposal_id, outcome, reason);
    if (!moved.ok) {
      return refuse(moved.refusal);
    }
    const now = env.clock.now();
    await trx
      .updateTable('headquarters_item')
      .set({ outcome, reason: reason.trim(), decided_by: by.actor.userId, decided_at: now })
      .where('id', '=', itemId)
      .execute();
    await auditStep(trx, env, by, {
      action: 'headquarters.decided',
      targetKind: 'proposal',
      targetId: item.proposal_id,
      targetLabel: moved.proposal.receipt_number,
      details: { sessionId, itemId, outcome },
    });
    return { ok: true } as const;
  });
}

/** Attaches an outside expert's opinion, with an optional checked file, to an item. */
export async function addExpertOpinion(
  env: ProcessEnv,
  by: ProcessActor,
  sessionId: number,
  itemId: number,
  input: OpinionInput,
): Promise<HeadquartersResult<{ opinionId: number }>> {
  if (!mayManage(env, by)) {
    return refuse('notPermitted');
  }
  return env.db.transaction().execute(async (trx) => {
    if (!(await lockItem(trx, env.tenantId, sessionId, itemId))) {
      return refuse('notFound');
    }
    const row = await trx
      .insertInto('expert_opinion')
      .values({
        tenant_id: env.tenantId,
        item_id: itemId,
        expert_name: input.expertName,
        affiliation: input.affiliation,
        body: input.body,
        storage_key: input.file?.key ?? null,
        file_name: input.file?.fileName ?? null,
        media_type: input.file?.mediaType ?? null,
        size_bytes: input.file?.size ?? null,
        created_by: by.actor.userId,
        created_at: env.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ok: true, opinionId: row.id } as const;
  });
}
