import { sql, type Transaction } from 'kysely';
import { allocationProblem, isFundable, maxYen, stateAfter } from '../../domain/budget.ts';
import { can } from '../../domain/policy.ts';
import type { BudgetRequestState, Database } from '../../db/schema.ts';
import type { AuditAction } from '../accounts/audit.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { lockProposal } from '../process/move.ts';
import { isCheckViolation } from './funds.ts';
import { notifyBudgetDecision } from './notify.ts';
import { auditStep } from '../process/audit.ts';

export type BudgetRefusal =
  | 'notFound'
  | 'notAllowed'
  | 'notFundable'
  | 'noFund'
  | 'invalid'
  | 'notOpen'
  | 'moreThanRequested'
  | 'overAllocation'
  /** Nobody decides on a request they filed themselves. */
  | 'ownRequest';

export type BudgetResult = { ok: true; requestId: number } | { ok: false; refusal: BudgetRefusal };

/** A department's request for money for one proposal, from one fiscal year's fund. */
export interface RequestInput {
  fiscalYear: number;
  amountYen: number;
  purpose: string;
}

/**
 * Files a request for partnership budget for a proposal, from adoption until verification.
 * Staff of the proposal's lead department, or the gate, may ask; the request is the lead
 * department's.
 */
export async function fileRequest(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  input: RequestInput,
): Promise<BudgetResult> {
  if (!Number.isSafeInteger(input.amountYen) || input.amountYen <= 0 || input.amountYen > maxYen) {
    return { ok: false, refusal: 'invalid' };
  }
  return env.db.transaction().execute(async (trx): Promise<BudgetResult> => {
    const locked = await lockProposal(trx, env.tenantId, proposalId);
    if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
      return { ok: false, refusal: 'notFound' };
    }
    const { access, proposal } = locked;
    const object = {
      tenantId: env.tenantId,
      leadDepartmentId: access.leadDepartmentId,
      requestedBy: null,
    };
    if (!can(by.actor, 'budgetRequest', 'file', object)) {
      return { ok: false, refusal: 'notAllowed' };
    }
    if (!isFundable(proposal.state) || access.leadDepartmentId === null) {
      return { ok: false, refusal: 'notFundable' };
    }
    const fund = await trx
      .selectFrom('partnership_fund')
      .select('id')
      .where('tenant_id', '=', env.tenantId)
      .where('fiscal_year', '=', input.fiscalYear)
      .executeTakeFirst();
    if (!fund) {
      return { ok: false, refusal: 'noFund' };
    }
    const row = await trx
      .insertInto('budget_request')
      .values({
        tenant_id: env.tenantId,
        fund_id: fund.id,
        proposal_id: proposalId,
        department_id: access.leadDepartmentId,
        amount_yen: input.amountYen,
        purpose: input.purpose,
        requested_by: by.actor.userId,
        requested_at: env.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, env, by, 'budget.requested', row.id, proposal.receipt_number, {
      proposal: proposalId,
      fiscalYear: input.fiscalYear,
      amountYen: input.amountYen,
    });
    return { ok: true, requestId: row.id };
  });
}

async function audit(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  action: AuditAction,
  requestId: number,
  label: string | null,
  details: Record<string, unknown>,
) {
  await auditStep(trx, env, by, {
    action,
    targetKind: 'budgetRequest',
    targetId: requestId,
    targetLabel: label,
    details,
  });
}

/** A request locked for a decision, with its proposal's receipt number and state. */
async function lockRequest(trx: Transaction<Database>, env: ProcessEnv, requestId: number) {
  const request = await trx
    .selectFrom('budget_request')
    .selectAll()
    .where('tenant_id', '=', env.tenantId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!request) {
    return undefined;
  }
  const proposal = await trx
    .selectFrom('proposal')
    .select(['receipt_number', 'state'])
    .where('id', '=', request.proposal_id)
    .executeTakeFirstOrThrow();
  return { request, proposal };
}

function mayManage(env: ProcessEnv, by: ProcessActor): boolean {
  return can(by.actor, 'partnershipBudget', 'manage', { tenantId: env.tenantId });
}

/**
 * The gate allocates a request, in full or in part. Over-allocation is refused also when
 * many allocations race: one conditional update of the fund row adds the amount only while
 * it fits, in the transaction that marks the request allocated; the row's check constraint
 * is the last guard, and its refusal is an answer too.
 */
export async function allocateRequest(
  env: ProcessEnv,
  by: ProcessActor,
  requestId: number,
  decision: { amountYen?: number | undefined; note: string },
): Promise<BudgetResult> {
  if (!mayManage(env, by)) {
    return { ok: false, refusal: 'notAllowed' };
  }
  try {
    return await env.db.transaction().execute(async (trx): Promise<BudgetResult> => {
      const locked = await lockRequest(trx, env, requestId);
      if (!locked) {
        return { ok: false, refusal: 'notFound' };
      }
      const { request, proposal } = locked;
      if (request.requested_by === by.actor.userId) {
        return { ok: false, refusal: 'ownRequest' };
      }
      if (stateAfter(request.state, 'allocate') === null) {
        return { ok: false, refusal: 'notOpen' };
      }
      if (proposal.state === 'withdrawn') {
        return { ok: false, refusal: 'notFundable' };
      }
      const yen = decision.amountYen ?? request.amount_yen;
      const problem = allocationProblem(request.amount_yen, yen);
      if (problem) {
        return { ok: false, refusal: problem === 'notPositive' ? 'invalid' : problem };
      }
      const fund = await trx
        .updateTable('partnership_fund')
        .set({
          allocated_yen: sql<number>`allocated_yen + ${yen}`,
          updated_at: env.clock.now(),
        })
        .where('id', '=', request.fund_id)
        .where(sql<boolean>`allocated_yen + ${yen} <= amount_yen`)
        .returning(['fiscal_year', 'allocated_yen', 'amount_yen'])
        .executeTakeFirst();
      if (!fund) {
        return { ok: false, refusal: 'overAllocation' };
      }
      await decide(trx, env, by, request.id, 'allocated', decision.note, yen);
      await audit(trx, env, by, 'budget.allocated', request.id, proposal.receipt_number, {
        proposal: request.proposal_id,
        fiscalYear: fund.fiscal_year,
        requestedYen: request.amount_yen,
        allocatedYen: yen,
        fundAllocatedYen: fund.allocated_yen,
      });
      await notifyBudgetDecision(trx, env, request, fund.fiscal_year, {
        allocatedYen: yen,
        note: decision.note,
      });
      return { ok: true, requestId: request.id };
    });
  } catch (error) {
    if (isCheckViolation(error)) {
      return { ok: false, refusal: 'overAllocation' };
    }
    throw error;
  }
}

async function decide(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  requestId: number,
  state: BudgetRequestState,
  note: string,
  allocatedYen: number | null,
) {
  await trx
    .updateTable('budget_request')
    .set({
      state,
      allocated_yen: allocatedYen,
      decision_note: note,
      decided_by: by.actor.userId,
      decided_at: env.clock.now(),
    })
    .where('id', '=', requestId)
    .execute();
}

/** The gate declines an open request; the note says why, and goes to the requester. */
export async function declineRequest(
  env: ProcessEnv,
  by: ProcessActor,
  requestId: number,
  note: string,
): Promise<BudgetResult> {
  if (!mayManage(env, by)) {
    return { ok: false, refusal: 'notAllowed' };
  }
  if (note.trim() === '') {
    return { ok: false, refusal: 'invalid' };
  }
  return env.db.transaction().execute(async (trx): Promise<BudgetResult> => {
    const locked = await lockRequest(trx, env, requestId);
    if (!locked) {
      return { ok: false, refusal: 'notFound' };
    }
    const { request, proposal } = locked;
    if (request.requested_by === by.actor.userId) {
      return { ok: false, refusal: 'ownRequest' };
    }
    if (stateAfter(request.state, 'decline') === null) {
      return { ok: false, refusal: 'notOpen' };
    }
    await decide(trx, env, by, request.id, 'declined', note, null);
    const fund = await trx
      .selectFrom('partnership_fund')
      .select('fiscal_year')
      .where('id', '=', request.fund_id)
      .executeTakeFirstOrThrow();
    await audit(trx, env, by, 'budget.declined', request.id, proposal.receipt_number, {
      proposal: request.proposal_id,
      fiscalYear: fund.fiscal_year,
      requestedYen: request.amount_yen,
    });
    await notifyBudgetDecision(trx, env, request, fund.fiscal_year, { note });
    return { ok: true, requestId: request.id };
  });
}

/** The person who filed an open request takes it back. */
export async function withdrawRequest(
  env: ProcessEnv,
  by: ProcessActor,
  requestId: number,
): Promise<BudgetResult> {
  return env.db.transaction().execute(async (trx): Promise<BudgetResult> => {
    const locked = await lockRequest(trx, env, requestId);
    if (!locked) {
      return { ok: false, refusal: 'notFound' };
    }
    const { request, proposal } = locked;
    const object = {
      tenantId: env.tenantId,
      leadDepartmentId: request.department_id,
      requestedBy: request.requested_by,
    };
    if (!can(by.actor, 'budgetRequest', 'withdraw', object)) {
      return { ok: false, refusal: 'notAllowed' };
    }
    if (stateAfter(request.state, 'withdraw') === null) {
      return { ok: false, refusal: 'notOpen' };
    }
    await trx
      .updateTable('budget_request')
      .set({ state: 'withdrawn', decided_by: by.actor.userId, decided_at: env.clock.now() })
      .where('id', '=', request.id)
      .execute();
    await audit(trx, env, by, 'budget.withdrawn', request.id, proposal.receipt_number, {
      proposal: request.proposal_id,
      requestedYen: request.amount_yen,
    });
    return { ok: true, requestId: request.id };
  });
}
