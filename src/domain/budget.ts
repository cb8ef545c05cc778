import type { Lang } from './language.ts';
import type { ProposalState } from './proposal-state.ts';

/**
 * The partnership budget (官民連携プロジェクト予算): a fund per fiscal year that the gate
 * allocates to projects needing city money. Departments request, the gate allocates the full
 * amount or less, or declines; the requester may withdraw while the request is open. The sum
 * of the allocations never exceeds the fund.
 */

export type BudgetRequestState = 'requested' | 'allocated' | 'declined' | 'withdrawn';

/** What can happen to a request; every step starts from an open request. */
export type BudgetRequestStep = 'allocate' | 'decline' | 'withdraw';

/** A proposal may ask for money once adopted, until its project is verified. */
export const fundableStates: readonly ProposalState[] = [
  'adopted',
  'selection',
  'agreement',
  'implementation',
  'verification',
];

/** The largest amount typed anywhere in the budget: under a trillion yen. */
export const maxYen = 999_999_999_999;

export interface FundFigures {
  amountYen: number;
  allocatedYen: number;
}

/** What is left to allocate. */
export function balanceOf(fund: FundFigures): number {
  return fund.amountYen - fund.allocatedYen;
}

/** True when `yen` more can be allocated from the fund. */
export function allocationFits(fund: FundFigures, yen: number): boolean {
  return Number.isSafeInteger(yen) && yen > 0 && fund.allocatedYen + yen <= fund.amountYen;
}

/** A fund's amount may change, but never to less than what has been allocated from it. */
export function amountAllowed(fund: FundFigures, amountYen: number): boolean {
  return Number.isSafeInteger(amountYen) && amountYen >= fund.allocatedYen && amountYen <= maxYen;
}

/** True when a proposal in `state` may have money requested for it. */
export function isFundable(state: ProposalState): boolean {
  return fundableStates.includes(state);
}

/** The state a step leads to, or null when the request is no longer open. */
export function stateAfter(state: BudgetRequestState, step: BudgetRequestStep) {
  if (state !== 'requested') {
    return null;
  }
  const next = { allocate: 'allocated', decline: 'declined', withdraw: 'withdrawn' } as const;
  return next[step];
}

/** What is wrong with allocating `yen` to a request of `requestedYen`, or null. */
export function allocationProblem(requestedYen: number, yen: number) {
  if (!Number.isSafeInteger(yen) || yen <= 0) {
    return 'notPositive' as const;
  }
  return yen > requestedYen ? ('moreThanRequested' as const) : null;
}

export type YenReading =
  { ok: true; yen: number } | { ok: false; problem: 'required' | 'invalid' | 'tooLarge' };

/**
 * An amount of yen as people type it: "1,200,000", "１２０００００", "1200000円", "¥1,200,000".
 * Separators must sit between groups of three digits; anything else is refused, never guessed.
 */
export function readYen(typed: string): YenReading {
  const text = typed
    .normalize('NFKC')
    .trim()
    .replace(/^[¥\\]\s*/, '')
    .replace(/\s*円$/, '')
    .replace(/、/g, ',');
  if (text === '') {
    return { ok: false, problem: 'required' };
  }
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(text)) {
    return { ok: false, problem: 'invalid' };
  }
  const digits = text.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > String(maxYen).length || Number(digits) > maxYen) {
    return { ok: false, problem: 'tooLarge' };
  }
  return { ok: true, yen: Number(digits) };
}

const yenFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An amount's digits in groups of three, as a form shows it for editing: 1,200,000. */
export function groupedDigits(yen: number): string {
  return yenFormat.format(yen);
}

/** An amount for people: 1,200,000円 / ¥1,200,000. */
export function formatYen(yen: number, lang: Lang): string {
  const digits = groupedDigits(yen);
  return lang === 'ja' ? `${digits}円` : `¥${digits}`;
}
