import type { Insertable, Kysely } from 'kysely';
import { challengeTerms } from '../../src/app/search-index.ts';
import { bumpContentVersion } from '../../src/db/queries/tenant.ts';
import { textArray } from '../../src/db/text-array.ts';
import type { ChallengeTable, Database, ProposalTable } from '../../src/db/schema.ts';

/** The seeded tenant's id and a bureau to own test challenges. */
export async function sapporo(db: Kysely<Database>) {
  const tenant = await db
    .selectFrom('tenant')
    .selectAll()
    .where('slug', '=', 'sapporo')
    .executeTakeFirstOrThrow();
  const bureau = await db
    .selectFrom('department')
    .select(['id'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('sort')
    .executeTakeFirstOrThrow();
  return { tenant, bureauId: bureau.id };
}

/** Inserts a challenge, published unless told otherwise, and marks content as changed. */
export async function buildChallenge(
  db: Kysely<Database>,
  overrides: Partial<Insertable<ChallengeTable>> & { fieldCode?: string } = {},
) {
  const { tenant, bureauId } = await sapporo(db);
  const { fieldCode, ...values } = overrides;
  const texts = {
    title_ja: 'テスト用の課題',
    title_en: 'A test challenge',
    situation_ja: '現状の説明です。',
    wanted_ja: '求める提案の説明です。',
    ...values,
  };
  const row = await db
    .insertInto('challenge')
    .values({
      tenant_id: tenant.id,
      department_id: bureauId,
      status: 'published',
      published_at: new Date('2026-12-02T00:00:00Z'),
      search_terms: textArray(challengeTerms(texts)),
      ...texts,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  if (fieldCode) {
    const field = await db
      .selectFrom('field')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('code', '=', fieldCode)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('challenge_field')
      .values({ tenant_id: tenant.id, challenge_id: row.id, field_id: field.id })
      .execute();
  }
  await bumpContentVersion(db, tenant.id);
  return row.id;
}

let proposals = 0;

/**
 * Inserts a submitted proposal of a new organisation straight into the tables, in any state
 * with any clock: for tests of what reads proposals (jobs, lists), not of how they move.
 * `leadDepartmentId` and `supportingDepartmentIds` add the matching's assignments.
 */
export async function buildProposal(
  db: Kysely<Database>,
  overrides: Partial<Insertable<ProposalTable>> & {
    leadDepartmentId?: number;
    supportingDepartmentIds?: number[];
  } = {},
) {
  const { tenant } = await sapporo(db);
  const { leadDepartmentId, supportingDepartmentIds = [], ...values } = overrides;
  proposals += 1;
  const n = `${process.pid}-${proposals}`;
  const organisation = await db
    .insertInto('organisation')
    .values({ tenant_id: tenant.id, name: `Proposer ${n}`, kind: 'company' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const proposer = await db
    .insertInto('user_account')
    .values({
      tenant_id: tenant.id,
      kind: 'proposer',
      email: `proposer-${n}@example.jp`,
      name: `Proposer ${n}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('organisation_member')
    .values({ organisation_id: organisation.id, user_id: proposer.id, role: 'admin' })
    .execute();
  const at = new Date('2026-11-16T01:00:00Z');
  const row = await db
    .insertInto('proposal')
    .values({
      tenant_id: tenant.id,
      organisation_id: organisation.id,
      kind: 'free',
      state: 'screening',
      title: `Proposal ${n}`,
      summary: 'A confidential summary.',
      receipt_number: `R8-T${n}`,
      fiscal_year: 2026,
      submitted_at: at,
      submitted_by: proposer.id,
      state_changed_at: at,
      phase_started_at: at,
      due_on: '2026-11-30',
      created_by: proposer.id,
      updated_by: proposer.id,
      created_at: at,
      updated_at: at,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const assignments = [
    ...(leadDepartmentId === undefined ? [] : [[leadDepartmentId, 'lead'] as const]),
    ...supportingDepartmentIds.map((id) => [id, 'supporting'] as const),
  ];
  for (const [departmentId, role] of assignments) {
    await db
      .insertInto('proposal_assignment')
      .values({
        tenant_id: tenant.id,
        proposal_id: row.id,
        department_id: departmentId,
        role,
        assigned_by: proposer.id,
        assigned_at: at,
      })
      .execute();
  }
  return { proposal: row, proposerEmail: `proposer-${n}@example.jp` };
}
