import type { Kysely } from 'kysely';
import {
  defaultMaxExclusiveMonths,
  isMaxExclusiveMonths,
  type Arrangement,
} from '../../domain/fairness.ts';
import { can } from '../../domain/policy.ts';
import type { Database } from '../../db/schema.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { auditStep } from '../process/audit.ts';

/**
 * The arrangements the fairness monitor looks at: every proposal whose implementer has been
 * chosen and whose agreement has dates, with the implementer's organisation or name.
 */
export async function loadArrangements(
  db: Kysely<Database>,
  tenantId: number,
): Promise<Arrangement[]> {
  const rows = await db
    .selectFrom('selection_record as s')
    .innerJoin('agreement as a', 'a.proposal_id', 's.proposal_id')
    .innerJoin('proposal as p', 'p.id', 's.proposal_id')
    .leftJoin('organisation as o', 'o.id', 's.implementer_organisation_id')
    .leftJoin('verification as v', 'v.proposal_id', 's.proposal_id')
    .select([
      's.proposal_id',
      'p.title',
      'p.state',
      's.implementer_organisation_id',
      's.implementer_name',
      'o.name as organisation_name',
      's.exclusivity_time',
      's.exclusivity_space',
      's.exclusive_months',
      'a.starts_on',
      'a.ends_on',
      'v.continuation',
    ])
    .where('s.tenant_id', '=', tenantId)
    .orderBy('s.proposal_id')
    .execute();
  return rows.map((row) => ({
    proposalId: row.proposal_id,
    proposalTitle: row.title,
    holder:
      row.implementer_organisation_id !== null
        ? {
            organisationId: row.implementer_organisation_id,
            name: row.organisation_name ?? row.implementer_name,
          }
        : { organisationId: null, name: row.implementer_name },
    exclusivityTime: row.exclusivity_time,
    exclusivitySpace: row.exclusivity_space,
    exclusiveMonths: row.exclusive_months,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    released: row.state === 'withdrawn' || row.continuation === 'end',
  }));
}

/** The tenant's threshold in months, read fresh: an admin may have just changed it. */
export async function maxExclusiveMonthsOf(
  db: Kysely<Database>,
  tenantId: number,
): Promise<number> {
  const row = await db
    .selectFrom('tenant')
    .select('fairness_max_exclusive_months')
    .where('id', '=', tenantId)
    .executeTakeFirst();
  return row?.fairness_max_exclusive_months ?? defaultMaxExclusiveMonths;
}

export type ThresholdResult = { ok: true } | { ok: false; refusal: 'notAllowed' | 'invalid' };

/** A tenant admin sets how long an exclusive arrangement may run before it is flagged. */
export async function changeMaxExclusiveMonths(
  env: ProcessEnv,
  by: ProcessActor,
  months: number,
): Promise<ThresholdResult> {
  if (!can(by.actor, 'fairness', 'configure', { tenantId: env.tenantId })) {
    return { ok: false, refusal: 'notAllowed' };
  }
  if (!isMaxExclusiveMonths(months)) {
    return { ok: false, refusal: 'invalid' };
  }
  return env.db.transaction().execute(async (trx): Promise<ThresholdResult> => {
    const before = await trx
      .selectFrom('tenant')
      .select('fairness_max_exclusive_months')
      .where('id', '=', env.tenantId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('tenant')
      .set({ fairness_max_exclusive_months: months })
      .where('id', '=', env.tenantId)
      .execute();
    await auditStep(trx, env, by, {
      action: 'fairness.thresholdChanged',
      targetKind: 'tenant',
      targetId: env.tenantId,
      details: { fromMonths: before.fairness_max_exclusive_months, toMonths: months },
    });
    return { ok: true };
  });
}
