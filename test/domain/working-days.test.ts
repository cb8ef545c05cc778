import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../../src/domain/calendar.ts';
import {
  addWorkingDays,
  holidayOn,
  isWorkingDay,
  workingDaysBetween,
} from '../../src/domain/working-days.ts';

/** Every date from `from` to `to`, both included. */
function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    dates.push(date);
  }
  return dates;
}

describe('working days', () => {
  it('are Monday to Friday', () => {
    // 30 November 2026 is a Monday.
    const week = datesFrom('2026-11-30', '2026-12-06').map(isWorkingDay);
    assert.deepEqual(week, [true, true, true, true, true, false, false]);
  });

  it('skip Golden Week 2026, with the substitute holiday for Children’s Day on a Sunday', () => {
    // 3 May (Constitution Day) is a Sunday, so 6 May is a substitute holiday.
    for (const date of ['2026-04-29', '2026-05-04', '2026-05-05', '2026-05-06']) {
      assert.equal(isWorkingDay(date), false, date);
    }
    assert.equal(holidayOn('2026-05-06')?.en, 'Holiday in lieu');
    assert.equal(isWorkingDay('2026-05-01'), true);
    assert.equal(isWorkingDay('2026-05-07'), true);
    assert.equal(addWorkingDays('2026-05-01', 1), '2026-05-07');
    assert.equal(workingDaysBetween('2026-05-01', '2026-05-08'), 2);
  });

  it('skip the Silver Week of 2026: Respect for the Aged Day, the citizens’ holiday, the equinox', () => {
    assert.deepEqual(datesFrom('2026-09-18', '2026-09-24').map(isWorkingDay), [
      true,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    assert.equal(holidayOn('2026-09-22')?.ja, '休日');
    assert.equal(addWorkingDays('2026-09-18', 1), '2026-09-24');
  });

  it('skip Coming-of-Age Day on the second Monday of January 2027', () => {
    assert.equal(isWorkingDay('2027-01-11'), false);
    assert.equal(holidayOn('2027-01-11')?.ja, '成人の日');
    assert.equal(addWorkingDays('2027-01-08', 1), '2027-01-12');
  });

  it('skip the year-end closure of 29 December to 3 January, weekdays included', () => {
    assert.equal(isWorkingDay('2026-12-28'), true);
    for (const date of datesFrom('2026-12-29', '2027-01-03')) {
      assert.equal(isWorkingDay(date), false, date);
    }
    assert.equal(isWorkingDay('2027-01-04'), true);
    // Friday 25 December → Monday 28 → (closure, New Year) → Monday 4 January.
    assert.equal(addWorkingDays('2026-12-25', 2), '2027-01-04');
    assert.equal(workingDaysBetween('2026-12-28', '2027-01-04'), 1);
  });

  it('name national holidays in both languages and nothing on other days', () => {
    assert.deepEqual(holidayOn('2026-11-23'), { ja: '勤労感謝の日', en: 'Labor Thanksgiving Day' });
    assert.equal(holidayOn('2026-12-03'), undefined);
    // The closure is the office's, not a national holiday.
    assert.equal(holidayOn('2026-12-30'), undefined);
  });

  it('count a target from the day after its start', () => {
    // Monday 30 November 2026.
    assert.equal(addWorkingDays('2026-11-30', 0), '2026-11-30');
    assert.equal(addWorkingDays('2026-11-30', 1), '2026-12-01');
    assert.equal(addWorkingDays('2026-11-30', 5), '2026-12-07');
    // A start on a Saturday: the first working day is the Monday.
    assert.equal(addWorkingDays('2026-12-05', 1), '2026-12-07');
  });

  it('count nothing when the end is not after the start', () => {
    assert.equal(workingDaysBetween('2026-12-03', '2026-12-03'), 0);
    assert.equal(workingDaysBetween('2026-12-04', '2026-12-03'), 0);
    assert.equal(workingDaysBetween('2026-12-04', '2026-12-06'), 0);
  });

  it('round-trip: the days between a start and its due day are the target, all year long', () => {
    for (const start of datesFrom('2026-04-01', '2027-04-30')) {
      for (const days of [1, 2, 5, 10, 20, 45]) {
        const due = addWorkingDays(start, days);
        assert.equal(isWorkingDay(due), true, `${start} + ${days}`);
        assert.equal(workingDaysBetween(start, due), days, `${start} + ${days}`);
        // The day before the due day is one working day short.
        assert.equal(workingDaysBetween(start, addDays(due, -1)), days - 1, `${start} + ${days}`);
      }
    }
  });

  it('round-trip the other way: a working day is as many working days after a start as counted', () => {
    const start = '2026-12-18';
    for (const end of datesFrom('2026-12-19', '2027-02-28').filter(isWorkingDay)) {
      assert.equal(addWorkingDays(start, workingDaysBetween(start, end)), end, end);
    }
  });
});
