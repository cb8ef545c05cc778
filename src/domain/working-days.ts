import holidayJp from '@holiday-jp/holiday_jp';
import { addDays } from './calendar.ts';

/**
 * Working days of a Japanese city office. Time targets of the process ("screening within ten
 * working days") count only the days the office is open: not Saturdays, Sundays, national
 * holidays (from the maintained @holiday-jp data set, substitute holidays included), nor the
 * year-end closure of 29 December to 3 January that municipal ordinances set.
 */

const { holidays } = holidayJp;

function isYearEndClosure(date: string): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

/** A national holiday of Japan, with its name in both languages; undefined on other days. */
export function holidayOn(date: string): { ja: string; en: string } | undefined {
  const holiday = (holidays as Record<string, { name: string; name_en: string } | undefined>)[date];
  return holiday ? { ja: holiday.name, en: holiday.name_en } : undefined;
}

/** True when the city office is open on the 'YYYY-MM-DD' date. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    return false;
  }
  return !isYearEndClosure(date) && holidayOn(date) === undefined;
}

/**
 * The working day on which a target of `days` working days, started on `start`, falls due:
 * the day of the start does not count, so a target of one day started on a Monday is due on
 * Tuesday.
 */
export function addWorkingDays(start: string, days: number): string {
  let date = start;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) {
      left -= 1;
    }
  }
  return date;
}

/**
 * The working days that have passed from `start` to `end`: those after `start` up to and
 * including `end`. Zero when `end` is not after `start`.
 */
export function workingDaysBetween(start: string, end: string): number {
  let count = 0;
  for (let date = addDays(start, 1); date <= end; date = addDays(date, 1)) {
    if (isWorkingDay(date)) {
      count += 1;
    }
  }
  return count;
}
