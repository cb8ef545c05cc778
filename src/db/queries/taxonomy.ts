import type { Kysely } from 'kysely';
import type { Concept, Database, Department, Field, PartnershipMethod } from '../schema.ts';

export interface Taxonomies {
  fields: Field[];
  concepts: Concept[];
  methods: PartnershipMethod[];
  bureaus: Department[];
}

/** The tenant's fields, concepts, partnership methods and bureaus, in display order. */
export async function loadTaxonomies(db: Kysely<Database>, tenantId: number): Promise<Taxonomies> {
  const [fields, concepts, methods, bureaus] = await Promise.all([
    db.selectFrom('field').selectAll().where('tenant_id', '=', tenantId).orderBy('sort').execute(),
    db
      .selectFrom('concept')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('partnership_method')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('department')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'bureau')
      .orderBy('sort')
      .execute(),
  ]);
  return { fields, concepts, methods, bureaus };
}
