import { enqueueMail } from '../mail/outbox.ts';
import type { Lang } from '../../domain/language.ts';
import { can } from '../../domain/policy.ts';
import type { Author, ProposalEnv } from './drafts.ts';

/** The longest withdrawal reason kept, in characters. */
export const MAX_WITHDRAWAL_REASON = 2_000;

export type WithdrawResult =
  | { ok: true; version: number }
  /** No reason given, or a longer one than MAX_WITHDRAWAL_REASON. */
  | { ok: false; reason: 'reasonRequired' | 'reasonTooLong' }
  /** Missing, or not the author's organisation's: the caller answers "not found". */
  | { ok: false; reason: 'notFound' }
  /** A draft, an agreement or later, or already closed: nothing to withdraw. */
  | { ok: false; reason: 'notWithdrawable' };

/**
 * Withdraws the author's organisation's proposal, with its reason: the state becomes
 * 'withdrawn', the moment and the reason are kept on the proposal, its version is raised and
 * the event joins its history — all in one transaction, on the locked row. Which states allow
 * it is the access policy's answer (any state before an agreement, once submitted).
 */
export async function withdrawProposal(
  env: ProposalEnv,
  author: Author,
  proposalId: number,
  reason: string,
  /** Who is told by e-mail (the member who withdrew). */
  recipient?: { email: string; name: string; lang: Lang },
): Promise<WithdrawResult> {
  const text = reason.trim();
  if (text === '') {
    return { ok: false, reason: 'reasonRequired' };
  }
  if ([...text].length > MAX_WITHDRAWAL_REASON) {
    return { ok: false, reason: 'reasonTooLong' };
  }
  return env.db.transaction().execute(async (trx): Promise<WithdrawResult> => {
    const proposal = await trx
      .selectFrom('proposal')
      .select(['id', 'state', 'version', 'organisation_id', 'title', 'receipt_number'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!proposal || proposal.organisation_id !== author.organisationId) {
      return { ok: false, reason: 'notFound' };
    }
    const actor = {
      kind: 'proposer',
      userId: author.userId,
      tenantId: env.tenantId,
      organisationId: author.organisationId,
      organisationAdmin: false,
      verified: true,
    } as const;
    const allowed = can(actor, 'proposal', 'withdraw', {
      tenantId: env.tenantId,
      organisationId: proposal.organisation_id,
      state: proposal.state,
      // The proposer's rights do not depend on the departments it was matched to.
      assignedDepartmentIds: [],
      leadDepartmentId: null,
      escalated: false,
    });
    if (!allowed) {
      return { ok: false, reason: 'notWithdrawable' };
    }
    const now = env.clock.now();
    const version = proposal.version + 1;
    await trx
      .updateTable('proposal')
      .set({
        state: 'withdrawn',
        withdrawn_at: now,
        withdrawal_reason: text,
        version,
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
        from_state: proposal.state,
        to_state: 'withdrawn',
        reason: text,
      })
      .execute();
    if (recipient) {
      await enqueueMail(trx, {
        tenantId: env.tenantId,
        template: 'proposalWithdrawn',
        lang: recipient.lang,
        to: recipient.email,
        params: {
          name: recipient.name,
          title: proposal.title,
          receiptNumber: proposal.receipt_number ?? '',
          reason: text,
        },
      });
    }
    return { ok: true, version };
  });
}
