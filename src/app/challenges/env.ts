import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditOrigin, type AuditRecord } from '../accounts/audit.ts';

/** What the challenge commands need: the database, the clock, the tenant and who acts. */
export interface ChallengeEnv {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  timeZone: string;
  publicUrl: string;
  origin: AuditOrigin;
  actor: { userId: number; email: string };
}

/** Appends an audit record for the acting staff member, in the caller's transaction. */
export async function auditChallenge(
  trx: Kysely<Database>,
  env: ChallengeEnv,
  record: Pick<AuditRecord, 'action' | 'targetKind' | 'targetId' | 'targetLabel' | 'details'>,
): Promise<void> {
  await recordAudit(trx, env.clock, {
    tenantId: env.tenantId,
    actorUserId: env.actor.userId,
    actorEmail: env.actor.email,
    ...env.origin,
    ...record,
  });
}

/** A page of the portal as an absolute link, in a language. */
export function portalLink(env: Pick<ChallengeEnv, 'publicUrl'>, lang: string, path: string) {
  return `${env.publicUrl}${lang === 'en' ? '/en' : ''}${path}`;
}
