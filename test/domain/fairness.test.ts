import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMonths,
  durationOf,
  fairnessFlags,
  isMaxExclusiveMonths,
  statusOn,
  type Arrangement,
} from '../../src/domain/fairness.ts';

let nextId = 1;

/** An exclusive arrangement of Snow Works from 2026-04-01, open-ended unless told. */
function arrangement(changes: Partial<Arrangement> = {}): Arrangement {
  const id = nextId++;
  return {
    proposalId: id,
    proposalTitle: `提案${id}`,
    holder: { organisationId: 7, name: 'Snow Works' },
    exclusivityTime: 'high',
    exclusivitySpace: 'low',
    exclusiveMonths: null,
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    released: false,
    ...changes,
  };
}

describe('fairness monitor: when an arrangement is in force', () => {
  const cases: [string, string | null, string, string][] = [
    ['2026-04-01', '2027-03-31', '2026-03-31', 'planned'],
    ['2026-04-01', '2027-03-31', '2026-04-01', 'active'],
    ['2026-04-01', '2027-03-31', '2027-03-31', 'active'],
    ['2026-04-01', '2027-03-31', '2027-04-01', 'ended'],
    ['2026-04-01', null, '2040-01-01', 'active'],
    ['2026-12-03', '2026-12-03', '2026-12-03', 'active'],
  ];
  for (const [startsOn, endsOn, today, status] of cases) {
    it(`${startsOn}–${endsOn ?? 'open'} on ${today} is ${status}`, () => {
      assert.equal(statusOn({ startsOn, endsOn }, today), status);
    });
  }
});

describe('fairness monitor: months', () => {
  const cases: [string, number, string][] = [
    ['2026-04-01', 36, '2029-04-01'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2026-11-15', 14, '2028-01-15'],
  ];
  for (const [date, months, result] of cases) {
    it(`${date} + ${months} months is ${result}`, () => {
      assert.equal(addMonths(date, months), result);
    });
  }

  it('counts an agreement from its first to its last day, inclusive', () => {
    assert.deepEqual(
      durationOf({ exclusiveMonths: null, startsOn: '2026-04-01', endsOn: '2029-03-31' }),
      {
        kind: 'agreement',
        months: 36,
        days: 0,
      },
    );
    assert.deepEqual(
      durationOf({ exclusiveMonths: null, startsOn: '2026-04-01', endsOn: '2029-04-01' }),
      {
        kind: 'agreement',
        months: 36,
        days: 1,
      },
    );
    assert.deepEqual(durationOf({ exclusiveMonths: 12, startsOn: '2026-04-01', endsOn: null }), {
      kind: 'exclusiveMonths',
      months: 12,
    });
    assert.deepEqual(durationOf({ exclusiveMonths: null, startsOn: '2026-04-01', endsOn: null }), {
      kind: 'openEnded',
    });
  });

  it('takes a threshold of 1 to 600 whole months', () => {
    for (const [value, ok] of [
      [0, false],
      [1, true],
      [36, true],
      [600, true],
      [601, false],
      [2.5, false],
    ] as const) {
      assert.equal(isMaxExclusiveMonths(value), ok, String(value));
    }
  });
});

describe('fairness monitor: a long arrangement against a threshold of 36 months', () => {
  const today = '2026-12-03';
  const cases: [string, Partial<Arrangement>, boolean][] = [
    ['exactly 36 months by the agreement', { endsOn: '2029-03-31' }, false],
    ['36 months and a day by the agreement', { endsOn: '2029-04-01' }, true],
    ['open-ended', { endsOn: null }, true],
    [
      '36 months by the selection record, though open-ended',
      { endsOn: null, exclusiveMonths: 36 },
      false,
    ],
    ['37 months by the selection record, though short', { exclusiveMonths: 37 }, true],
    ['long but not exclusive', { endsOn: null, exclusivityTime: 'low' }, false],
    [
      'exclusive in space only and open-ended',
      { endsOn: null, exclusivityTime: 'low', exclusivitySpace: 'high' },
      true,
    ],
    ['long but withdrawn', { endsOn: null, released: true }, false],
    ['long and planned', { startsOn: '2027-04-01', endsOn: null }, true],
    ['long and ended', { startsOn: '2020-04-01', endsOn: '2026-12-02' }, false],
  ];
  for (const [name, changes, flagged] of cases) {
    it(`${name}: ${flagged ? 'flagged' : 'not flagged'}`, () => {
      const flags = fairnessFlags([arrangement(changes)], today, 36);
      assert.equal(flags.length, flagged ? 1 : 0);
      if (flagged) {
        assert.equal(flags[0]!.long.length, 1);
        assert.deepEqual(flags[0]!.several, []);
      }
    });
  }

  it('uses the tenant’s threshold', () => {
    const a = arrangement({ endsOn: '2027-03-31' });
    assert.equal(fairnessFlags([a], today, 12).length, 0);
    assert.equal(fairnessFlags([a], today, 11).length, 1);
  });
});

describe('fairness monitor: several arrangements at once', () => {
  const today = '2026-12-03';
  const cases: [string, Partial<Arrangement>[], number][] = [
    ['two in force', [{}, {}], 2],
    ['three in force', [{}, {}, {}], 3],
    ['one in force, one planned', [{}, { startsOn: '2026-12-04' }], 0],
    ['one in force, one starting today', [{}, { startsOn: '2026-12-03' }], 2],
    [
      'one in force, one ended yesterday',
      [{}, { startsOn: '2025-04-01', endsOn: '2026-12-02' }],
      0,
    ],
    ['one in force, one ending today', [{}, { startsOn: '2025-04-01', endsOn: '2026-12-03' }], 2],
    ['one exclusive, one not', [{}, { exclusivityTime: 'low' }], 0],
    ['one of them withdrawn', [{}, { released: true }], 0],
    ['different organisations', [{}, { holder: { organisationId: 8, name: 'Ice Co.' } }], 0],
  ];
  for (const [name, list, count] of cases) {
    it(`${name}: ${count === 0 ? 'not flagged' : `${count} listed`}`, () => {
      const flags = fairnessFlags(list.map(arrangement), today, 36);
      assert.equal(flags.length, count === 0 ? 0 : 1);
      if (count > 0) {
        assert.equal(flags[0]!.several.length, count);
        assert.deepEqual(flags[0]!.long, []);
        assert.ok(flags[0]!.several.every((a) => a.status === 'active'));
      }
    });
  }

  it('tells implementers known by name apart by the name, and lists planned ones too', () => {
    const byName = { organisationId: null, name: 'ＳＡＰＰＯＲＯ Snow' };
    const flags = fairnessFlags(
      [
        arrangement({ holder: byName }),
        arrangement({ holder: { organisationId: null, name: 'sapporo snow' } }),
        arrangement({
          holder: { organisationId: null, name: 'sapporo snow' },
          startsOn: '2027-04-01',
        }),
        arrangement({ holder: { organisationId: null, name: 'Other' } }),
      ],
      today,
      36,
    );
    assert.equal(flags.length, 1);
    assert.equal(flags[0]!.holder.name, 'ＳＡＰＰＯＲＯ Snow');
    assert.equal(flags[0]!.several.length, 2);
    assert.deepEqual(
      flags[0]!.arrangements.map((a) => a.status),
      ['active', 'active', 'planned'],
    );
  });

  it('orders flags by the holder’s name and gives both reasons', () => {
    const flags = fairnessFlags(
      [
        arrangement({ holder: { organisationId: 2, name: 'Bee' }, endsOn: null }),
        arrangement({ holder: { organisationId: 1, name: 'Ant' } }),
        arrangement({ holder: { organisationId: 1, name: 'Ant' }, endsOn: null }),
      ],
      today,
      36,
    );
    assert.deepEqual(
      flags.map((f) => f.holder.name),
      ['Ant', 'Bee'],
    );
    assert.equal(flags[0]!.several.length, 2);
    assert.equal(flags[0]!.long.length, 1);
    assert.equal(flags[1]!.several.length, 0);
  });
});
