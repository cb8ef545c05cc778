import type { Kysely } from 'kysely';
import type { Clock } from '../domain/calendar.ts';
import type { Database } from '../db/schema.ts';
import { purgeExpiredSessions } from '../app/accounts/session-store.ts';

const INTERVAL_MS = 10 * 60_000;

/** Removes what nobody can use any more: ended sessions and throttle counters long quiet. */
export async function cleanUp(db: Kysely<Database>, clock: Clock): Promise<void> {
  await purgeExpiredSessions(db, clock);
  const dayAgo = new Date(clock.now().getTime() - 24 * 60 * 60_000);
  await db.deleteFrom('auth_throttle').where('last_failure_at', '<', dayAgo).execute();
}

/** Runs the clean-up every ten minutes until stopped. */
export function scheduleCleanUp(options: {
  db: Kysely<Database>;
  clock: Clock;
  onError: (error: unknown) => void;
}): () => void {
  const timer = setInterval(() => {
    cleanUp(options.db, options.clock).catch(options.onError);
  }, INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
