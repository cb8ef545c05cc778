import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** How many cases a work list shows; the gate's own cases, newest change first. */
const LIST_SIZE = 200;

function caseList(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('case as c')
    .leftJoin('organisation as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.title_ja',
      'c.title_en',
      'c.status',
      'c.approval',
      'c.approval_comment',
      'c.proposal_id',
      'c.updated_at',
      'c.published_at',
      'o.name as organisation_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(LIST_SIZE);
}

export type CaseListRow = Awaited<ReturnType<typeof staffCaseList>>[number];

/** The cases the gate made (drafted from projects or entered directly), not the seeded ones. */
export async function staffCaseList(db: Kysely<Database>, tenantId: number) {
  return caseList(db, tenantId).where('c.seed_key', 'is', null).execute();
}

/** The cases of a partner organisation's projects. */
export async function partnerCaseList(
  db: Kysely<Database>,
  tenantId: number,
  organisationId: number,
) {
  return caseList(db, tenantId).where('c.organisation_id', '=', organisationId).execute();
}

/** A case with its fields and methods, the partner's name and the proposal's receipt number. */
export async function loadCase(db: Kysely<Database>, tenantId: number, id: number) {
  const row = await db
    .selectFrom('case as c')
    .leftJoin('organisation as o', 'o.id', 'c.organisation_id')
    .leftJoin('proposal as p', 'p.id', 'c.proposal_id')
    .selectAll('c')
    .select(['o.name as organisation_name', 'p.receipt_number'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const [fields, methods] = await Promise.all([
    db.selectFrom('case_field').select('field_id').where('case_id', '=', id).execute(),
    db.selectFrom('case_method').select('method_id').where('case_id', '=', id).execute(),
  ]);
  return {
    ...row,
    fieldIds: fields.map((f) => f.field_id),
    methodIds: methods.map((m) => m.method_id),
  };
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** The case made from a proposal, if any. */
export async function caseOfProposal(db: Kysely<Database>, tenantId: number, proposalId: number) {
  return db
    .selectFrom('case')
    .select(['id', 'status', 'approval'])
    .where('tenant_id', '=', tenantId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
}
