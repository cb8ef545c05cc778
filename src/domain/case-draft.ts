import type { ProposalContent, ProposalSection, TextSection } from './proposal.ts';

/**
 * The first draft of a case (事例) made from a verified project. Pure: it reads the proposal,
 * the agreement, the project's indicators and the verification, and writes the texts the gate
 * then edits and the partner approves.
 *
 * Confidentiality (guideline: a case uses only disclosable content): a proposal section is used
 * only when its disclosure mark is 'disclosable'; a section without a mark counts as
 * confidential. Attachments are never read. The agreement, the indicators and the
 * verification are the city's own records and may be used.
 */

/** The proposal as the draft may read it: its title and its marked sections. */
export type DraftProposal = Pick<ProposalContent, 'title' | 'summary' | 'sections' | 'disclosure'>;

export interface DraftIndicator {
  id: number;
  name: string;
  unit: string;
  target: number;
  /** In the order the periods were recorded. */
  actuals: { period: string; value: number }[];
}

export interface DraftAgreement {
  cityRoles: string;
  partnerRoles: string;
  /** 'YYYY-MM-DD'. */
  startsOn: string;
  endsOn: string | null;
  parties: { name: string }[];
}

export interface DraftVerification {
  /** Project indicator id → what its result means, in words. */
  indicatorResults: Record<string, string>;
  worked: string;
  lessons: string;
}

export interface CaseDraftSource {
  proposal: DraftProposal;
  indicators: DraftIndicator[];
  agreement: DraftAgreement | null;
  verification: DraftVerification | null;
  /** The implementer's name when no agreement names the parties. */
  implementerName: string;
}

/** The words a draft is written with, in one language. */
export interface DraftWording {
  listSeparator: string;
  cityRoles: (text: string) => string;
  partnerRoles: (text: string) => string;
  indicator: (name: string, target: string, actuals: string) => string;
  actual: (period: string, value: string) => string;
  noActual: string;
  verdict: (text: string) => string;
  worked: (text: string) => string;
  lessons: (text: string) => string;
  period: (from: string, to: string | null) => string;
  date: (iso: string) => string;
}

export interface CaseDraft {
  title: string;
  summary: string;
  activities: string;
  results: string;
  period: string;
  partners: string;
  /** The fiscal year the project started in, when an agreement says so. */
  year: number | null;
}

/** Sections telling what was done, in the order a reader wants them. */
const activitySections: readonly TextSection[] = ['approach', 'contribution'];
/** Sections that may stand in for the summary when the summary itself is confidential. */
const summaryFallbacks: readonly TextSection[] = ['problem', 'effects'];

/** True only for a section the proposer marked disclosable. */
export function isDisclosable(proposal: DraftProposal, section: ProposalSection): boolean {
  return proposal.disclosure[section]?.mark === 'disclosable';
}

function disclosableText(proposal: DraftProposal, section: TextSection): string {
  return isDisclosable(proposal, section) ? (proposal.sections[section] ?? '').trim() : '';
}

function paragraphs(parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n\n');
}

function amount(value: number, unit: string): string {
  return `${Number.isInteger(value) ? value : Number(value.toFixed(2))}${unit}`;
}

function indicatorLine(indicator: DraftIndicator, wording: DraftWording): string {
  const actuals =
    indicator.actuals.length === 0
      ? wording.noActual
      : indicator.actuals
          .map((a) => wording.actual(a.period, amount(a.value, indicator.unit)))
          .join(wording.listSeparator);
  return wording.indicator(indicator.name, amount(indicator.target, indicator.unit), actuals);
}

function resultsOf(source: CaseDraftSource, wording: DraftWording): string {
  const verification = source.verification;
  const lines = source.indicators.map((indicator) => {
    const verdict = verification?.indicatorResults[String(indicator.id)]?.trim() ?? '';
    const line = indicatorLine(indicator, wording);
    return verdict === '' ? line : `${line}\n${wording.verdict(verdict)}`;
  });
  return paragraphs([
    ...lines,
    verification && verification.worked.trim() !== '' ? wording.worked(verification.worked) : '',
    verification && verification.lessons.trim() !== '' ? wording.lessons(verification.lessons) : '',
  ]);
}

function activitiesOf(source: CaseDraftSource, wording: DraftWording): string {
  const agreement = source.agreement;
  return paragraphs([
    ...activitySections.map((section) => disclosableText(source.proposal, section)),
    agreement && agreement.cityRoles.trim() !== '' ? wording.cityRoles(agreement.cityRoles) : '',
    agreement && agreement.partnerRoles.trim() !== ''
      ? wording.partnerRoles(agreement.partnerRoles)
      : '',
  ]);
}

function summaryOf(proposal: DraftProposal): string {
  if (isDisclosable(proposal, 'summary') && proposal.summary.trim() !== '') {
    return proposal.summary.trim();
  }
  return summaryFallbacks.map((s) => disclosableText(proposal, s)).find((t) => t !== '') ?? '';
}

function fiscalYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

/** The draft texts of a case from a verified project, in the language of `wording`. */
export function caseDraft(source: CaseDraftSource, wording: DraftWording): CaseDraft {
  const agreement = source.agreement;
  const partyNames = agreement?.parties.map((p) => p.name.trim()).filter((n) => n !== '') ?? [];
  return {
    title: source.proposal.title.trim(),
    summary: summaryOf(source.proposal),
    activities: activitiesOf(source, wording),
    results: resultsOf(source, wording),
    period: agreement
      ? wording.period(
          wording.date(agreement.startsOn),
          agreement.endsOn ? wording.date(agreement.endsOn) : null,
        )
      : '',
    partners:
      partyNames.length > 0 ? partyNames.join(wording.listSeparator) : source.implementerName,
    year: agreement ? fiscalYearOf(agreement.startsOn) : null,
  };
}

/** A confidential passage shorter than this is too common a phrase to tell anything. */
const MIN_PASSAGE = 8;

function comparable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The sentences of the proposal's confidential sections (and of sections without a mark) that
 * appear in a case's texts, as written in the proposal. Staff edit a case freely after the
 * draft, so text from a confidential section may be pasted in by hand: the gate is told, and a
 * case holding such a passage is not published. Sentences are compared without spaces and in
 * one width, so a re-typed copy is found as well.
 */
export function confidentialPassages(proposal: DraftProposal, texts: readonly string[]): string[] {
  const haystack = comparable(texts.join('\n'));
  const sections: string[] = [];
  if (!isDisclosable(proposal, 'summary')) {
    sections.push(proposal.summary);
  }
  for (const [section, text] of Object.entries(proposal.sections)) {
    if (text && !isDisclosable(proposal, section as TextSection)) {
      sections.push(text);
    }
  }
  const found = new Set<string>();
  for (const section of sections) {
    for (const sentence of section.split(/(?<=[。．！？!?])|\n|(?<=\.)\s/)) {
      const passage = sentence.trim();
      const key = comparable(passage);
      if (key.length >= MIN_PASSAGE && haystack.includes(key)) {
        found.add(passage);
      }
    }
  }
  return [...found];
}
