import type { MeetingInput, MeetingRefusal } from '../app/process/meetings.ts';
import { MAX_ONLINE_URL } from '../app/process/meetings.ts';
import { limits } from '../domain/limits.ts';
import { zonedMoment } from '../domain/local-time.ts';
import { postedList, visibleText, type FormState } from './forms.ts';
import type { Messages } from './i18n/index.ts';

/**
 * Reading the staff's meeting forms (see views/process/meetings.tsx): the form to arrange a
 * meeting and the form for its minutes. Both are plain (urlencoded) forms.
 */

export type MeetingFormResult =
  | { ok: true; input: MeetingInput; values: Record<string, string> }
  | { ok: false; state: FormState };

function text(body: Record<string, unknown>, name: string): string {
  const raw = body[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value : '';
}

/** The user ids of the ticked attendee boxes; anything else is dropped. */
function attendeeIds(body: Record<string, unknown>): number[] {
  return postedList(body, 'attendees')
    .filter((value) => /^[1-9]\d{0,9}$/.test(value))
    .map(Number)
    .slice(0, 100);
}

/**
 * Reads the form to arrange a meeting: date and time are the city's local time in
 * `timeZone`. Every typed value comes back in `values` (attendees comma-joined), for the form
 * to show again.
 */
export function readMeetingForm(
  body: unknown,
  t: Messages,
  timeZone: string,
  now: Date = new Date(),
): MeetingFormResult {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const ids = attendeeIds(source);
  const values: Record<string, string> = {
    date: text(source, 'date').trim(),
    time: text(source, 'time').trim(),
    place: text(source, 'place'),
    onlineUrl: text(source, 'onlineUrl').trim(),
    purpose: text(source, 'purpose'),
    otherAttendees: text(source, 'otherAttendees'),
    attendees: ids.join(','),
  };
  const e = t.dialogue.errors;
  const errors: Record<string, string> = {};
  const startsAt = zonedMoment(values.date!, values.time!, timeZone);
  if (values.date === '') {
    errors.date = t.account.errors.required;
  } else if (!startsAt) {
    errors.date = e.startsAtInvalid;
  }
  // A record of a meeting held up to a year ago, or one planned up to three years ahead.
  const day = 86_400_000;
  if (
    startsAt &&
    (startsAt.getTime() < now.getTime() - 366 * day ||
      startsAt.getTime() > now.getTime() + 3 * 366 * day)
  ) {
    errors.date = e.startsAtRange;
  }
  if (values.time === '') {
    errors.time = t.account.errors.required;
  } else if (!startsAt && !errors.date) {
    errors.time = e.startsAtInvalid;
  }
  for (const name of ['place', 'purpose', 'otherAttendees'] as const) {
    if (visibleText(values[name]!).length > limits.name) {
      errors[name] = e.tooLong(limits.name);
    }
  }
  const url = values.onlineUrl!;
  if (url !== '' && (!/^https?:\/\/[^\s/]+\S*$/i.test(url) || url.length > MAX_ONLINE_URL)) {
    errors.onlineUrl = e.onlineUrlInvalid;
  }
  if (Object.keys(errors).length > 0 || !startsAt) {
    return { ok: false, state: { values, errors } };
  }
  return {
    ok: true,
    values,
    input: {
      startsAt,
      place: visibleText(values.place!),
      onlineUrl: url,
      purpose: visibleText(values.purpose!),
      attendeeUserIds: ids,
      otherAttendees: visibleText(values.otherAttendees!),
    },
  };
}

/** The form state to show again after `scheduleMeeting` refused; undefined for 'notFound'. */
export function refusedMeeting(
  t: Messages,
  values: Record<string, string>,
  refusal: MeetingRefusal,
): FormState | undefined {
  const e = t.dialogue.errors;
  const fields: Record<Exclude<MeetingRefusal, 'notFound'>, [string, string]> = {
    notPermitted: ['date', e.notPermitted],
    startsAtInvalid: ['date', e.startsAtInvalid],
    placeTooLong: ['place', e.tooLong(limits.name)],
    onlineUrlInvalid: ['onlineUrl', e.onlineUrlInvalid],
    purposeTooLong: ['purpose', e.tooLong(limits.text)],
    otherAttendeesTooLong: ['otherAttendees', e.tooLong(limits.name)],
    minutesTooLong: ['minutes', e.tooLong(limits.text)],
    attendeeInvalid: ['attendees', e.attendeeInvalid],
  };
  if (refusal === 'notFound') {
    return undefined;
  }
  const [field, message] = fields[refusal];
  return { values, errors: { [field]: message } };
}

/** Reads the minutes form: the text, and whether it is shared with the proposer. */
export function readMinutesForm(
  body: unknown,
  t: Messages,
):
  | { ok: true; minutes: string; shared: boolean; values: Record<string, string> }
  | { ok: false; state: FormState } {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values = { minutes: text(source, 'minutes'), shared: text(source, 'shared') };
  const minutes = visibleText(values.minutes);
  if (minutes.length > limits.text) {
    return {
      ok: false,
      state: { values, errors: { minutes: t.dialogue.errors.tooLong(limits.text) } },
    };
  }
  return { ok: true, minutes, shared: values.shared === 'yes', values };
}
