import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/language.ts';
import { departmentRoles, type RoleGrant } from '../../domain/policy.ts';
import type { Database, UserAccount } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import { tokenLink } from './links.ts';
import { revokeUserSessions } from './session-store.ts';
import { issueToken, tokenLifetimes } from './tokens.ts';
import { findUserByEmail, normaliseEmail } from './users.ts';

interface Env {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  publicUrl: string;
  origin: AuditOrigin;
  /** The admin who acts; null from the command line. */
  actor: { id: number; email: string } | null;
}

/** Why a staff account cannot be created or changed as asked. */
export class StaffAccountError extends Error {
  constructor(readonly reason: 'emailTaken' | 'departmentRequired' | 'unknownDepartment') {
    super(reason);
  }
}

/** Checks that department roles name an active department of the tenant and others none. */
async function checkGrants(db: Kysely<Database>, tenantId: number, roles: RoleGrant[]) {
  for (const grant of roles) {
    const needsDepartment = departmentRoles.includes(grant.role);
    if (needsDepartment && grant.departmentId === null) {
      throw new StaffAccountError('departmentRequired');
    }
    if (!needsDepartment) {
      grant.departmentId = null;
      continue;
    }
    const department = await db
      .selectFrom('department')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', grant.departmentId!)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!department) {
      throw new StaffAccountError('unknownDepartment');
    }
  }
}

/**
 * Creates a staff account waiting for set-up and returns the single-use link with which its
 * owner chooses a password. With `sendMail`, the link is also e-mailed to them.
 */
export async function createStaffUser(
  env: Env,
  input: { email: string; name: string; lang: Lang; roles: RoleGrant[]; sendMail: boolean },
): Promise<{ user: UserAccount; setupLink: string }> {
  const email = normaliseEmail(input.email);
  return env.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, env.tenantId, email)) {
      throw new StaffAccountError('emailTaken');
    }
    await checkGrants(trx, env.tenantId, input.roles);
    const user = await trx
      .insertInto('user_account')
      .values({
        tenant_id: env.tenantId,
        kind: 'staff',
        email,
        name: input.name,
        lang: input.lang,
        status: 'invited',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'account.created',
      actorUserId: env.actor?.id ?? null,
      actorEmail: env.actor?.email ?? null,
      targetKind: 'user',
      targetId: user.id,
      targetLabel: `${user.name} <${user.email}>`,
      details: { via: env.actor ? 'admin' : 'cli' },
      ...env.origin,
    });
    for (const grant of input.roles) {
      await grantRole(trx, env, user, grant);
    }
    const setupLink = await issueSetupLink(trx, env, user, input.sendMail);
    return { user, setupLink };
  });
}

/** A new set-up link for a staff account that has not chosen a password yet. */
export async function issueSetupLink(
  db: Kysely<Database>,
  env: Omit<Env, 'db'>,
  user: UserAccount,
  sendMail: boolean,
): Promise<string> {
  const token = await issueToken(db, env.clock, {
    tenantId: env.tenantId,
    purpose: 'staffSetup',
    email: user.email,
    userId: user.id,
    createdBy: env.actor?.id ?? null,
  });
  const link = tokenLink(env.publicUrl, user.lang, '/account/setup', token);
  await recordAudit(db, env.clock, {
    tenantId: env.tenantId,
    action: 'account.setupLinkIssued',
    actorUserId: env.actor?.id ?? null,
    actorEmail: env.actor?.email ?? null,
    targetKind: 'user',
    targetId: user.id,
    targetLabel: user.email,
    details: { mailed: sendMail },
    ...env.origin,
  });
  if (sendMail) {
    await enqueueMail(db, {
      tenantId: env.tenantId,
      template: 'staffSetup',
      lang: user.lang,
      to: user.email,
      params: { name: user.name, link, expiresInHours: tokenLifetimes.staffSetup / 3_600_000 },
    });
  }
  return link;
}

/** Gives a staff member a role; their sessions end so that they sign in with it afresh. */
export async function grantRole(
  db: Kysely<Database>,
  env: Omit<Env, 'db'>,
  user: UserAccount,
  grant: RoleGrant,
): Promise<void> {
  await checkGrants(db, env.tenantId, [grant]);
  await db
    .insertInto('staff_role')
    .values({
      tenant_id: env.tenantId,
      user_id: user.id,
      role: grant.role,
      department_id: grant.departmentId,
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  await revokeUserSessions(db, user.id);
  await recordAudit(db, env.clock, {
    tenantId: env.tenantId,
    action: 'role.granted',
    actorUserId: env.actor?.id ?? null,
    actorEmail: env.actor?.email ?? null,
    targetKind: 'user',
    targetId: user.id,
    targetLabel: user.email,
    details: { role: grant.role, departmentId: grant.departmentId },
    ...env.origin,
  });
}

/** Takes a role away; it stops working on the staff member's next request. */
export async function revokeRole(
  db: Kysely<Database>,
  env: Omit<Env, 'db'>,
  user: UserAccount,
  roleId: number,
): Promise<boolean> {
  const removed = await db
    .deleteFrom('staff_role')
    .where('id', '=', roleId)
    .where('user_id', '=', user.id)
    .where('tenant_id', '=', env.tenantId)
    .returning(['role', 'department_id'])
    .executeTakeFirst();
  if (!removed) {
    return false;
  }
  await revokeUserSessions(db, user.id);
  await recordAudit(db, env.clock, {
    tenantId: env.tenantId,
    action: 'role.revoked',
    actorUserId: env.actor?.id ?? null,
    actorEmail: env.actor?.email ?? null,
    targetKind: 'user',
    targetId: user.id,
    targetLabel: user.email,
    details: { role: removed.role, departmentId: removed.department_id },
    ...env.origin,
  });
  return true;
}

/** Disables or re-enables an account; disabling ends all its sessions at once. */
export async function setAccountDisabled(
  db: Kysely<Database>,
  env: Omit<Env, 'db'>,
  user: UserAccount,
  disabled: boolean,
): Promise<void> {
  const status = disabled ? 'disabled' : user.password_hash === null ? 'invited' : 'active';
  await db
    .updateTable('user_account')
    .set({ status, updated_at: env.clock.now() })
    .where('id', '=', user.id)
    .execute();
  if (disabled) {
    await revokeUserSessions(db, user.id);
  }
  await recordAudit(db, env.clock, {
    tenantId: env.tenantId,
    action: disabled ? 'account.disabled' : 'account.enabled',
    actorUserId: env.actor?.id ?? null,
    actorEmail: env.actor?.email ?? null,
    targetKind: 'user',
    targetId: user.id,
    targetLabel: user.email,
    ...env.origin,
  });
}
