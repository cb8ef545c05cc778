import type { Transaction } from 'kysely';
import { caseDraft, type CaseDraftSource } from '../../domain/case-draft.ts';
import { can } from '../../domain/policy.ts';
import type { Database, Proposal } from '../../db/schema.ts';
import { readContent } from '../proposals/content.ts';
import type { ProcessActor } from '../process/env.ts';
import { lockProposal } from '../process/move.ts';
import { draftWording } from './draft-wording.ts';
import { auditCase, type CaseEnv } from './env.ts';
import { insertOwnCase } from './edit.ts';

export type DraftResult =
  | { ok: true; caseId: number }
  | { ok: false; refusal: 'notFound' | 'notAllowed' | 'notCompleted' }
  /** The proposal has its case already: one case per proposal. */
  | { ok: false; refusal: 'exists'; caseId: number };

/** What the draft reads of a proposal's delivery: agreement, indicators, verification. */
async function draftSource(
  trx: Transaction<Database>,
  proposal: Proposal,
  implementerName: string,
): Promise<{ source: CaseDraftSource; fieldIds: number[]; methodIds: number[] }> {
  const id = proposal.id;
  const [content, indicators, actuals, agreement, verification] = await Promise.all([
    readContent(trx, proposal),
    trx
      .selectFrom('project_indicator')
      .select(['id', 'name', 'unit', 'target'])
      .where('proposal_id', '=', id)
      .orderBy('position')
      .execute(),
    trx
      .selectFrom('indicator_actual as a')
      .innerJoin('project_indicator as i', 'i.id', 'a.indicator_id')
      .select(['a.indicator_id', 'a.period', 'a.value'])
      .where('i.proposal_id', '=', id)
      .orderBy('a.recorded_at')
      .orderBy('a.id')
      .execute(),
    trx.selectFrom('agreement').selectAll().where('proposal_id', '=', id).executeTakeFirst(),
    trx.selectFrom('verification').selectAll().where('proposal_id', '=', id).executeTakeFirst(),
  ]);
  const parties = agreement
    ? await trx
        .selectFrom('agreement_party')
        .select('name')
        .where('agreement_id', '=', agreement.id)
        .orderBy('position')
        .execute()
    : [];
  const source: CaseDraftSource = {
    proposal: content,
    indicators: indicators.map((row) => ({
      ...row,
      target: Number(row.target),
      actuals: actuals
        .filter((a) => a.indicator_id === row.id)
        .map((a) => ({ period: a.period, value: Number(a.value) })),
    })),
    agreement: agreement
      ? {
          cityRoles: agreement.city_roles,
          partnerRoles: agreement.partner_roles,
          startsOn: String(agreement.starts_on).slice(0, 10),
          endsOn: agreement.ends_on === null ? null : String(agreement.ends_on).slice(0, 10),
          parties,
        }
      : null,
    verification: verification
      ? {
          indicatorResults: verification.indicator_results,
          worked: verification.worked,
          lessons: verification.lessons,
        }
      : null,
    implementerName,
  };
  return { source, fieldIds: content.fieldIds, methodIds: content.methodIds };
}

/** The partner that approves the case: the chosen implementer, else the proposer. */
async function partnerOf(trx: Transaction<Database>, proposal: Proposal) {
  const selection = await trx
    .selectFrom('selection_record')
    .select(['implementer_organisation_id', 'implementer_name'])
    .where('proposal_id', '=', proposal.id)
    .executeTakeFirst();
  const organisationId = selection?.implementer_organisation_id ?? proposal.organisation_id;
  const organisation = await trx
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { organisationId, name: organisation.name };
}

/**
 * Makes the draft of a completed proposal's case (gate staff): texts from the proposal's
 * disclosable sections, the agreement, the indicators and the verification; the proposal's
 * fields and methods; the English version marked as awaiting translation. One case per
 * proposal: the proposal's row lock orders two requests, the unique index backs it.
 */
export async function draftCaseFromProposal(
  env: CaseEnv,
  by: ProcessActor,
  proposalId: number,
): Promise<DraftResult> {
  return env.db.transaction().execute(async (trx): Promise<DraftResult> => {
    const locked = await lockProposal(trx, env.tenantId, proposalId);
    if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!can(by.actor, 'case', 'create', { tenantId: env.tenantId, published: false })) {
      return { ok: false, refusal: 'notAllowed' };
    }
    const { proposal } = locked;
    if (proposal.state !== 'completed') {
      return { ok: false, refusal: 'notCompleted' };
    }
    const existing = await trx
      .selectFrom('case')
      .select('id')
      .where('proposal_id', '=', proposalId)
      .executeTakeFirst();
    if (existing) {
      return { ok: false, refusal: 'exists', caseId: existing.id };
    }
    const partner = await partnerOf(trx, proposal);
    const { source, fieldIds, methodIds } = await draftSource(trx, proposal, partner.name);
    const ja = caseDraft(source, draftWording.ja);
    const en = caseDraft(source, draftWording.en);
    const row = await insertOwnCase(
      trx,
      env,
      by,
      {
        year: ja.year,
        partners_ja: ja.partners,
        title_ja: ja.title,
        summary_ja: ja.summary,
        activities_ja: ja.activities,
        results_ja: ja.results,
        period_ja: ja.period,
        period_en: en.period === '' ? null : en.period,
        translation_pending: true,
        proposal_id: proposalId,
        organisation_id: partner.organisationId,
      },
      { fieldIds, methodIds },
    );
    await auditCase(trx, env, by, 'case.drafted', row, { proposal: proposalId });
    return { ok: true, caseId: row.id };
  });
}
