import type { Kysely } from 'kysely';
import type { Continuation, Database } from '../../db/schema.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { auditDelivery, lockForDelivery, saveRevision, type DeliveryResult } from './common.ts';

/**
 * The verification after implementation (guideline 8, review stage), made by the department
 * and the implementer together and required before a project completes — even when the city
 * paid nothing: what each indicator's result means, what worked and what did not, the
 * lessons, each side's view, and whether to continue, improve or end. Continuing with city
 * money means a contract procedure comes next.
 */

export const continuations: readonly Continuation[] = ['continue', 'improve', 'end'];

export interface VerificationInput {
  /** Project indicator id → what its result means. */
  indicatorResults: Record<string, string>;
  worked: string;
  fellShort: string;
  lessons: string;
  cityView: string;
  implementerView: string;
  continuation: Continuation;
  needsCityMoney: boolean;
}

export interface VerificationView extends VerificationInput {
  version: number;
  updatedAt: Date;
}

/** True when the decision means a contract procedure comes next. */
export function needsContractProcedure(
  verification: Pick<VerificationInput, 'continuation' | 'needsCityMoney'>,
): boolean {
  return verification.needsCityMoney && verification.continuation !== 'end';
}

/**
 * Records (or revises) the verification of a proposal in `verification`, seen at `version`
 * (0 when there was none). Results are kept only for the project's own indicators.
 */
export async function recordVerification(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  version: number,
  input: VerificationInput,
): Promise<DeliveryResult> {
  return env.db.transaction().execute(async (trx): Promise<DeliveryResult> => {
    const locked = await lockForDelivery(trx, env, by, proposalId, ['verification']);
    if (!locked.ok) {
      return locked;
    }
    const indicators = await trx
      .selectFrom('project_indicator')
      .select('id')
      .where('proposal_id', '=', proposalId)
      .execute();
    const results = Object.fromEntries(
      indicators
        .map((row) => [String(row.id), (input.indicatorResults[String(row.id)] ?? '').trim()])
        .filter(([, text]) => text !== ''),
    );
    const saved = await saveRevision(trx, env, by, 'verification', proposalId, version, {
      indicator_results: JSON.stringify(results),
      worked: input.worked,
      fell_short: input.fellShort,
      lessons: input.lessons,
      city_view: input.cityView,
      implementer_view: input.implementerView,
      continuation: input.continuation,
      needs_city_money: input.needsCityMoney,
      updated_at: env.clock.now(),
    });
    if (!saved.ok) {
      return saved;
    }
    await auditDelivery(trx, env, by, locked.proposal, 'delivery.verificationRecorded', {
      continuation: input.continuation,
      needsCityMoney: input.needsCityMoney,
    });
    return { ok: true };
  });
}

/** The verification of a proposal, or undefined while there is none. */
export async function verificationOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<VerificationView | undefined> {
  const row = await db
    .selectFrom('verification')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
  return (
    row && {
      version: row.version,
      indicatorResults: row.indicator_results,
      worked: row.worked,
      fellShort: row.fell_short,
      lessons: row.lessons,
      cityView: row.city_view,
      implementerView: row.implementer_view,
      continuation: row.continuation,
      needsCityMoney: row.needs_city_money,
      updatedAt: row.updated_at,
    }
  );
}
