import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditOrigin, type AuditRecord } from '../accounts/audit.ts';
import type { ProcessActor, ProcessEnv } from './env.ts';

/** What a step says of itself in the audit log; who took it, and from where, come with it. */
export type StepRecord = Omit<
  AuditRecord,
  'tenantId' | 'actorUserId' | 'actorEmail' | keyof AuditOrigin
>;

/**
 * Appends the audit record of a step `by` took, in the caller's transaction: the tenant,
 * the actor and the request's origin as the process environment knows them.
 */
export async function auditStep(
  db: Kysely<Database>,
  env: Pick<ProcessEnv, 'clock' | 'tenantId' | 'origin'>,
  by: ProcessActor,
  record: StepRecord,
): Promise<void> {
  await recordAudit(db, env.clock, {
    tenantId: env.tenantId,
    actorUserId: by.actor.userId,
    actorEmail: by.email,
    ...record,
    ...env.origin,
  });
}
