import type { Kysely } from 'kysely';
import { confidentialPassages, type DraftProposal } from '../../domain/case-draft.ts';
import type { CaseTable, Database } from '../../db/schema.ts';
import type { Selectable } from 'kysely';

/** The texts of a case a reader may see: every language of every public field. */
const publicTexts = [
  'title_ja',
  'title_en',
  'summary_ja',
  'summary_en',
  'activities_ja',
  'activities_en',
  'results_ja',
  'results_en',
  'period_ja',
  'period_en',
  'partners_ja',
  'partners_en',
] as const;

export type CaseTexts = Pick<Selectable<CaseTable>, 'proposal_id' | (typeof publicTexts)[number]>;

/**
 * The sentences of the case's proposal that are confidential (or unmarked) and that its texts
 * now contain; none for a case entered directly. The gate sees them on the case's page, and a
 * case holding one is not published.
 */
export async function confidentialInCase(
  db: Kysely<Database>,
  tenantId: number,
  row: CaseTexts,
): Promise<string[]> {
  if (row.proposal_id === null) {
    return [];
  }
  const proposal = await db
    .selectFrom('proposal')
    .select(['title', 'summary', 'sections', 'disclosure'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', row.proposal_id)
    .executeTakeFirst();
  if (!proposal) {
    return [];
  }
  const source: DraftProposal = {
    title: proposal.title,
    summary: proposal.summary,
    sections: proposal.sections,
    disclosure: proposal.disclosure as DraftProposal['disclosure'],
  };
  return confidentialPassages(
    source,
    publicTexts.map((column) => row[column] ?? ''),
  );
}
