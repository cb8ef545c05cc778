import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  originalityGrounds,
  recommendSelection,
  type Burden,
  type ExclusivityLevel,
  type Originality,
  type SelectionMethod,
} from '../../src/domain/implementer-selection.ts';

const burdens: Record<string, Burden> = {
  none: { kind: 'none' },
  'pays now': { kind: 'pays', years: [{ fiscalYear: 2027, amountYen: 1_200_000, upkeep: false }] },
  'upkeep only': {
    kind: 'pays',
    years: [
      { fiscalYear: 2027, amountYen: 0, upkeep: false },
      { fiscalYear: 2028, amountYen: 300_000, upkeep: true },
    ],
  },
  // An estimate of nothing in every year is no burden.
  'estimated at zero': {
    kind: 'pays',
    years: [{ fiscalYear: 2027, amountYen: 0, upkeep: false }],
  },
};
const levels: ExclusivityLevel[] = ['low', 'high'];

/** Every subset of the grounds of originality, each with evidence. */
function originalitySubsets(): Originality[] {
  const subsets: Originality[] = [];
  for (let mask = 0; mask < 1 << originalityGrounds.length; mask += 1) {
    subsets.push(
      Object.fromEntries(
        originalityGrounds
          .filter((_, index) => mask & (1 << index))
          .map((ground) => [ground, `${ground}の証拠`]),
      ),
    );
  }
  return subsets;
}

/** The rule written out once more, by hand, as the expectation. */
function expected(
  burden: string,
  time: ExclusivityLevel,
  space: ExclusivityLevel,
  original: boolean,
): SelectionMethod {
  if (burden === 'pays now' || burden === 'upkeep only') {
    return 'contractProcedure';
  }
  if (original) {
    return 'directSelection';
  }
  return time === 'high' || space === 'high' ? 'openCall' : 'directSelection';
}

describe('choosing the implementer: every combination of burden, exclusivity and originality', () => {
  for (const [burdenName, burden] of Object.entries(burdens)) {
    for (const time of levels) {
      for (const space of levels) {
        it(`${burdenName}, time ${time}, space ${space}`, () => {
          for (const originality of originalitySubsets()) {
            const original = Object.keys(originality).length > 0;
            const result = recommendSelection({
              burden,
              exclusivity: { time, space },
              originality,
            });
            assert.equal(
              result.method,
              expected(burdenName, time, space, original),
              JSON.stringify(originality),
            );
            assert.ok(result.reasons.length > 0, 'a recommendation always says why');
          }
        });
      }
    }
  }
});

describe('choosing the implementer: the reasons given', () => {
  it('reminds that a specification built from one proposal must stay open to other bidders', () => {
    const result = recommendSelection({
      burden: burdens['upkeep only']!,
      exclusivity: { time: 'low', space: 'low' },
      originality: { patent: '特許第1234567号' },
    });
    assert.deepEqual(result.reasons, [
      { kind: 'cityPays', totalYen: 300_000, upkeep: true },
      { kind: 'openSpecification' },
    ]);
  });

  it('counts a ground of originality only with its evidence', () => {
    const result = recommendSelection({
      burden: { kind: 'none' },
      exclusivity: { time: 'high', space: 'low' },
      originality: { specialTechnology: '  ', noOtherProvider: '' },
    });
    assert.equal(result.method, 'openCall');
    assert.deepEqual(result.reasons, [{ kind: 'highExclusivity', dimensions: ['time'] }]);
  });

  it('asks to limit the term or scope when originality justifies an exclusive arrangement', () => {
    const result = recommendSelection({
      burden: { kind: 'none' },
      exclusivity: { time: 'high', space: 'high' },
      originality: { copyright: '登録番号 第5678号', noOtherProvider: '他社調査の記録' },
    });
    assert.equal(result.method, 'directSelection');
    assert.deepEqual(result.reasons, [
      { kind: 'originality', grounds: ['copyright', 'noOtherProvider'] },
      { kind: 'highExclusivity', dimensions: ['time', 'space'] },
      { kind: 'limitExclusivity' },
    ]);
  });

  it('lets an arrangement that holds little be made directly, saying it shuts nobody out', () => {
    const result = recommendSelection({
      burden: { kind: 'none' },
      exclusivity: { time: 'low', space: 'low' },
      originality: {},
    });
    assert.deepEqual(result, { method: 'directSelection', reasons: [{ kind: 'lowExclusivity' }] });
  });
});
