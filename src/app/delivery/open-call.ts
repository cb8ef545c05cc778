import { addDays, todayIn } from '../../domain/calendar.ts';
import type { ProposalSection } from '../../domain/proposal.ts';
import { bumpContentVersion } from '../../db/queries/tenant.ts';
import type { Proposal } from '../../db/schema.ts';
import { textArray } from '../../db/text-array.ts';
import { writeThemeCall } from '../challenges/theme-calls.ts';
import { portalLink, type ChallengeEnv } from '../challenges/env.ts';
import { notifyNewChallenge } from '../challenges/subscriptions.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { proposerRecipients } from '../process/notify.ts';
import { challengeTerms } from '../search-index.ts';
import { auditDelivery, lockForDelivery, type DeliveryRefusal } from './common.ts';

/**
 * Opening a theme call from a proposal, when an open call was chosen to find its
 * implementer: the gate publishes a challenge made from the proposal's disclosable content
 * only, opens its call today, and tells the proposer. Other organisations then propose on it
 * through the usual theme proposal.
 */

/** Sentences of the gate's own for a challenge's required texts the proposal cannot give. */
export interface OpenCallFallbacks {
  situation: string;
  wanted: string;
}

export type OpenCallResult =
  | { ok: true; challengeId: number; themeCallId: number }
  | {
      ok: false;
      refusal:
        | DeliveryRefusal
        /** The selection record does not choose an open call. */
        | 'notOpenCall'
        /** A call was already opened from this proposal. */
        | 'alreadyOpened'
        /** The proposal has no lead department to own the challenge. */
        | 'noLead';
    };

/** The proposal's text of `section`, or null unless the proposer marked it disclosable. */
function disclosable(proposal: Proposal, section: ProposalSection): string | null {
  if (proposal.disclosure[section]?.mark !== 'disclosable') {
    return null;
  }
  const text =
    section === 'summary'
      ? proposal.summary
      : (proposal.sections as Record<string, string | undefined>)[section];
  return text && text.trim() !== '' ? text.trim() : null;
}

/**
 * The challenge texts taken from a proposal. Only disclosable sections are read; a section
 * marked confidential never reaches the challenge, which is public from the moment it opens.
 */
export function challengeTextsFrom(proposal: Proposal, fallbacks: OpenCallFallbacks) {
  const joined = (sections: ProposalSection[]) => {
    const parts = sections.map((s) => disclosable(proposal, s)).filter((t) => t !== null);
    return parts.length > 0 ? parts.join('\n\n') : null;
  };
  return {
    title_ja: proposal.title,
    situation_ja: joined(['problem']) ?? fallbacks.situation,
    wanted_ja: joined(['summary']) ?? fallbacks.wanted,
    outcome_ja: joined(['effects']),
    offer_ja: joined(['cityRequests']),
    constraints_ja: joined(['period', 'occupancy']),
  };
}

/**
 * Opens a theme call from a proposal in `selection` whose record chose an open call: in one
 * transaction, a published challenge of the lead department, its call from today until
 * `closesAfterDays` later, the link on the selection record, the audit event and the mail to
 * the proposer.
 */
export async function openCallFromProposal(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  closesAfterDays: number,
  fallbacks: OpenCallFallbacks,
): Promise<OpenCallResult> {
  return env.db.transaction().execute(async (trx): Promise<OpenCallResult> => {
    const locked = await lockForDelivery(trx, env, by, proposalId, ['selection']);
    if (!locked.ok) {
      return locked;
    }
    const { proposal, access } = locked;
    const record = await trx
      .selectFrom('selection_record')
      .select(['id', 'method', 'theme_call_id'])
      .where('proposal_id', '=', proposalId)
      .executeTakeFirst();
    if (!record || record.method !== 'openCall') {
      return { ok: false, refusal: 'notOpenCall' };
    }
    if (record.theme_call_id !== null) {
      return { ok: false, refusal: 'alreadyOpened' };
    }
    if (access.leadDepartmentId === null) {
      return { ok: false, refusal: 'noLead' };
    }
    const now = env.clock.now();
    const texts = challengeTextsFrom(proposal, fallbacks);
    const challenge = await trx
      .insertInto('challenge')
      .values({
        tenant_id: env.tenantId,
        department_id: access.leadDepartmentId,
        challenge_call_id: null,
        status: 'published',
        published_at: now,
        created_by: by.actor.userId,
        created_at: now,
        updated_at: now,
        search_terms: textArray(challengeTerms(texts)),
        ...texts,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The call is found under the proposal's fields and concepts, as its other challenges are.
    const [fields, concepts] = await Promise.all([
      trx
        .selectFrom('proposal_field')
        .select('field_id')
        .where('proposal_id', '=', proposalId)
        .execute(),
      trx
        .selectFrom('proposal_concept')
        .select('concept_id')
        .where('proposal_id', '=', proposalId)
        .execute(),
    ]);
    if (fields.length > 0) {
      await trx
        .insertInto('challenge_field')
        .values(
          fields.map((row) => ({
            tenant_id: env.tenantId,
            challenge_id: challenge.id,
            field_id: row.field_id,
          })),
        )
        .execute();
    }
    if (concepts.length > 0) {
      await trx
        .insertInto('challenge_concept')
        .values(
          concepts.map((row) => ({
            tenant_id: env.tenantId,
            challenge_id: challenge.id,
            concept_id: row.concept_id,
          })),
        )
        .execute();
    }
    await trx
      .insertInto('challenge_event')
      .values({
        tenant_id: env.tenantId,
        challenge_id: challenge.id,
        at: now,
        actor_user_id: by.actor.userId,
        from_status: null,
        to_status: 'published',
      })
      .execute();
    const challengeEnv: ChallengeEnv = {
      ...env,
      actor: { userId: by.actor.userId, email: by.email },
    };
    const today = todayIn(env.timeZone, env.clock);
    const closesOn = addDays(today, closesAfterDays);
    const themeCallId = await writeThemeCall(trx, challengeEnv, challenge, {
      opensOn: today,
      closesOn,
      questionDeadline: null,
      conditionsJa: null,
      conditionsEn: null,
      criteriaJa: null,
      criteriaEn: null,
    });
    await trx
      .updateTable('selection_record')
      .set({ theme_call_id: themeCallId, updated_at: now })
      .where('id', '=', record.id)
      .execute();
    await bumpContentVersion(trx, env.tenantId);
    await auditDelivery(trx, env, by, proposal, 'delivery.openCallOpened', {
      challengeId: challenge.id,
      themeCallId,
      closesOn,
    });
    await notifyNewChallenge(trx, challengeEnv, challenge);
    for (const to of await proposerRecipients(trx, proposal)) {
      await enqueueMail(trx, {
        tenantId: env.tenantId,
        template: 'openCallFromProposal',
        lang: to.lang,
        to: to.email,
        params: {
          name: to.name,
          title: proposal.title,
          receiptNumber: proposal.receipt_number ?? '',
          closesOn,
          callLink: portalLink(env, to.lang, `/challenges/${challenge.id}`),
          link: portalLink(env, to.lang, `/my/proposals/${proposal.id}`),
        },
      });
    }
    return { ok: true, challengeId: challenge.id, themeCallId };
  });
}
