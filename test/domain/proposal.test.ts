import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { receiptNumber, totalBurden } from '../../src/domain/proposal.ts';

describe('proposal rules', () => {
  it('writes receipt numbers as the fiscal year and a four-digit serial', () => {
    assert.equal(receiptNumber(2026, 1), '2026-0001');
    assert.equal(receiptNumber(2026, 123), '2026-0123');
    assert.equal(receiptNumber(2027, 12345), '2027-12345');
  });

  it('counts upkeep in the city burden', () => {
    assert.equal(
      totalBurden([
        { fiscalYear: 2026, amountYen: 1_000_000, upkeep: false, note: '' },
        { fiscalYear: 2027, amountYen: 200_000, upkeep: true, note: 'maintenance' },
      ]),
      1_200_000,
    );
  });
});
