import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';

/**
 * Set-based bulk loading for the benchmark: synthetic published challenges and cases are
 * copied from the seeded rows (so pages carry real texts of real lengths) with taxonomy
 * links assigned round-robin. Row-by-row inserts would take minutes at 100,000 rows.
 */

type Db = Kysely<Database>;

/** Synthetic rows carry this seed key prefix, so they never collide with the seed's keys. */
const PREFIX = 'bench-';

/** Every n-th synthetic challenge gets a theme call: "a few", as in a real city. */
const THEME_CALL_EVERY = 97;

export interface BulkResult {
  challenges: number;
  cases: number;
}

/** Adds published challenges and cases until the tenant has `target` of each. */
export async function fillTenant(db: Db, slug: string, target: number): Promise<BulkResult> {
  const tenantId = await tenantIdOf(db, slug);
  await db.transaction().execute(async (tx) => {
    const challenges = target - (await countRows(tx, 'challenge', tenantId));
    if (challenges > 0) {
      await insertChallenges(tx, tenantId, challenges);
      await linkChallenges(tx, tenantId);
    }
    const cases = target - (await countRows(tx, 'case', tenantId));
    if (cases > 0) {
      await insertCases(tx, tenantId, cases);
      await linkCases(tx, tenantId);
    }
    // Public pages are cached per content version; a bulk change must invalidate them.
    await sql`update tenant set content_version = content_version + 1
      where id = ${tenantId}`.execute(tx);
  });
  return {
    challenges: await countRows(db, 'challenge', tenantId),
    cases: await countRows(db, 'case', tenantId),
  };
}

/**
 * Vacuums and analyzes the loaded tables, as a PostgreSQL server's autovacuum would soon
 * after a bulk load. Not for the embedded engine, which has no autovacuum to imitate.
 */
export async function vacuumAnalyze(db: Db): Promise<void> {
  await sql`vacuum (analyze) challenge, challenge_field, challenge_concept, theme_call,
    "case", case_field, case_method`.execute(db);
}

/** Ids of a synthetic challenge and case from the middle of the lists, for detail pages. */
export async function sampleIds(
  db: Db,
  slug: string,
): Promise<{ challenge: number; case: number }> {
  const tenantId = await tenantIdOf(db, slug);
  const middle = async (table: 'challenge' | 'case') => {
    const rows = await sql<{ id: number }>`select id from ${sql.table(table)}
      where tenant_id = ${tenantId} and seed_key like ${`${PREFIX}%`}
      order by id offset (select count(*) / 2 from ${sql.table(table)}
        where tenant_id = ${tenantId} and seed_key like ${`${PREFIX}%`})
      limit 1`.execute(db);
    const id = rows.rows[0]?.id;
    if (id === undefined) {
      throw new Error(`no synthetic ${table} to show`);
    }
    return id;
  };
  return { challenge: await middle('challenge'), case: await middle('case') };
}

async function tenantIdOf(db: Db, slug: string): Promise<number> {
  const row = await db
    .selectFrom('tenant')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function countRows(db: Db, table: 'challenge' | 'case', tenantId: number): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
    where tenant_id = ${tenantId}`.execute(db);
  return rows.rows[0]?.n ?? 0;
}

/** Copies the seeded challenges round-robin, numbered, newest first, in the bureaus in turn. */
async function insertChallenges(db: Db, tenantId: number, count: number): Promise<void> {
  await sql`
    insert into challenge (tenant_id, seed_key, department_id, status,
      title_ja, title_en, situation_ja, situation_en, wanted_ja, wanted_en,
      outcome_ja, outcome_en, offer_ja, offer_en, partner_benefit_ja, partner_benefit_en,
      constraints_ja, constraints_en, contact_ja, contact_en, search_terms,
      published_at, created_at, updated_at)
    select ${tenantId}::int, ${PREFIX}::text || g, b.ids[1 + g % cardinality(b.ids)], 'published',
      s.title_ja || '（' || g || '）', s.title_en || ' (' || g || ')',
      s.situation_ja, s.situation_en, s.wanted_ja, s.wanted_en,
      s.outcome_ja, s.outcome_en, s.offer_ja, s.offer_en,
      s.partner_benefit_ja, s.partner_benefit_en, s.constraints_ja, s.constraints_en,
      s.contact_ja, s.contact_en, s.search_terms,
      now() - g * interval '53 minutes', now() - g * interval '53 minutes',
      now() - g * interval '53 minutes'
    from generate_series(1, ${count}::int) g
    cross join (select array_agg(id order by sort, id) as ids from department
      where tenant_id = ${tenantId} and kind = 'bureau') b
    cross join (select count(*)::int as n from challenge where tenant_id = ${tenantId}) k
    join (select c.*, (row_number() over (order by c.id) - 1)::int as rn from challenge c
      where c.tenant_id = ${tenantId}) s on s.rn = g % k.n
  `.execute(db);
}

/** One field each, no to two concepts, and a theme call on every 97th synthetic challenge. */
async function linkChallenges(db: Db, tenantId: number): Promise<void> {
  await sql`
    insert into challenge_field (tenant_id, challenge_id, field_id)
    select c.tenant_id, c.id, f.ids[1 + c.id % cardinality(f.ids)]
    from challenge c
    cross join (select array_agg(id order by sort) as ids from field
      where tenant_id = ${tenantId}) f
    where c.tenant_id = ${tenantId} and c.seed_key like ${`${PREFIX}%`}
  `.execute(db);
  await sql`
    insert into challenge_concept (tenant_id, challenge_id, concept_id)
    select c.tenant_id, c.id, x.ids[1 + (c.id + o.shift) % cardinality(x.ids)]
    from challenge c
    cross join (select array_agg(id order by sort) as ids from concept
      where tenant_id = ${tenantId}) x
    cross join (values (0), (1)) o(shift)
    where c.tenant_id = ${tenantId} and c.seed_key like ${`${PREFIX}%`}
      and ((o.shift = 0 and c.id % 3 <> 0) or (o.shift = 1 and c.id % 5 = 0))
      and cardinality(x.ids) > 1
  `.execute(db);
  // Windows around today: some calls are open, some have closed, as on a live portal.
  await sql`
    insert into theme_call (tenant_id, challenge_id, opens_on, closes_on, question_deadline)
    select c.tenant_id, c.id, w.opens, w.opens + 30 + c.id % 30, w.opens + 20
    from challenge c
    cross join lateral (select current_date - (c.id % 90) as opens) w
    where c.tenant_id = ${tenantId} and c.seed_key like ${`${PREFIX}%`}
      and c.id % ${THEME_CALL_EVERY}::int = 0
  `.execute(db);
}

/** Copies the seeded cases round-robin, numbered, over sixteen years of publication. */
async function insertCases(db: Db, tenantId: number, count: number): Promise<void> {
  await sql`
    insert into "case" (tenant_id, seed_key, origin, municipality_ja, municipality_en, year,
      partners_ja, partners_en, title_ja, title_en, summary_ja, summary_en,
      source_url, source_note_ja, source_note_en, search_terms, status,
      published_at, created_at, updated_at)
    select ${tenantId}::int, ${PREFIX}::text || g, s.origin, s.municipality_ja, s.municipality_en,
      2010 + g % 16, s.partners_ja, s.partners_en,
      s.title_ja || '（' || g || '）', s.title_en || ' (' || g || ')',
      s.summary_ja, s.summary_en, s.source_url, s.source_note_ja, s.source_note_en,
      s.search_terms, 'published',
      now() - g * interval '47 minutes', now() - g * interval '47 minutes',
      now() - g * interval '47 minutes'
    from generate_series(1, ${count}::int) g
    cross join (select count(*)::int as n from "case" where tenant_id = ${tenantId}) k
    join (select c.*, (row_number() over (order by c.id) - 1)::int as rn from "case" c
      where c.tenant_id = ${tenantId}) s on s.rn = g % k.n
  `.execute(db);
}

/** One or two fields and one or two partnership methods per synthetic case. */
async function linkCases(db: Db, tenantId: number): Promise<void> {
  await sql`
    insert into case_field (tenant_id, case_id, field_id)
    select c.tenant_id, c.id, f.ids[1 + (c.id + o.shift) % cardinality(f.ids)]
    from "case" c
    cross join (select array_agg(id order by sort) as ids from field
      where tenant_id = ${tenantId}) f
    cross join (values (0), (3)) o(shift)
    where c.tenant_id = ${tenantId} and c.seed_key like ${`${PREFIX}%`}
      and (o.shift = 0 or c.id % 4 = 0)
  `.execute(db);
  await sql`
    insert into case_method (tenant_id, case_id, method_id)
    select c.tenant_id, c.id, m.ids[1 + (c.id + o.shift) % cardinality(m.ids)]
    from "case" c
    cross join (select array_agg(id order by sort) as ids from partnership_method
      where tenant_id = ${tenantId}) m
    cross join (values (0), (5)) o(shift)
    where c.tenant_id = ${tenantId} and c.seed_key like ${`${PREFIX}%`}
      and (o.shift = 0 or c.id % 6 = 0)
  `.execute(db);
}
