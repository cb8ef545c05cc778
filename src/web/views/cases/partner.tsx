import type { CaseListRow, LoadedCase } from '../../../app/cases/lists.ts';
import { localize } from '../../../domain/language.ts';
import type { FormState } from '../../forms.ts';
import { CaseBody } from '../cases.tsx';
import { ScrollTable, Text } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import {
  ActionButton,
  ErrorSummary,
  Form,
  Notice,
  ProblemSummary,
  TextAreaField,
  hasErrors,
} from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { Moment } from '../proposals/parts.tsx';
import { caseFormLabels } from './parts.tsx';

type Status = keyof PageContext['t']['caseWork']['myStatus'];

/** Where a case stands, as its partner sees it. */
function statusOf(row: Pick<CaseListRow, 'status' | 'approval'>): Status {
  if (row.status === 'published' || row.status === 'archived') {
    return row.status;
  }
  return row.approval ?? 'preparing';
}

/** The partner's cases: the projects of its organisation the city publishes as cases. */
export function MyCasesPage(props: {
  ctx: PageContext;
  rows: CaseListRow[];
  notice?: string | undefined;
}) {
  const { ctx, rows } = props;
  const c = ctx.t.caseWork;
  return (
    <Layout ctx={ctx} title={c.myListTitle} lead={c.myListLead}>
      {props.notice && <Notice>{props.notice}</Notice>}
      {rows.length === 0 ? (
        <p>{c.myEmpty}</p>
      ) : (
        <ScrollTable label={c.myListTitle}>
          <thead>
            <tr>
              <th scope="col">{c.columns.title}</th>
              <th scope="col">{c.myStatusLabel}</th>
              <th scope="col">{c.columns.updatedAt}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>
                  <a href={href(ctx.lang, `/my/cases/${row.id}`)}>
                    {localize({ ja: row.title_ja, en: row.title_en }, ctx.lang).text}
                  </a>
                </td>
                <td>{c.myStatus[statusOf(row)]}</td>
                <td>
                  <Moment ctx={ctx} at={row.updated_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </Layout>
  );
}

/**
 * One case as it will be published, for the partner; while the city waits for its answer,
 * the partner approves it or returns it with a comment.
 */
export function MyCasePage(props: {
  ctx: PageContext;
  row: LoadedCase;
  fieldNames: string[];
  methodNames: string[];
  state: FormState;
  problem?: string | undefined;
  notice?: string | undefined;
}) {
  const { ctx, row, state } = props;
  const c = ctx.t.caseWork;
  const title = { ja: row.title_ja, en: row.title_en };
  const base = href(ctx.lang, `/my/cases/${row.id}`);
  const version = { version: String(row.version) };
  return (
    <Layout
      ctx={ctx}
      title={localize(title, ctx.lang).text}
      heading={<Text ctx={ctx} value={title} />}
      error={hasErrors(state, props.problem)}
    >
      <p>
        <a href={href(ctx.lang, '/my/cases')}>{c.myListTitle}</a>
      </p>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ProblemSummary problem={props.problem} />
      <ErrorSummary ctx={ctx} state={state} labels={caseFormLabels(ctx)} />
      <p>
        <strong>{c.myStatusLine(c.myStatus[statusOf(row)])}</strong>
      </p>
      <p>{c.myCaseLead}</p>
      <CaseBody
        ctx={ctx}
        row={{ ...row, source_note_ja: null, source_note_en: null }}
        fieldNames={props.fieldNames}
        methodNames={props.methodNames}
      />
      {row.status !== 'published' && row.approval === 'pending' && (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">{c.answerHeading}</h2>
          <ActionButton
            action={`${base}/approve`}
            csrf={ctx.csrf!}
            label={c.approve}
            fields={version}
          />
          <h3>{c.returnHeading}</h3>
          <Form ctx={ctx} action={`${base}/return`} csrf={ctx.csrf!}>
            <input
              type="hidden"
              name="version"
              value={state.values.version ?? String(row.version)}
            />
            <TextAreaField
              ctx={ctx}
              state={state}
              name="comment"
              label={c.comment}
              hint={c.commentHint}
              required
              maxLength={10_000}
            />
            <div class="button-row">
              <button type="submit" class="button button-secondary">
                {c.returnButton}
              </button>
            </div>
          </Form>
        </section>
      )}
    </Layout>
  );
}
