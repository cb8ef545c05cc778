import { sql } from 'kysely';
import { amountAllowed, maxYen } from '../../domain/budget.ts';
import { can } from '../../domain/policy.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { auditStep } from '../process/audit.ts';

/** The gate's fund for one fiscal year of the partnership budget. */
export interface FundInput {
  fiscalYear: number;
  amountYen: number;
  note: string;
}

export type FundRefusal = 'notAllowed' | 'fundExists' | 'notFound' | 'belowAllocated' | 'invalid';

export type FundResult = { ok: true; fundId: number } | { ok: false; refusal: FundRefusal };

/** A database check violation: a constraint refused a row the code let through. */
export function isCheckViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23514'
  );
}

function validInput(input: FundInput): boolean {
  return (
    Number.isInteger(input.fiscalYear) &&
    input.fiscalYear >= 2000 &&
    input.fiscalYear <= 2200 &&
    Number.isSafeInteger(input.amountYen) &&
    input.amountYen >= 0 &&
    input.amountYen <= maxYen
  );
}

/** Creates the fund of a fiscal year; there is at most one per year. Gate staff only. */
export async function createFund(
  env: ProcessEnv,
  by: ProcessActor,
  input: FundInput,
): Promise<FundResult> {
  if (!can(by.actor, 'partnershipBudget', 'manage', { tenantId: env.tenantId })) {
    return { ok: false, refusal: 'notAllowed' };
  }
  if (!validInput(input)) {
    return { ok: false, refusal: 'invalid' };
  }
  return env.db.transaction().execute(async (trx): Promise<FundResult> => {
    const now = env.clock.now();
    // Two people creating the same year at once: the unique key lets one row in.
    const row = await trx
      .insertInto('partnership_fund')
      .values({
        tenant_id: env.tenantId,
        fiscal_year: input.fiscalYear,
        amount_yen: input.amountYen,
        note: input.note,
        created_by: by.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'fiscal_year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      return { ok: false, refusal: 'fundExists' };
    }
    await auditStep(trx, env, by, {
      action: 'budget.fundCreated',
      targetKind: 'partnershipFund',
      targetId: row.id,
      targetLabel: String(input.fiscalYear),
      details: { fiscalYear: input.fiscalYear, amountYen: input.amountYen },
    });
    return { ok: true, fundId: row.id };
  });
}

/**
 * Changes a fund's amount. One conditional update decides against allocations made at the
 * same moment: the amount never drops below what has been allocated from it.
 */
export async function changeFundAmount(
  env: ProcessEnv,
  by: ProcessActor,
  fundId: number,
  amountYen: number,
): Promise<FundResult> {
  if (!can(by.actor, 'partnershipBudget', 'manage', { tenantId: env.tenantId })) {
    return { ok: false, refusal: 'notAllowed' };
  }
  if (!amountAllowed({ amountYen: maxYen, allocatedYen: 0 }, amountYen)) {
    return { ok: false, refusal: 'invalid' };
  }
  try {
    return await env.db.transaction().execute(async (trx): Promise<FundResult> => {
      const before = await trx
        .selectFrom('partnership_fund')
        .select(['amount_yen', 'fiscal_year'])
        .where('tenant_id', '=', env.tenantId)
        .where('id', '=', fundId)
        .executeTakeFirst();
      if (!before) {
        return { ok: false, refusal: 'notFound' };
      }
      const changed = await trx
        .updateTable('partnership_fund')
        .set({ amount_yen: amountYen, updated_at: env.clock.now() })
        .where('tenant_id', '=', env.tenantId)
        .where('id', '=', fundId)
        .where(sql<boolean>`allocated_yen <= ${amountYen}`)
        .returning(['id', 'allocated_yen'])
        .executeTakeFirst();
      if (!changed) {
        return { ok: false, refusal: 'belowAllocated' };
      }
      await auditStep(trx, env, by, {
        action: 'budget.fundChanged',
        targetKind: 'partnershipFund',
        targetId: fundId,
        targetLabel: String(before.fiscal_year),
        details: { fromYen: before.amount_yen, toYen: amountYen },
      });
      return { ok: true, fundId };
    });
  } catch (error) {
    // The check constraint is the last guard; its refusal is an answer, not a failure.
    if (isCheckViolation(error)) {
      return { ok: false, refusal: 'belowAllocated' };
    }
    throw error;
  }
}
