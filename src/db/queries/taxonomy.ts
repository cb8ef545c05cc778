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

/** What the about page states: eligibility grounds, partner programs and partner cities. */
export async function loadGateFacts(db: Kysely<Database>, tenantId: number) {
  const [grounds, programs, cities] = await Promise.all([
    db
      .selectFrom('eligibility_ground')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('partner_program as p')
      .leftJoin('department as d', 'd.id', 'p.department_id')
      .select(['p.code', 'p.name_ja', 'p.name_en', 'p.summary_ja', 'p.summary_en'])
      .select(['d.name_ja as department_ja', 'd.name_en as department_en'])
      .where('p.tenant_id', '=', tenantId)
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('partner_city')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('sort')
      .execute(),
  ]);
  return { grounds, programs, cities };
}
