import type { Kysely } from 'kysely';
import type { Database, Tenant } from '../schema.ts';

/** The tenant with this slug, or undefined. */
export async function findTenant(db: Kysely<Database>, slug: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenant').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The tenant's content version: it grows with every change to public content. */
export async function contentVersion(db: Kysely<Database>, tenantId: number): Promise<number> {
  const row = await db
    .selectFrom('tenant')
    .select('content_version')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return row.content_version;
}

/** Marks public content as changed; call inside the transaction that changed it. */
export async function bumpContentVersion(db: Kysely<Database>, tenantId: number): Promise<void> {
  await db
    .updateTable('tenant')
    .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
    .where('id', '=', tenantId)
    .execute();
}
