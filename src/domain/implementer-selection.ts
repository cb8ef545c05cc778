/**
 * Choosing who implements an adopted proposal: the rule of the guideline's chapter 8
 * ("Point: how the implementer is chosen"), as a pure function of the facts staff record.
 *
 * - When the city pays anything, now or later (upkeep included), a lawful contract procedure
 *   is required: the department builds the scheme, budgets it, then procures — and must not
 *   write a specification that only the proposer can meet.
 * - When the city pays nothing, two things decide. Exclusivity: how long (time) and how much
 *   of the city's space or resources (space or quantity) the implementer would hold; the more
 *   it holds, the more an open call is called for. Originality: exclusive rights (patent,
 *   copyright), special technology or expertise, or evidently no other provider; each is a
 *   reason to choose the proposer without an open call, when its evidence is recorded.
 *   Originality decides first (an open call would find nobody else); without it, high
 *   exclusivity in either dimension calls for an open call, and an arrangement that holds
 *   little of either may be made with the proposer directly, as it shuts nobody out.
 */

/** The city's financial burden, as the proposal and the department's estimate give it. */
export type Burden =
  | { kind: 'none' }
  | {
      kind: 'pays';
      /** Amounts per fiscal year in yen; `upkeep` marks later maintenance costs. */
      years: readonly { fiscalYear: number; amountYen: number; upkeep: boolean }[];
    };

/** How much a dimension of exclusivity holds: little, or enough to shut others out. */
export type ExclusivityLevel = 'low' | 'high';

export interface Exclusivity {
  /** Time: how long the implementer would hold the arrangement. */
  time: ExclusivityLevel;
  /** Space or quantity: how much of an area, of the sites or of a resource it would hold. */
  space: ExclusivityLevel;
}

export const originalityGrounds = [
  'patent',
  'copyright',
  'specialTechnology',
  'noOtherProvider',
] as const;
export type OriginalityGround = (typeof originalityGrounds)[number];

/** The grounds of originality claimed, each with the evidence staff recorded for it. */
export type Originality = Partial<Record<OriginalityGround, string>>;

export interface SelectionFacts {
  burden: Burden;
  exclusivity: Exclusivity;
  originality: Originality;
}

export type SelectionMethod = 'contractProcedure' | 'openCall' | 'directSelection';

/** Why, in parts that the page puts into words in the reader's language. */
export type SelectionReason =
  /** The city pays: a contract procedure under the law is required. */
  | { kind: 'cityPays'; totalYen: number; upkeep: boolean }
  /** A specification built from one proposal must not shut out other bidders. */
  | { kind: 'openSpecification' }
  /** The arrangement would hold the city's resources for long or in large part. */
  | { kind: 'highExclusivity'; dimensions: readonly ('time' | 'space')[] }
  /** The arrangement holds little, so others are not shut out. */
  | { kind: 'lowExclusivity' }
  /** Originality with its evidence justifies choosing the proposer. */
  | { kind: 'originality'; grounds: readonly OriginalityGround[] }
  /** Chosen directly although exclusive: limit the term or the scope, and review it. */
  | { kind: 'limitExclusivity' };

export interface SelectionRecommendation {
  method: SelectionMethod;
  reasons: SelectionReason[];
}

/** The grounds of originality that carry evidence; a ground without evidence counts for none. */
export function evidencedGrounds(originality: Originality): OriginalityGround[] {
  return originalityGrounds.filter((ground) => (originality[ground] ?? '').trim() !== '');
}

/** True when the city pays anything in any year, upkeep included. */
export function cityPays(burden: Burden): boolean {
  return burden.kind === 'pays' && burden.years.some((year) => year.amountYen > 0);
}

/**
 * The recommended way to choose the implementer, with its reasons. Staff may amend it with a
 * reason of their own; the record keeps both.
 */
export function recommendSelection(facts: SelectionFacts): SelectionRecommendation {
  const { burden, exclusivity } = facts;
  if (burden.kind === 'pays' && cityPays(burden)) {
    const totalYen = burden.years.reduce((sum, year) => sum + Math.max(0, year.amountYen), 0);
    const upkeep = burden.years.some((year) => year.upkeep && year.amountYen > 0);
    return {
      method: 'contractProcedure',
      reasons: [{ kind: 'cityPays', totalYen, upkeep }, { kind: 'openSpecification' }],
    };
  }
  const dimensions = (['time', 'space'] as const).filter((d) => exclusivity[d] === 'high');
  const grounds = evidencedGrounds(facts.originality);
  if (grounds.length > 0) {
    return {
      method: 'directSelection',
      reasons:
        dimensions.length > 0
          ? [
              { kind: 'originality', grounds },
              { kind: 'highExclusivity', dimensions },
              { kind: 'limitExclusivity' },
            ]
          : [{ kind: 'originality', grounds }],
    };
  }
  if (dimensions.length > 0) {
    return { method: 'openCall', reasons: [{ kind: 'highExclusivity', dimensions }] };
  }
  return { method: 'directSelection', reasons: [{ kind: 'lowExclusivity' }] };
}
