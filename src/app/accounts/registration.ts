import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/language.ts';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import { tokenLink } from './links.ts';
import { hashPassword } from './password-hash.ts';
import { consumeToken, issueToken, tokenLifetimes } from './tokens.ts';
import { findUserByEmail, normaliseEmail } from './users.ts';

export interface Registration {
  organisation: {
    name: string;
    kind: OrganisationKind;
    corporateNumber: string;
    address: string;
    website: string;
  };
  member: { name: string; email: string; password: string; lang: Lang };
}

interface Env {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  publicUrl: string;
  origin: AuditOrigin;
}

/**
 * Registers an organisation and its first member (its admin) and sends the link that
 * confirms the address. When the address is already registered, nothing is created and the
 * owner is told instead: the page says the same in both cases, so nobody learns from it who
 * has an account.
 */
export async function registerOrganisation(env: Env, input: Registration): Promise<void> {
  const email = normaliseEmail(input.member.email);
  // Hash before the transaction: it takes tens of milliseconds of CPU.
  const passwordHash = await hashPassword(input.member.password);
  await env.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, env.tenantId, email);
    if (existing) {
      await enqueueMail(trx, {
        tenantId: env.tenantId,
        template: 'accountExists',
        lang: existing.lang,
        to: existing.email,
        params: {
          name: existing.name,
          signInLink: `${env.publicUrl}${existing.lang === 'en' ? '/en' : ''}/signin`,
          resetLink: `${env.publicUrl}${existing.lang === 'en' ? '/en' : ''}/password/forgot`,
        },
      });
      return;
    }
    const organisation = await trx
      .insertInto('organisation')
      .values({
        tenant_id: env.tenantId,
        name: input.organisation.name,
        kind: input.organisation.kind,
        corporate_number: input.organisation.corporateNumber || null,
        address: input.organisation.address || null,
        website: input.organisation.website || null,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('user_account')
      .values({
        tenant_id: env.tenantId,
        kind: 'proposer',
        email,
        name: input.member.name,
        lang: input.member.lang,
        password_hash: passwordHash,
        status: 'active',
        password_changed_at: env.clock.now(),
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('organisation_member')
      .values({ organisation_id: organisation.id, user_id: user.id, role: 'admin' })
      .execute();
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'organisation.created',
      actorUserId: user.id,
      actorEmail: email,
      targetKind: 'organisation',
      targetId: organisation.id,
      targetLabel: input.organisation.name,
      ...env.origin,
    });
    await sendVerification(trx, env, {
      id: user.id,
      email,
      name: input.member.name,
      lang: input.member.lang,
    });
  });
}

/** Issues a new address-confirmation link for a proposer and queues it. */
export async function sendVerification(
  db: Kysely<Database>,
  env: Omit<Env, 'db' | 'origin'>,
  user: { id: number; email: string; name: string; lang: Lang },
): Promise<void> {
  const token = await issueToken(db, env.clock, {
    tenantId: env.tenantId,
    purpose: 'verifyEmail',
    email: user.email,
    userId: user.id,
  });
  await enqueueMail(db, {
    tenantId: env.tenantId,
    template: 'verifyEmail',
    lang: user.lang,
    to: user.email,
    params: {
      name: user.name,
      link: tokenLink(env.publicUrl, user.lang, '/verify', token),
      expiresInHours: tokenLifetimes.verifyEmail / 3_600_000,
    },
  });
}

/** Confirms an address with its link; true when the token was valid (it is then used up). */
export async function confirmEmail(env: Env, token: string): Promise<boolean> {
  return env.db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, env.clock, env.tenantId, 'verifyEmail', token);
    if (!used?.user_id) {
      return false;
    }
    const updated = await trx
      .updateTable('user_account')
      .set({ email_verified_at: env.clock.now(), updated_at: env.clock.now() })
      .where('id', '=', used.user_id)
      .where('email', '=', used.email)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      return false;
    }
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'email.verified',
      actorUserId: used.user_id,
      actorEmail: used.email,
      targetKind: 'user',
      targetId: used.user_id,
      ...env.origin,
    });
    return true;
  });
}
