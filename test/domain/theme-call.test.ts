import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { themeCallPhase } from '../../src/domain/theme-call.ts';

describe('theme call phase', () => {
  const call = { opensOn: '2026-12-01', closesOn: '2027-01-31' };

  it('is upcoming before the opening day', () => {
    assert.equal(themeCallPhase(call, '2026-11-30'), 'upcoming');
  });

  it('accepts proposals from the opening day through the closing day', () => {
    assert.equal(themeCallPhase(call, '2026-12-01'), 'open');
    assert.equal(themeCallPhase(call, '2027-01-31'), 'open');
  });

  it('closes by itself the day after the closing day', () => {
    assert.equal(themeCallPhase(call, '2027-02-01'), 'closed');
  });
});
