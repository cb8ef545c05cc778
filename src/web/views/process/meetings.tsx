import type { MeetingView } from '../../../app/process/dialogue.ts';
import { limits } from '../../../domain/limits.ts';
import type { FormState } from '../../forms.ts';
import { formatMoment } from '../account/account-pages.tsx';
import type { PageContext } from '../context.ts';
import { Form, TextField } from '../forms.tsx';

/**
 * Meetings of a proposal: the list as the viewer may see it (the place and link only for
 * attendees), the staff's form to arrange one and the form for its minutes.
 */

function Attendees(props: { ctx: PageContext; meeting: MeetingView }) {
  const { ctx, meeting } = props;
  const d = ctx.t.dialogue;
  const named = meeting.attendees.filter((person) => person.name !== null);
  const unnamedStaff = meeting.attendees.filter((person) => person.name === null).length;
  const items = named.map((person) =>
    d.fromStaff(person.name!, person.side === 'city' ? d.attendeeSideCity : d.attendeeSideProposer),
  );
  if (unnamedStaff > 0) {
    items.push(d.cityStaff(unnamedStaff));
  }
  if (meeting.otherAttendees.trim() !== '') {
    items.push(meeting.otherAttendees);
  }
  return items.length === 0 ? (
    <>{d.noPlace}</>
  ) : (
    <ul class="meeting-attendees">
      {items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

function Place(props: { ctx: PageContext; meeting: MeetingView }) {
  const { ctx, meeting } = props;
  const d = ctx.t.dialogue;
  if (!meeting.attending) {
    return <p class="meeting-hidden">{d.placeForAttendees}</p>;
  }
  return (
    <>
      <p class="proposal-text">{meeting.place?.trim() ? meeting.place : d.noPlace}</p>
      {meeting.onlineUrl && (
        <p class="file-name">
          {d.onlineUrl}
          {ctx.t.account.labelSeparator}
          <a href={meeting.onlineUrl} rel="noopener noreferrer">
            {meeting.onlineUrl}
          </a>
        </p>
      )}
    </>
  );
}

function Minutes(props: { ctx: PageContext; meeting: MeetingView; proposerView: boolean }) {
  const { ctx, meeting } = props;
  const d = ctx.t.dialogue;
  if (meeting.minutes === null) {
    return <p>{d.minutesNotYet}</p>;
  }
  return (
    <>
      <div class="proposal-text">{meeting.minutes}</div>
      {!props.proposerView && (
        <p class="hint">{meeting.minutesShared ? d.minutesShared : d.minutesNotShared}</p>
      )}
    </>
  );
}

/** The meetings of a proposal, earliest first, under their own heading. */
export function MeetingList(props: {
  ctx: PageContext;
  meetings: readonly MeetingView[];
  proposerView: boolean;
}) {
  const { ctx } = props;
  const d = ctx.t.dialogue;
  return (
    <section class="meetings" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{d.meetingsHeading}</h2>
      {props.proposerView && <p>{d.meetingsLeadProposer}</p>}
      {props.meetings.length === 0 ? (
        <p>{d.meetingsEmpty}</p>
      ) : (
        <ul class="meeting-list">
          {props.meetings.map((meeting) => (
            <li class="meeting" id={`meeting-${meeting.id}`}>
              <dl class="facts">
                <dt>{d.startsAt}</dt>
                <dd>
                  <time dateTime={meeting.startsAt.toISOString()}>
                    {formatMoment(ctx, meeting.startsAt)}
                  </time>
                </dd>
                <dt>{d.purpose}</dt>
                <dd class="proposal-text">{meeting.purpose || d.noPlace}</dd>
                <dt>{d.place}</dt>
                <dd>
                  <Place ctx={ctx} meeting={meeting} />
                </dd>
                <dt>{d.attendees}</dt>
                <dd>
                  <Attendees ctx={ctx} meeting={meeting} />
                </dd>
                <dt>{d.minutes}</dt>
                <dd>
                  <Minutes ctx={ctx} meeting={meeting} proposerView={props.proposerView} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A person who may be invited to a meeting. */
export interface SelectableAttendee {
  userId: number;
  name: string;
  side: 'proposer' | 'city';
}

/** The ids chosen in a meeting form, kept as the comma-joined value `attendees`. */
export function chosenAttendees(state: FormState): Set<string> {
  return new Set((state.values.attendees ?? '').split(',').filter(Boolean));
}

/**
 * The staff's form to arrange a meeting. Fields: date, time, place, onlineUrl, purpose,
 * attendees (repeated checkboxes of user ids), otherAttendees.
 */
export function ScheduleMeetingForm(props: {
  ctx: PageContext;
  action: string;
  csrf: string;
  state: FormState;
  attendees: readonly SelectableAttendee[];
}) {
  const { ctx, state } = props;
  const d = ctx.t.dialogue;
  const chosen = chosenAttendees(state);
  const error = state.errors.attendees;
  return (
    <section class="schedule-meeting" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{d.scheduleHeading}</h2>
      <p>{d.scheduleLead}</p>
      <Form ctx={ctx} action={props.action} csrf={props.csrf}>
        <TextField
          ctx={ctx}
          state={state}
          name="date"
          type="date"
          label={d.date}
          hint={d.dateHint}
          required
          size="short"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="time"
          type="time"
          label={d.time}
          hint={d.timeHint}
          required
          size="short"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="place"
          label={d.place}
          hint={d.placeHint}
          maxLength={limits.name}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="onlineUrl"
          type="url"
          label={d.onlineUrl}
          hint={d.onlineUrlHint}
          maxLength={500}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="purpose"
          label={d.purpose}
          hint={d.purposeHint}
          maxLength={limits.name}
        />
        <fieldset
          class={`form-group${error ? ' form-row-error' : ''}`}
          id="field-attendees"
          aria-describedby={error ? 'hint-attendees error-attendees' : 'hint-attendees'}
        >
          <legend>
            {d.attendeesLegend}
            <span class="badge">{ctx.t.account.optional}</span>
          </legend>
          <p class="hint" id="hint-attendees">
            {d.attendeesHint}
          </p>
          {error && (
            <p class="field-error" id="error-attendees">
              {error}
            </p>
          )}
          {props.attendees.map((person) => (
            <div class="checkbox-row">
              <input
                type="checkbox"
                id={`field-attendee-${person.userId}`}
                name="attendees"
                value={String(person.userId)}
                checked={chosen.has(String(person.userId))}
              />
              <label for={`field-attendee-${person.userId}`}>
                {d.fromStaff(
                  person.name,
                  person.side === 'proposer' ? d.attendeeSideProposer : d.attendeeSideCity,
                )}
              </label>
            </div>
          ))}
        </fieldset>
        <TextField
          ctx={ctx}
          state={state}
          name="otherAttendees"
          label={d.otherAttendees}
          hint={d.otherAttendeesHint}
          maxLength={limits.name}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {d.scheduleSend}
          </button>
        </div>
      </Form>
    </section>
  );
}

/**
 * The staff's form for a meeting's minutes. Fields: minutes, shared ('yes'). Ids carry the
 * meeting's id, so one page holds a form per meeting; errors use the key `minutes`.
 */
export function MinutesForm(props: {
  ctx: PageContext;
  action: string;
  csrf: string;
  state: FormState;
  meeting: MeetingView;
}) {
  const { ctx, state, meeting } = props;
  const d = ctx.t.dialogue;
  const id = `minutes-${meeting.id}`;
  const error = state.errors.minutes;
  const values = {
    minutes: meeting.minutes ?? '',
    shared: meeting.minutesShared ? 'yes' : '',
    ...state.values,
  };
  return (
    // Not a region of its own: two meetings at the same hour would make two alike.
    <div class="minutes-form">
      <h3 id={`${id}-heading`}>{d.minutesHeading(formatMoment(ctx, meeting.startsAt))}</h3>
      <Form ctx={ctx} action={props.action} csrf={props.csrf}>
        <div class={`form-row${error ? ' form-row-error' : ''}`}>
          <label for={`field-minutes-${meeting.id}`}>
            {d.minutes}
            <span class="badge">{ctx.t.account.optional}</span>
          </label>
          {error && (
            <p class="field-error" id={`error-minutes-${meeting.id}`}>
              {error}
            </p>
          )}
          <textarea
            id={`field-minutes-${meeting.id}`}
            name="minutes"
            rows={6}
            maxLength={limits.text}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `error-minutes-${meeting.id}` : undefined}
            class="input textarea"
            value={values.minutes}
          />
        </div>
        <div class="form-row">
          <p class="hint" id={`hint-shared-${meeting.id}`}>
            {d.minutesShareHint}
          </p>
          <div class="checkbox-row">
            <input
              type="checkbox"
              id={`field-shared-${meeting.id}`}
              name="shared"
              value="yes"
              checked={values.shared === 'yes'}
              aria-describedby={`hint-shared-${meeting.id}`}
            />
            <label for={`field-shared-${meeting.id}`}>{d.minutesShare}</label>
          </div>
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {d.minutesSend}
          </button>
        </div>
      </Form>
    </div>
  );
}
