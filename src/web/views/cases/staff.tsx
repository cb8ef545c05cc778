import type { CaseListRow, LoadedCase } from '../../../app/cases/lists.ts';
import { localize } from '../../../domain/language.ts';
import type { Taxonomies } from '../../../db/queries/taxonomy.ts';
import type { FormState } from '../../forms.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ActionButton, ErrorSummary, Notice, ProblemSummary, hasErrors } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { Moment } from '../proposals/parts.tsx';
import { CaseForm, caseFormLabels } from './parts.tsx';

type Group = keyof PageContext['t']['caseWork']['groups'];

/** Where a case stands, for the gate's list. */
export function groupOf(row: Pick<CaseListRow, 'status' | 'approval'>): Group {
  if (row.status === 'published' || row.status === 'archived') {
    return row.status;
  }
  return row.approval ?? 'draft';
}

const groupOrder: Group[] = ['returned', 'approved', 'pending', 'draft', 'published', 'archived'];

function caseTitle(ctx: PageContext, row: { title_ja: string; title_en: string | null }) {
  return localize({ ja: row.title_ja, en: row.title_en }, ctx.lang).text || '—';
}

function CaseTable(props: { ctx: PageContext; group: Group; rows: CaseListRow[] }) {
  const { ctx, group, rows } = props;
  const c = ctx.t.caseWork;
  const caption = c.groups[group];
  return (
    <ScrollTable label={caption}>
      <thead>
        <tr>
          <th scope="col">{c.columns.title}</th>
          <th scope="col">{c.columns.origin}</th>
          <th scope="col">{c.columns.partner}</th>
          {group === 'returned' && <th scope="col">{c.columns.comment}</th>}
          <th scope="col">{c.columns.updatedAt}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>
              <a href={href(ctx.lang, `/staff/cases/${row.id}`)}>{caseTitle(ctx, row)}</a>
            </td>
            <td>{row.proposal_id === null ? c.origins.direct : c.origins.proposal}</td>
            <td>{row.organisation_name ?? '—'}</td>
            {group === 'returned' && <td class="proposal-text">{row.approval_comment ?? ''}</td>}
            <td>
              <Moment ctx={ctx} at={row.updated_at} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The gate's cases by where they stand: returned first, then ready, waiting, drafts, public. */
export function StaffCaseListPage(props: {
  ctx: PageContext;
  rows: CaseListRow[];
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const c = ctx.t.caseWork;
  return (
    <Layout ctx={ctx} title={c.listTitle} lead={c.listLead}>
      <p>
        <a href={href(ctx.lang, '/staff')}>{ctx.t.staff.backToInbox}</a>
      </p>
      {props.notice && <Notice>{props.notice}</Notice>}
      <p>
        <a class="button" href={href(ctx.lang, '/staff/cases/new')}>
          {c.newCase}
        </a>
      </p>
      {groupOrder.map((group) => {
        const rows = props.rows.filter((row) => groupOf(row) === group);
        return (
          <section aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`}>{c.groupHeading(c.groups[group], rows.length)}</h2>
            {rows.length === 0 ? (
              <p>{c.emptyGroup}</p>
            ) : (
              <CaseTable ctx={ctx} group={group} rows={rows} />
            )}
          </section>
        );
      })}
    </Layout>
  );
}

/** The form to enter a case made outside the gate. */
export function NewCasePage(props: {
  ctx: PageContext;
  state: FormState;
  taxonomies: Pick<Taxonomies, 'fields' | 'methods'>;
}) {
  const { ctx, state } = props;
  const c = ctx.t.caseWork;
  return (
    <Layout ctx={ctx} title={c.newTitle} lead={c.newLead} error={hasErrors(state)}>
      <p>
        <a href={href(ctx.lang, '/staff/cases')}>{c.backToList}</a>
      </p>
      <ErrorSummary ctx={ctx} state={state} labels={caseFormLabels(ctx)} />
      <CaseForm
        ctx={ctx}
        action={href(ctx.lang, '/staff/cases/new')}
        state={state}
        taxonomies={props.taxonomies}
        submitLabel={c.create}
      />
    </Layout>
  );
}

function Standing(props: { ctx: PageContext; row: LoadedCase }) {
  const { ctx, row } = props;
  const c = ctx.t.caseWork;
  return (
    <dl class="facts">
      <dt>{c.statusLabel}</dt>
      <dd>
        <strong>{c.statusNames[row.status]}</strong>
      </dd>
      <dt>{c.approvalLabel}</dt>
      <dd>
        {row.organisation_id === null
          ? c.noPartner
          : c.partnerApproval(row.organisation_name ?? '', c.approvalNames[row.approval ?? 'none'])}
      </dd>
      {row.proposal_id !== null && (
        <>
          <dt>{c.proposalLabel}</dt>
          <dd>
            <a href={href(ctx.lang, `/staff/proposals/${row.proposal_id}`)}>
              {row.receipt_number ?? row.proposal_id}
            </a>
          </dd>
        </>
      )}
      {row.approval === 'returned' && row.approval_comment && (
        <>
          <dt>{c.returnedComment}</dt>
          <dd class="proposal-text">{row.approval_comment}</dd>
        </>
      )}
    </dl>
  );
}

function Actions(props: { ctx: PageContext; row: LoadedCase; base: string }) {
  const { ctx, row, base } = props;
  const c = ctx.t.caseWork;
  const version = { version: String(row.version) };
  if (row.status === 'published') {
    return (
      <>
        <p>{c.publishedLocked}</p>
        <p>
          <a href={href(ctx.lang, `/cases/${row.id}`)}>{c.viewPublic}</a>
        </p>
        <ActionButton
          action={`${base}/archive`}
          csrf={ctx.csrf!}
          label={c.archive}
          tone="secondary"
        />
      </>
    );
  }
  const mayAsk =
    row.organisation_id !== null && row.approval !== 'pending' && row.approval !== 'approved';
  const mayPublish = row.organisation_id === null || row.approval === 'approved';
  return (
    <>
      {mayAsk && (
        <>
          <p>{c.requestHint}</p>
          <ActionButton
            action={`${base}/approval`}
            csrf={ctx.csrf!}
            label={c.requestApproval}
            fields={version}
          />
        </>
      )}
      {mayPublish ? (
        <ActionButton
          action={`${base}/publish`}
          csrf={ctx.csrf!}
          label={c.publish}
          fields={version}
        />
      ) : (
        <p>{c.publishNeedsApproval}</p>
      )}
    </>
  );
}

/** A case for the gate: where it stands, what may be done, and the edit form. */
export function StaffCasePage(props: {
  ctx: PageContext;
  row: LoadedCase;
  state: FormState;
  taxonomies: Pick<Taxonomies, 'fields' | 'methods'>;
  /** Sentences of the proposal's confidential sections that the case's texts contain. */
  confidential: string[];
  problem?: string | undefined;
  notice?: string | undefined;
}) {
  const { ctx, row, state } = props;
  const c = ctx.t.caseWork;
  const base = href(ctx.lang, `/staff/cases/${row.id}`);
  return (
    <Layout ctx={ctx} title={caseTitle(ctx, row)} error={hasErrors(state, props.problem)}>
      <p>
        <a href={href(ctx.lang, '/staff/cases')}>{c.backToList}</a>
      </p>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ProblemSummary problem={props.problem} />
      <ErrorSummary ctx={ctx} state={state} labels={caseFormLabels(ctx)} />
      {props.confidential.length > 0 && (
        <div class="notice notice-warning" role="status">
          <h2>{c.confidentialHeading}</h2>
          <p>{c.confidentialIntro}</p>
          <ul>
            {props.confidential.map((passage) => (
              <li lang="ja">{passage}</li>
            ))}
          </ul>
        </div>
      )}
      <h2>{c.statusHeading}</h2>
      <Standing ctx={ctx} row={row} />
      <h2>{c.actionsHeading}</h2>
      <Actions ctx={ctx} row={row} base={base} />
      {row.status !== 'published' && (
        <>
          <h2>{c.editHeading}</h2>
          {row.approval === 'approved' && <p>{c.approvalResets}</p>}
          <CaseForm
            ctx={ctx}
            action={base}
            state={state}
            taxonomies={props.taxonomies}
            submitLabel={c.save}
          />
        </>
      )}
    </Layout>
  );
}

/** A case could not be drafted from a proposal: why, and the way back to the proposal. */
export function CaseRefusedPage(props: { ctx: PageContext; problem: string; proposalId: number }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t.caseWork.proposalSection} error>
      <ProblemSummary problem={props.problem} />
      <p>
        <a href={href(ctx.lang, `/staff/proposals/${props.proposalId}`)}>
          {ctx.t.caseWork.backToProposal}
        </a>
      </p>
    </Layout>
  );
}
