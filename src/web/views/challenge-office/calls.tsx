import { formatDate } from '../../../domain/calendar.ts';
import type { ChallengeStatus } from '../../../domain/challenge.ts';
import { localize } from '../../../domain/language.ts';
import type { ChallengeCall } from '../../../db/schema.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import {
  ActionButton,
  CheckboxField,
  ErrorSummary,
  Form,
  hasErrors,
  TextField,
  TextAreaField,
} from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminNotice, CheckboxGroup } from '../admin/parts.tsx';
import { ChallengeMenu, DateInput, statusName } from './parts.tsx';

/** The staff pages of challenge calls: the list, the form that opens one, and one call. */

export function CallsPage(props: {
  ctx: PageContext;
  calls: ChallengeCall[];
  gate: boolean;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const m = ctx.t.challenge;
  return (
    <Layout ctx={ctx} title={m.callsTitle} lead={m.callsLead}>
      <ChallengeMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      {props.gate && (
        <p>
          <a class="button" href={href(ctx.lang, '/staff/challenge-calls/new')}>
            {m.newCall}
          </a>
        </p>
      )}
      {props.calls.length === 0 ? (
        <p>{m.noCalls}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={m.callsTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.callTitle}</th>
                <th scope="col">{m.deadline}</th>
              </tr>
            </thead>
            <tbody>
              {props.calls.map((call) => (
                <tr>
                  <td>
                    <a href={href(ctx.lang, `/staff/challenge-calls/${call.id}`)}>{call.title}</a>
                  </td>
                  <td>{formatDate(call.deadline, ctx.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function NewCallPage(props: {
  ctx: PageContext;
  state: FormState;
  departments: { value: string; label: string }[];
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
  const labels = {
    title: m.callTitle,
    instructions: m.instructions,
    deadline: m.deadline,
    departments: m.departments,
  };
  return (
    <Layout ctx={ctx} title={m.newCall} lead={m.newCallLead} error={hasErrors(state)}>
      <ChallengeMenu ctx={ctx} />
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <Form ctx={ctx} action={href(ctx.lang, '/staff/challenge-calls/new')} csrf={ctx.csrf ?? ''}>
        <TextField ctx={ctx} state={state} name="title" label={m.callTitle} required />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="instructions"
          label={m.instructions}
          hint={m.instructionsHint}
          required
          rows={6}
        />
        <DateInput ctx={ctx} state={state} name="deadline" label={m.deadline} required />
        <CheckboxField ctx={ctx} state={state} name="all" label={m.allDepartments} />
        <CheckboxGroup
          ctx={ctx}
          state={state}
          name="departments"
          legend={m.departments}
          hint={m.departmentsHint}
          options={props.departments}
        />
        <button type="submit" class="button">
          {m.createCall}
        </button>
      </Form>
    </Layout>
  );
}

export interface CallAnswerView {
  department: string;
  challenges: { id: number; title: string; status: ChallengeStatus }[];
  remindedAt: Date | null;
}

export function CallPage(props: {
  ctx: PageContext;
  call: ChallengeCall;
  /** For the gate: every department asked and what it submitted. */
  answers?: CallAnswerView[] | undefined;
  /** For a department: what it wrote for the call so far. */
  own?: { id: number; title: string; status: ChallengeStatus }[] | undefined;
  canRespond: boolean;
  notice?: string | undefined;
}) {
  const { ctx, call } = props;
  const m = ctx.t.challenge;
  const answers = props.answers;
  const answered = answers?.filter((a) => a.challenges.length > 0).length ?? 0;
  const time = (date: Date) =>
    new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: ctx.tenant.time_zone,
    }).format(date);
  return (
    <Layout ctx={ctx} title={call.title}>
      <ChallengeMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      <dl class="facts">
        <dt>{m.deadline}</dt>
        <dd>{formatDate(call.deadline, ctx.lang)}</dd>
      </dl>
      <h2>{m.instructions}</h2>
      {call.instructions.split(/\n+/).map((line) => (
        <p>{line}</p>
      ))}
      {props.canRespond && (
        <p>
          <a class="button" href={href(ctx.lang, `/staff/challenges/new?call=${call.id}`)}>
            {m.writeForCall}
          </a>
        </p>
      )}
      {props.own && (
        <section aria-labelledby="own-heading">
          <h2 id="own-heading">{m.yourChallenges}</h2>
          <ChallengeLinks ctx={ctx} rows={props.own} />
        </section>
      )}
      {answers && (
        <section aria-labelledby="answers-heading">
          <h2 id="answers-heading">{m.answers}</h2>
          <p>{m.answeredCount(answered, answers.length)}</p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={m.answers}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.department}</th>
                  <th scope="col">{m.status}</th>
                  <th scope="col">{m.remindedAt}</th>
                </tr>
              </thead>
              <tbody>
                {answers.map((answer) => (
                  <tr>
                    <th scope="row">{answer.department}</th>
                    <td>
                      {answer.challenges.length === 0 ? (
                        m.notAnsweredStatus
                      ) : (
                        <>
                          {m.answeredStatus}
                          <ChallengeLinks ctx={ctx} rows={answer.challenges} />
                        </>
                      )}
                    </td>
                    <td>{answer.remindedAt ? time(answer.remindedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {answered < answers.length && (
            <ActionButton
              action={href(ctx.lang, `/staff/challenge-calls/${call.id}/remind`)}
              csrf={ctx.csrf ?? ''}
              label={m.remind}
            />
          )}
        </section>
      )}
      <p>
        <a href={href(ctx.lang, '/staff/challenge-calls')}>{m.backToCalls}</a>
      </p>
    </Layout>
  );
}

function ChallengeLinks(props: {
  ctx: PageContext;
  rows: { id: number; title: string; status: ChallengeStatus }[];
}) {
  const { ctx } = props;
  if (props.rows.length === 0) {
    return <p>{ctx.t.challenge.noChallenges}</p>;
  }
  return (
    <ul class="link-list">
      {props.rows.map((row) => (
        <li>
          <a href={href(ctx.lang, `/staff/challenges/${row.id}`)}>{row.title}</a> (
          {statusName(ctx, row.status)})
        </li>
      ))}
    </ul>
  );
}

/** A challenge's title in the page's language. */
export function titleOf(ctx: PageContext, row: { title_ja: string; title_en: string | null }) {
  return localize({ ja: row.title_ja, en: row.title_en }, ctx.lang).text;
}
