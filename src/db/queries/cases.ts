import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { limits } from '../../domain/limits.ts';
import type { CaseOrigin, Database } from '../schema.ts';
import { textArray } from '../text-array.ts';

export interface CaseFilter {
  fieldCode?: string | undefined;
  methodCode?: string | undefined;
  year?: number | undefined;
  /** The city's own and wide-area cases, or examples from other cities. */
  scope?: 'city' | 'other-cities' | undefined;
  /** Search terms (src/domain/search.ts) every case must hold. */
  terms?: string[] | undefined;
}

type Eb = ExpressionBuilder<Database, 'case'>;

const cityOrigins: CaseOrigin[] = ['own', 'wide-area'];

/** Published cases of every origin. */
function publishedCases(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('case')
    .where('case.tenant_id', '=', tenantId)
    .where('case.status', '=', 'published');
}

function publicCases(db: Kysely<Database>, tenantId: number, filter: CaseFilter) {
  let query = publishedCases(db, tenantId);
  query =
    filter.scope === 'other-cities'
      ? query.where('case.origin', '=', 'other-city')
      : query.where('case.origin', 'in', cityOrigins);
  if (filter.terms && filter.terms.length > 0) {
    query = query.where(sql<boolean>`"case".search_terms @> ${textArray(filter.terms)}`);
  }
  if (filter.year !== undefined) {
    query = query.where('case.year', '=', filter.year);
  }
  if (filter.fieldCode) {
    const code = filter.fieldCode;
    query = query.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('case_field')
          .whereRef('case_field.case_id', '=', 'case.id')
          // The code is resolved once; each row is then one probe of the primary key.
          .where(
            'case_field.field_id',
            '=',
            eb
              .selectFrom('field')
              .select('id')
              .where('tenant_id', '=', tenantId)
              .where('code', '=', code),
          ),
      ),
    );
  }
  if (filter.methodCode) {
    const code = filter.methodCode;
    query = query.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('case_method')
          .whereRef('case_method.case_id', '=', 'case.id')
          // The code is resolved once; each row is then one probe of the primary key.
          .where(
            'case_method.method_id',
            '=',
            eb
              .selectFrom('partnership_method')
              .select('id')
              .where('tenant_id', '=', tenantId)
              .where('code', '=', code),
          ),
      ),
    );
  }
  return query;
}

function withSummaryColumns(query: ReturnType<typeof publicCases>) {
  return query
    .select([
      'case.id',
      'case.origin',
      'case.municipality_ja',
      'case.municipality_en',
      'case.year',
      'case.partners_ja',
      'case.partners_en',
      'case.title_ja',
      'case.title_en',
      'case.summary_ja',
      'case.summary_en',
      'case.source_url',
      'case.published_at',
      'case.updated_at',
    ])
    .select((eb) => [
      sql<string[]>`array(${eb
        .selectFrom('case_field')
        .innerJoin('field', 'field.id', 'case_field.field_id')
        .select('field.code')
        .whereRef('case_field.case_id', '=', 'case.id')
        .orderBy('field.sort')})`.as('field_codes'),
      sql<string[]>`array(${eb
        .selectFrom('case_method')
        .innerJoin('partnership_method as m', 'm.id', 'case_method.method_id')
        .select('m.code')
        .whereRef('case_method.case_id', '=', 'case.id')
        .orderBy('m.sort')})`.as('method_codes'),
    ]);
}

/** What a case tells beyond its summary: what was done, what it achieved, when. */
const storyColumns = [
  'case.activities_ja',
  'case.activities_en',
  'case.results_ja',
  'case.results_en',
  'case.period_ja',
  'case.period_en',
  'case.translation_pending',
] as const;

export type CaseSummary = Awaited<ReturnType<typeof listCases>>['rows'][number];

/** One page of published cases: newest year first, then newest publication. */
export async function listCases(
  db: Kysely<Database>,
  tenantId: number,
  filter: CaseFilter,
  page: number,
) {
  const size = limits.pageSize;
  const cap = limits.maxPage * size;
  const [rows, counted] = await Promise.all([
    withSummaryColumns(publicCases(db, tenantId, filter))
      .orderBy(sql`"case"."year" desc nulls last`)
      .orderBy('case.published_at', 'desc')
      .orderBy('case.id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
    db
      .selectFrom(publicCases(db, tenantId, filter).select('case.id').limit(cap).as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n), capped: Number(counted.n) >= cap };
}

/** The years that published cases span, newest first, for the year filter. */
export async function caseYears(db: Kysely<Database>, tenantId: number): Promise<number[]> {
  // A loose index scan: one index probe per distinct year instead of reading every case.
  const result = await sql<{ year: number }>`
    with recursive years (year) as (
      (select year from "case"
        where tenant_id = ${tenantId} and status = 'published' and year is not null
        order by year desc limit 1)
      union all
      select (select c.year from "case" c
        where c.tenant_id = ${tenantId} and c.status = 'published' and c.year < years.year
        order by c.year desc limit 1)
      from years where years.year is not null
    )
    select year from years where year is not null`.execute(db);
  return result.rows.map((row) => row.year);
}

/** The newest published cases of the city, for feeds. */
export async function latestPublicCases(db: Kysely<Database>, tenantId: number, max: number) {
  return withSummaryColumns(publicCases(db, tenantId, { scope: 'city' }))
    .select(storyColumns)
    .orderBy('case.published_at', 'desc')
    .orderBy('case.id', 'desc')
    .limit(max)
    .execute();
}

/** Up to `size` published cases of every origin with ids below `beforeId`, highest first. */
export async function publicCaseBatch(
  db: Kysely<Database>,
  tenantId: number,
  beforeId: number | undefined,
  size: number,
) {
  return withSummaryColumns(publishedCases(db, tenantId))
    .select(['case.source_note_ja', 'case.source_note_en', ...storyColumns])
    .$if(beforeId !== undefined, (q) => q.where('case.id', '<', beforeId!))
    .orderBy('case.id', 'desc')
    .limit(size)
    .execute();
}

/** A published case of any origin, or undefined. */
export async function findPublicCase(db: Kysely<Database>, tenantId: number, id: number) {
  return withSummaryColumns(publishedCases(db, tenantId))
    .select(['case.source_note_ja', 'case.source_note_en', 'case.status', ...storyColumns])
    .where('case.id', '=', id)
    .executeTakeFirst();
}
