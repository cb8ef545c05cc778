import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Published events that have not ended, soonest first. */
export async function upcomingEvents(
  db: Kysely<Database>,
  tenantId: number,
  now: Date,
  max: number,
) {
  return db
    .selectFrom('event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('ends_at', '>=', now),
        eb.and([eb('ends_at', 'is', null), eb('starts_at', '>=', now)]),
      ]),
    )
    .orderBy('starts_at')
    .limit(max)
    .execute();
}
