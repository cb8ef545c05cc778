import { sql, type Kysely } from 'kysely';

/**
 * Runs a DDL script statement by statement: the embedded engine's query call accepts one
 * statement at a time. Scripts hold only trusted constants, never user input. Whole-line
 * `--` comments are dropped first, so a semicolon inside a comment cannot split a statement.
 */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*\n/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
