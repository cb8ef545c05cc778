import type { Config } from '../config/config.ts';
import { systemClock } from '../domain/calendar.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { findTenant } from '../db/queries/tenant.ts';
import { runOverdueDigest, type DigestRun } from '../jobs/overdue-digest.ts';
import { TenantMissingError } from '../web/server.ts';

export const digestUsage = `Usage: gate digest

Queues today's e-mail of overdue proposals to the staff who hold them, as the server does
every five minutes: only from DIGEST_HOUR of a working day in the tenant's time zone, and
only once a day however many processes or commands try (for a cron job on a server whose
processes run with the digest off, or to see whether it has gone).`;

const reasons: Record<Extract<DigestRun, { sent: false }>['why'], string> = {
  beforeHour: 'not yet: it goes from DIGEST_HOUR',
  closedDay: 'not today: the city office is closed',
  alreadySent: 'already sent today',
};

/** `gate digest`: runs the overdue digest once; returns the line to print. */
export async function digestCommand(config: Config, database: DatabaseHandle): Promise<string> {
  const tenant = await findTenant(database.db, config.tenant);
  if (!tenant) {
    throw new TenantMissingError(config.tenant);
  }
  const run = await runOverdueDigest({
    db: database.db,
    tenant,
    clock: systemClock,
    publicUrl: config.publicUrl,
    hour: config.digestHour,
  });
  if (run.sent) {
    return `Overdue digest for ${run.day}: ${run.mails} e-mails about ${run.proposals} proposals queued.\n`;
  }
  return `Overdue digest for ${run.day}: ${reasons[run.why]}.\n`;
}
