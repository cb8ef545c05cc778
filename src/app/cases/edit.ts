import type { Insertable, Transaction } from 'kysely';
import { can } from '../../domain/policy.ts';
import type { CaseTable, Database } from '../../db/schema.ts';
import type { ProcessActor } from '../process/env.ts';
import { auditCase, lockCase, type CaseEnv } from './env.ts';

/** What the gate writes of a case, in Japanese and optionally in English. */
export interface CaseInput {
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
  activitiesJa: string;
  activitiesEn: string;
  resultsJa: string;
  resultsEn: string;
  periodJa: string;
  periodEn: string;
  partnersJa: string;
  partnersEn: string;
  year: number | null;
  fieldIds: number[];
  methodIds: number[];
  /** The English version is still to be written: the English page says so. */
  translationPending: boolean;
}

export type EditResult =
  { ok: true } | { ok: false; refusal: 'notFound' | 'notAllowed' | 'published' | 'changed' };

export type CreateResult = { ok: true; caseId: number } | { ok: false; refusal: 'notAllowed' };

const blankToNull = (value: string) => (value.trim() === '' ? null : value);

function columnsOf(input: CaseInput) {
  return {
    title_ja: input.titleJa,
    title_en: blankToNull(input.titleEn),
    summary_ja: input.summaryJa,
    summary_en: blankToNull(input.summaryEn),
    activities_ja: blankToNull(input.activitiesJa),
    activities_en: blankToNull(input.activitiesEn),
    results_ja: blankToNull(input.resultsJa),
    results_en: blankToNull(input.resultsEn),
    period_ja: blankToNull(input.periodJa),
    period_en: blankToNull(input.periodEn),
    partners_ja: input.partnersJa,
    partners_en: blankToNull(input.partnersEn),
    year: input.year,
    translation_pending: input.translationPending,
  };
}

/** Sets a case's fields and partnership methods to exactly these (ids of the tenant only). */
export async function replaceTaxonomies(
  trx: Transaction<Database>,
  tenantId: number,
  caseId: number,
  chosen: { fieldIds: readonly number[]; methodIds: readonly number[] },
): Promise<void> {
  await trx.deleteFrom('case_field').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_method').where('case_id', '=', caseId).execute();
  const [fields, methods] = await Promise.all([
    chosen.fieldIds.length === 0
      ? []
      : trx
          .selectFrom('field')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', [...chosen.fieldIds])
          .execute(),
    chosen.methodIds.length === 0
      ? []
      : trx
          .selectFrom('partnership_method')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', [...chosen.methodIds])
          .execute(),
  ]);
  if (fields.length > 0) {
    await trx
      .insertInto('case_field')
      .values(fields.map((f) => ({ tenant_id: tenantId, case_id: caseId, field_id: f.id })))
      .execute();
  }
  if (methods.length > 0) {
    await trx
      .insertInto('case_method')
      .values(methods.map((m) => ({ tenant_id: tenantId, case_id: caseId, method_id: m.id })))
      .execute();
  }
}

/**
 * Saves the gate's edit of a case that is not on the portal. The version the editor saw must
 * still be the case's: a concurrent edit is refused, never overwritten. The partner approved
 * (or is reading) other words, so an approval given or asked for is withdrawn and must be
 * asked for again; a return keeps its comment until the next request.
 */
export async function updateCase(
  env: CaseEnv,
  by: ProcessActor,
  id: number,
  input: CaseInput,
  seenVersion: number,
): Promise<EditResult> {
  return env.db.transaction().execute(async (trx): Promise<EditResult> => {
    const row = await lockCase(trx, env.tenantId, id);
    if (!row) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!can(by.actor, 'case', 'update', { tenantId: row.tenant_id, published: false })) {
      return { ok: false, refusal: 'notAllowed' };
    }
    if (row.status === 'published') {
      return { ok: false, refusal: 'published' };
    }
    if (row.version !== seenVersion) {
      return { ok: false, refusal: 'changed' };
    }
    const resetApproval = row.approval === 'approved' || row.approval === 'pending';
    await trx
      .updateTable('case')
      .set({
        ...columnsOf(input),
        ...(resetApproval ? { approval: null, approved_by: null, approved_at: null } : {}),
        updated_at: env.clock.now(),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await replaceTaxonomies(trx, env.tenantId, id, input);
    await auditCase(
      trx,
      env,
      by,
      'case.updated',
      { id, title_ja: input.titleJa },
      {
        approvalReset: resetApproval,
      },
    );
    return { ok: true };
  });
}

/**
 * Enters a case directly (gate staff): a partnership made outside the gate, such as an
 * agreement a department signed. It has no proposal and no partner organisation to ask, so
 * the gate may publish it on its own word; the municipality is the tenant.
 */
export async function createDirectCase(
  env: CaseEnv,
  by: ProcessActor,
  input: CaseInput,
): Promise<CreateResult> {
  if (!can(by.actor, 'case', 'create', { tenantId: env.tenantId, published: false })) {
    return { ok: false, refusal: 'notAllowed' };
  }
  return env.db.transaction().execute(async (trx): Promise<CreateResult> => {
    const row = await insertOwnCase(trx, env, by, columnsOf(input), input);
    await auditCase(trx, env, by, 'case.created', row);
    return { ok: true, caseId: row.id };
  });
}

/** What a new case of the tenant's own says; the rest insertOwnCase fills in. */
export type OwnCaseColumns = Omit<
  Insertable<CaseTable>,
  | 'tenant_id'
  | 'origin'
  | 'municipality_ja'
  | 'municipality_en'
  | 'status'
  | 'created_by'
  | 'created_at'
  | 'updated_at'
>;

/**
 * Inserts a draft case of the tenant's own, the tenant named as its municipality, with its
 * fields and partnership methods, in the caller's transaction.
 */
export async function insertOwnCase(
  trx: Transaction<Database>,
  env: CaseEnv,
  by: ProcessActor,
  columns: OwnCaseColumns,
  chosen: { fieldIds: readonly number[]; methodIds: readonly number[] },
): Promise<{ id: number; title_ja: string }> {
  const tenant = await trx
    .selectFrom('tenant')
    .select(['name_ja', 'name_en'])
    .where('id', '=', env.tenantId)
    .executeTakeFirstOrThrow();

  const now = env.clock.now();
  const row = await trx
    .insertInto('case')
    .values({
      tenant_id: env.tenantId,
      origin: 'own',
      municipality_ja: tenant.name_ja,
      municipality_en: tenant.name_en,
      ...columns,
      status: 'draft',
      created_by: by.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'title_ja'])
    .executeTakeFirstOrThrow();
  await replaceTaxonomies(trx, env.tenantId, row.id, chosen);
  return row;
}
