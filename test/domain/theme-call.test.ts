import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { takesQuestions, themeCallPhase } from '../../src/domain/theme-call.ts';

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

  it('ends with its challenge: a closed or archived challenge has no open call, whatever the dates', () => {
    const inside = '2027-01-10';
    assert.equal(themeCallPhase({ ...call, challengeStatus: 'published' }, inside), 'open');
    for (const challengeStatus of ['closed', 'archived', 'draft']) {
      assert.equal(themeCallPhase({ ...call, challengeStatus }, inside), 'closed');
      assert.equal(
        takesQuestions({ ...call, challengeStatus, questionDeadline: null }, inside),
        false,
      );
    }
  });
});
