import type { Kysely, Transaction } from 'kysely';
import { isoDate } from '../../domain/calendar.ts';
import { can, processRolesOf, type Action, type PolicyObjects } from '../../domain/policy.ts';
import {
  checkTransition,
  type ProposalState,
  type TransitionRefusal,
} from '../../domain/proposal-state.ts';
import { phaseClockAfter } from '../../domain/time-targets.ts';
import { proposalAccess } from '../../db/queries/proposal-access.ts';
import type { Database, Proposal } from '../../db/schema.ts';
import type { ProcessActor, ProcessEnv } from './env.ts';
import { notifyAssignment, notifyStateChange } from './notify.ts';
import { loadTimeTargets } from './time-targets.ts';
import { auditStep } from './audit.ts';

/** What a move may bring along, beyond its reason. */
export interface MoveExtras {
  /** Screening: eligibility ground code → met; and whether it reads as a sales pitch. */
  screening?: { checks: Record<string, boolean>; salesPitch: boolean };
  /** Referral: the department that obviously owns the proposal. */
  referTo?: number;
}

export type MoveResult =
  { ok: true; proposal: Proposal } | { ok: false; refusal: TransitionRefusal | 'notFound' };

/** A proposal locked for a change, and what the policy knows of it, in the transaction. */
export async function lockProposal(
  trx: Transaction<Database>,
  tenantId: number,
  proposalId: number,
): Promise<{ proposal: Proposal; access: PolicyObjects['proposal'] } | undefined> {
  const proposal = await trx
    .selectFrom('proposal')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', proposalId)
    .forUpdate()
    .executeTakeFirst();
  return proposal && { proposal, access: await proposalAccess(trx, proposal) };
}

/**
 * The proposal, locked, once `by` may see it (else "not found": nothing is said of a
 * proposal out of reach) and may `action` it (else "not permitted").
 */
export async function lockProposalFor(
  trx: Transaction<Database>,
  env: Pick<ProcessEnv, 'tenantId'>,
  by: ProcessActor,
  proposalId: number,
  action: Action<'proposal'>,
): Promise<
  | { ok: true; proposal: Proposal; access: PolicyObjects['proposal'] }
  | { ok: false; refusal: 'notFound' | 'notPermitted' }
> {
  const locked = await lockProposal(trx, env.tenantId, proposalId);
  if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
    return { ok: false, refusal: 'notFound' };
  }
  if (!can(by.actor, 'proposal', action, locked.access)) {
    return { ok: false, refusal: 'notPermitted' };
  }
  return { ok: true, ...locked };
}

async function guardFacts(
  db: Kysely<Database>,
  access: PolicyObjects['proposal'],
  id: number,
  today: string,
) {
  const [assessed, onAgenda, selection, agreement, verification] = await Promise.all([
    access.leadDepartmentId === null
      ? undefined
      : db
          .selectFrom('proposal_assessment')
          .select('id')
          .where('proposal_id', '=', id)
          .where('department_id', '=', access.leadDepartmentId)
          .executeTakeFirst(),
    db
      .selectFrom('headquarters_item')
      .select('id')
      .where('proposal_id', '=', id)
      .where('outcome', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('selection_record as s')
      .leftJoin('theme_call as c', 'c.id', 's.theme_call_id')
      .select(['s.implementer_organisation_id', 's.implementer_name', 's.method', 'c.closes_on'])
      .where('s.proposal_id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('agreement').select('signed_on').where('proposal_id', '=', id).executeTakeFirst(),
    db.selectFrom('verification').select('id').where('proposal_id', '=', id).executeTakeFirst(),
  ]);
  return {
    leadAssessed: assessed !== undefined,
    onAgenda: onAgenda !== undefined,
    implementerChosen:
      selection !== undefined &&
      (selection.implementer_organisation_id !== null || selection.implementer_name.trim() !== ''),
    openCallPending:
      selection?.method === 'openCall' &&
      (selection.closes_on === null || selection.closes_on >= today),
    agreementSigned: agreement !== undefined && agreement.signed_on !== null,
    verified: verification !== undefined,
  };
}

/** True for a department of the tenant that has not been archived. */
export async function isActiveDepartment(
  db: Kysely<Database>,
  tenantId: number,
  departmentId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('department')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', departmentId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a proposal from its state to `to`: checks, under a lock on the proposal, that the
 * move exists, that this person may make it and that its guards hold; then stores the new
 * state, the timeline event, the records the move makes (screening, referral, decision) and
 * the mail it causes, all in one transaction. Of many simultaneous identical moves exactly
 * one succeeds; the others find the proposal already moved and are refused as illegal.
 */
export async function moveProposal(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  to: ProposalState,
  reason: string,
  extras: MoveExtras = {},
): Promise<MoveResult> {
  return env.db
    .transaction()
    .execute((trx) => moveWithin(trx, env, by, proposalId, to, reason, extras));
}

/** `moveProposal` inside the caller's transaction, for commands that change more with it. */
export async function moveWithin(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  to: ProposalState,
  reason: string,
  extras: MoveExtras = {},
): Promise<MoveResult> {
  const locked = await lockProposal(trx, env.tenantId, proposalId);
  if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
    return { ok: false, refusal: 'notFound' };
  }
  const { proposal } = locked;
  if (
    extras.referTo !== undefined &&
    !(await isActiveDepartment(trx, env.tenantId, extras.referTo))
  ) {
    return { ok: false, refusal: 'leadRequired' };
  }
  const access =
    extras.referTo === undefined
      ? locked.access
      : { ...locked.access, leadDepartmentId: extras.referTo };
  const facts = {
    reason,
    leadDepartmentId: access.leadDepartmentId,
    ...(await guardFacts(trx, locked.access, proposalId, isoDate(env.clock.now(), env.timeZone))),
  };
  const check = checkTransition(proposal.state, to, processRolesOf(by.actor, locked.access), facts);
  if (!check.ok) {
    return { ok: false, refusal: check.refusal };
  }
  const moved = await applyMove(trx, env, by, proposal, to, reason.trim());
  await recordMoveDetails(trx, env, by, proposal, to, reason.trim(), extras);
  return { ok: true, proposal: moved };
}

/** Stores the new state with its clock and the timeline event; returns the updated row. */
export async function applyMove(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposal: Proposal,
  to: ProposalState,
  reason: string,
): Promise<Proposal> {
  const now = env.clock.now();
  const targets = await loadTimeTargets(trx, env.tenantId);
  const clock = phaseClockAfter(
    proposal.state,
    to,
    { phaseStartedAt: proposal.phase_started_at, dueOn: proposal.due_on },
    now,
    env.timeZone,
    targets,
  );
  const moved = await trx
    .updateTable('proposal')
    .set({
      state: to,
      state_changed_at: now,
      phase_started_at: clock.phaseStartedAt,
      due_on: clock.dueOn,
      version: proposal.version + 1,
      updated_at: now,
      updated_by: by.actor.userId,
      ...(to === 'escalated' ? { escalated_at: now } : {}),
    })
    .where('id', '=', proposal.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('proposal_event')
    .values({
      tenant_id: env.tenantId,
      proposal_id: proposal.id,
      at: now,
      actor_user_id: by.actor.userId,
      from_state: proposal.state,
      to_state: to,
      reason: reason === '' ? null : reason,
    })
    .execute();
  await auditStep(trx, env, by, {
    action: 'proposal.moved',
    targetKind: 'proposal',
    targetId: proposal.id,
    targetLabel: proposal.receipt_number,
    details: { from: proposal.state, to },
  });
  if (by.actor.kind === 'staff') {
    await notifyStateChange(trx, env, moved, to, reason);
  }
  return moved;
}

async function recordMoveDetails(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposal: Proposal,
  to: ProposalState,
  reason: string,
  extras: MoveExtras,
): Promise<void> {
  const now = env.clock.now();
  const userId = by.actor.userId;
  if (proposal.state === 'screening' && extras.screening) {
    await trx
      .insertInto('proposal_screening')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposal.id,
        checks: JSON.stringify(extras.screening.checks),
        sales_pitch: extras.screening.salesPitch,
        outcome: to as 'infoRequested' | 'notAccepted' | 'referred' | 'review',
        note: reason === '' ? null : reason,
        screened_by: userId,
        screened_at: now,
      })
      .execute();
  }
  if (to === 'infoRequested') {
    await trx
      .insertInto('proposal_message')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposal.id,
        author_id: userId,
        kind: 'infoRequest',
        from_proposer: false,
        body: reason,
        created_at: now,
      })
      .execute();
  }
  if (to === 'referred' && extras.referTo !== undefined) {
    await trx
      .insertInto('proposal_assignment')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposal.id,
        department_id: extras.referTo,
        role: 'lead',
        assigned_by: userId,
        assigned_at: now,
      })
      .execute();
    await notifyAssignment(trx, env, proposal, extras.referTo, true);
  }
  if (to === 'adopted' || to === 'notAdopted' || to === 'escalated') {
    await trx
      .insertInto('proposal_decision')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposal.id,
        body: proposal.state === 'escalated' ? 'headquarters' : 'department',
        outcome: to,
        reason,
        decided_by: userId,
        decided_at: now,
      })
      .execute();
  }
}
