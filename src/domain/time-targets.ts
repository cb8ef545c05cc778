import { isoDate } from './calendar.ts';
import {
  defaultTimeTargets,
  phaseOf,
  type ProposalState,
  type TimedPhase,
} from './proposal-state.ts';
import { addWorkingDays, workingDaysBetween } from './working-days.ts';

export type TimeTargets = Record<TimedPhase, number>;

/** A tenant's targets: its own settings where it has them, the defaults elsewhere. */
export function targetsWith(settings: Partial<TimeTargets>): TimeTargets {
  return { ...defaultTimeTargets, ...settings };
}

export interface PhaseClock {
  phaseStartedAt: Date | null;
  dueOn: string | null;
}

/**
 * The clock of a proposal's timed phase after it moves from `from` to `to` at `now`. A move
 * within one phase (submitted → screening) keeps the clock running; entering a new phase
 * starts it again; leaving the timed phases stops it.
 */
export function phaseClockAfter(
  from: ProposalState,
  to: ProposalState,
  current: PhaseClock,
  now: Date,
  timeZone: string,
  targets: TimeTargets,
): PhaseClock {
  const phase = phaseOf[to];
  if (phase === undefined) {
    return { phaseStartedAt: null, dueOn: null };
  }
  if (phaseOf[from] === phase && current.phaseStartedAt !== null) {
    return current;
  }
  return { phaseStartedAt: now, dueOn: addWorkingDays(isoDate(now, timeZone), targets[phase]) };
}

/** How long a proposal has been in its phase, against the target, as of `today`. */
export interface TimeStanding {
  phase: TimedPhase;
  workingDays: number;
  target: number;
  dueOn: string;
  overdue: boolean;
}

/** Where a proposal stands against its time target; undefined outside the timed phases. */
export function timeStanding(
  state: ProposalState,
  clock: PhaseClock,
  today: string,
  timeZone: string,
  targets: TimeTargets,
): TimeStanding | undefined {
  const phase = phaseOf[state];
  if (phase === undefined || clock.phaseStartedAt === null || clock.dueOn === null) {
    return undefined;
  }
  const started = isoDate(clock.phaseStartedAt, timeZone);
  return {
    phase,
    workingDays: workingDaysBetween(started, today),
    target: targets[phase],
    dueOn: clock.dueOn,
    overdue: today > clock.dueOn,
  };
}
