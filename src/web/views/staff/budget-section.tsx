import type { RequestRow } from '../../../app/budget/queries.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ActionButton, Form, SelectField, TextAreaField } from '../forms.tsx';
import { fiscalYearName, RequestFacts, YenField } from './budget.tsx';

export interface BudgetSectionData {
  proposalId: number;
  requests: RequestRow[];
  departmentNames: Map<number, string>;
  /** The reader may ask for money for this proposal (lead department or gate). */
  mayFile: boolean;
  /** The proposal is between adoption and verification. */
  fundable: boolean;
  /** Fiscal years with a fund, newest first. */
  years: number[];
  /** The reader, who may withdraw their own open requests. */
  userId: number;
  state: FormState;
}

/** The field names of the request form, kept apart from the work page's other forms. */
export const budgetFields = {
  fiscalYear: 'budgetFiscalYear',
  amountYen: 'budgetAmount',
  purpose: 'budgetPurpose',
} as const;

/** Labels for the error summary of the work page. */
export function budgetLabels(ctx: PageContext): Record<string, string> {
  const b = ctx.t.budget;
  return {
    [budgetFields.fiscalYear]: b.requestFiscalYear,
    [budgetFields.amountYen]: b.requestAmount,
    [budgetFields.purpose]: b.purposeLabel,
  };
}

function RequestForm(props: { ctx: PageContext; data: BudgetSectionData }) {
  const { ctx, data } = props;
  const b = ctx.t.budget;
  if (data.years.length === 0) {
    return <p>{b.noFundsYet}</p>;
  }
  const action = href(ctx.lang, `/staff/proposals/${data.proposalId}/budget-request`);
  return (
    <section aria-labelledby="budget-request-heading">
      <h3 id="budget-request-heading">{b.requestFormHeading}</h3>
      <Form ctx={ctx} action={action} csrf={ctx.csrf!}>
        <SelectField
          ctx={ctx}
          state={data.state}
          name={budgetFields.fiscalYear}
          label={b.requestFiscalYear}
          required
          options={data.years.map((year) => ({
            value: String(year),
            label: fiscalYearName(ctx, year),
          }))}
        />
        <YenField
          ctx={ctx}
          state={data.state}
          name={budgetFields.amountYen}
          label={b.requestAmount}
          hint={b.requestAmountHint}
        />
        <TextAreaField
          ctx={ctx}
          state={data.state}
          name={budgetFields.purpose}
          label={b.purposeLabel}
          hint={b.purposeHint}
          required
          maxLength={10_000}
          rows={3}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {b.fileRequest}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The partnership budget on a proposal's work page: its requests, and the form to ask. */
export function BudgetSection(props: { ctx: PageContext; data: BudgetSectionData }) {
  const { ctx, data } = props;
  const b = ctx.t.budget;
  const base = href(ctx.lang, `/staff/proposals/${data.proposalId}`);
  // Before adoption there is nothing to ask for, and nothing to show unless asked before.
  if (data.requests.length === 0 && !(data.mayFile && data.fundable)) {
    return null;
  }
  return (
    <section aria-labelledby="budget-heading">
      <h2 id="budget-heading">{b.sectionHeading}</h2>
      <p>{b.sectionLead}</p>
      <h3>{b.proposalRequests}</h3>
      {data.requests.length === 0 && <p>{b.noProposalRequests}</p>}
      {data.requests.map((row) => (
        <article class="assessment">
          <RequestFacts
            ctx={ctx}
            row={row}
            departmentName={data.departmentNames.get(row.departmentId) ?? ''}
            withYear
          />
          {row.state === 'requested' && row.requestedBy === data.userId && (
            <ActionButton
              action={`${base}/budget-requests/${row.id}/withdraw`}
              csrf={ctx.csrf!}
              label={b.withdraw}
              tone="secondary"
            />
          )}
        </article>
      ))}
      {data.mayFile &&
        (data.fundable ? <RequestForm ctx={ctx} data={data} /> : <p>{b.notFundableYet}</p>)}
    </section>
  );
}
