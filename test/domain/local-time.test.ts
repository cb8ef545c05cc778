import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zonedMoment } from '../../src/domain/local-time.ts';

describe('local date and time', () => {
  it('reads 14:00 in Sapporo as 05:00 UTC', () => {
    assert.equal(
      zonedMoment('2026-12-10', '14:00', 'Asia/Tokyo')?.toISOString(),
      '2026-12-10T05:00:00.000Z',
    );
  });

  it('follows a zone with summer time', () => {
    assert.equal(
      zonedMoment('2026-07-01', '09:30', 'Europe/London')?.toISOString(),
      '2026-07-01T08:30:00.000Z',
    );
    assert.equal(
      zonedMoment('2026-01-15', '09:30', 'Europe/London')?.toISOString(),
      '2026-01-15T09:30:00.000Z',
    );
  });

  it('refuses what is not a real date or time', () => {
    for (const [date, time] of [
      ['2026-02-30', '10:00'],
      ['2026-12-10', '25:00'],
      ['2026-12-10', '10:60'],
      ['10/12/2026', '10:00'],
      ['2026-12-10', '10時'],
      ['', ''],
    ] as const) {
      assert.equal(zonedMoment(date, time, 'Asia/Tokyo'), null, `${date} ${time}`);
    }
  });
});
