import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { limits } from '../../domain/limits.ts';
import type { Database } from '../schema.ts';
import { textArray } from '../text-array.ts';

/** Statuses a visitor may see; drafts, returned and archived challenges never leave the office. */
export const publicChallengeStatuses = ['published', 'closed'] as const;

export interface ChallengeFilter {
  fieldCode?: string | undefined;
  conceptCode?: string | undefined;
  departmentId?: number | undefined;
  status?: 'open' | 'closed' | undefined;
  /** Only challenges whose theme call accepts proposals on this date. */
  callOpenOn?: string | undefined;
  /** Only challenges shared with partner cities of the metropolitan area (wide-area). */
  wideArea?: boolean | undefined;
  /** Search terms (src/domain/search.ts) every challenge must hold. */
  terms?: string[] | undefined;
}

type Eb = ExpressionBuilder<Database, 'challenge'>;

function publicChallenges(db: Kysely<Database>, tenantId: number, filter: ChallengeFilter) {
  let query = db
    .selectFrom('challenge')
    .where('challenge.tenant_id', '=', tenantId)
    .where('challenge.status', 'in', publicChallengeStatuses);
  if (filter.status) {
    query = query.where('challenge.status', '=', filter.status === 'open' ? 'published' : 'closed');
  }
  if (filter.departmentId !== undefined) {
    query = query.where('challenge.department_id', '=', filter.departmentId);
  }
  if (filter.fieldCode) {
    const code = filter.fieldCode;
    query = query.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('challenge_field')
          .whereRef('challenge_field.challenge_id', '=', 'challenge.id')
          // The code is resolved once; each row is then one probe of the primary key.
          .where(
            'challenge_field.field_id',
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
  if (filter.conceptCode) {
    const code = filter.conceptCode;
    query = query.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('challenge_concept')
          .whereRef('challenge_concept.challenge_id', '=', 'challenge.id')
          // The code is resolved once; each row is then one probe of the primary key.
          .where(
            'challenge_concept.concept_id',
            '=',
            eb
              .selectFrom('concept')
              .select('id')
              .where('tenant_id', '=', tenantId)
              .where('code', '=', code),
          ),
      ),
    );
  }
  if (filter.wideArea) {
    query = query.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('challenge_share')
          .whereRef('challenge_share.challenge_id', '=', 'challenge.id')
          .select('challenge_share.partner_city_id'),
      ),
    );
  }
  if (filter.terms && filter.terms.length > 0) {
    query = query.where(sql<boolean>`challenge.search_terms @> ${textArray(filter.terms)}`);
  }
  if (filter.callOpenOn) {
    const day = filter.callOpenOn;
    // A closed challenge's call is closed, whatever its dates say.
    query = query.where('challenge.status', '=', 'published');
    query = query.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('theme_call')
          .whereRef('theme_call.challenge_id', '=', 'challenge.id')
          .where('theme_call.opens_on', '<=', day)
          .where('theme_call.closes_on', '>=', day),
      ),
    );
  }
  return query;
}

function withSummaryColumns(query: ReturnType<typeof publicChallenges>) {
  return query
    .innerJoin('department', 'department.id', 'challenge.department_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('theme_call')
          .select(['opens_on', 'closes_on'])
          .whereRef('theme_call.challenge_id', '=', 'challenge.id')
          .orderBy('opens_on', 'desc')
          .limit(1)
          .as('call'),
      (join) => join.onTrue(),
    )
    .select([
      'challenge.id',
      'challenge.status',
      'challenge.title_ja',
      'challenge.title_en',
      'challenge.wanted_ja',
      'challenge.wanted_en',
      'challenge.published_at',
      'challenge.updated_at',
      'department.name_ja as department_ja',
      'department.name_en as department_en',
      'call.opens_on as call_opens_on',
      'call.closes_on as call_closes_on',
    ])
    .select((eb) => [
      sql<string[]>`array(${eb
        .selectFrom('challenge_field')
        .innerJoin('field', 'field.id', 'challenge_field.field_id')
        .select('field.code')
        .whereRef('challenge_field.challenge_id', '=', 'challenge.id')
        .orderBy('field.sort')})`.as('field_codes'),
      sql<string[]>`array(${eb
        .selectFrom('challenge_concept')
        .innerJoin('concept', 'concept.id', 'challenge_concept.concept_id')
        .select('concept.code')
        .whereRef('challenge_concept.challenge_id', '=', 'challenge.id')
        .orderBy('concept.sort')})`.as('concept_codes'),
      eb
        .exists(
          eb
            .selectFrom('challenge_share')
            .select('challenge_share.partner_city_id')
            .whereRef('challenge_share.challenge_id', '=', 'challenge.id'),
        )
        .as('wide_area'),
    ]);
}

export type ChallengeSummary = Awaited<ReturnType<typeof listChallenges>>['rows'][number];

/** One page of public challenges, newest first, with a total capped at the deepest page. */
export async function listChallenges(
  db: Kysely<Database>,
  tenantId: number,
  filter: ChallengeFilter,
  page: number,
) {
  const size = limits.pageSize;
  const cap = limits.maxPage * size;
  const [rows, counted] = await Promise.all([
    withSummaryColumns(publicChallenges(db, tenantId, filter))
      .orderBy('challenge.published_at', 'desc')
      .orderBy('challenge.id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
    db
      .selectFrom(publicChallenges(db, tenantId, filter).select('challenge.id').limit(cap).as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n), capped: Number(counted.n) >= cap };
}

/** The newest public challenges, for feeds. */
export async function latestPublicChallenges(db: Kysely<Database>, tenantId: number, max: number) {
  return withSummaryColumns(publicChallenges(db, tenantId, {}))
    .orderBy('challenge.published_at', 'desc')
    .orderBy('challenge.id', 'desc')
    .limit(max)
    .execute();
}

/**
 * Up to `size` public challenges with ids below `beforeId`, highest id first: open data
 * reads the whole list this way in bounded batches (the embedded engine holds a whole
 * result in memory, and its memory never shrinks again).
 */
export async function publicChallengeBatch(
  db: Kysely<Database>,
  tenantId: number,
  beforeId: number | undefined,
  size: number,
) {
  return withSummaryColumns(publicChallenges(db, tenantId, {}))
    .select([
      'challenge.situation_ja',
      'challenge.situation_en',
      'challenge.outcome_ja',
      'challenge.outcome_en',
      'challenge.offer_ja',
      'challenge.offer_en',
    ])
    .$if(beforeId !== undefined, (q) => q.where('challenge.id', '<', beforeId!))
    .orderBy('challenge.id', 'desc')
    .limit(size)
    .execute();
}

/** A public challenge with its department, fields, concepts and theme calls; else undefined. */
export async function findPublicChallenge(db: Kysely<Database>, tenantId: number, id: number) {
  const challenge = await withSummaryColumns(publicChallenges(db, tenantId, {}))
    .selectAll('challenge')
    .where('challenge.id', '=', id)
    .executeTakeFirst();
  if (!challenge) {
    return undefined;
  }
  const calls = await db
    .selectFrom('theme_call')
    .selectAll()
    .where('challenge_id', '=', id)
    .orderBy('opens_on', 'desc')
    .execute();
  return { ...challenge, calls };
}
