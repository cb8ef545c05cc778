import type { Kysely } from 'kysely';
import type { PolicyObjects } from '../../domain/policy.ts';
import type { Database, Proposal } from '../schema.ts';

type AccessFacts = Pick<
  Proposal,
  'id' | 'tenant_id' | 'organisation_id' | 'state' | 'escalated_at'
>;

interface AssignmentRow {
  proposal_id: number;
  department_id: number;
  role: 'lead' | 'supporting';
}

function objectOf(proposal: AccessFacts, rows: readonly AssignmentRow[]) {
  const mine = rows.filter((row) => row.proposal_id === proposal.id);
  return {
    tenantId: proposal.tenant_id,
    organisationId: proposal.organisation_id,
    state: proposal.state,
    assignedDepartmentIds: mine.map((row) => row.department_id),
    leadDepartmentId: mine.find((row) => row.role === 'lead')?.department_id ?? null,
    escalated: proposal.escalated_at !== null,
  } satisfies PolicyObjects['proposal'];
}

/**
 * What the access policy knows of a proposal: its organisation, state, the departments it is
 * assigned to and whether it went to the headquarters. Read inside the caller's transaction
 * when one is given, so a decision and its check see the same assignments.
 */
export async function proposalAccess(
  db: Kysely<Database>,
  proposal: AccessFacts,
): Promise<PolicyObjects['proposal']> {
  const rows = await db
    .selectFrom('proposal_assignment')
    .select(['proposal_id', 'department_id', 'role'])
    .where('proposal_id', '=', proposal.id)
    .execute();
  return objectOf(proposal, rows);
}

/** The policy objects of many proposals at once, by id: one query for a whole list. */
export async function proposalAccessOfMany(
  db: Kysely<Database>,
  proposals: readonly AccessFacts[],
): Promise<Map<number, PolicyObjects['proposal']>> {
  const ids = proposals.map((proposal) => proposal.id);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('proposal_assignment')
          .select(['proposal_id', 'department_id', 'role'])
          .where('proposal_id', 'in', ids)
          .execute();
  return new Map(proposals.map((proposal) => [proposal.id, objectOf(proposal, rows)]));
}
