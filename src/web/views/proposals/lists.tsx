import type { ProposalState } from '../../../domain/proposal-state.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { Notice } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { Moment, stateLabel, titleOf } from './parts.tsx';

export interface ProposalListRow {
  id: number;
  kind: 'theme' | 'free';
  state: ProposalState;
  title: string;
  receipt_number: string | null;
  submitted_at: Date | null;
  updated_at: Date;
}

/** The organisation's proposals, drafts included. */
export function MyProposalsPage(props: {
  ctx: PageContext;
  rows: ProposalListRow[];
  notice?: string | undefined;
}) {
  const { ctx, rows } = props;
  const p = ctx.t.proposal;
  return (
    <Layout ctx={ctx} title={p.myListTitle} lead={p.myListLead}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <p>
        <a class="button" href={href(ctx.lang, '/proposals/new')}>
          {p.newProposal}
        </a>
      </p>
      <p>
        <a href={href(ctx.lang, '/my/cases')}>{ctx.t.caseWork.myLink}</a>
      </p>
      {rows.length === 0 ? (
        <p>{p.empty}</p>
      ) : (
        <ScrollTable label={p.listTable}>
          <thead>
            <tr>
              <th scope="col">{p.columns.title}</th>
              <th scope="col">{p.columns.kind}</th>
              <th scope="col">{p.columns.state}</th>
              <th scope="col">{p.columns.receiptNumber}</th>
              <th scope="col">{p.columns.submittedAt}</th>
              <th scope="col">{p.columns.updatedAt}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>
                  <a href={href(ctx.lang, `/my/proposals/${row.id}`)}>{titleOf(ctx, row.title)}</a>
                </td>
                <td>{p.kinds[row.kind]}</td>
                <td>{stateLabel(ctx, row.state)}</td>
                <td>{row.receipt_number ?? p.notYet}</td>
                <td>
                  <Moment ctx={ctx} at={row.submitted_at} />
                </td>
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
