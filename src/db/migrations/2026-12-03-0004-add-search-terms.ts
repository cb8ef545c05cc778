import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

// The search terms of src/domain/search.ts, kept beside each public document and found
// through a GIN index: `search_terms @> query terms` works alike on PGlite and PostgreSQL,
// which have no Japanese full-text parser in common.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table challenge add column search_terms text[] not null default '{}';
    create index challenge_search on challenge using gin (search_terms);
    alter table "case" add column search_terms text[] not null default '{}';
    create index case_search on "case" using gin (search_terms);
  `,
  );
}
