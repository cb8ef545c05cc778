import type { Insertable, Kysely } from 'kysely';
import { challengeTerms } from '../../src/app/search-index.ts';
import { bumpContentVersion } from '../../src/db/queries/tenant.ts';
import { textArray } from '../../src/db/text-array.ts';
import type { ChallengeTable, Database } from '../../src/db/schema.ts';

/** The seeded tenant's id and a bureau to own test challenges. */
export async function sapporo(db: Kysely<Database>) {
  const tenant = await db
    .selectFrom('tenant')
    .selectAll()
    .where('slug', '=', 'sapporo')
    .executeTakeFirstOrThrow();
  const bureau = await db
    .selectFrom('department')
    .select(['id'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('sort')
    .executeTakeFirstOrThrow();
  return { tenant, bureauId: bureau.id };
}

/** Inserts a challenge, published unless told otherwise, and marks content as changed. */
export async function buildChallenge(
  db: Kysely<Database>,
  overrides: Partial<Insertable<ChallengeTable>> & { fieldCode?: string } = {},
) {
  const { tenant, bureauId } = await sapporo(db);
  const { fieldCode, ...values } = overrides;
  const texts = {
    title_ja: 'テスト用の課題',
    title_en: 'A test challenge',
    situation_ja: '現状の説明です。',
    wanted_ja: '求める提案の説明です。',
    ...values,
  };
  const row = await db
    .insertInto('challenge')
    .values({
      tenant_id: tenant.id,
      department_id: bureauId,
      status: 'published',
      published_at: new Date('2026-12-02T00:00:00Z'),
      search_terms: textArray(challengeTerms(texts)),
      ...texts,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  if (fieldCode) {
    const field = await db
      .selectFrom('field')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('code', '=', fieldCode)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('challenge_field')
      .values({ tenant_id: tenant.id, challenge_id: row.id, field_id: field.id })
      .execute();
  }
  await bumpContentVersion(db, tenant.id);
  return row.id;
}
