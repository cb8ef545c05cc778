import type { Kysely } from 'kysely';
import {
  originalityGrounds,
  recommendSelection,
  type Burden,
  type ExclusivityLevel,
  type Originality,
  type SelectionMethod,
  type SelectionReason,
  type SelectionRecommendation,
} from '../../domain/implementer-selection.ts';
import type { Database, Proposal } from '../../db/schema.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { auditDelivery, lockForDelivery, saveRevision, type DeliveryRefusal } from './common.ts';

/**
 * The record of how the implementer of an adopted proposal is chosen (guideline 8,
 * "Point"): the facts staff judge — the city's financial burden, exclusivity in time and in
 * space, originality with its evidence — the recommendation the rule gives, the method staff
 * choose (with their own reason when it differs), the implementer, and, when the city pays,
 * the budget year and the contract procedure.
 */

/** Who implements: the proposer's organisation, or another organisation named by staff. */
export type Implementer = { kind: 'proposer' } | { kind: 'other'; name: string };

export interface SelectionInput {
  burden: Burden;
  exclusivityTime: ExclusivityLevel;
  exclusiveMonths: number | null;
  exclusivityTimeNote: string;
  exclusivitySpace: ExclusivityLevel;
  exclusivitySpaceNote: string;
  /** The grounds claimed, each with its evidence; a ground without evidence is refused. */
  originality: Originality;
  /** The method staff choose; null takes the recommendation. */
  method: SelectionMethod | null;
  staffReason: string;
  implementer: Implementer;
  budgetYear: number | null;
  procedure: string;
  procedureResult: string;
}

export type SelectionResult =
  | { ok: true; recommendation: SelectionRecommendation; method: SelectionMethod }
  | {
      ok: false;
      refusal:
        | DeliveryRefusal
        /** Choosing otherwise than recommended needs the staff's own reason. */
        | 'reasonRequired'
        /** A ground of originality was claimed without its evidence. */
        | 'evidenceRequired'
        /** Another organisation was chosen without its name. */
        | 'implementerRequired';
    };

/** The selection record as the pages show it. */
export interface SelectionView extends Omit<SelectionInput, 'method'> {
  version: number;
  recommendedMethod: SelectionMethod;
  recommendedReasons: SelectionReason[];
  /** The method chosen: the staff's, or the recommendation. */
  method: SelectionMethod;
  /** The implementer's name as the pages show it. */
  implementerName: string;
  /** The theme call opened from the proposal, with its challenge. */
  themeCall: { id: number; challengeId: number; closesOn: string } | null;
  recordedAt: Date;
  updatedAt: Date;
}

function cleanOriginality(originality: Originality): Originality {
  const clean: Originality = {};
  for (const ground of originalityGrounds) {
    const evidence = originality[ground];
    if (evidence !== undefined) {
      clean[ground] = evidence.trim();
    }
  }
  return clean;
}

/**
 * Records (or revises) the selection record of a proposal in `selection`, seen at `version`
 * (0 when there was none): computes the recommendation from the facts, takes the staff's
 * method, and refuses a method other than the recommendation without a reason. A save over
 * a newer record is refused as a conflict, so two staff saving at once never overwrite each
 * other unseen.
 */
export async function recordSelection(
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  version: number,
  input: SelectionInput,
): Promise<SelectionResult> {
  const originality = cleanOriginality(input.originality);
  if (Object.values(originality).some((evidence) => evidence === '')) {
    return { ok: false, refusal: 'evidenceRequired' };
  }
  if (input.implementer.kind === 'other' && input.implementer.name.trim() === '') {
    return { ok: false, refusal: 'implementerRequired' };
  }
  const recommendation = recommendSelection({
    burden: input.burden,
    exclusivity: { time: input.exclusivityTime, space: input.exclusivitySpace },
    originality,
  });
  const method = input.method ?? recommendation.method;
  if (method !== recommendation.method && input.staffReason.trim() === '') {
    return { ok: false, refusal: 'reasonRequired' };
  }
  return env.db.transaction().execute(async (trx): Promise<SelectionResult> => {
    const locked = await lockForDelivery(trx, env, by, proposalId, ['selection']);
    if (!locked.ok) {
      return locked;
    }
    const { proposal } = locked;
    const saved = await saveRevision(trx, env, by, 'selection_record', proposalId, version, {
      burden: JSON.stringify(input.burden),
      exclusivity_time: input.exclusivityTime,
      exclusive_months: input.exclusiveMonths,
      exclusivity_time_note: input.exclusivityTimeNote.trim(),
      exclusivity_space: input.exclusivitySpace,
      exclusivity_space_note: input.exclusivitySpaceNote.trim(),
      originality: JSON.stringify(originality),
      recommended_method: recommendation.method,
      recommended_reasons: JSON.stringify(recommendation.reasons),
      method,
      staff_reason: input.staffReason.trim(),
      implementer_organisation_id:
        input.implementer.kind === 'proposer' ? proposal.organisation_id : null,
      implementer_name: input.implementer.kind === 'other' ? input.implementer.name.trim() : '',
      budget_year: input.budgetYear,
      procedure: input.procedure.trim(),
      procedure_result: input.procedureResult.trim(),
      updated_at: env.clock.now(),
    });
    if (!saved.ok) {
      return saved;
    }
    await auditDelivery(trx, env, by, proposal, 'delivery.selectionRecorded', {
      recommended: recommendation.method,
      method,
    });
    return { ok: true, recommendation, method };
  });
}

/** The city's financial burden as the proposal estimated it, to start the record from. */
export async function proposalBurden(db: Kysely<Database>, proposal: Proposal): Promise<Burden> {
  if (proposal.burden_kind === 'none') {
    return { kind: 'none' };
  }
  const rows = await db
    .selectFrom('proposal_burden')
    .select(['fiscal_year', 'amount_yen', 'upkeep'])
    .where('proposal_id', '=', proposal.id)
    .orderBy('position')
    .execute();
  if (rows.length === 0) {
    return { kind: 'none' };
  }
  return {
    kind: 'pays',
    years: rows.map((row) => ({
      fiscalYear: row.fiscal_year,
      amountYen: Number(row.amount_yen),
      upkeep: row.upkeep,
    })),
  };
}

/** The selection record of a proposal, or undefined while there is none. */
export async function selectionOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<SelectionView | undefined> {
  const row = await db
    .selectFrom('selection_record as s')
    .leftJoin('organisation as o', 'o.id', 's.implementer_organisation_id')
    .leftJoin('theme_call as c', 'c.id', 's.theme_call_id')
    .selectAll('s')
    .select(['o.name as organisation_name', 'c.challenge_id', 'c.closes_on'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.proposal_id', '=', proposalId)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const implementer: Implementer =
    row.implementer_organisation_id !== null
      ? { kind: 'proposer' }
      : { kind: 'other', name: row.implementer_name };
  return {
    version: row.version,
    burden: row.burden as Burden,
    exclusivityTime: row.exclusivity_time,
    exclusiveMonths: row.exclusive_months,
    exclusivityTimeNote: row.exclusivity_time_note,
    exclusivitySpace: row.exclusivity_space,
    exclusivitySpaceNote: row.exclusivity_space_note,
    originality: row.originality as Originality,
    recommendedMethod: row.recommended_method,
    recommendedReasons: row.recommended_reasons as SelectionReason[],
    method: row.method,
    staffReason: row.staff_reason,
    implementer,
    implementerName:
      implementer.kind === 'proposer' ? (row.organisation_name ?? '') : implementer.name,
    budgetYear: row.budget_year,
    procedure: row.procedure,
    procedureResult: row.procedure_result,
    themeCall:
      row.theme_call_id !== null && row.challenge_id !== null && row.closes_on !== null
        ? { id: row.theme_call_id, challengeId: row.challenge_id, closesOn: row.closes_on }
        : null,
    recordedAt: row.recorded_at,
    updatedAt: row.updated_at,
  };
}
