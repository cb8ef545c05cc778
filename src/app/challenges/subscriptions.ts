import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Lang } from '../../domain/language.ts';
import { localize } from '../../domain/language.ts';
import type { Database, SubscriptionScope } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { portalLink } from './env.ts';

/**
 * E-mail subscriptions to new challenges: to all of them, or to those of one field or one
 * concept. Nothing is sent before the address is confirmed by the link in a first message;
 * every later message carries a link (and a List-Unsubscribe header) that ends the
 * subscription with one click. The token in those links works for that subscription only.
 */

interface SubscriptionEnv {
  db: Kysely<Database>;
  tenantId: number;
  publicUrl: string;
  clock: { now(): Date };
}

export interface SubscriptionRequest {
  email: string;
  lang: Lang;
  scope: SubscriptionScope;
  fieldId: number | null;
  conceptId: number | null;
  /** The topic as the confirmation message names it. */
  topic: string;
}

/** A confirmation is not sent again for the same topic within this time. */
const RESEND_AFTER_MS = 60 * 60 * 1000;

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function confirmLink(env: Pick<SubscriptionEnv, 'publicUrl'>, lang: Lang, token: string) {
  return portalLink(env, lang, `/subscriptions/confirm?token=${token}`);
}

export function unsubscribeLink(
  env: Pick<SubscriptionEnv, 'publicUrl'>,
  lang: Lang,
  token: string,
) {
  return portalLink(env, lang, `/subscriptions/unsubscribe?token=${token}`);
}

/**
 * Records a subscription and sends its confirmation. The answer is the same whether the
 * address was already subscribed or not, so the form tells nobody who subscribes.
 */
export async function subscribe(env: SubscriptionEnv, request: SubscriptionRequest): Promise<void> {
  await env.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('challenge_subscription')
      .select(['id', 'token', 'confirmed_at', 'created_at'])
      .where('tenant_id', '=', env.tenantId)
      .where('email', '=', request.email)
      .where('scope', '=', request.scope)
      .where('unsubscribed_at', 'is', null);
    query =
      request.fieldId === null
        ? query.where('field_id', 'is', null)
        : query.where('field_id', '=', request.fieldId);
    query =
      request.conceptId === null
        ? query.where('concept_id', 'is', null)
        : query.where('concept_id', '=', request.conceptId);
    const existing = await query.forUpdate().executeTakeFirst();
    const now = env.clock.now();
    if (existing?.confirmed_at) {
      return;
    }
    if (existing && now.getTime() - existing.created_at.getTime() < RESEND_AFTER_MS) {
      return;
    }
    if (existing) {
      // An old unconfirmed request gives way to a new one with a fresh link.
      await trx.deleteFrom('challenge_subscription').where('id', '=', existing.id).execute();
    }
    const token = newToken();
    await trx
      .insertInto('challenge_subscription')
      .values({
        tenant_id: env.tenantId,
        email: request.email,
        lang: request.lang,
        scope: request.scope,
        field_id: request.fieldId,
        concept_id: request.conceptId,
        token,
        created_at: now,
      })
      .execute();
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'subscriptionConfirm',
      lang: request.lang,
      to: request.email,
      params: { topic: request.topic, link: confirmLink(env, request.lang, token) },
    });
  });
}

export type TokenResult = 'done' | 'unknown';

/** The subscription of a link's token, if it is still running. */
export async function findSubscription(env: SubscriptionEnv, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) {
    return undefined;
  }
  return env.db
    .selectFrom('challenge_subscription')
    .selectAll()
    .where('tenant_id', '=', env.tenantId)
    .where('token', '=', token)
    .where('unsubscribed_at', 'is', null)
    .executeTakeFirst();
}

/** Confirms the subscription of a token; confirming twice is harmless. */
export async function confirmSubscription(
  env: SubscriptionEnv,
  token: string,
): Promise<TokenResult> {
  const found = await findSubscription(env, token);
  if (!found) {
    return 'unknown';
  }
  await env.db
    .updateTable('challenge_subscription')
    .set({ confirmed_at: env.clock.now() })
    .where('id', '=', found.id)
    .where('confirmed_at', 'is', null)
    .execute();
  return 'done';
}

/** Ends the subscription of a token; ending it twice is harmless. */
export async function unsubscribe(env: SubscriptionEnv, token: string): Promise<TokenResult> {
  const found = await findSubscription(env, token);
  if (!found) {
    return 'unknown';
  }
  await env.db
    .updateTable('challenge_subscription')
    .set({ unsubscribed_at: env.clock.now() })
    .where('id', '=', found.id)
    .execute();
  return 'done';
}

/**
 * The confirmed subscriptions that want news of a challenge: to all challenges, or to one
 * of its fields or concepts. One per address: the first one found carries the link.
 */
async function subscribersOf(trx: Kysely<Database>, tenantId: number, challengeId: number) {
  const rows = await trx
    .selectFrom('challenge_subscription as s')
    .select(['s.email', 's.lang', 's.token'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.confirmed_at', 'is not', null)
    .where('s.unsubscribed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('s.scope', '=', 'all'),
        eb.exists(
          eb
            .selectFrom('challenge_field as f')
            .whereRef('f.field_id', '=', 's.field_id')
            .where('f.challenge_id', '=', challengeId),
        ),
        eb.exists(
          eb
            .selectFrom('challenge_concept as c')
            .whereRef('c.concept_id', '=', 's.concept_id')
            .where('c.challenge_id', '=', challengeId),
        ),
      ]),
    )
    .orderBy('s.id')
    .execute();
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.email) && seen.add(row.email));
}

type ChallengeTexts = {
  id: number;
  title_ja: string;
  title_en: string | null;
  wanted_ja: string;
  wanted_en: string | null;
};

/** Queues the news of a newly published challenge to its subscribers, in the caller's transaction. */
export async function notifyNewChallenge(
  trx: Kysely<Database>,
  env: Omit<SubscriptionEnv, 'db'>,
  challenge: ChallengeTexts,
): Promise<number> {
  const subscribers = await subscribersOf(trx, env.tenantId, challenge.id);
  for (const subscriber of subscribers) {
    const lang = subscriber.lang;
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'newChallenge',
      lang,
      to: subscriber.email,
      params: {
        title: localize({ ja: challenge.title_ja, en: challenge.title_en }, lang).text,
        summary: localize({ ja: challenge.wanted_ja, en: challenge.wanted_en }, lang).text,
        link: portalLink(env, lang, `/challenges/${challenge.id}`),
        unsubscribeLink: unsubscribeLink(env, lang, subscriber.token),
      },
    });
  }
  return subscribers.length;
}

/**
 * Queues a published answer to the challenge's subscribers and to the asker, who gets no
 * unsubscribe link (they asked for this one answer).
 */
export async function notifyAnswer(
  trx: Kysely<Database>,
  env: Omit<SubscriptionEnv, 'db'>,
  challenge: ChallengeTexts,
  answer: { question: string; answer_ja: string; answer_en: string | null },
  asker: { email: string; lang: Lang } | undefined,
): Promise<void> {
  const subscribers = await subscribersOf(trx, env.tenantId, challenge.id);
  const recipients: { email: string; lang: Lang; token?: string }[] = subscribers.map((s) => ({
    email: s.email,
    lang: s.lang,
    token: s.token,
  }));
  if (asker && !recipients.some((r) => r.email === asker.email)) {
    recipients.push(asker);
  }
  for (const recipient of recipients) {
    const lang = recipient.lang;
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'questionAnswered',
      lang,
      to: recipient.email,
      params: {
        title: localize({ ja: challenge.title_ja, en: challenge.title_en }, lang).text,
        question: answer.question,
        answer: localize({ ja: answer.answer_ja, en: answer.answer_en }, lang).text,
        link: portalLink(env, lang, `/challenges/${challenge.id}#questions`),
        unsubscribeLink: recipient.token ? unsubscribeLink(env, lang, recipient.token) : undefined,
      },
    });
  }
}
