import type { Kysely, Selectable } from 'kysely';
import type { BudgetRequestTable, Database } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { ProcessEnv } from '../process/env.ts';

/**
 * Tells the requester the gate's answer to a budget request, in their language, with the
 * transaction of the decision: the mail goes only if the decision holds.
 */
export async function notifyBudgetDecision(
  db: Kysely<Database>,
  env: ProcessEnv,
  request: Selectable<BudgetRequestTable>,
  fiscalYear: number,
  answer: { allocatedYen?: number; note: string },
): Promise<void> {
  const to = await db
    .selectFrom('user_account')
    .select(['email', 'name', 'lang', 'status'])
    .where('id', '=', request.requested_by)
    .executeTakeFirst();
  if (!to || to.status !== 'active') {
    return;
  }
  const proposal = await db
    .selectFrom('proposal')
    .select(['title', 'receipt_number'])
    .where('id', '=', request.proposal_id)
    .executeTakeFirstOrThrow();
  const common = {
    name: to.name,
    title: proposal.title,
    receiptNumber: proposal.receipt_number ?? '',
    fiscalYear,
    requestedYen: request.amount_yen,
    note: answer.note,
    link: `${env.publicUrl}${to.lang === 'en' ? '/en' : ''}/staff/proposals/${request.proposal_id}`,
  };
  if (answer.allocatedYen !== undefined) {
    await enqueueMail(db, {
      tenantId: env.tenantId,
      template: 'budgetAllocated',
      lang: to.lang,
      to: to.email,
      params: { ...common, allocatedYen: answer.allocatedYen },
    });
  } else {
    await enqueueMail(db, {
      tenantId: env.tenantId,
      template: 'budgetDeclined',
      lang: to.lang,
      to: to.email,
      params: common,
    });
  }
}
