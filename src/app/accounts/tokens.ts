import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { AccountTokenTable, Database, TokenPurpose } from '../../db/schema.ts';
import type { Selectable } from 'kysely';

/** How long each kind of link stays valid. */
export const tokenLifetimes: Record<TokenPurpose, number> = {
  verifyEmail: 24 * 60 * 60_000,
  changeEmail: 24 * 60 * 60_000,
  resetPassword: 30 * 60_000,
  staffSetup: 72 * 60 * 60_000,
  invitation: 7 * 24 * 60 * 60_000,
};

export type AccountToken = Selectable<AccountTokenTable>;

/** Tokens are stored only as their SHA-256: a copy of the database opens no account. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Issues a single-use token and returns it; only its hash is kept. An earlier unused token
 * of the same purpose for the same account or address stops working.
 */
export async function issueToken(
  db: Kysely<Database>,
  clock: Clock,
  token: {
    tenantId: number;
    purpose: TokenPurpose;
    email: string;
    userId?: number | null;
    organisationId?: number | null;
    createdBy?: number | null;
  },
): Promise<string> {
  const raw = randomBytes(32).toString('base64url');
  const now = clock.now();
  let retire = db
    .updateTable('account_token')
    .set({ used_at: now })
    .where('tenant_id', '=', token.tenantId)
    .where('purpose', '=', token.purpose)
    .where('used_at', 'is', null);
  retire =
    typeof token.userId === 'number'
      ? retire.where('user_id', '=', token.userId)
      : retire.where('email', '=', token.email).where('user_id', 'is', null);
  if (typeof token.organisationId === 'number') {
    retire = retire.where('organisation_id', '=', token.organisationId);
  }
  await retire.execute();
  await db
    .insertInto('account_token')
    .values({
      tenant_id: token.tenantId,
      purpose: token.purpose,
      token_hash: tokenHash(raw),
      user_id: token.userId ?? null,
      organisation_id: token.organisationId ?? null,
      email: token.email,
      created_by: token.createdBy ?? null,
      created_at: now,
      expires_at: new Date(now.getTime() + tokenLifetimes[token.purpose]),
    })
    .execute();
  return raw;
}

/** The token if it is valid now (unused, unexpired, of this purpose and tenant). */
export async function findToken(
  db: Kysely<Database>,
  clock: Clock,
  tenantId: number,
  purpose: TokenPurpose,
  raw: string,
): Promise<AccountToken | undefined> {
  if (raw.length < 20 || raw.length > 100) {
    return undefined;
  }
  return db
    .selectFrom('account_token')
    .selectAll()
    .where('token_hash', '=', tokenHash(raw))
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', clock.now())
    .executeTakeFirst();
}

/**
 * Uses up a token: of two requests racing with the same token, exactly one gets it.
 * Call it inside the transaction that does what the token allows.
 */
export async function consumeToken(
  db: Kysely<Database>,
  clock: Clock,
  tenantId: number,
  purpose: TokenPurpose,
  raw: string,
): Promise<AccountToken | undefined> {
  if (raw.length < 20 || raw.length > 100) {
    return undefined;
  }
  const now = clock.now();
  return db
    .updateTable('account_token')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash(raw))
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}
