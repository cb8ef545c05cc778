import type { FundSummary, RequestRow } from '../../../app/budget/queries.ts';
import { formatFiscalYear } from '../../../domain/calendar.ts';
import { balanceOf, formatYen } from '../../../domain/budget.ts';
import type { FormState } from '../../forms.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import {
  ErrorSummary,
  Form,
  hasErrors,
  Notice,
  ProblemSummary,
  SelectField,
  TextAreaField,
  TextField,
} from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { Moment } from '../proposals/parts.tsx';

/** A fiscal year as the budget pages name it: 令和8年度（2026年度） / FY2026. */
export function fiscalYearName(ctx: Pick<PageContext, 't' | 'lang'>, fiscalYear: number): string {
  return ctx.t.budget.fiscalYearLong(formatFiscalYear(fiscalYear, ctx.lang), fiscalYear);
}

function yen(ctx: PageContext, amount: number): string {
  return formatYen(amount, ctx.lang);
}

/** A required field for an amount in yen, as the budget forms ask for one. */
export function YenField(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  hint: string;
}) {
  return (
    <TextField
      ctx={props.ctx}
      state={props.state}
      name={props.name}
      label={props.label}
      hint={props.hint}
      required
      inputMode="numeric"
      autocomplete="off"
      maxLength={30}
      size="short"
    />
  );
}

function FundTable(props: { ctx: PageContext; funds: FundSummary[] }) {
  const { ctx } = props;
  const b = ctx.t.budget;
  return (
    <ScrollTable label={b.fundsTable}>
      <thead>
        <tr>
          <th scope="col">{b.columns.fiscalYear}</th>
          <th scope="col" class="number">
            {b.columns.amount}
          </th>
          <th scope="col" class="number">
            {b.columns.allocated}
          </th>
          <th scope="col" class="number">
            {b.columns.balance}
          </th>
          <th scope="col">{b.columns.open}</th>
        </tr>
      </thead>
      <tbody>
        {props.funds.map((fund) => (
          <tr>
            <td>
              <a href={href(ctx.lang, `/staff/budget/${fund.fiscalYear}`)}>
                {fiscalYearName(ctx, fund.fiscalYear)}
              </a>
            </td>
            <td class="number">{yen(ctx, fund.amountYen)}</td>
            <td class="number">{yen(ctx, fund.allocatedYen)}</td>
            <td class="number">{yen(ctx, balanceOf(fund))}</td>
            <td>{b.openSummary(fund.openRequests, yen(ctx, fund.openYen))}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The funds of each fiscal year, and the form that creates one. */
export function BudgetListPage(props: {
  ctx: PageContext;
  funds: FundSummary[];
  /** Fiscal years without a fund that the form offers. */
  years: number[];
  state: FormState;
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const b = ctx.t.budget;
  const labels = {
    fiscalYear: b.fiscalYearLabel,
    amountYen: b.amountLabel,
    note: b.noteLabel,
  };
  return (
    <Layout ctx={ctx} title={b.title} lead={b.lead} error={hasErrors(state)}>
      <p>
        <a href={href(ctx.lang, '/staff')}>{b.backToInbox}</a>
      </p>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <h2>{b.fundsHeading}</h2>
      {props.funds.length === 0 ? <p>{b.noFunds}</p> : <FundTable ctx={ctx} funds={props.funds} />}

      <h2>{b.newFundHeading}</h2>
      {props.years.length === 0 ? (
        <p>{b.allYearsRegistered}</p>
      ) : (
        <Form ctx={ctx} action={href(ctx.lang, '/staff/budget/funds')} csrf={ctx.csrf!}>
          <SelectField
            ctx={ctx}
            state={state}
            name="fiscalYear"
            label={b.fiscalYearLabel}
            hint={b.fiscalYearHint}
            required
            blank={b.chooseFiscalYear}
            options={props.years.map((year) => ({
              value: String(year),
              label: `${fiscalYearName(ctx, year)} ${b.fiscalYearSpan(year)}`,
            }))}
          />
          <YenField
            ctx={ctx}
            state={state}
            name="amountYen"
            label={b.amountLabel}
            hint={b.amountHint}
          />
          <TextAreaField
            ctx={ctx}
            state={state}
            name="note"
            label={b.noteLabel}
            hint={b.noteHint}
            maxLength={10_000}
            rows={3}
          />
          <div class="button-row">
            <button type="submit" class="button">
              {b.createFund}
            </button>
          </div>
        </Form>
      )}
    </Layout>
  );
}

/** The field names of one request's allocate and decline forms, unique on the page. */
export function requestFields(requestId: number) {
  return {
    amount: `allocate-${requestId}-amount`,
    note: `allocate-${requestId}-note`,
    declineNote: `decline-${requestId}-note`,
  };
}

/** What a request says in a list of facts: amounts, purpose, state and the gate's answer. */
export function RequestFacts(props: {
  ctx: PageContext;
  row: RequestRow;
  departmentName: string;
  withYear?: boolean;
}) {
  const { ctx, row } = props;
  const f = ctx.t.budget.fields;
  return (
    <dl class="facts">
      {props.withYear && (
        <>
          <dt>{f.fiscalYear}</dt>
          <dd>{fiscalYearName(ctx, row.fiscalYear)}</dd>
        </>
      )}
      <dt>{f.state}</dt>
      <dd>
        <strong>{ctx.t.budget.states[row.state]}</strong>
      </dd>
      <dt>{f.amount}</dt>
      <dd>{yen(ctx, row.amountYen)}</dd>
      {row.allocatedYen !== null && (
        <>
          <dt>{f.allocated}</dt>
          <dd>{yen(ctx, row.allocatedYen)}</dd>
        </>
      )}
      <dt>{f.purpose}</dt>
      <dd class="proposal-text">{row.purpose}</dd>
      <dt>{f.department}</dt>
      <dd>{props.departmentName}</dd>
      <dt>{f.requester}</dt>
      <dd>{row.requesterName}</dd>
      <dt>{f.requestedAt}</dt>
      <dd>
        <Moment ctx={ctx} at={row.requestedAt} />
      </dd>
      {row.decisionNote !== '' && (
        <>
          <dt>{f.decisionNote}</dt>
          <dd class="proposal-text">{row.decisionNote}</dd>
        </>
      )}
    </dl>
  );
}

function DecisionForms(props: {
  ctx: PageContext;
  row: RequestRow;
  base: string;
  state: FormState;
}) {
  const { ctx, row, state } = props;
  const b = ctx.t.budget;
  const names = requestFields(row.id);
  return (
    <div class="decision-forms">
      <Form ctx={ctx} action={`${props.base}/requests/${row.id}/allocate`} csrf={ctx.csrf!}>
        <fieldset class="form-group">
          <legend>{b.allocateLegend}</legend>
          <YenField
            ctx={ctx}
            state={state}
            name={names.amount}
            label={b.allocateAmountLabel}
            hint={b.allocateAmountHint(yen(ctx, row.amountYen))}
          />
          <TextAreaField
            ctx={ctx}
            state={state}
            name={names.note}
            label={b.allocateNoteLabel}
            maxLength={10_000}
            rows={2}
          />
          <div class="button-row">
            <button type="submit" class="button">
              {b.allocate}
            </button>
          </div>
        </fieldset>
      </Form>
      <Form ctx={ctx} action={`${props.base}/requests/${row.id}/decline`} csrf={ctx.csrf!}>
        <fieldset class="form-group">
          <legend>{b.declineLegend}</legend>
          <TextAreaField
            ctx={ctx}
            state={state}
            name={names.declineNote}
            label={b.declineNoteLabel}
            hint={b.declineNoteHint}
            required
            maxLength={10_000}
            rows={2}
          />
          <div class="button-row">
            <button type="submit" class="button button-secondary">
              {b.decline}
            </button>
          </div>
        </fieldset>
      </Form>
    </div>
  );
}

/** One fiscal year's fund: its figures, the change of its amount, and the requests on it. */
export function BudgetYearPage(props: {
  ctx: PageContext;
  fund: FundSummary;
  requests: RequestRow[];
  departmentNames: Map<number, string>;
  state: FormState;
  problem?: string | undefined;
  notice?: string | undefined;
}) {
  const { ctx, fund, state } = props;
  const b = ctx.t.budget;
  const year = fiscalYearName(ctx, fund.fiscalYear);
  const base = href(ctx.lang, `/staff/budget/${fund.fiscalYear}`);
  const labels: Record<string, string> = { amountYen: b.newAmountLabel };
  for (const row of props.requests) {
    const names = requestFields(row.id);
    const which = `${row.receiptNumber ?? ''} `;
    labels[names.amount] = `${which}${b.allocateAmountLabel}`;
    labels[names.note] = `${which}${b.allocateNoteLabel}`;
    labels[names.declineNote] = `${which}${b.declineNoteLabel}`;
  }
  return (
    <Layout ctx={ctx} title={b.yearTitle(year)} error={hasErrors(state, props.problem)}>
      <p>
        <a href={href(ctx.lang, '/staff/budget')}>{b.backToList}</a>
      </p>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ProblemSummary problem={props.problem} />
      <ErrorSummary ctx={ctx} state={state} labels={labels} />

      <h2>{b.figuresHeading}</h2>
      <dl class="facts">
        <dt>{b.columns.fiscalYear}</dt>
        <dd>
          {year} {b.fiscalYearSpan(fund.fiscalYear)}
        </dd>
        <dt>{b.columns.amount}</dt>
        <dd>{yen(ctx, fund.amountYen)}</dd>
        <dt>{b.columns.allocated}</dt>
        <dd>{yen(ctx, fund.allocatedYen)}</dd>
        <dt>{b.columns.balance}</dt>
        <dd>
          <strong>{yen(ctx, balanceOf(fund))}</strong>
        </dd>
        <dt>{b.columns.open}</dt>
        <dd>{b.openSummary(fund.openRequests, yen(ctx, fund.openYen))}</dd>
        {fund.note !== '' && (
          <>
            <dt>{b.noteLabel}</dt>
            <dd class="proposal-text">{fund.note}</dd>
          </>
        )}
      </dl>

      <h3>{b.changeAmountHeading}</h3>
      <Form ctx={ctx} action={`${base}/amount`} csrf={ctx.csrf!}>
        <YenField
          ctx={ctx}
          state={state}
          name="amountYen"
          label={b.newAmountLabel}
          hint={b.changeAmountHint(yen(ctx, fund.allocatedYen))}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {b.changeAmount}
          </button>
        </div>
      </Form>

      <h2>{b.requestsHeading}</h2>
      {props.requests.length === 0 && <p>{b.noRequests}</p>}
      {props.requests.map((row) => (
        <article class="assessment" aria-labelledby={`request-${row.id}`}>
          <h3 id={`request-${row.id}`}>
            <a href={href(ctx.lang, `/staff/proposals/${row.proposalId}`)}>
              {b.requestHeading(row.receiptNumber ?? '', row.proposalTitle)}
            </a>
          </h3>
          <RequestFacts
            ctx={ctx}
            row={row}
            departmentName={props.departmentNames.get(row.departmentId) ?? ''}
          />
          {row.state === 'requested' && (
            <DecisionForms ctx={ctx} row={row} base={base} state={state} />
          )}
        </article>
      ))}
    </Layout>
  );
}
