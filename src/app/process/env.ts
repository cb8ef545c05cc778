import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Actor } from '../../domain/policy.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditOrigin } from '../accounts/audit.ts';

/** What the commands of the proposal process need from the server. */
export interface ProcessEnv {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  timeZone: string;
  publicUrl: string;
  origin: AuditOrigin;
}

/** The person acting: the policy's view of them, with what the records name them by. */
export interface ProcessActor {
  actor: Exclude<Actor, { kind: 'visitor' }>;
  email: string;
}
