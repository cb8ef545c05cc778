import type { Kysely } from 'kysely';
import { can, type RoleGrant } from '../../domain/policy.ts';
import type { Database, ProposalAssessmentTable, Rating } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { ProcessActor, ProcessEnv } from './env.ts';
import { lockProposal } from './move.ts';
import { auditStep } from './audit.ts';

export const ratings: readonly Rating[] = ['high', 'medium', 'low'];

/** One reviewer's assessment of a proposal for their department. */
export interface AssessmentInput {
  departmentId: number;
  contributionRating: Rating;
  contribution: string;
  feasibilityRating: Rating;
  feasibility: string;
  strategyFitRating: Rating;
  strategyFit: string;
  resources: string;
  outcomeTargets: string;
  concerns: string;
  /** Every reviewer says whether they have a conflict of interest, and what it is. */
  conflict: 'none' | 'declared';
  conflictNote: string;
}

/** States in which the assigned departments assess. */
export const assessableStates = ['review', 'dialogue', 'decision'] as const;

export type AssessResult =
  { ok: true } | { ok: false; refusal: 'notFound' | 'notAssessable' | 'notYourDepartment' };

/** The departments of the actor's grants among those a proposal is assigned to. */
export function reviewerDepartments(
  roles: readonly RoleGrant[],
  assignedDepartmentIds: readonly number[],
): number[] {
  return [
    ...new Set(
      roles
        .filter((grant) => grant.role === 'departmentStaff' || grant.role === 'departmentApprover')
        .map((grant) => grant.departmentId)
        .filter((id): id is number => id !== null && assignedDepartmentIds.includes(id)),
    ),
  ];
}

/**
 * Records (or revises) the reviewer's assessment for one of their assigned departments. The
 * lead department's assessment is what allows its approver to be asked for a decision.
 */
export async function recordAssessment(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  input: AssessmentInput,
): Promise<AssessResult> {
  return env.db.transaction().execute(async (trx): Promise<AssessResult> => {
    const locked = await lockProposal(trx, env.tenantId, proposalId);
    if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
      return { ok: false, refusal: 'notFound' };
    }
    if (by.actor.kind !== 'staff' || !can(by.actor, 'proposal', 'assess', locked.access)) {
      return { ok: false, refusal: 'notYourDepartment' };
    }
    if (
      !reviewerDepartments(by.actor.roles, locked.access.assignedDepartmentIds).includes(
        input.departmentId,
      )
    ) {
      return { ok: false, refusal: 'notYourDepartment' };
    }
    if (!(assessableStates as readonly string[]).includes(locked.proposal.state)) {
      return { ok: false, refusal: 'notAssessable' };
    }
    const now = env.clock.now();
    const values = {
      department_id: input.departmentId,
      contribution_rating: input.contributionRating,
      contribution: input.contribution,
      feasibility_rating: input.feasibilityRating,
      feasibility: input.feasibility,
      strategy_fit_rating: input.strategyFitRating,
      strategy_fit: input.strategyFit,
      resources: input.resources,
      outcome_targets: input.outcomeTargets,
      concerns: input.concerns,
      conflict: input.conflict,
      conflict_note: input.conflict === 'declared' ? input.conflictNote : '',
      updated_at: now,
    };
    await trx
      .insertInto('proposal_assessment')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        reviewer_id: by.actor.userId,
        created_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(['proposal_id', 'reviewer_id']).doUpdateSet(values))
      .execute();
    await auditStep(trx, env, by, {
      action: 'proposal.assessed',
      targetKind: 'proposal',
      targetId: proposalId,
      targetLabel: locked.proposal.receipt_number,
      details: { department: input.departmentId, conflict: input.conflict },
    });
    return { ok: true };
  });
}

export type AssessmentRow = Selectable<ProposalAssessmentTable> & { reviewer_name: string };

/** The assessments of a proposal, lead department's first, with the reviewers' names. */
export async function assessmentsOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<AssessmentRow[]> {
  return db
    .selectFrom('proposal_assessment as a')
    .innerJoin('user_account as u', 'u.id', 'a.reviewer_id')
    .selectAll('a')
    .select('u.name as reviewer_name')
    .where('a.tenant_id', '=', tenantId)
    .where('a.proposal_id', '=', proposalId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}
