import {
  canStep,
  challengeSteps,
  publicStatuses,
  type ChallengeStep,
} from '../../domain/challenge.ts';
import { localize } from '../../domain/language.ts';
import { bumpContentVersion } from '../../db/queries/tenant.ts';
import type { AuditAction } from '../accounts/audit.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { lockChallenge } from './drafting.ts';
import { auditChallenge, portalLink, type ChallengeEnv } from './env.ts';
import { notifyNewChallenge } from './subscriptions.ts';

export type StepResult =
  | { ok: true; notified: number }
  /** The challenge is not in a status the step starts from (someone else moved it first). */
  | { ok: false; reason: 'wrongStatus' | 'notFound' }
  /** The challenge was saved since the page was opened: the step was asked on other text. */
  | { ok: false; reason: 'changed' };

const auditActionOf: Record<ChallengeStep, AuditAction> = {
  submit: 'challenge.submitted',
  return: 'challenge.returned',
  publish: 'challenge.published',
  close: 'challenge.closed',
  archive: 'challenge.archived',
};

/**
 * Moves a challenge one step (submit, return with a comment, publish, close, archive) in one
 * transaction: the status, the event with its comment, the audit record, and the mail it
 * causes. When a step puts a challenge on the portal or takes it off, the public pages
 * refresh; a first publication tells the subscribers.
 */
export async function stepChallenge(
  env: ChallengeEnv,
  id: number,
  step: ChallengeStep,
  comment: string | null = null,
  /** The version the person saw; when given, a newer one refuses the step. */
  seenVersion?: number,
): Promise<StepResult> {
  return env.db.transaction().execute(async (trx): Promise<StepResult> => {
    const challenge = await lockChallenge(trx, env.tenantId, id);
    if (!challenge) {
      return { ok: false, reason: 'notFound' };
    }
    if (!canStep(step, challenge.status)) {
      return { ok: false, reason: 'wrongStatus' };
    }
    if (seenVersion !== undefined && seenVersion !== challenge.version) {
      return { ok: false, reason: 'changed' };
    }
    const to = challengeSteps[step].to;
    const now = env.clock.now();
    const firstPublication = step === 'publish' && challenge.published_at === null;
    await trx
      .updateTable('challenge')
      .set({
        status: to,
        updated_at: now,
        version: challenge.version + 1,
        ...(step === 'submit' ? { submitted_at: now, review_comment: null } : {}),
        ...(step === 'return' ? { review_comment: comment } : {}),
        ...(firstPublication ? { published_at: now } : {}),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('challenge_event')
      .values({
        tenant_id: env.tenantId,
        challenge_id: id,
        at: now,
        actor_user_id: env.actor.userId,
        from_status: challenge.status,
        to_status: to,
        comment,
      })
      .execute();
    await auditChallenge(trx, env, {
      action: auditActionOf[step],
      targetKind: 'challenge',
      targetId: id,
      targetLabel: challenge.title_ja,
      details: { from: challenge.status, to },
    });
    if (publicStatuses.includes(challenge.status) || publicStatuses.includes(to)) {
      await bumpContentVersion(trx, env.tenantId);
    }
    let notified = 0;
    if (firstPublication) {
      notified = await notifyNewChallenge(trx, env, challenge);
    }
    if (step === 'return' && challenge.created_by !== null) {
      await tellAuthor(env, trx, challenge, comment ?? '');
    }
    return { ok: true, notified };
  });
}

async function tellAuthor(
  env: ChallengeEnv,
  trx: Parameters<typeof lockChallenge>[0],
  challenge: NonNullable<Awaited<ReturnType<typeof lockChallenge>>>,
  comment: string,
) {
  const author = await trx
    .selectFrom('user_account')
    .select(['email', 'lang', 'status'])
    .where('id', '=', challenge.created_by!)
    .executeTakeFirst();
  if (!author || author.status !== 'active' || challenge.created_by === env.actor.userId) {
    return;
  }
  await enqueueMail(trx, {
    tenantId: env.tenantId,
    template: 'challengeReturned',
    lang: author.lang,
    to: author.email,
    params: {
      title: localize({ ja: challenge.title_ja, en: challenge.title_en }, author.lang).text,
      comment,
      link: portalLink(env, author.lang, `/staff/challenges/${challenge.id}`),
    },
  });
}
