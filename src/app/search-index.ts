import { sql, type Kysely } from 'kysely';
import { documentTerms } from '../domain/search.ts';
import type { Database } from '../db/schema.ts';
import { textArray } from '../db/text-array.ts';

type Texts = Record<string, string | null | undefined>;

const challengeColumns = [
  'title',
  'situation',
  'wanted',
  'outcome',
  'offer',
  'partner_benefit',
  'constraints',
  'background',
  'solution',
] as const;
const caseColumns = [
  'title',
  'summary',
  'partners',
  'municipality',
  'activities',
  'results',
] as const;

function termsOf(row: object, columns: readonly string[]): string[] {
  const texts = row as Texts;
  return documentTerms(...columns.flatMap((c) => [texts[`${c}_ja`], texts[`${c}_en`]]));
}

/** The search terms of a challenge, from its public texts in both languages. */
export const challengeTerms = (row: object) => termsOf(row, challengeColumns);

/** The search terms of a case, from its public texts in both languages. */
export const caseTerms = (row: object) => termsOf(row, caseColumns);

const BATCH = 200;

/**
 * Fills the search terms of rows that have none (rows written before search existed, or
 * by bulk loads), a batch at a time. Returns how many rows it indexed.
 */
export async function backfillSearchTerms(db: Kysely<Database>): Promise<number> {
  let indexed = 0;
  for (const [table, columns] of [
    ['challenge', challengeColumns],
    ['case', caseColumns],
  ] as const) {
    const select = columns.flatMap((c) => [`${c}_ja`, `${c}_en`]);
    for (;;) {
      const rows = await sql<Texts & { id: number }>`
        select id, ${sql.join(select.map((c) => sql.ref(c)))} from ${sql.table(table)}
        where search_terms = '{}' order by id limit ${BATCH}`.execute(db);
      if (rows.rows.length === 0) {
        break;
      }
      await db.transaction().execute(async (tx) => {
        for (const row of rows.rows) {
          // An empty document gets one placeholder term so that it is not picked up again.
          const terms = termsOf(row, columns);
          await sql`update ${sql.table(table)} set search_terms = ${textArray(terms.length > 0 ? terms : [''])}
            where id = ${row.id}`.execute(tx);
        }
      });
      indexed += rows.rows.length;
    }
  }
  return indexed;
}
