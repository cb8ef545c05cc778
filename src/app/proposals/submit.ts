import { sql } from 'kysely';
import { fiscalYearOf, todayIn } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/language.ts';
import { incompleteParts, receiptNumber, type Incomplete } from '../../domain/proposal.ts';
import { themeCallPhase } from '../../domain/theme-call.ts';
import { phaseClockAfter } from '../../domain/time-targets.ts';
import { loadTimeTargets } from '../process/time-targets.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { readContent } from './content.ts';
import type { Author, ProposalEnv } from './drafts.ts';

export type SubmitResult =
  /** Submitted now, or already before (a double click, a retry, a second tab). */
  | { ok: true; receiptNumber: string; already: boolean }
  | { ok: false; reason: 'incomplete'; parts: Incomplete[] }
  /** A theme proposal whose call is not open today. */
  | { ok: false; reason: 'callClosed'; closesOn: string }
  /** Withdrawn, or not the author's organisation's. */
  | { ok: false; reason: 'notSubmittable' }
  /** The city asked for more information: the answer resubmits it, not this form. */
  | { ok: false; reason: 'answerPending' };

/**
 * Submits a draft: checks that it is complete and, for a theme proposal, that its call is
 * open today; gives it the next receipt number of the tenant's fiscal year; records the
 * event; and queues the confirmation mail — all in one transaction. The row is locked first,
 * so of any number of simultaneous submissions exactly one does the work and the others
 * answer with the same receipt number.
 */
export async function submitProposal(
  env: ProposalEnv & { timeZone: string; publicUrl: string },
  author: Author & { email: string; name: string; lang: Lang },
  proposalId: number,
  eligibilityCodes: readonly string[],
): Promise<SubmitResult> {
  return env.db.transaction().execute(async (trx): Promise<SubmitResult> => {
    const proposal = await trx
      .selectFrom('proposal')
      .selectAll()
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!proposal || proposal.organisation_id !== author.organisationId) {
      return { ok: false, reason: 'notSubmittable' };
    }
    if (proposal.state === 'infoRequested') {
      return { ok: false, reason: 'answerPending' };
    }
    if (proposal.state !== 'draft') {
      return proposal.receipt_number && proposal.state !== 'withdrawn'
        ? { ok: true, receiptNumber: proposal.receipt_number, already: true }
        : { ok: false, reason: 'notSubmittable' };
    }
    // A closed call is said first: completing the rest would not help.
    const today = todayIn(env.timeZone, env.clock);
    if (proposal.theme_call_id !== null) {
      const call = await trx
        .selectFrom('theme_call')
        .innerJoin('challenge', 'challenge.id', 'theme_call.challenge_id')
        .select(['theme_call.opens_on', 'theme_call.closes_on', 'challenge.status'])
        .where('theme_call.id', '=', proposal.theme_call_id)
        .executeTakeFirstOrThrow();
      // A challenge the gate has closed or archived takes no more proposals, whatever its dates.
      const open =
        call.status === 'published' &&
        themeCallPhase({ opensOn: call.opens_on, closesOn: call.closes_on }, today) === 'open';
      if (!open) {
        return { ok: false, reason: 'callClosed', closesOn: call.closes_on };
      }
    }

    const content = await readContent(trx, proposal);
    const parts = incompleteParts(content, eligibilityCodes);
    if (parts.length > 0) {
      return { ok: false, reason: 'incomplete', parts };
    }
    const fiscalYear = fiscalYearOf(today);
    const sequence = await trx
      .insertInto('receipt_sequence')
      .values({ tenant_id: env.tenantId, fiscal_year: fiscalYear, last_number: 1 })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'fiscal_year'])
          .doUpdateSet({ last_number: sql<number>`receipt_sequence.last_number + 1` }),
      )
      .returning('last_number')
      .executeTakeFirstOrThrow();
    const number = receiptNumber(fiscalYear, sequence.last_number);
    const now = env.clock.now();
    const clock = phaseClockAfter(
      'draft',
      'submitted',
      { phaseStartedAt: null, dueOn: null },
      now,
      env.timeZone,
      await loadTimeTargets(trx, env.tenantId),
    );
    await trx
      .updateTable('proposal')
      .set({
        state: 'submitted',
        receipt_number: number,
        fiscal_year: fiscalYear,
        submitted_at: now,
        submitted_by: author.userId,
        state_changed_at: now,
        phase_started_at: clock.phaseStartedAt,
        due_on: clock.dueOn,
        version: proposal.version + 1,
        updated_at: now,
        updated_by: author.userId,
      })
      .where('id', '=', proposalId)
      .execute();
    await trx
      .insertInto('proposal_event')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        at: now,
        actor_user_id: author.userId,
        from_state: 'draft',
        to_state: 'submitted',
      })
      .execute();
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'proposalReceived',
      lang: author.lang,
      to: author.email,
      params: {
        name: author.name,
        title: content.title,
        receiptNumber: number,
        link: `${env.publicUrl}${author.lang === 'en' ? '/en' : ''}/my/proposals/${proposalId}`,
      },
    });
    return { ok: true, receiptNumber: number, already: false };
  });
}
