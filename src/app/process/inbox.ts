import type { Kysely } from 'kysely';
import { can, type Actor } from '../../domain/policy.ts';
import { holderOf, openStates, type ProposalState } from '../../domain/proposal-state.ts';
import { proposalAccessOfMany } from '../../db/queries/proposal-access.ts';
import type { Database } from '../../db/schema.ts';

/** What the inbox can be narrowed to; every filter is optional. */
export interface InboxFilter {
  state?: ProposalState;
  kind?: 'theme' | 'free';
  fieldId?: number;
  departmentId?: number;
  overdue?: boolean;
  /** Only proposals that were closed (decided, refused, withdrawn) rather than open ones. */
  closed?: boolean;
}

export interface InboxRow {
  id: number;
  receiptNumber: string | null;
  title: string;
  kind: 'theme' | 'free';
  state: ProposalState;
  organisationName: string;
  submittedAt: Date | null;
  stateChangedAt: Date | null;
  dueOn: string | null;
  overdue: boolean;
  leadDepartmentId: number | null;
}

export interface Inbox {
  rows: InboxRow[];
  /** How many visible open proposals are in each state, before the filters. */
  counts: Partial<Record<ProposalState, number>>;
  overdueCount: number;
  total: number;
}

/**
 * The proposals a staff member may see, narrowed by `filter` and sorted by deadline: the
 * earliest due first, those without a deadline after, then by receipt. A proposal is overdue
 * when its phase fell due before `today` while the city still holds it.
 */
export async function loadInbox(
  db: Kysely<Database>,
  tenantId: number,
  actor: Actor,
  today: string,
  filter: InboxFilter,
): Promise<Inbox> {
  let query = db
    .selectFrom('proposal as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.tenant_id',
      'p.organisation_id',
      'p.state',
      'p.escalated_at',
      'p.kind',
      'p.title',
      'p.receipt_number',
      'p.submitted_at',
      'p.state_changed_at',
      'p.due_on',
      'o.name as organisation_name',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.state', '!=', 'draft');
  if (filter.kind) {
    query = query.where('p.kind', '=', filter.kind);
  }
  if (filter.fieldId !== undefined) {
    const fieldId = filter.fieldId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('proposal_field as f')
          .select('f.field_id')
          .whereRef('f.proposal_id', '=', 'p.id')
          .where('f.field_id', '=', fieldId),
      ),
    );
  }
  if (filter.departmentId !== undefined) {
    const departmentId = filter.departmentId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('proposal_assignment as a')
          .select('a.id')
          .whereRef('a.proposal_id', '=', 'p.id')
          .where('a.department_id', '=', departmentId),
      ),
    );
  }
  // The policy has the last word on every row; this only keeps the rows it would refuse out
  // of the query, so a department's inbox reads its own proposals, not the whole city's.
  if (actor.kind !== 'staff') {
    return { rows: [], counts: {}, overdueCount: 0, total: 0 };
  }
  if (!actor.roles.some((grant) => grant.role === 'gateStaff')) {
    const departments = actor.roles
      .filter((grant) => grant.role === 'departmentStaff' || grant.role === 'departmentApprover')
      .map((grant) => grant.departmentId)
      .filter((id): id is number => id !== null);
    const headquarters = actor.roles.some((grant) => grant.role === 'headquartersMember');
    if (departments.length === 0 && !headquarters) {
      return { rows: [], counts: {}, overdueCount: 0, total: 0 };
    }
    query = query.where((eb) =>
      eb.or([
        ...(departments.length > 0
          ? [
              eb.exists(
                eb
                  .selectFrom('proposal_assignment as mine')
                  .select('mine.id')
                  .whereRef('mine.proposal_id', '=', 'p.id')
                  .where('mine.department_id', 'in', departments),
              ),
            ]
          : []),
        ...(headquarters ? [eb('p.escalated_at', 'is not', null)] : []),
      ]),
    );
  }
  const candidates = await query.execute();
  const access = await proposalAccessOfMany(db, candidates);
  const visible = candidates.filter((row) => can(actor, 'proposal', 'view', access.get(row.id)!));

  const isOpen = (state: ProposalState) => openStates.includes(state) && holderOf[state] !== null;
  const isOverdue = (row: (typeof visible)[number]) =>
    isOpen(row.state) && row.due_on !== null && row.due_on < today;

  const counts: Partial<Record<ProposalState, number>> = {};
  for (const row of visible) {
    counts[row.state] = (counts[row.state] ?? 0) + 1;
  }
  const overdueCount = visible.filter(isOverdue).length;

  const chosen = visible.filter((row) => {
    if (filter.state !== undefined) {
      return row.state === filter.state;
    }
    return filter.closed ? !isOpen(row.state) : isOpen(row.state);
  });
  const rows = chosen
    .filter((row) => !filter.overdue || isOverdue(row))
    .map((row): InboxRow => ({
      id: row.id,
      receiptNumber: row.receipt_number,
      title: row.title,
      kind: row.kind,
      state: row.state,
      organisationName: row.organisation_name,
      submittedAt: row.submitted_at,
      stateChangedAt: row.state_changed_at,
      dueOn: row.due_on,
      overdue: isOverdue(row),
      leadDepartmentId: access.get(row.id)!.leadDepartmentId,
    }))
    .sort(
      (a, b) =>
        (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
        (a.receiptNumber ?? '').localeCompare(b.receiptNumber ?? '') ||
        a.id - b.id,
    );
  return { rows, counts, overdueCount, total: rows.length };
}
