import { sql, type Kysely } from 'kysely';

/**
 * Runs a DDL script statement by statement: the embedded engine's query call accepts one
 * statement at a time. Scripts hold only trusted constants, never user input. Lines that
 * are only a comment are dropped first: a comment ending in ";" would otherwise cut the
 * statement it sits in.
 */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*\n/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
