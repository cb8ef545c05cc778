import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Database, UserAccount } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import { tokenLink } from './links.ts';
import { hashPassword } from './password-hash.ts';
import { revokeUserSessions } from './session-store.ts';
import { clearThrottle } from './throttle.ts';
import { consumeToken, findToken, issueToken, tokenLifetimes } from './tokens.ts';
import { findUser, findUserByEmail, normaliseEmail } from './users.ts';

interface Env {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  publicUrl: string;
  origin: AuditOrigin;
}

/**
 * Sends a reset link when the address belongs to an active account with a password. Nothing
 * else gets one: not an unknown address, not a disabled account, and not a staff account
 * still waiting for its set-up (an expired set-up link must be reissued by an admin, not
 * revived here). The caller answers the same in every case.
 */
export async function requestPasswordReset(env: Env, email: string): Promise<void> {
  await env.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, env.tenantId, email);
    if (!user || user.status !== 'active' || user.password_hash === null) {
      return;
    }
    const token = await issueToken(trx, env.clock, {
      tenantId: env.tenantId,
      purpose: 'resetPassword',
      email: user.email,
      userId: user.id,
    });
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'passwordReset',
      lang: user.lang,
      to: user.email,
      params: {
        name: user.name,
        link: tokenLink(env.publicUrl, user.lang, '/password/reset', token),
        expiresInMinutes: tokenLifetimes.resetPassword / 60_000,
      },
    });
  });
}

/** The account a reset or set-up link belongs to, while the link is valid. */
export async function accountOfLink(
  env: Pick<Env, 'db' | 'clock' | 'tenantId'>,
  purpose: 'resetPassword' | 'staffSetup',
  token: string,
): Promise<UserAccount | undefined> {
  const found = await findToken(env.db, env.clock, env.tenantId, purpose, token);
  if (!found?.user_id) {
    return undefined;
  }
  const user = await findUser(env.db, env.tenantId, found.user_id);
  const usable =
    purpose === 'resetPassword'
      ? user?.status === 'active'
      : user?.status === 'invited' || (user?.status === 'active' && user.password_hash === null);
  return usable ? user : undefined;
}

/**
 * Sets a new password through a reset or set-up link, using the link up. Every session of
 * the account ends and its password throttling is forgotten: the owner has proved the mailbox.
 * Returns the account, or undefined when the link is no longer valid.
 */
export async function setPasswordWithLink(
  env: Env,
  purpose: 'resetPassword' | 'staffSetup',
  token: string,
  password: string,
): Promise<UserAccount | undefined> {
  const user = await accountOfLink(env, purpose, token);
  if (!user) {
    return undefined;
  }
  const passwordHash = await hashPassword(password);
  return env.db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, env.clock, env.tenantId, purpose, token);
    if (!used || used.user_id !== user.id) {
      return undefined;
    }
    const now = env.clock.now();
    const updated = await trx
      .updateTable('user_account')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        updated_at: now,
        // Following a link sent to the address proves the address.
        email_verified_at: user.email_verified_at ?? now,
        status: 'active',
      })
      .where('id', '=', user.id)
      .where('status', '=', user.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      return undefined;
    }
    await revokeUserSessions(trx, user.id);
    // Only the password's counter: a reset proves the mailbox, not the second factor.
    await clearThrottle(trx, env.tenantId, ['signIn'], user.email);
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: purpose === 'staffSetup' ? 'account.activated' : 'password.reset',
      actorUserId: user.id,
      actorEmail: user.email,
      targetKind: 'user',
      targetId: user.id,
      targetLabel: user.name,
      ...env.origin,
    });
    if (purpose === 'resetPassword') {
      await enqueueMail(trx, {
        tenantId: env.tenantId,
        template: 'passwordChanged',
        lang: user.lang,
        to: user.email,
        params: { name: user.name },
      });
    }
    return updated;
  });
}

/** Changes a signed-in user's password; ends every other session of the account. */
export async function changePassword(
  env: Env,
  user: UserAccount,
  password: string,
  currentSessionId: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await env.db.transaction().execute(async (trx) => {
    const now = env.clock.now();
    await trx
      .updateTable('user_account')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await revokeUserSessions(trx, user.id, { except: currentSessionId });
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'password.changed',
      actorUserId: user.id,
      actorEmail: user.email,
      targetKind: 'user',
      targetId: user.id,
      ...env.origin,
    });
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'passwordChanged',
      lang: user.lang,
      to: user.email,
      params: { name: user.name },
    });
  });
}

/**
 * Starts a change of address: a link goes to the new address, and the change happens only
 * when it is opened. When the new address already has an account, nothing is sent and the
 * caller answers the same, so the form cannot be used to find out who is registered.
 */
export async function requestEmailChange(
  env: Env,
  user: UserAccount,
  newEmail: string,
): Promise<void> {
  const email = normaliseEmail(newEmail);
  await env.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, env.tenantId, email)) {
      return;
    }
    const token = await issueToken(trx, env.clock, {
      tenantId: env.tenantId,
      purpose: 'changeEmail',
      email,
      userId: user.id,
    });
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'confirmEmailChange',
      lang: user.lang,
      to: email,
      params: {
        name: user.name,
        link: tokenLink(env.publicUrl, user.lang, '/account/email/confirm', token),
        expiresInHours: tokenLifetimes.changeEmail / 3_600_000,
      },
    });
  });
}

/** The new address a change link would set, while the link is valid. */
export async function pendingEmailChange(
  env: Pick<Env, 'db' | 'clock' | 'tenantId'>,
  token: string,
): Promise<{ userId: number; email: string } | undefined> {
  const found = await findToken(env.db, env.clock, env.tenantId, 'changeEmail', token);
  return found?.user_id ? { userId: found.user_id, email: found.email } : undefined;
}

/** Completes a change of address; the old address is told. False when the link is not valid. */
export async function confirmEmailChange(env: Env, token: string): Promise<boolean> {
  return env.db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, env.clock, env.tenantId, 'changeEmail', token);
    if (!used?.user_id) {
      return false;
    }
    const user = await findUser(trx, env.tenantId, used.user_id);
    if (
      !user ||
      user.status !== 'active' ||
      (await findUserByEmail(trx, env.tenantId, used.email))
    ) {
      return false;
    }
    const now = env.clock.now();
    await trx
      .updateTable('user_account')
      .set({ email: used.email, email_verified_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'email.changed',
      actorUserId: user.id,
      actorEmail: used.email,
      targetKind: 'user',
      targetId: user.id,
      details: { from: user.email, to: used.email },
      ...env.origin,
    });
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'emailChanged',
      lang: user.lang,
      to: user.email,
      params: { name: user.name, newEmail: used.email },
    });
    return true;
  });
}
