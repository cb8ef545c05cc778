import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';

/**
 * Refreshes the query planner's statistics of the embedded database. PostgreSQL servers do
 * this themselves (autovacuum); PGlite never does, and without statistics its planner picks
 * plans that were measured 10–20 times slower at 100,000 records. A small sample (target 10)
 * keeps the pause short: the engine serves no other query meanwhile.
 */
export async function refreshStatistics(database: DatabaseHandle): Promise<void> {
  if (database.kind !== 'embedded') {
    return;
  }
  await database.db.transaction().execute(async (tx) => {
    await sql`set local default_statistics_target = 10`.execute(tx);
    // The engine's memory grows to its peak and never shrinks: keep the peak low.
    await sql`set local maintenance_work_mem = '1MB'`.execute(tx);
    await sql`analyze`.execute(tx);
  });
}

/** How often the statistics job looks whether public content changed since its last run. */
export const STATISTICS_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Refreshes statistics now, then every interval in which public content has changed.
 * Returns the function that stops the job.
 */
export async function scheduleStatistics(options: {
  database: DatabaseHandle;
  contentVersion: () => number;
  onError: (error: unknown) => void;
}): Promise<() => void> {
  const { database, contentVersion, onError } = options;
  if (database.kind !== 'embedded') {
    return () => undefined;
  }
  await refreshStatistics(database);
  let analyzed = contentVersion();
  const timer = setInterval(() => {
    if (contentVersion() === analyzed) {
      return;
    }
    analyzed = contentVersion();
    refreshStatistics(database).catch(onError);
  }, STATISTICS_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
