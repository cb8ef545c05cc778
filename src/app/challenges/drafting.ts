import type { Kysely } from 'kysely';
import { challengeTextColumns, type ChallengeTextColumn } from '../../domain/challenge.ts';
import { publicStatuses } from '../../domain/challenge.ts';
import { bumpContentVersion } from '../../db/queries/tenant.ts';
import type { Challenge, Database } from '../../db/schema.ts';
import { textArray } from '../../db/text-array.ts';
import { challengeTerms } from '../search-index.ts';
import { auditChallenge, type ChallengeEnv } from './env.ts';

/** What a department (or the gate) writes of a challenge. */
export interface ChallengeDraft {
  departmentId: number;
  challengeCallId: number | null;
  /** Every text column; an empty text is stored as null. */
  texts: Record<ChallengeTextColumn, string>;
  fieldIds: number[];
  conceptIds: number[];
}

export type SaveResult = { ok: true; id: number } | { ok: false; reason: 'conflict' | 'notFound' };

function textValues(texts: ChallengeDraft['texts']) {
  const values: Record<string, string | null> = {};
  for (const column of challengeTextColumns) {
    values[column] = texts[column] === '' ? null : texts[column];
  }
  return values as Record<ChallengeTextColumn, string | null> & {
    title_ja: string;
    situation_ja: string;
    wanted_ja: string;
  };
}

async function writeTaxonomies(
  trx: Kysely<Database>,
  env: ChallengeEnv,
  id: number,
  draft: ChallengeDraft,
) {
  await trx.deleteFrom('challenge_field').where('challenge_id', '=', id).execute();
  await trx.deleteFrom('challenge_concept').where('challenge_id', '=', id).execute();
  if (draft.fieldIds.length > 0) {
    await trx
      .insertInto('challenge_field')
      .values(
        draft.fieldIds.map((fieldId) => ({
          tenant_id: env.tenantId,
          challenge_id: id,
          field_id: fieldId,
        })),
      )
      .execute();
  }
  if (draft.conceptIds.length > 0) {
    await trx
      .insertInto('challenge_concept')
      .values(
        draft.conceptIds.map((conceptId) => ({
          tenant_id: env.tenantId,
          challenge_id: id,
          concept_id: conceptId,
        })),
      )
      .execute();
  }
}

/** Creates a draft challenge with its fields and concepts, in one transaction. */
export async function createChallenge(env: ChallengeEnv, draft: ChallengeDraft): Promise<number> {
  return env.db.transaction().execute(async (trx) => {
    const now = env.clock.now();
    const texts = textValues(draft.texts);
    const row = await trx
      .insertInto('challenge')
      .values({
        tenant_id: env.tenantId,
        department_id: draft.departmentId,
        challenge_call_id: draft.challengeCallId,
        status: 'draft',
        created_by: env.actor.userId,
        created_at: now,
        updated_at: now,
        search_terms: textArray(challengeTerms(texts)),
        ...texts,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeTaxonomies(trx, env, row.id, draft);
    await trx
      .insertInto('challenge_event')
      .values({
        tenant_id: env.tenantId,
        challenge_id: row.id,
        at: now,
        actor_user_id: env.actor.userId,
        from_status: null,
        to_status: 'draft',
      })
      .execute();
    await auditChallenge(trx, env, {
      action: 'challenge.created',
      targetKind: 'challenge',
      targetId: row.id,
      targetLabel: texts.title_ja,
    });
    return row.id;
  });
}

/**
 * Saves the texts, department and taxonomies of a challenge opened at `version`. A save over
 * a newer version is refused, so two people editing never overwrite each other. A public
 * challenge's pages refresh at once.
 */
export async function updateChallenge(
  env: ChallengeEnv,
  id: number,
  version: number,
  draft: ChallengeDraft,
): Promise<SaveResult> {
  return env.db.transaction().execute(async (trx): Promise<SaveResult> => {
    const current = await lockChallenge(trx, env.tenantId, id);
    if (!current) {
      return { ok: false, reason: 'notFound' };
    }
    if (current.version !== version) {
      return { ok: false, reason: 'conflict' };
    }
    const texts = textValues(draft.texts);
    await trx
      .updateTable('challenge')
      .set({
        ...texts,
        department_id: draft.departmentId,
        search_terms: textArray(challengeTerms(texts)),
        updated_at: env.clock.now(),
        version: current.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await writeTaxonomies(trx, env, id, draft);
    if (publicStatuses.includes(current.status)) {
      await bumpContentVersion(trx, env.tenantId);
    }
    await auditChallenge(trx, env, {
      action: 'challenge.updated',
      targetKind: 'challenge',
      targetId: id,
      targetLabel: texts.title_ja,
    });
    return { ok: true, id };
  });
}

/** The challenge row, locked for the rest of the transaction; undefined when missing. */
export async function lockChallenge(
  trx: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<Challenge | undefined> {
  return trx
    .selectFrom('challenge')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
