import type { Kysely } from 'kysely';
import type { Actor, RoleGrant } from '../../domain/policy.ts';
import type { Database, Organisation, UserAccount } from '../../db/schema.ts';

/** E-mail addresses are compared and stored in lower case, trimmed. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export async function findUserByEmail(
  db: Kysely<Database>,
  tenantId: number,
  email: string,
): Promise<UserAccount | undefined> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function findUser(
  db: Kysely<Database>,
  tenantId: number,
  userId: number,
): Promise<UserAccount | undefined> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function rolesOf(db: Kysely<Database>, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('staff_role')
    .select(['role', 'department_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ role: row.role, departmentId: row.department_id }));
}

export interface Membership {
  organisation: Organisation;
  role: 'admin' | 'member';
}

export async function membershipOf(
  db: Kysely<Database>,
  userId: number,
): Promise<Membership | undefined> {
  const row = await db
    .selectFrom('organisation_member as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .selectAll('o')
    .select('m.role as member_role')
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { member_role, ...organisation } = row;
  return { organisation, role: member_role };
}

/** The signed-in account as the policy sees it, with what pages show of it. */
export interface SignedIn {
  user: UserAccount;
  actor: Exclude<Actor, { kind: 'visitor' }>;
  membership?: Membership;
}

/**
 * Loads the actor of a signed-in session afresh on every request, so that a removed role or
 * a disabled account stops working on the next request. Undefined when the account can no
 * longer sign in.
 */
export async function loadSignedIn(
  db: Kysely<Database>,
  tenantId: number,
  userId: number,
): Promise<SignedIn | undefined> {
  const user = await findUser(db, tenantId, userId);
  if (!user || user.status !== 'active') {
    return undefined;
  }
  if (user.kind === 'staff') {
    const roles = await rolesOf(db, user.id);
    return { user, actor: { kind: 'staff', userId: user.id, tenantId, roles } };
  }
  const membership = await membershipOf(db, user.id);
  if (!membership) {
    return undefined; // removed from the organisation
  }
  return {
    user,
    membership,
    actor: {
      kind: 'proposer',
      userId: user.id,
      tenantId,
      organisationId: membership.organisation.id,
      organisationAdmin: membership.role === 'admin',
      verified: user.email_verified_at !== null,
    },
  };
}
