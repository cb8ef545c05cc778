import type { Kysely, Transaction } from 'kysely';
import { addDays, todayIn, type Clock } from '../domain/calendar.ts';
import { bumpContentVersion } from '../db/queries/tenant.ts';
import { textArray } from '../db/text-array.ts';
import { caseTerms, challengeTerms } from './search-index.ts';
import type { Database } from '../db/schema.ts';
import type { TenantSeed, ChallengeSeed, CaseSeed, Text } from '../seed/types.ts';

type Tx = Transaction<Database>;

const en = (text: Text | null | undefined) => text?.en ?? null;
const ja = (text: Text | null | undefined) => text?.ja ?? null;

export interface SeedResult {
  tenantId: number;
  created: { challenges: number; cases: number };
}

/**
 * Seeds a tenant idempotently, in one transaction: rows that exist already (by code or seed
 * key) are left as they are, so running it again changes nothing an admin has edited.
 */
export async function seedTenant(
  db: Kysely<Database>,
  seed: { tenant: TenantSeed; challenges: ChallengeSeed[]; cases: CaseSeed[] },
  clock: Clock,
): Promise<SeedResult> {
  return db.transaction().execute(async (tx) => {
    const tenantId = await upsertTenant(tx, seed.tenant);
    await seedTaxonomies(tx, tenantId, seed.tenant);
    const today = todayIn('Asia/Tokyo', clock);
    const challenges = await seedChallenges(tx, tenantId, seed.challenges, today);
    const cases = await seedCases(tx, tenantId, seed.cases);
    if (challenges + cases > 0) {
      await bumpContentVersion(tx, tenantId);
    }
    return { tenantId, created: { challenges, cases } };
  });
}

async function upsertTenant(tx: Tx, seed: TenantSeed): Promise<number> {
  const t = seed.tenant;
  await tx
    .insertInto('tenant')
    .values({
      slug: t.slug,
      name_ja: t.name.ja,
      name_en: t.name.en,
      gate_name_ja: t.gateName.ja,
      gate_name_en: t.gateName.en,
      office_ja: t.office.ja,
      office_en: t.office.en,
      intro_ja: t.intro.ja,
      intro_en: t.intro.en,
      city_vision_ja: t.cityVision.ja,
      city_vision_en: t.cityVision.en,
      opened_on: t.opened,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const row = await tx
    .selectFrom('tenant')
    .select('id')
    .where('slug', '=', t.slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function seedTaxonomies(tx: Tx, tenantId: number, seed: TenantSeed): Promise<void> {
  const sorted = <T>(items: T[]) => items.map((item, i) => ({ item, sort: i + 1 }));

  await tx
    .insertInto('field')
    .values(
      sorted(seed.fields).map(({ item, sort }) => ({
        tenant_id: tenantId,
        code: item.code,
        name_ja: item.name.ja,
        name_en: en(item.name),
        sort,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  await tx
    .insertInto('concept')
    .values(
      sorted(seed.concepts).map(({ item, sort }) => ({
        tenant_id: tenantId,
        code: item.code,
        name_ja: item.name.ja,
        name_en: en(item.name),
        description_ja: ja(item.description),
        description_en: en(item.description),
        sort,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  await tx
    .insertInto('partnership_method')
    .values(
      sorted(seed.partnershipMethods).map(({ item, sort }) => ({
        tenant_id: tenantId,
        code: item.code,
        name_ja: item.name.ja,
        name_en: en(item.name),
        summary_ja: item.summary.ja,
        summary_en: en(item.summary),
        when_to_use_ja: ja(item.whenToUse),
        when_to_use_en: en(item.whenToUse),
        own_procedure: item.ownProcedure ?? false,
        sort,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  await tx
    .insertInto('eligibility_ground')
    .values(
      sorted(seed.eligibilityGrounds).map(({ item, sort }) => ({
        tenant_id: tenantId,
        code: item.code,
        text_ja: item.text.ja,
        text_en: en(item.text),
        sort,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  await tx
    .insertInto('department')
    .values(
      sorted(seed.bureaus).map(({ item, sort }) => ({
        tenant_id: tenantId,
        kind: 'bureau' as const,
        code: item.code,
        name_ja: item.name.ja,
        name_en: en(item.name),
        sort,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  await tx
    .insertInto('partner_city')
    .values(
      sorted(seed.partnerCities).map(({ item, sort }) => ({
        tenant_id: tenantId,
        code: item.code,
        name_ja: item.name.ja,
        name_en: en(item.name),
        sort,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  const bureaus = await bureauIds(tx, tenantId);
  await tx
    .insertInto('partner_program')
    .values(
      seed.partnerPrograms.map((item) => ({
        tenant_id: tenantId,
        code: item.code,
        name_ja: item.name.ja,
        name_en: en(item.name),
        summary_ja: item.summary.ja,
        summary_en: en(item.summary),
        department_id: bureaus.get(item.bureau) ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
}

async function bureauIds(tx: Tx, tenantId: number): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('department')
    .select(['id', 'name_ja'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'bureau')
    .execute();
  return new Map(rows.map((row) => [row.name_ja, row.id]));
}

async function codeIds(
  tx: Tx,
  table: 'field' | 'concept' | 'partnership_method',
  tenantId: number,
): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom(table)
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

function idOf(ids: Map<string, number>, code: string, what: string): number {
  const id = ids.get(code);
  if (id === undefined) {
    throw new Error(`seed refers to an unknown ${what}: ${code}`);
  }
  return id;
}

async function seedChallenges(
  tx: Tx,
  tenantId: number,
  seeds: ChallengeSeed[],
  today: string,
): Promise<number> {
  const bureaus = await bureauIds(tx, tenantId);
  const fields = await codeIds(tx, 'field', tenantId);
  const concepts = await codeIds(tx, 'concept', tenantId);
  let created = 0;
  for (const seed of seeds) {
    const inserted = await tx
      .insertInto('challenge')
      .values({
        tenant_id: tenantId,
        seed_key: seed.key,
        department_id: idOf(bureaus, seed.bureau, 'bureau'),
        status: 'published',
        title_ja: seed.title.ja,
        title_en: en(seed.title),
        situation_ja: seed.situation.ja,
        situation_en: en(seed.situation),
        wanted_ja: seed.wanted.ja,
        wanted_en: en(seed.wanted),
        outcome_ja: ja(seed.outcome),
        outcome_en: en(seed.outcome),
        offer_ja: ja(seed.offer),
        offer_en: en(seed.offer),
        partner_benefit_ja: ja(seed.partnerBenefit),
        partner_benefit_en: en(seed.partnerBenefit),
        constraints_ja: ja(seed.constraints),
        constraints_en: en(seed.constraints),
        contact_ja: ja(seed.contact),
        contact_en: en(seed.contact),
        search_terms: textArray(
          challengeTerms({
            title_ja: seed.title.ja,
            title_en: en(seed.title),
            situation_ja: seed.situation.ja,
            situation_en: en(seed.situation),
            wanted_ja: seed.wanted.ja,
            wanted_en: en(seed.wanted),
            outcome_ja: ja(seed.outcome),
            outcome_en: en(seed.outcome),
            offer_ja: ja(seed.offer),
            offer_en: en(seed.offer),
            partner_benefit_ja: ja(seed.partnerBenefit),
            partner_benefit_en: en(seed.partnerBenefit),
            constraints_ja: ja(seed.constraints),
            constraints_en: en(seed.constraints),
          }),
        ),
        published_at: new Date(`${today}T00:00:00+09:00`),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'seed_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      continue;
    }
    created += 1;
    const id = inserted.id;
    await tx
      .insertInto('challenge_field')
      .values({
        tenant_id: tenantId,
        challenge_id: id,
        field_id: idOf(fields, seed.field, 'field'),
      })
      .execute();
    if (seed.concepts.length > 0) {
      await tx
        .insertInto('challenge_concept')
        .values(
          seed.concepts.map((code) => ({
            tenant_id: tenantId,
            challenge_id: id,
            concept_id: idOf(concepts, code, 'concept'),
          })),
        )
        .execute();
    }
    const call = seed.themeCall;
    if (call) {
      // Seeded calls open around the first start, so theme proposals can be tried at once.
      await tx
        .insertInto('theme_call')
        .values({
          tenant_id: tenantId,
          challenge_id: id,
          opens_on: addDays(today, call.opensOffsetDays),
          closes_on: addDays(today, call.closesOffsetDays),
          question_deadline: addDays(today, call.questionDeadlineOffsetDays),
          conditions_ja: ja(call.conditions),
          conditions_en: en(call.conditions),
          criteria_ja: ja(call.criteria),
          criteria_en: en(call.criteria),
        })
        .execute();
    }
  }
  return created;
}

async function seedCases(tx: Tx, tenantId: number, seeds: CaseSeed[]): Promise<number> {
  const fields = await codeIds(tx, 'field', tenantId);
  const methods = await codeIds(tx, 'partnership_method', tenantId);
  let created = 0;
  for (const seed of seeds) {
    const inserted = await tx
      .insertInto('case')
      .values({
        tenant_id: tenantId,
        seed_key: seed.key,
        origin: seed.origin,
        municipality_ja: seed.municipality.ja,
        municipality_en: en(seed.municipality),
        year: seed.year,
        partners_ja: seed.partners.ja,
        partners_en: en(seed.partners),
        title_ja: seed.title.ja,
        title_en: en(seed.title),
        summary_ja: seed.summary.ja,
        summary_en: en(seed.summary),
        source_url: seed.sourceUrl,
        source_note_ja: ja(seed.sourceNote),
        source_note_en: en(seed.sourceNote),
        search_terms: textArray(
          caseTerms({
            title_ja: seed.title.ja,
            title_en: en(seed.title),
            summary_ja: seed.summary.ja,
            summary_en: en(seed.summary),
            partners_ja: seed.partners.ja,
            partners_en: en(seed.partners),
            municipality_ja: seed.municipality.ja,
            municipality_en: en(seed.municipality),
          }),
        ),
        status: 'published',
        published_at: new Date(),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'seed_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      continue;
    }
    created += 1;
    const caseId = inserted.id;
    await tx
      .insertInto('case_field')
      .values(
        seed.fields.map((code) => ({
          tenant_id: tenantId,
          case_id: caseId,
          field_id: idOf(fields, code, 'field'),
        })),
      )
      .execute();
    await tx
      .insertInto('case_method')
      .values(
        seed.methods.map((code) => ({
          tenant_id: tenantId,
          case_id: caseId,
          method_id: idOf(methods, code, 'partnership method'),
        })),
      )
      .execute();
  }
  return created;
}
