import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../../src/web/i18n/index.ts';
import { readMeetingForm, readMinutesForm, refusedMeeting } from '../../src/web/meeting-form.ts';

const t = messages('ja');
const now = new Date('2026-12-03T01:00:00Z');

describe('meeting forms', () => {
  it('reads a meeting in the city’s time with the ticked attendees', () => {
    const result = readMeetingForm(
      {
        date: '2026-12-10',
        time: '14:00',
        place: ' 会議室A ',
        onlineUrl: 'https://meet.example.jp/x',
        purpose: '確認',
        attendees: ['12', '7', 'x'],
        otherAttendees: '',
      },
      t,
      'Asia/Tokyo',
      now,
    );
    assert.ok(result.ok);
    assert.equal(result.input.startsAt.toISOString(), '2026-12-10T05:00:00.000Z');
    assert.deepEqual(result.input.attendeeUserIds, [12, 7]);
    assert.equal(result.input.place, '会議室A');
    assert.equal(result.values.attendees, '12,7');
  });

  it('keeps every typed value and names each problem', () => {
    const result = readMeetingForm(
      { date: '2026-02-30', time: '10:00', onlineUrl: 'javascript:alert(1)', attendees: '3' },
      t,
      'Asia/Tokyo',
      now,
    );
    assert.ok(!result.ok);
    assert.equal(result.state.errors.date, t.dialogue.errors.startsAtInvalid);
    assert.equal(result.state.errors.onlineUrl, t.dialogue.errors.onlineUrlInvalid);
    assert.equal(result.state.values.onlineUrl, 'javascript:alert(1)');
    assert.equal(result.state.values.attendees, '3');

    const empty = readMeetingForm({}, t, 'Asia/Tokyo', now);
    assert.ok(!empty.ok);
    assert.equal(empty.state.errors.date, t.account.errors.required);
    assert.equal(empty.state.errors.time, t.account.errors.required);
  });

  it('turns a command’s refusal into a message on the field', () => {
    const state = refusedMeeting(t, { attendees: '9' }, 'attendeeInvalid');
    assert.deepEqual(state?.errors, { attendees: t.dialogue.errors.attendeeInvalid });
    assert.equal(refusedMeeting(t, {}, 'notFound'), undefined);
  });

  it('reads minutes and whether they are shared', () => {
    const result = readMinutesForm({ minutes: ' 合意しました。 ', shared: 'yes' }, t);
    assert.deepEqual(result, {
      ok: true,
      minutes: '合意しました。',
      shared: true,
      values: { minutes: ' 合意しました。 ', shared: 'yes' },
    });
    const long = readMinutesForm({ minutes: 'あ'.repeat(10_001) }, t);
    assert.ok(!long.ok);
  });

  it('takes a meeting from a year ago up to three years ahead, nothing further', () => {
    const at = (date: string) => readMeetingForm({ date, time: '10:00' }, t, 'Asia/Tokyo', now);
    assert.ok(at('2025-12-10').ok);
    assert.ok(at('2029-11-30').ok);
    for (const date of ['2025-01-01', '9999-12-31', '2030-06-01']) {
      const result = at(date);
      assert.ok(!result.ok, date);
      assert.equal(result.state.errors.date, t.dialogue.errors.startsAtRange, date);
    }
  });
});
