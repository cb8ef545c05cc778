import type { Kysely } from 'kysely';
import {
  privacyNoticeVersion,
  type BurdenEstimate,
  type CityRequestKind,
  type Disclosure,
  type DisclosureMark,
  type Indicator,
  type ProposalContent,
} from '../../domain/proposal.ts';
import type { Database, Proposal } from '../../db/schema.ts';

/** A proposal with everything a page shows of it. */
export interface ProposalRecord {
  proposal: Proposal;
  content: ProposalContent;
}

/** An empty proposal, as a new draft starts. */
export function emptyContent(): ProposalContent {
  return {
    title: '',
    summary: '',
    sections: {},
    disclosure: {},
    cityRequests: [],
    burdenKind: 'none',
    burden: [],
    indicators: [],
    methodIds: [],
    fieldIds: [],
    conceptIds: [],
    eligibility: [],
    privacyNoticeAccepted: false,
  };
}

/** Reads a proposal's content from its row and its child tables. */
export async function readContent(
  db: Kysely<Database>,
  proposal: Proposal,
): Promise<ProposalContent> {
  const id = proposal.id;
  const [indicators, burden, methods, fields, concepts] = await Promise.all([
    db
      .selectFrom('proposal_indicator')
      .select(['name', 'target', 'unit'])
      .where('proposal_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('proposal_burden')
      .select(['fiscal_year', 'amount_yen', 'upkeep', 'note'])
      .where('proposal_id', '=', id)
      .orderBy('position')
      .execute(),
    db.selectFrom('proposal_method').select('method_id').where('proposal_id', '=', id).execute(),
    db.selectFrom('proposal_field').select('field_id').where('proposal_id', '=', id).execute(),
    db.selectFrom('proposal_concept').select('concept_id').where('proposal_id', '=', id).execute(),
  ]);
  const disclosure: Record<string, Disclosure> = {};
  for (const [section, value] of Object.entries(proposal.disclosure)) {
    disclosure[section] = { mark: value.mark as DisclosureMark, reason: value.reason };
  }
  return {
    title: proposal.title,
    summary: proposal.summary,
    sections: proposal.sections,
    disclosure,
    cityRequests: proposal.city_requests as CityRequestKind[],
    burdenKind: proposal.burden_kind,
    burden: burden.map((row): BurdenEstimate => ({
      fiscalYear: row.fiscal_year,
      amountYen: Number(row.amount_yen),
      upkeep: row.upkeep,
      note: row.note ?? '',
    })),
    indicators: indicators as Indicator[],
    methodIds: methods.map((row) => row.method_id),
    fieldIds: fields.map((row) => row.field_id),
    conceptIds: concepts.map((row) => row.concept_id),
    eligibility: Object.keys(proposal.eligibility),
    // Accepted only as currently worded: a new wording must be read and accepted again.
    privacyNoticeAccepted: proposal.privacy_notice_version === privacyNoticeVersion,
  };
}

/**
 * Writes a proposal's content over what it had: the row's own columns and every child
 * table. Call it inside the transaction that also checks and raises the version.
 */
export async function writeContent(
  db: Kysely<Database>,
  proposalId: number,
  content: ProposalContent,
  moment: Date,
): Promise<void> {
  const eligibility = Object.fromEntries(
    content.eligibility.map((code) => [code, moment.toISOString()]),
  );
  await db
    .updateTable('proposal')
    .set({
      title: content.title,
      summary: content.summary,
      sections: JSON.stringify(content.sections),
      disclosure: JSON.stringify(content.disclosure),
      city_requests: content.cityRequests,
      burden_kind: content.burdenKind,
      eligibility: JSON.stringify(eligibility),
      privacy_notice_version: content.privacyNoticeAccepted ? privacyNoticeVersion : null,
    })
    .where('id', '=', proposalId)
    .execute();
  for (const table of [
    'proposal_indicator',
    'proposal_burden',
    'proposal_method',
    'proposal_field',
    'proposal_concept',
  ] as const) {
    await db.deleteFrom(table).where('proposal_id', '=', proposalId).execute();
  }
  if (content.indicators.length > 0) {
    await db
      .insertInto('proposal_indicator')
      .values(
        content.indicators.map((indicator, position) => ({
          proposal_id: proposalId,
          position,
          ...indicator,
        })),
      )
      .execute();
  }
  if (content.burdenKind === 'estimate' && content.burden.length > 0) {
    await db
      .insertInto('proposal_burden')
      .values(
        content.burden.map((row, position) => ({
          proposal_id: proposalId,
          position,
          fiscal_year: row.fiscalYear,
          amount_yen: row.amountYen,
          upkeep: row.upkeep,
          note: row.note || null,
        })),
      )
      .execute();
  }
  const links = [
    ['proposal_method', 'method_id', content.methodIds],
    ['proposal_field', 'field_id', content.fieldIds],
    ['proposal_concept', 'concept_id', content.conceptIds],
  ] as const;
  for (const [table, column, ids] of links) {
    const unique = [...new Set(ids)];
    if (unique.length > 0) {
      await db
        .insertInto(table)
        .values(unique.map((id) => ({ proposal_id: proposalId, [column]: id }) as never))
        .execute();
    }
  }
}
