import type { Kysely } from 'kysely';
import { bumpContentVersion } from '../../db/queries/tenant.ts';
import type { Challenge, Database } from '../../db/schema.ts';
import { publicStatuses } from '../../domain/challenge.ts';
import { takesQuestions } from '../../domain/theme-call.ts';
import { notifyAnswer } from './subscriptions.ts';
import { lockChallenge } from './drafting.ts';
import { auditChallenge, type ChallengeEnv } from './env.ts';

/** The terms of a theme call as the gate sets them. */
export interface ThemeCallInput {
  opensOn: string;
  closesOn: string;
  questionDeadline: string | null;
  conditionsJa: string | null;
  conditionsEn: string | null;
  criteriaJa: string | null;
  criteriaEn: string | null;
}

/**
 * Opens a theme call on a challenge, or changes the terms of its latest one. The call then
 * opens and closes by itself on its dates (src/domain/theme-call.ts); a published
 * challenge's pages refresh at once.
 */
export async function saveThemeCall(
  env: ChallengeEnv,
  challengeId: number,
  input: ThemeCallInput,
): Promise<{ ok: true; id: number } | { ok: false }> {
  return env.db.transaction().execute(async (trx) => {
    const challenge = await lockChallenge(trx, env.tenantId, challengeId);
    if (!challenge) {
      return { ok: false };
    }
    return { ok: true, id: await writeThemeCall(trx, env, challenge, input) };
  });
}

/**
 * `saveThemeCall` within the caller's transaction, on a challenge it has locked (or just
 * made): stores the terms on the latest call or opens the first, and records it.
 */
export async function writeThemeCall(
  trx: Kysely<Database>,
  env: ChallengeEnv,
  challenge: Pick<Challenge, 'id' | 'status' | 'title_ja'>,
  input: ThemeCallInput,
): Promise<number> {
  const challengeId = challenge.id;
  const values = {
    opens_on: input.opensOn,
    closes_on: input.closesOn,
    question_deadline: input.questionDeadline,
    conditions_ja: input.conditionsJa,
    conditions_en: input.conditionsEn,
    criteria_ja: input.criteriaJa,
    criteria_en: input.criteriaEn,
    updated_at: env.clock.now(),
  };
  const latest = await trx
    .selectFrom('theme_call')
    .select('id')
    .where('challenge_id', '=', challengeId)
    .orderBy('opens_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  let id: number;
  if (latest) {
    await trx.updateTable('theme_call').set(values).where('id', '=', latest.id).execute();
    id = latest.id;
  } else {
    const row = await trx
      .insertInto('theme_call')
      .values({ tenant_id: env.tenantId, challenge_id: challengeId, ...values })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  if (publicStatuses.includes(challenge.status)) {
    await bumpContentVersion(trx, env.tenantId);
  }
  await auditChallenge(trx, env, {
    action: 'challenge.themeCallSaved',
    targetKind: 'challenge',
    targetId: challengeId,
    targetLabel: challenge.title_ja,
    details: { opensOn: input.opensOn, closesOn: input.closesOn },
  });
  return id;
}

/**
 * Records a proposer's public question on the latest theme call of a published challenge,
 * if that call still takes questions today; the gate answers it later.
 */
export async function askQuestion(
  env: Pick<ChallengeEnv, 'db' | 'clock' | 'tenantId'>,
  input: {
    challengeId: number;
    today: string;
    userId: number;
    organisationId: number;
    question: string;
  },
): Promise<{ ok: true; id: number } | { ok: false; reason: 'closed' }> {
  return env.db.transaction().execute(async (trx) => {
    const call = await trx
      .selectFrom('theme_call as c')
      .innerJoin('challenge as ch', 'ch.id', 'c.challenge_id')
      .select(['c.id', 'c.opens_on', 'c.closes_on', 'c.question_deadline', 'ch.status'])
      .where('ch.tenant_id', '=', env.tenantId)
      .where('ch.id', '=', input.challengeId)
      .orderBy('c.opens_on', 'desc')
      .orderBy('c.id', 'desc')
      // Questions to one call wait for each other, so the same one sent twice is seen.
      .forUpdate()
      .executeTakeFirst();
    const open =
      call !== undefined &&
      call.status === 'published' &&
      takesQuestions(
        {
          opensOn: call.opens_on,
          closesOn: call.closes_on,
          questionDeadline: call.question_deadline,
        },
        input.today,
      );
    if (!open) {
      return { ok: false, reason: 'closed' };
    }
    // The same person asking the same thing again (a second tab, Back and send) asks once.
    const same = await trx
      .selectFrom('theme_question')
      .select('id')
      .where('theme_call_id', '=', call.id)
      .where('asked_by', '=', input.userId)
      .where('question', '=', input.question)
      .executeTakeFirst();
    if (same) {
      return { ok: true, id: same.id };
    }
    const row = await trx
      .insertInto('theme_question')
      .values({
        tenant_id: env.tenantId,
        theme_call_id: call.id,
        asked_by: input.userId,
        organisation_id: input.organisationId,
        question: input.question,
        asked_at: env.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ok: true, id: row.id };
  });
}

/**
 * Publishes the gate's answer to a question (or corrects it): the challenge page shows it to
 * everyone without the asker's name, and subscribers and the asker are told of a first answer.
 */
export async function answerQuestion(
  env: ChallengeEnv,
  questionId: number,
  answer: { ja: string; en: string | null },
): Promise<{ ok: boolean }> {
  return env.db.transaction().execute(async (trx) => {
    const question = await trx
      .selectFrom('theme_question as q')
      .innerJoin('theme_call as c', 'c.id', 'q.theme_call_id')
      .select(['q.id', 'q.question', 'q.answered_at', 'q.asked_by', 'c.challenge_id'])
      .where('q.tenant_id', '=', env.tenantId)
      .where('q.id', '=', questionId)
      .forUpdate()
      .executeTakeFirst();
    if (!question) {
      return { ok: false };
    }
    const challenge = await lockChallenge(trx, env.tenantId, question.challenge_id);
    if (!challenge) {
      return { ok: false };
    }
    await trx
      .updateTable('theme_question')
      .set({
        answer_ja: answer.ja,
        answer_en: answer.en,
        answered_by: env.actor.userId,
        answered_at: env.clock.now(),
      })
      .where('id', '=', questionId)
      .execute();
    if (publicStatuses.includes(challenge.status)) {
      await bumpContentVersion(trx, env.tenantId);
    }
    await auditChallenge(trx, env, {
      action: 'challenge.questionAnswered',
      targetKind: 'challenge',
      targetId: challenge.id,
      targetLabel: challenge.title_ja,
      details: { questionId, corrected: question.answered_at !== null },
    });
    if (question.answered_at === null) {
      const asker = await trx
        .selectFrom('user_account')
        .select(['email', 'lang'])
        .where('id', '=', question.asked_by)
        .where('status', '=', 'active')
        .executeTakeFirst();
      await notifyAnswer(
        trx,
        env,
        challenge,
        { question: question.question, answer_ja: answer.ja, answer_en: answer.en },
        asker,
      );
    }
    return { ok: true };
  });
}
