import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  finalStates,
  nextStates,
  proposalStates,
  stageOf,
  transitions,
} from '../../src/domain/proposal-state.ts';

describe('proposal states', () => {
  it('ends only in not accepted, not adopted, completed or withdrawn', () => {
    assert.deepEqual([...finalStates].sort(), [
      'completed',
      'notAccepted',
      'notAdopted',
      'withdrawn',
    ]);
  });

  it('lets the proposer withdraw before an agreement but not after', () => {
    assert.ok(nextStates('dialogue').includes('withdrawn'));
    assert.ok(nextStates('selection').includes('withdrawn'));
    assert.ok(!nextStates('agreement').includes('withdrawn'));
    assert.ok(!nextStates('implementation').includes('withdrawn'));
  });

  it('lets the approver send a decision to adoption, rejection or the headquarters meeting', () => {
    const byApprover = transitions
      .filter((t) => t.from === 'decision' && t.by.includes('departmentApprover'))
      .map((t) => t.to);
    assert.deepEqual(byApprover.sort(), ['adopted', 'escalated', 'notAdopted']);
  });

  it('reaches every state from a draft', () => {
    const seen = new Set(['draft']);
    const queue = ['draft'] as (typeof proposalStates)[number][];
    while (queue.length > 0) {
      for (const next of nextStates(queue.shift()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    assert.deepEqual([...seen].sort(), [...proposalStates].sort());
  });

  it('puts verification in the review stage', () => {
    assert.equal(stageOf.verification, 'review');
    assert.ok(transitions.every((t) => t.by.length > 0));
  });
});
