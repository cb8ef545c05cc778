import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fiscalYearOf } from '../../src/domain/calendar.ts';
import { defaultTimeTargets, timedPhases } from '../../src/domain/proposal-state.ts';
import {
  isTimeTarget,
  phaseClockAfter,
  targetsWith,
  timeStanding,
  type PhaseClock,
} from '../../src/domain/time-targets.ts';

const zone = 'Asia/Tokyo';
const targets = targetsWith({});
const stopped: PhaseClock = { phaseStartedAt: null, dueOn: null };

/** A moment at a Sapporo wall-clock time. */
function jst(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+09:00`);
}

describe('time targets', () => {
  it('take the tenant’s settings over the defaults, phase by phase', () => {
    assert.deepEqual(targetsWith({}), defaultTimeTargets);
    assert.deepEqual(targetsWith({ screening: 5, decision: 30 }), {
      screening: 5,
      matching: 10,
      dialogue: 20,
      decision: 30,
    });
    assert.deepEqual(Object.keys(targetsWith({})).sort(), [...timedPhases].sort());
  });

  it('allow whole numbers of working days from 1 to 120 as targets', () => {
    for (const days of [1, 10, 120]) {
      assert.equal(isTimeTarget(days), true, String(days));
    }
    for (const days of [0, 121, 2.5, -3, Number.NaN]) {
      assert.equal(isTimeTarget(days), false, String(days));
    }
  });

  it('start the screening clock on submission and keep it running when the gate opens it', () => {
    const submitted = phaseClockAfter(
      'draft',
      'submitted',
      stopped,
      jst('2026-12-03'),
      zone,
      targets,
    );
    assert.deepEqual(submitted, { phaseStartedAt: jst('2026-12-03'), dueOn: '2026-12-17' });
    const opened = phaseClockAfter(
      'submitted',
      'screening',
      submitted,
      jst('2026-12-07'),
      zone,
      targets,
    );
    assert.equal(opened, submitted);
  });

  it('start a new clock in each new phase with that phase’s target', () => {
    const at = jst('2026-12-03');
    const review = phaseClockAfter('screening', 'review', stopped, at, zone, targets);
    assert.equal(review.dueOn, '2026-12-17');
    const dialogue = phaseClockAfter('review', 'dialogue', review, at, zone, targets);
    // Twenty working days from 3 December run into the year-end closure: due 6 January.
    assert.equal(dialogue.dueOn, '2027-01-06');
    const decision = phaseClockAfter('dialogue', 'decision', dialogue, at, zone, targets);
    assert.equal(decision.dueOn, '2026-12-17');
  });

  it('keep the matching clock from referral to review', () => {
    const referred = phaseClockAfter(
      'screening',
      'referred',
      stopped,
      jst('2026-12-01'),
      zone,
      targets,
    );
    const review = phaseClockAfter(
      'referred',
      'review',
      referred,
      jst('2026-12-10'),
      zone,
      targets,
    );
    assert.equal(review, referred);
  });

  it('stop the clock outside the timed phases, and start afresh on resubmission', () => {
    const screening = phaseClockAfter(
      'draft',
      'submitted',
      stopped,
      jst('2026-12-01'),
      zone,
      targets,
    );
    const asked = phaseClockAfter(
      'screening',
      'infoRequested',
      screening,
      jst('2026-12-02'),
      zone,
      targets,
    );
    assert.deepEqual(asked, stopped);
    const resubmitted = phaseClockAfter(
      'infoRequested',
      'submitted',
      asked,
      jst('2026-12-08'),
      zone,
      targets,
    );
    assert.equal(resubmitted.dueOn, '2026-12-22');
    for (const to of ['escalated', 'adopted', 'notAdopted', 'withdrawn', 'notAccepted'] as const) {
      assert.deepEqual(
        phaseClockAfter('decision', to, screening, jst('2026-12-02'), zone, targets),
        stopped,
      );
    }
  });

  it('date the start in the tenant’s time zone: 00:30 in Sapporo is already the next day', () => {
    // 15:30 UTC on 2 December is 00:30 on 3 December in Sapporo.
    const clock = phaseClockAfter(
      'draft',
      'submitted',
      stopped,
      new Date('2026-12-02T15:30:00Z'),
      zone,
      targets,
    );
    assert.equal(clock.dueOn, '2026-12-17');
  });

  describe('across the fiscal-year boundary (screening entered on 25 March 2027)', () => {
    const entered = jst('2027-03-25', '16:45');
    const clock = phaseClockAfter('draft', 'submitted', stopped, entered, zone, targets);

    it('falls due on 8 April, in the next fiscal year', () => {
      // 26, 29, 30, 31 March and 1, 2, 5, 6, 7, 8 April are the ten working days.
      assert.equal(clock.dueOn, '2027-04-08');
      assert.equal(fiscalYearOf('2027-03-25'), 2026);
      assert.equal(fiscalYearOf(clock.dueOn!), 2027);
    });

    it('counts the working days on either side of 31 March → 1 April', () => {
      const on = (today: string) => timeStanding('screening', clock, today, zone, targets)!;
      assert.equal(on('2027-03-25').workingDays, 0);
      assert.equal(on('2027-03-31').workingDays, 4);
      assert.equal(on('2027-04-01').workingDays, 5);
      assert.equal(on('2027-04-04').workingDays, 6); // Sunday: still the Friday's count
      assert.equal(on('2027-04-08').workingDays, 10);
    });

    it('is on time on its due day and overdue from the day after', () => {
      const due = timeStanding('screening', clock, '2027-04-08', zone, targets);
      assert.deepEqual(due, {
        phase: 'screening',
        workingDays: 10,
        target: 10,
        dueOn: '2027-04-08',
        overdue: false,
      });
      const late = timeStanding('screening', clock, '2027-04-09', zone, targets)!;
      assert.equal(late.overdue, true);
      assert.equal(late.workingDays, 11);
    });
  });

  it('answer nothing outside a timed phase or without a running clock', () => {
    const clock = { phaseStartedAt: jst('2026-12-01'), dueOn: '2026-12-15' };
    assert.equal(timeStanding('adopted', clock, '2026-12-03', zone, targets), undefined);
    assert.equal(timeStanding('infoRequested', clock, '2026-12-03', zone, targets), undefined);
    assert.equal(timeStanding('screening', stopped, '2026-12-03', zone, targets), undefined);
  });

  it('report the phase of each timed state', () => {
    const clock = { phaseStartedAt: jst('2026-12-01'), dueOn: '2026-12-15' };
    const phases = (
      ['submitted', 'screening', 'referred', 'review', 'dialogue', 'decision'] as const
    ).map((state) => timeStanding(state, clock, '2026-12-03', zone, targets)?.phase);
    assert.deepEqual(phases, [
      'screening',
      'screening',
      'matching',
      'matching',
      'dialogue',
      'decision',
    ]);
  });
});
