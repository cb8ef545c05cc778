import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  fiscalYearOf,
  formatDate,
  formatFiscalYear,
  isoDate,
} from '../../src/domain/calendar.ts';

describe('calendar', () => {
  it('writes dates the Japanese way on the Japanese side and in English on the English side', () => {
    assert.equal(formatDate('2026-12-03', 'ja'), '2026年12月3日');
    assert.equal(formatDate('2026-12-03', 'en'), '3 December 2026');
  });

  it('starts the fiscal year in April', () => {
    assert.equal(fiscalYearOf('2026-04-01'), 2026);
    assert.equal(fiscalYearOf('2027-03-31'), 2026);
    assert.equal(fiscalYearOf('2026-03-31'), 2025);
  });

  it('names fiscal years by the Japanese era', () => {
    assert.equal(formatFiscalYear(2026, 'ja'), '令和8年度');
    assert.equal(formatFiscalYear(2019, 'ja'), '令和元年度');
    assert.equal(formatFiscalYear(2018, 'ja'), '平成30年度');
    assert.equal(formatFiscalYear(2026, 'en'), 'FY2026');
  });

  it('takes the calendar date in the tenant time zone, not the server one', () => {
    // 23:30 UTC on 2 December is already 3 December in Sapporo.
    assert.equal(isoDate(new Date('2026-12-02T23:30:00Z'), 'Asia/Tokyo'), '2026-12-03');
  });

  it('adds days across month and year ends', () => {
    assert.equal(addDays('2026-12-30', 3), '2027-01-02');
    assert.equal(addDays('2027-03-01', -1), '2027-02-28');
  });
});
