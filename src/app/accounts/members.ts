import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/language.ts';
import type { Database, Organisation, UserAccount } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import { tokenLink } from './links.ts';
import { hashPassword } from './password-hash.ts';
import { revokeUserSessions } from './session-store.ts';
import { consumeToken, findToken, issueToken, tokenLifetimes } from './tokens.ts';
import { findUserByEmail, normaliseEmail } from './users.ts';

interface Env {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  publicUrl: string;
  origin: AuditOrigin;
}

export interface MemberRow {
  userId: number;
  name: string;
  email: string;
  role: 'admin' | 'member';
  joinedAt: Date;
  verified: boolean;
}

export async function listMembers(db: Kysely<Database>, organisationId: number) {
  const rows = await db
    .selectFrom('organisation_member as m')
    .innerJoin('user_account as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'm.role', 'm.joined_at', 'u.email_verified_at'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.joined_at')
    .orderBy('u.id')
    .execute();
  return rows.map((row): MemberRow => ({
    userId: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: row.joined_at,
    verified: row.email_verified_at !== null,
  }));
}

export async function listPendingInvitations(
  env: Pick<Env, 'db' | 'clock'>,
  organisationId: number,
) {
  return env.db
    .selectFrom('account_token')
    .select(['id', 'email', 'expires_at'])
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', env.clock.now())
    .orderBy('created_at')
    .execute();
}

/** Why an invitation cannot be sent. */
export class InvitationError extends Error {
  constructor(readonly reason: 'alreadyMember') {
    super(reason);
  }
}

/**
 * Invites a person by e-mail to join an organisation. A current member of the same
 * organisation is refused; for anyone else the invitation goes out, so the form does not
 * tell who holds an account elsewhere (the link then explains it to the invitee).
 */
export async function inviteMember(
  env: Env,
  organisation: Organisation,
  inviter: UserAccount,
  email: string,
  lang: Lang,
): Promise<void> {
  const address = normaliseEmail(email);
  await env.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, env.tenantId, address);
    if (existing) {
      const member = await trx
        .selectFrom('organisation_member')
        .select('user_id')
        .where('organisation_id', '=', organisation.id)
        .where('user_id', '=', existing.id)
        .executeTakeFirst();
      if (member) {
        throw new InvitationError('alreadyMember');
      }
    }
    const token = await issueToken(trx, env.clock, {
      tenantId: env.tenantId,
      purpose: 'invitation',
      email: address,
      organisationId: organisation.id,
      createdBy: inviter.id,
    });
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'memberInvitation',
      lang,
      to: address,
      params: {
        organisation: organisation.name,
        invitedBy: inviter.name,
        link: tokenLink(env.publicUrl, lang, '/join', token),
        expiresInDays: tokenLifetimes.invitation / 86_400_000,
      },
    });
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'member.invited',
      actorUserId: inviter.id,
      actorEmail: inviter.email,
      targetKind: 'organisation',
      targetId: organisation.id,
      targetLabel: organisation.name,
      details: { email: address },
      ...env.origin,
    });
  });
}

/** Withdraws an invitation that has not been accepted yet. */
export async function cancelInvitation(
  env: Env,
  organisationId: number,
  invitationId: number,
): Promise<boolean> {
  const result = await env.db
    .updateTable('account_token')
    .set({ used_at: env.clock.now() })
    .where('id', '=', invitationId)
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface OpenInvitation {
  email: string;
  organisation: Organisation;
  /** The address already has an account, which cannot join a second organisation. */
  taken: boolean;
}

/** What an invitation link offers, while it is valid. */
export async function openInvitation(
  env: Pick<Env, 'db' | 'clock' | 'tenantId'>,
  token: string,
): Promise<OpenInvitation | undefined> {
  const found = await findToken(env.db, env.clock, env.tenantId, 'invitation', token);
  if (!found?.organisation_id) {
    return undefined;
  }
  const organisation = await env.db
    .selectFrom('organisation')
    .selectAll()
    .where('id', '=', found.organisation_id)
    .executeTakeFirstOrThrow();
  const existing = await findUserByEmail(env.db, env.tenantId, found.email);
  return { email: found.email, organisation, taken: !(await canRejoin(env.db, existing)) };
}

/**
 * True when an invitation can give this address a membership: nobody has it, or it is a
 * proposer account that was removed from its organisation (it then joins afresh).
 */
async function canRejoin(db: Kysely<Database>, user: UserAccount | undefined): Promise<boolean> {
  if (!user) {
    return true;
  }
  if (user.kind !== 'proposer') {
    return false;
  }
  const membership = await db
    .selectFrom('organisation_member')
    .select('user_id')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return membership === undefined;
}

/** Accepts an invitation: a new member account, its address proved by the link. */
export async function acceptInvitation(
  env: Env,
  token: string,
  input: { name: string; password: string; lang: Lang },
): Promise<Organisation | undefined> {
  const passwordHash = await hashPassword(input.password);
  return env.db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, env.clock, env.tenantId, 'invitation', token);
    if (!used?.organisation_id) {
      return undefined;
    }
    const existing = await findUserByEmail(trx, env.tenantId, used.email);
    if (!(await canRejoin(trx, existing))) {
      return undefined;
    }
    const now = env.clock.now();
    const account = {
      name: input.name,
      lang: input.lang,
      password_hash: passwordHash,
      status: 'active' as const,
      email_verified_at: now,
      password_changed_at: now,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
    };
    const user = existing
      ? await trx
          .updateTable('user_account')
          .set({ ...account, updated_at: now })
          .where('id', '=', existing.id)
          .returning(['id'])
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('user_account')
          .values({ tenant_id: env.tenantId, kind: 'proposer', email: used.email, ...account })
          .returning(['id'])
          .executeTakeFirstOrThrow();
    await trx.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('organisation_member')
      .values({ organisation_id: used.organisation_id, user_id: user.id, role: 'member' })
      .execute();
    const organisation = await trx
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', used.organisation_id)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'member.joined',
      actorUserId: user.id,
      actorEmail: used.email,
      targetKind: 'organisation',
      targetId: organisation.id,
      targetLabel: organisation.name,
      ...env.origin,
    });
    return organisation;
  });
}

/**
 * Removes a member from an organisation. Their account can no longer sign in, and every
 * session of it ends at once. Returns the removed member's name, or undefined.
 */
export async function removeMember(
  env: Env,
  organisation: Organisation,
  actor: UserAccount,
  userId: number,
): Promise<string | undefined> {
  return env.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('organisation_member')
      .where('organisation_id', '=', organisation.id)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    if (!removed) {
      return undefined;
    }
    const user = await trx
      .updateTable('user_account')
      .set({ status: 'disabled', updated_at: env.clock.now() })
      .where('id', '=', userId)
      .returning(['name', 'email'])
      .executeTakeFirstOrThrow();
    await revokeUserSessions(trx, userId);
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'member.removed',
      actorUserId: actor.id,
      actorEmail: actor.email,
      targetKind: 'user',
      targetId: userId,
      targetLabel: user.email,
      details: { organisationId: organisation.id },
      ...env.origin,
    });
    return user.name;
  });
}
