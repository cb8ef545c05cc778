import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  ExpertOpinionTable,
  HeadquartersItemTable,
  HeadquartersSessionTable,
} from '../schema.ts';

/** Reads for the headquarters meeting pages: sessions, agendas, members and opinions. */

export type HeadquartersSession = Selectable<HeadquartersSessionTable>;
export type ExpertOpinion = Selectable<ExpertOpinionTable>;

export interface SessionSummary extends HeadquartersSession {
  items: number;
  decided: number;
}

export interface Person {
  id: number;
  name: string;
  email: string;
}

/** One item of an agenda, with what the session page shows of its proposal. */
export interface AgendaItem extends Selectable<HeadquartersItemTable> {
  receiptNumber: string | null;
  title: string;
  state: Selectable<Database['proposal']>['state'];
  organisationName: string;
  leadDepartment: { name_ja: string; name_en: string | null } | null;
  /** The lead department's reason for escalating, as recorded with its decision. */
  escalationReason: string | null;
  decidedByName: string | null;
}

/** The tenant's sessions, latest date first, with how many items each has decided. */
export async function listSessions(
  db: Kysely<Database>,
  tenantId: number,
): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom('headquarters_session as s')
    .leftJoin('headquarters_item as i', 'i.session_id', 's.id')
    .selectAll('s')
    .select((eb) => [
      eb.fn.count<string>('i.id').as('items'),
      eb.fn.count<string>('i.outcome').as('decided'),
    ])
    .where('s.tenant_id', '=', tenantId)
    .groupBy('s.id')
    .orderBy('s.held_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, items: Number(row.items), decided: Number(row.decided) }));
}

export async function findSession(
  db: Kysely<Database>,
  tenantId: number,
  sessionId: number,
): Promise<HeadquartersSession | undefined> {
  return db
    .selectFrom('headquarters_session')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
}

/** The members of a session, by name. */
export async function sessionMembers(db: Kysely<Database>, sessionId: number): Promise<Person[]> {
  return db
    .selectFrom('headquarters_member as m')
    .innerJoin('user_account as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('m.session_id', '=', sessionId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/** The active staff who hold the headquarters role: those a session may have as members. */
export async function headquartersMemberCandidates(
  db: Kysely<Database>,
  tenantId: number,
): Promise<Person[]> {
  return db
    .selectFrom('user_account as u')
    .select(['u.id', 'u.name', 'u.email'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_role as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', '=', 'headquartersMember'),
      ),
    )
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/** A session's agenda in its order. */
export async function agendaOf(
  db: Kysely<Database>,
  tenantId: number,
  sessionId: number,
): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('headquarters_item as i')
    .innerJoin('proposal as p', 'p.id', 'i.proposal_id')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .leftJoin('proposal_assignment as a', (join) =>
      join.onRef('a.proposal_id', '=', 'p.id').on('a.role', '=', 'lead'),
    )
    .leftJoin('department as d', 'd.id', 'a.department_id')
    .leftJoin('proposal_decision as e', (join) =>
      join
        .onRef('e.proposal_id', '=', 'p.id')
        .on('e.body', '=', 'department')
        .on('e.outcome', '=', 'escalated'),
    )
    .leftJoin('user_account as u', 'u.id', 'i.decided_by')
    .selectAll('i')
    .select([
      'p.receipt_number as receiptNumber',
      'p.title',
      'p.state',
      'o.name as organisationName',
      'd.name_ja as departmentJa',
      'd.name_en as departmentEn',
      'e.reason as escalationReason',
      'u.name as decidedByName',
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.session_id', '=', sessionId)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  return rows.map(({ departmentJa, departmentEn, ...row }) => ({
    ...row,
    leadDepartment: departmentJa === null ? null : { name_ja: departmentJa, name_en: departmentEn },
  }));
}

/** Escalated proposals that no session has as an undecided item yet, oldest escalation first. */
export async function schedulableProposals(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('proposal as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.receipt_number', 'p.title', 'o.name as organisationName'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.state', '=', 'escalated')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('headquarters_item as i')
            .select('i.id')
            .whereRef('i.proposal_id', '=', 'p.id')
            .where('i.outcome', 'is', null),
        ),
      ),
    )
    .orderBy('p.escalated_at')
    .orderBy('p.id')
    .execute();
}

/** The experts' opinions on the given items, oldest first. */
export async function opinionsOf(
  db: Kysely<Database>,
  itemIds: readonly number[],
): Promise<ExpertOpinion[]> {
  if (itemIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('expert_opinion')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The assessments the lead department recorded on a proposal, oldest first. */
export async function leadAssessments(db: Kysely<Database>, proposalId: number) {
  return db
    .selectFrom('proposal_assessment as s')
    .innerJoin('proposal_assignment as a', (join) =>
      join
        .onRef('a.proposal_id', '=', 's.proposal_id')
        .onRef('a.department_id', '=', 's.department_id')
        .on('a.role', '=', 'lead'),
    )
    .innerJoin('user_account as u', 'u.id', 's.reviewer_id')
    .selectAll('s')
    .select('u.name as reviewerName')
    .where('s.proposal_id', '=', proposalId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
}

export type LeadAssessment = Awaited<ReturnType<typeof leadAssessments>>[number];
