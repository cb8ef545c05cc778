import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Database, UserAccount } from '../../db/schema.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import { checkTotp, newRecoveryCodes, recoveryCodeHash } from './totp.ts';

interface Env {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  origin: AuditOrigin;
}

/**
 * Checks a TOTP code for an enrolled account and records its time step, so the same code
 * cannot be used again (also not by a request racing this one).
 */
export async function verifyTotp(env: Env, user: UserAccount, code: string): Promise<boolean> {
  if (!user.totp_secret || !user.totp_enabled_at) {
    return false;
  }
  const step = checkTotp(user.totp_secret, code, env.clock, user.totp_last_step);
  if (step === null) {
    return false;
  }
  const claimed = await env.db
    .updateTable('user_account')
    .set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

/** Uses up one recovery code; true when it was an unused code of this account. */
export async function useRecoveryCode(env: Env, user: UserAccount, code: string): Promise<boolean> {
  const used = await env.db
    .updateTable('recovery_code')
    .set({ used_at: env.clock.now() })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', recoveryCodeHash(code))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (used) {
    await recordAudit(env.db, env.clock, {
      tenantId: env.tenantId,
      action: 'secondFactor.recoveryCodeUsed',
      actorUserId: user.id,
      actorEmail: user.email,
      targetKind: 'user',
      targetId: user.id,
      ...env.origin,
    });
  }
  return used !== undefined;
}

/** Replaces the account's recovery codes with new ones and returns them, to show once. */
async function replaceRecoveryCodes(db: Kysely<Database>, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(codes.map((code) => ({ user_id: userId, code_hash: recoveryCodeHash(code) })))
    .execute();
  return codes;
}

/**
 * Turns the second factor on once the first code from the app confirms the secret.
 * Returns the new recovery codes, or null when the code does not match.
 */
export async function enableTotp(
  env: Env,
  user: UserAccount,
  secret: string,
  code: string,
): Promise<string[] | null> {
  const step = checkTotp(secret, code, env.clock, null);
  if (step === null) {
    return null;
  }
  return env.db.transaction().execute(async (trx) => {
    const now = env.clock.now();
    await trx
      .updateTable('user_account')
      .set({ totp_secret: secret, totp_enabled_at: now, totp_last_step: step, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    const codes = await replaceRecoveryCodes(trx, user.id);
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'secondFactor.enabled',
      actorUserId: user.id,
      actorEmail: user.email,
      targetKind: 'user',
      targetId: user.id,
      ...env.origin,
    });
    return codes;
  });
}

/** Turns the second factor off (proposers only; staff always need it). */
export async function disableTotp(env: Env, user: UserAccount): Promise<void> {
  await env.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_account')
      .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'secondFactor.disabled',
      actorUserId: user.id,
      actorEmail: user.email,
      targetKind: 'user',
      targetId: user.id,
      ...env.origin,
    });
  });
}

/** New recovery codes for an enrolled account; the old ones stop working. */
export async function regenerateRecoveryCodes(env: Env, user: UserAccount): Promise<string[]> {
  return env.db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, user.id);
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'secondFactor.recoveryCodesRegenerated',
      actorUserId: user.id,
      actorEmail: user.email,
      targetKind: 'user',
      targetId: user.id,
      ...env.origin,
    });
    return codes;
  });
}

/** How many recovery codes are left unused. */
export async function remainingRecoveryCodes(db: Kysely<Database>, userId: number) {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
