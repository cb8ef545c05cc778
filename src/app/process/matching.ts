import type { Kysely } from 'kysely';
import { can } from '../../domain/policy.ts';
import type { Database } from '../../db/schema.ts';
import type { ProcessActor, ProcessEnv } from './env.ts';
import { isActiveDepartment, lockProposal } from './move.ts';
import { notifyAssignment } from './notify.ts';
import { auditStep } from './audit.ts';

/** Why a department is suggested for a proposal; the page says it in words. */
export type SuggestionReason =
  | { kind: 'challengeOwner'; challengeId: number }
  | { kind: 'challengesInFields'; count: number; fieldIds: number[] }
  | { kind: 'pastLead'; count: number; fieldIds: number[] };

export interface DepartmentSuggestion {
  departmentId: number;
  reasons: SuggestionReason[];
  /** Higher first: the owner of the challenge, then shared fields weighed by how often. */
  score: number;
}

/** States in which the gate may still set or change the departments of a proposal. */
export const matchableStates = ['referred', 'review', 'dialogue'] as const;

/**
 * Departments that could take a proposal, each with the reasons: the department that owns
 * the challenge a theme proposal answers; departments with published challenges in the same
 * fields; departments that led earlier proposals in the same fields. Archived departments are
 * never suggested. At most `limit`, best first.
 */
export async function suggestDepartments(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  limit = 5,
): Promise<DepartmentSuggestion[]> {
  const proposal = await db
    .selectFrom('proposal')
    .select(['id', 'challenge_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', proposalId)
    .executeTakeFirst();
  if (!proposal) {
    return [];
  }
  const fieldIds = (
    await db
      .selectFrom('proposal_field')
      .select('field_id')
      .where('proposal_id', '=', proposalId)
      .execute()
  ).map((row) => row.field_id);

  const byDepartment = new Map<number, DepartmentSuggestion>();
  const add = (departmentId: number, reason: SuggestionReason, score: number) => {
    const entry = byDepartment.get(departmentId) ?? { departmentId, reasons: [], score: 0 };
    entry.reasons.push(reason);
    entry.score += score;
    byDepartment.set(departmentId, entry);
  };

  if (proposal.challenge_id !== null) {
    const owner = await db
      .selectFrom('challenge')
      .select('department_id')
      .where('id', '=', proposal.challenge_id)
      .executeTakeFirst();
    if (owner) {
      add(owner.department_id, { kind: 'challengeOwner', challengeId: proposal.challenge_id }, 100);
    }
  }

  if (fieldIds.length > 0) {
    const challenges = await db
      .selectFrom('challenge as c')
      .innerJoin('challenge_field as f', 'f.challenge_id', 'c.id')
      .select(['c.department_id', 'c.id', 'f.field_id'])
      .where('c.tenant_id', '=', tenantId)
      .where('c.status', 'in', ['published', 'closed'])
      .where('f.field_id', 'in', fieldIds)
      .execute();
    for (const [departmentId, rows] of groupBy(challenges, (row) => row.department_id)) {
      const count = new Set(rows.map((row) => row.id)).size;
      const fields = [...new Set(rows.map((row) => row.field_id))];
      add(departmentId, { kind: 'challengesInFields', count, fieldIds: fields }, 10 * count);
    }

    const leads = await db
      .selectFrom('proposal_assignment as a')
      .innerJoin('proposal_field as f', 'f.proposal_id', 'a.proposal_id')
      .select(['a.department_id', 'a.proposal_id', 'f.field_id'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.role', '=', 'lead')
      .where('a.proposal_id', '!=', proposalId)
      .where('f.field_id', 'in', fieldIds)
      .execute();
    for (const [departmentId, rows] of groupBy(leads, (row) => row.department_id)) {
      const count = new Set(rows.map((row) => row.proposal_id)).size;
      const fields = [...new Set(rows.map((row) => row.field_id))];
      add(departmentId, { kind: 'pastLead', count, fieldIds: fields }, 15 * count);
    }
  }

  const ids = [...byDepartment.keys()];
  const active =
    ids.length === 0
      ? new Set<number>()
      : new Set(
          (
            await db
              .selectFrom('department')
              .select('id')
              .where('tenant_id', '=', tenantId)
              .where('id', 'in', ids)
              .where('archived_at', 'is', null)
              .execute()
          ).map((row) => row.id),
        );
  return [...byDepartment.values()]
    .filter((entry) => active.has(entry.departmentId))
    .sort((a, b) => b.score - a.score || a.departmentId - b.departmentId)
    .slice(0, limit);
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

export type AssignResult =
  | { ok: true }
  | { ok: false; refusal: 'notFound' | 'notMatchable' | 'unknownDepartment' | 'leadRequired' };

/**
 * Sets the lead and supporting departments of a proposal (the gate's matching). Departments
 * newly given the proposal are told by e-mail; departments taken off lose sight of it at
 * once. A lead department is required; it cannot also be a supporting one.
 */
export async function assignDepartments(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  leadId: number | null,
  supportingIds: readonly number[],
): Promise<AssignResult> {
  return env.db.transaction().execute(async (trx): Promise<AssignResult> => {
    const locked = await lockProposal(trx, env.tenantId, proposalId);
    if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!can(by.actor, 'proposal', 'assign', locked.access)) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!(matchableStates as readonly string[]).includes(locked.proposal.state)) {
      return { ok: false, refusal: 'notMatchable' };
    }
    if (leadId === null) {
      return { ok: false, refusal: 'leadRequired' };
    }
    const supporting = [...new Set(supportingIds)].filter((id) => id !== leadId);
    for (const id of [leadId, ...supporting]) {
      if (!(await isActiveDepartment(trx, env.tenantId, id))) {
        return { ok: false, refusal: 'unknownDepartment' };
      }
    }
    const before = await trx
      .selectFrom('proposal_assignment')
      .select(['department_id', 'role'])
      .where('proposal_id', '=', proposalId)
      .execute();
    const now = env.clock.now();
    await trx.deleteFrom('proposal_assignment').where('proposal_id', '=', proposalId).execute();
    const wanted = [
      { id: leadId, role: 'lead' as const },
      ...supporting.map((id) => ({ id, role: 'supporting' as const })),
    ];
    await trx
      .insertInto('proposal_assignment')
      .values(
        wanted.map((entry) => ({
          tenant_id: env.tenantId,
          proposal_id: proposalId,
          department_id: entry.id,
          role: entry.role,
          assigned_by: by.actor.userId,
          assigned_at: now,
        })),
      )
      .execute();
    for (const entry of wanted) {
      const earlier = before.find((row) => row.department_id === entry.id);
      if (!earlier || earlier.role !== entry.role) {
        await notifyAssignment(trx, env, locked.proposal, entry.id, entry.role === 'lead');
      }
    }
    await auditStep(trx, env, by, {
      action: 'proposal.assigned',
      targetKind: 'proposal',
      targetId: proposalId,
      targetLabel: locked.proposal.receipt_number,
      details: { lead: leadId, supporting },
    });
    return { ok: true };
  });
}
