import type { Kysely } from 'kysely';
import { isoDate } from '../../domain/calendar.ts';
import { openStates, phaseOf, timedPhases, type TimedPhase } from '../../domain/proposal-state.ts';
import { targetsWith, type TimeTargets } from '../../domain/time-targets.ts';
import { addWorkingDays } from '../../domain/working-days.ts';
import type { Database } from '../../db/schema.ts';

/** The tenant's time targets, in working days per phase. */
export async function loadTimeTargets(
  db: Kysely<Database>,
  tenantId: number,
): Promise<TimeTargets> {
  const rows = await db
    .selectFrom('time_target')
    .select(['phase', 'working_days'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return targetsWith(Object.fromEntries(rows.map((row) => [row.phase, row.working_days])));
}

/**
 * Sets the tenant's time targets and moves the due dates of proposals now in each phase to
 * match, in one transaction: the inbox never shows a deadline from an old target.
 */
export async function saveTimeTargets(
  db: Kysely<Database>,
  tenantId: number,
  timeZone: string,
  targets: TimeTargets,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const phase of timedPhases) {
      await trx
        .insertInto('time_target')
        .values({ tenant_id: tenantId, phase, working_days: targets[phase] })
        .onConflict((c) =>
          c.columns(['tenant_id', 'phase']).doUpdateSet({ working_days: targets[phase] }),
        )
        .execute();
    }
    const open = await trx
      .selectFrom('proposal')
      .select(['id', 'state', 'phase_started_at'])
      .where('tenant_id', '=', tenantId)
      .where('state', 'in', openStates)
      .where('phase_started_at', 'is not', null)
      .forUpdate()
      .execute();
    for (const row of open) {
      const phase: TimedPhase | undefined = phaseOf[row.state];
      if (phase === undefined || row.phase_started_at === null) {
        continue;
      }
      const dueOn = addWorkingDays(isoDate(row.phase_started_at, timeZone), targets[phase]);
      await trx.updateTable('proposal').set({ due_on: dueOn }).where('id', '=', row.id).execute();
    }
  });
}
