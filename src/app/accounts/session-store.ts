import type * as Fastify from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Database } from '../../db/schema.ts';
import { tokenHash } from './tokens.ts';

/** How long a session lives without use, and at most. */
export const sessionTimeouts = {
  idleStaffMs: 30 * 60_000,
  idleProposerMs: 2 * 60 * 60_000,
  /** Sessions that are not signed in (a form's CSRF secret, a pending second factor). */
  idleAnonymousMs: 2 * 60 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
} as const;

/** The gate's own fields of a session. */
export interface GateSessionFields {
  userId?: number;
  userKind?: 'proposer' | 'staff';
  /** 'full' once every factor is done; before that, which step is next. */
  stage?: 'secondFactor' | 'enrolSecondFactor' | 'full';
  /** When the session was signed in and last used, in ms since the epoch. */
  createdAt?: number;
  lastSeenAt?: number;
  /** When the password was last re-entered in this session. */
  reauthenticatedAt?: number;
  /** A TOTP secret being enrolled, until the first code confirms it. */
  pendingTotpSecret?: string;
  /** Recovery codes to show once, right after enrolment. */
  freshRecoveryCodes?: string[];
  /** Where to go after signing in. */
  returnTo?: string;
  userAgent?: string;
  clientAddress?: string;
  /** A one-time notice for the next page. */
  notice?: string;
}

/** When a session ends if nobody uses it again. */
export function sessionExpiry(fields: GateSessionFields, now: number): number {
  const created = fields.createdAt ?? now;
  const seen = fields.lastSeenAt ?? now;
  const idle =
    fields.userId === undefined || fields.stage !== 'full'
      ? sessionTimeouts.idleAnonymousMs
      : fields.userKind === 'staff'
        ? sessionTimeouts.idleStaffMs
        : sessionTimeouts.idleProposerMs;
  return Math.min(seen + idle, created + sessionTimeouts.absoluteMs);
}

/**
 * Sessions in the database, so that several server processes share them. The id in the
 * cookie is stored only as its hash. Expiry is judged by the gate's clock in the session
 * hook (src/web/auth.ts); the store only keeps `expires_at` for listing and clean-up.
 */
export class DatabaseSessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly tenantId: () => number,
  ) {}

  get(
    sessionId: string,
    callback: (error: Error | null, session?: Fastify.Session | null) => void,
  ): void {
    this.db
      .selectFrom('user_session')
      .select(['data'])
      .where('id_hash', '=', tokenHash(sessionId))
      .executeTakeFirst()
      .then(
        (row) => callback(null, row ? (row.data as Fastify.Session) : null),
        (error: Error) => callback(error),
      );
  }

  set(sessionId: string, session: Fastify.Session, callback: (error?: Error) => void): void {
    const fields = session as GateSessionFields;
    const now = this.clock.now().getTime();
    const created = new Date(fields.createdAt ?? now);
    const seen = new Date(fields.lastSeenAt ?? now);
    const row = {
      data: JSON.stringify(session),
      user_id: fields.userId ?? null,
      last_seen_at: seen,
      expires_at: new Date(sessionExpiry(fields, now)),
      user_agent: fields.userAgent?.slice(0, 300) ?? null,
      client_address: fields.clientAddress ?? null,
    };
    this.db
      .insertInto('user_session')
      .values({
        id_hash: tokenHash(sessionId),
        tenant_id: this.tenantId(),
        created_at: created,
        ...row,
      })
      .onConflict((conflict) => conflict.column('id_hash').doUpdateSet(row))
      .execute()
      .then(
        () => callback(),
        (error: Error) => callback(error),
      );
  }

  destroy(sessionId: string, callback: (error?: Error) => void): void {
    this.db
      .deleteFrom('user_session')
      .where('id_hash', '=', tokenHash(sessionId))
      .execute()
      .then(
        () => callback(),
        (error: Error) => callback(error),
      );
  }
}

/** Ends every session of a user (after a password change, role change or disable). */
export async function revokeUserSessions(
  db: Kysely<Database>,
  userId: number,
  options: { except?: string } = {},
): Promise<number> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (options.except) {
    query = query.where('id_hash', '!=', tokenHash(options.except));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions that ended long enough ago that nobody can be using them. */
export async function purgeExpiredSessions(db: Kysely<Database>, clock: Clock): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where('expires_at', '<', clock.now())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
