import type { Clock } from '../../src/domain/calendar.ts';

/** The moment tests live in: 3 December 2026, 10:00 in Sapporo. */
export const testNow = new Date('2026-12-03T01:00:00Z');

/** A clock that stands still until a test moves it. */
export function fixedClock(at: Date = testNow): Clock & { set(moment: Date): void } {
  let now = at;
  return {
    now: () => now,
    set(moment: Date) {
      now = moment;
    },
  };
}
