import { addDays } from './calendar.ts';

/**
 * The fairness monitor (guideline 8, "Point", and the domain's Fairness rule): the same
 * organisation holding several exclusive arrangements at once, or one for a long time, is
 * flagged for the gate. Pure: the caller reads the arrangements and gives today's date.
 */

export type ExclusivityLevel = 'low' | 'high';

/** Who holds an arrangement: a registered organisation, or an implementer known by name. */
export type Holder =
  { organisationId: number; name: string } | { organisationId: null; name: string };

/** One proposal's implementer with its agreement, as the selection record and agreement say. */
export interface Arrangement {
  proposalId: number;
  proposalTitle: string;
  holder: Holder;
  exclusivityTime: ExclusivityLevel;
  exclusivitySpace: ExclusivityLevel;
  /** How long the implementer holds the arrangement, in months; null when not limited. */
  exclusiveMonths: number | null;
  startsOn: string;
  /** The last day of the agreement; null when it is open-ended. */
  endsOn: string | null;
  /**
   * The arrangement was given up: the proposal was withdrawn, or its verification decided to
   * end the project. It holds nothing, whatever its dates say.
   */
  released: boolean;
}

export type ArrangementStatus = 'planned' | 'active' | 'ended';

/** How long an arrangement lasts: as the selection record's months, the agreement, or open. */
export type ExclusiveDuration =
  | { kind: 'openEnded' }
  | { kind: 'exclusiveMonths'; months: number }
  | { kind: 'agreement'; months: number; days: number };

export interface ReviewedArrangement extends Arrangement {
  status: ArrangementStatus;
  duration: ExclusiveDuration;
  /** Longer than the tenant's threshold (an open-ended one always is). */
  long: boolean;
}

/** An organisation the gate should look at, and why. */
export interface FairnessFlag {
  holderKey: string;
  holder: Holder;
  /** Its exclusive arrangements in force today, when there are two or more; else empty. */
  several: ReviewedArrangement[];
  /** Its exclusive arrangements, in force or planned, that last longer than the threshold. */
  long: ReviewedArrangement[];
  /** Every exclusive arrangement it holds now or has planned, earliest start first. */
  arrangements: ReviewedArrangement[];
}

export const defaultMaxExclusiveMonths = 36;
export const maxExclusiveMonthsRange = { min: 1, max: 600 } as const;

/** True for a whole number of months the tenant may set as its threshold. */
export function isMaxExclusiveMonths(value: number): boolean {
  return (
    Number.isInteger(value) &&
    value >= maxExclusiveMonthsRange.min &&
    value <= maxExclusiveMonthsRange.max
  );
}

/** Exclusive when the implementer would hold much of the city's time or space. */
export function isExclusive(a: Pick<Arrangement, 'exclusivityTime' | 'exclusivitySpace'>) {
  return a.exclusivityTime === 'high' || a.exclusivitySpace === 'high';
}

/** Planned before its first day, active from its first to its last day, ended after. */
export function statusOn(a: Pick<Arrangement, 'startsOn' | 'endsOn'>, today: string) {
  if (today < a.startsOn) {
    return 'planned' as const;
  }
  return a.endsOn === null || today <= a.endsOn ? ('active' as const) : ('ended' as const);
}

/** A 'YYYY-MM-DD' date `months` later; a day missing in the target month becomes its last. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** Whole months and the days left over from `from` up to (not including) `until`. */
function monthsBetween(from: string, until: string): { months: number; days: number } {
  let months = 0;
  while (addMonths(from, months + 1) <= until) {
    months += 1;
  }
  const rest = addMonths(from, months);
  const days = Math.round((Date.parse(until) - Date.parse(rest)) / 86_400_000);
  return { months, days };
}

/** The duration that counts: the selection record's months when given, else the agreement. */
export function durationOf(a: Pick<Arrangement, 'exclusiveMonths' | 'startsOn' | 'endsOn'>) {
  if (a.exclusiveMonths !== null) {
    return { kind: 'exclusiveMonths', months: a.exclusiveMonths } as const;
  }
  if (a.endsOn === null) {
    return { kind: 'openEnded' } as const;
  }
  return { kind: 'agreement', ...monthsBetween(a.startsOn, addDays(a.endsOn, 1)) } as const;
}

function isLong(duration: ExclusiveDuration, maxMonths: number): boolean {
  switch (duration.kind) {
    case 'openEnded':
      return true;
    case 'exclusiveMonths':
      return duration.months > maxMonths;
    case 'agreement':
      return duration.months > maxMonths || (duration.months === maxMonths && duration.days > 0);
  }
}

/** Implementers known by name alone are told apart by the name as written, ignoring case. */
export function holderKeyOf(holder: Holder): string {
  return holder.organisationId !== null
    ? `organisation:${holder.organisationId}`
    : `name:${holder.name.normalize('NFKC').trim().toLowerCase()}`;
}

/**
 * The organisations to flag today: two or more exclusive arrangements in force at once, or an
 * exclusive arrangement (in force or planned) longer than `maxMonths`. Ended arrangements and
 * released arrangements (withdrawn, or ended by the verification) count for nothing. Flags are ordered by the holder's name.
 */
export function fairnessFlags(
  arrangements: readonly Arrangement[],
  today: string,
  maxMonths: number = defaultMaxExclusiveMonths,
): FairnessFlag[] {
  const byHolder = new Map<string, ReviewedArrangement[]>();
  for (const a of arrangements) {
    if (a.released || !isExclusive(a) || a.holder.name.trim() === '') {
      continue;
    }
    const status = statusOn(a, today);
    if (status === 'ended') {
      continue;
    }
    const duration = durationOf(a);
    const key = holderKeyOf(a.holder);
    const list = byHolder.get(key) ?? [];
    list.push({ ...a, status, duration, long: isLong(duration, maxMonths) });
    byHolder.set(key, list);
  }

  const flags: FairnessFlag[] = [];
  for (const [holderKey, list] of byHolder) {
    list.sort((x, y) => x.startsOn.localeCompare(y.startsOn) || x.proposalId - y.proposalId);
    const active = list.filter((a) => a.status === 'active');
    const several = active.length >= 2 ? active : [];
    const long = list.filter((a) => a.long);
    if (several.length > 0 || long.length > 0) {
      flags.push({ holderKey, holder: list[0]!.holder, several, long, arrangements: list });
    }
  }
  return flags.sort(
    (x, y) =>
      x.holder.name.localeCompare(y.holder.name, 'ja') || (x.holderKey < y.holderKey ? -1 : 1),
  );
}
