import { challengeTextNames, requiredChallengeTexts } from '../../../domain/challenge.ts';
import type { ChallengeStatus } from '../../../domain/challenge.ts';
import { limits } from '../../../domain/limits.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, SelectField, TextField, TextAreaField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminNotice, CheckboxGroup, Problem } from '../admin/parts.tsx';
import { ChallengeMenu, statusName } from './parts.tsx';

/** The staff list of challenges and the form that writes one. */

export interface OfficeChallengeRow {
  id: number;
  title: string;
  status: ChallengeStatus;
  department: string;
  updatedAt: Date;
}

export function OfficeChallengesPage(props: {
  ctx: PageContext;
  rows: OfficeChallengeRow[];
  canCreate: boolean;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const m = ctx.t.challenge;
  const time = new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ctx.tenant.time_zone,
  });
  return (
    <Layout ctx={ctx} title={m.listTitle} lead={m.listLead}>
      <ChallengeMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      {props.canCreate && (
        <p>
          <a class="button" href={href(ctx.lang, '/staff/challenges/new')}>
            {m.newChallenge}
          </a>
        </p>
      )}
      {props.rows.length === 0 ? (
        <p>{m.noChallenges}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={m.listTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.textNames.title}</th>
                <th scope="col">{m.department}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.updated}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <td>
                    <a href={href(ctx.lang, `/staff/challenges/${row.id}`)}>{row.title}</a>
                  </td>
                  <td>{row.department}</td>
                  <td>{statusName(ctx, row.status)}</td>
                  <td>{time.format(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** The names of the challenge form's fields, for the error summary. */
export function challengeFormLabels(ctx: PageContext): Record<string, string> {
  const m = ctx.t.challenge;
  const labels: Record<string, string> = {
    departmentId: m.department,
    fields: m.fields,
    concepts: m.concepts,
  };
  for (const name of challengeTextNames) {
    labels[`${name}_ja`] = `${m.textNames[name]}${m.japanese}`;
    labels[`${name}_en`] = `${m.textNames[name]}${m.english}`;
  }
  return labels;
}

export function ChallengeFormPage(props: {
  ctx: PageContext;
  state: FormState;
  action: string;
  title: string;
  version: number;
  callId: number | null;
  departments: { value: string; label: string }[];
  fields: { value: string; label: string }[];
  concepts: { value: string; label: string }[];
  conflict?: boolean;
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
  return (
    <Layout
      ctx={ctx}
      title={props.title}
      lead={m.newChallengeLead}
      error={hasErrors(state) || props.conflict}
    >
      <ChallengeMenu ctx={ctx} />
      {props.conflict && <Problem ctx={ctx}>{m.errors.conflict}</Problem>}
      <ErrorSummary ctx={ctx} state={state} labels={challengeFormLabels(ctx)} />
      <Form ctx={ctx} action={href(ctx.lang, props.action)} csrf={ctx.csrf ?? ''}>
        <input type="hidden" name="version" value={String(props.version)} />
        {props.callId !== null && <input type="hidden" name="call" value={String(props.callId)} />}
        <SelectField
          ctx={ctx}
          state={state}
          name="departmentId"
          label={m.department}
          options={props.departments}
          required
        />
        {challengeTextNames.map((name) => {
          const required = requiredChallengeTexts.includes(name);
          const max = name === 'title' ? limits.title : limits.text;
          const Field = name === 'title' ? TextField : TextAreaField;
          return (
            <fieldset class="form-group">
              <legend>{m.textNames[name]}</legend>
              <Field
                ctx={ctx}
                state={state}
                name={`${name}_ja`}
                label={`${m.textNames[name]}${m.japanese}`}
                required={required}
                maxLength={max}
              />
              <Field
                ctx={ctx}
                state={state}
                name={`${name}_en`}
                label={`${m.textNames[name]}${m.english}`}
                hint={m.englishHint}
                maxLength={max}
              />
            </fieldset>
          );
        })}
        <CheckboxGroup
          ctx={ctx}
          state={state}
          name="fields"
          legend={m.fields}
          options={props.fields}
        />
        <CheckboxGroup
          ctx={ctx}
          state={state}
          name="concepts"
          legend={m.concepts}
          options={props.concepts}
        />
        <button type="submit" class="button">
          {m.saveDraft}
        </button>
      </Form>
    </Layout>
  );
}
