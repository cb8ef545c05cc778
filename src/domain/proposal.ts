/**
 * What a proposal holds and when it is complete enough to submit. Pure rules: the form,
 * the services and the staff views all read them from here.
 */

/** The sections a proposer writes, each with its own disclosure mark. */
export const proposalSections = [
  'summary',
  'problem',
  'approach',
  'effects',
  'contribution',
  'cityRequests',
  'burden',
  'period',
  'occupancy',
  'trackRecord',
] as const;
export type ProposalSection = (typeof proposalSections)[number];

/** Sections written as free text (the others are structured, with an optional note). */
export const textSections = [
  'problem',
  'approach',
  'effects',
  'contribution',
  'cityRequests',
  'burden',
  'period',
  'occupancy',
  'trackRecord',
] as const satisfies readonly ProposalSection[];
export type TextSection = (typeof textSections)[number];

/** Sections that must be written before submitting; the others may stay empty. */
export const requiredSections: readonly ProposalSection[] = [
  'summary',
  'problem',
  'approach',
  'effects',
  'contribution',
];

/**
 * Confidential: a trade secret or know-how, never published and withheld when the city's
 * records are requested. Disclosable: may be shown, for example in a published case.
 */
export const disclosureMarks = ['confidential', 'disclosable'] as const;
export type DisclosureMark = (typeof disclosureMarks)[number];

export interface Disclosure {
  mark: DisclosureMark;
  reason: string;
}

/** What a proposal may ask of the city. */
export const cityRequestKinds = [
  'venue',
  'data',
  'publicity',
  'permission',
  'coHosting',
  'money',
  'other',
] as const;
export type CityRequestKind = (typeof cityRequestKinds)[number];

export const proposalLimits = {
  summary: 400,
  section: 4_000,
  indicators: 10,
  burdenRows: 10,
  reason: 200,
} as const;

/**
 * The version of the notice on the purpose for which personal data is collected. A new
 * wording gets a new version; each proposal keeps the version its proposer was shown.
 */
export const privacyNoticeVersion = '2026-12-03';

export interface Indicator {
  name: string;
  target: string;
  unit: string;
}

export interface BurdenEstimate {
  fiscalYear: number;
  amountYen: number;
  /** Upkeep after the project (maintenance, running costs), not the project itself. */
  upkeep: boolean;
  note: string;
}

/** A proposal's content as the proposer wrote it. */
export interface ProposalContent {
  title: string;
  summary: string;
  sections: Partial<Record<TextSection, string>>;
  disclosure: Partial<Record<ProposalSection, Disclosure>>;
  cityRequests: CityRequestKind[];
  burdenKind: 'none' | 'estimate';
  burden: BurdenEstimate[];
  indicators: Indicator[];
  methodIds: number[];
  fieldIds: number[];
  conceptIds: number[];
  /** Codes of the eligibility declarations the proposer confirmed. */
  eligibility: string[];
  privacyNoticeAccepted: boolean;
}

/** A reason a proposal cannot be submitted yet, with the part of the form it concerns. */
export interface Incomplete {
  part: string;
  problem: 'required' | 'disclosure' | 'indicator' | 'burden' | 'eligibility' | 'privacy' | 'field';
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/**
 * Everything that still stands between a draft and its submission. A draft may be saved in
 * any state; only a submission must be complete.
 */
export function incompleteParts(
  content: ProposalContent,
  eligibilityCodes: readonly string[],
): Incomplete[] {
  const found: Incomplete[] = [];
  if (blank(content.title)) {
    found.push({ part: 'title', problem: 'required' });
  }
  for (const section of requiredSections) {
    const text = section === 'summary' ? content.summary : content.sections[section];
    if (blank(text)) {
      found.push({ part: section, problem: 'required' });
    }
  }
  for (const section of proposalSections) {
    if (!content.disclosure[section]) {
      found.push({ part: `disclosure-${section}`, problem: 'disclosure' });
    }
  }
  if (content.indicators.length === 0) {
    found.push({ part: 'indicators', problem: 'indicator' });
  }
  content.indicators.forEach((indicator, index) => {
    if (blank(indicator.name) || blank(indicator.target) || blank(indicator.unit)) {
      found.push({ part: `indicator-${index}`, problem: 'indicator' });
    }
  });
  if (content.burdenKind === 'estimate' && content.burden.length === 0) {
    found.push({ part: 'burden', problem: 'burden' });
  }
  if (content.fieldIds.length === 0) {
    found.push({ part: 'fields', problem: 'field' });
  }
  for (const code of eligibilityCodes) {
    if (!content.eligibility.includes(code)) {
      found.push({ part: `eligibility-${code}`, problem: 'eligibility' });
    }
  }
  if (!content.privacyNoticeAccepted) {
    found.push({ part: 'privacy', problem: 'privacy' });
  }
  return found;
}

/** A receipt number as the city writes it: fiscal year and a four-digit serial, 2026-0001. */
export function receiptNumber(fiscalYear: number, serial: number): string {
  return `${fiscalYear}-${String(serial).padStart(4, '0')}`;
}

/** The city's total burden of an estimate, in yen, with upkeep counted in. */
export function totalBurden(burden: readonly BurdenEstimate[]): number {
  return burden.reduce((sum, row) => sum + row.amountYen, 0);
}
