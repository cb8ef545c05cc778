import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allocationFits,
  allocationProblem,
  amountAllowed,
  balanceOf,
  formatYen,
  isFundable,
  readYen,
  stateAfter,
  type BudgetRequestState,
  type BudgetRequestStep,
} from '../../src/domain/budget.ts';
import { proposalStates } from '../../src/domain/proposal-state.ts';

describe('partnership budget: the fund', () => {
  const fund = { amountYen: 1_000_000, allocatedYen: 900_000 };

  it('has the balance of what is not allocated', () => {
    assert.equal(balanceOf(fund), 100_000);
  });

  const fits: [number, boolean][] = [
    [1, true],
    [100_000, true],
    [100_001, false],
    [0, false],
    [-5, false],
    [1.5, false],
  ];
  for (const [yen, ok] of fits) {
    it(`${ok ? 'fits' : 'refuses'} an allocation of ${yen} yen into a balance of 100,000`, () => {
      assert.equal(allocationFits(fund, yen), ok);
    });
  }

  for (const [amount, ok] of [
    [900_000, true],
    [899_999, false],
    [2_000_000, true],
  ] as const) {
    it(`${ok ? 'may' : 'may not'} change the amount to ${amount} with 900,000 allocated`, () => {
      assert.equal(amountAllowed(fund, amount), ok);
    });
  }
});

describe('partnership budget: requests', () => {
  it('takes requests for proposals from adoption until verification', () => {
    const fundable = proposalStates.filter(isFundable);
    assert.deepEqual(fundable, [
      'adopted',
      'selection',
      'agreement',
      'implementation',
      'verification',
    ]);
  });

  const states: BudgetRequestState[] = ['requested', 'allocated', 'declined', 'withdrawn'];
  const steps: BudgetRequestStep[] = ['allocate', 'decline', 'withdraw'];
  const expected: Record<BudgetRequestStep, BudgetRequestState> = {
    allocate: 'allocated',
    decline: 'declined',
    withdraw: 'withdrawn',
  };
  for (const state of states) {
    for (const step of steps) {
      const after = state === 'requested' ? expected[step] : null;
      it(`${step} on a ${state} request gives ${after ?? 'a refusal'}`, () => {
        assert.equal(stateAfter(state, step), after);
      });
    }
  }

  for (const [yen, problem] of [
    [500_000, null],
    [300_000, null],
    [500_001, 'moreThanRequested'],
    [0, 'notPositive'],
  ] as const) {
    it(`allocating ${yen} to a request of 500,000: ${problem ?? 'fine'}`, () => {
      assert.equal(allocationProblem(500_000, yen), problem);
    });
  }
});

describe('partnership budget: amounts as typed', () => {
  const cases: [string, number | string][] = [
    ['1200000', 1_200_000],
    ['1,200,000', 1_200_000],
    ['１，２００，０００', 1_200_000],
    ['１２０００００円', 1_200_000],
    ['¥1,200,000', 1_200_000],
    ['￥1,200,000', 1_200_000],
    [' 500 ', 500],
    ['', 'required'],
    ['   ', 'required'],
    ['12,00,000', 'invalid'],
    ['1.5', 'invalid'],
    ['-100', 'invalid'],
    ['百万円', 'invalid'],
    ['1e6', 'invalid'],
    ['999,999,999,999', 999_999_999_999],
    ['1,000,000,000,000', 'tooLarge'],
    ['00000000000000000001', 1],
  ];
  for (const [typed, result] of cases) {
    it(`reads "${typed}" as ${result}`, () => {
      const reading = readYen(typed);
      if (typeof result === 'number') {
        assert.deepEqual(reading, { ok: true, yen: result });
      } else {
        assert.deepEqual(reading, { ok: false, problem: result });
      }
    });
  }

  it('shows yen with separators in both languages', () => {
    assert.equal(formatYen(1_200_000, 'ja'), '1,200,000円');
    assert.equal(formatYen(1_200_000, 'en'), '¥1,200,000');
    assert.equal(formatYen(0, 'ja'), '0円');
  });
});
