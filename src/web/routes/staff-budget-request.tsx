import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listFunds, requestsOfProposal } from '../../app/budget/queries.ts';
import { fileRequest, withdrawRequest } from '../../app/budget/requests.ts';
import { fiscalYearOf } from '../../domain/calendar.ts';
import { isFundable } from '../../domain/budget.ts';
import { limits } from '../../domain/limits.ts';
import { can, type Actor } from '../../domain/policy.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { departmentNamesOf, refusalStatus, yenField } from '../budget-form.ts';
import { formValues, visibleText, type FormState } from '../forms.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import type { PageContext } from '../views/context.ts';
import { BudgetSection, budgetFields, budgetLabels } from '../views/staff/budget-section.tsx';
import { idFrom, type ProposalRecord } from './proposal-records.ts';
import { localized, redirectTo, setNotice } from './localized.ts';
import { ProblemSummary } from '../views/forms.tsx';

/** The budget request form of a work page shown again, with its problems. */
export interface BudgetForm {
  state: FormState;
  problem?: string | undefined;
}

/**
 * The partnership budget section of a proposal's work page: its requests, and the form to
 * ask for money for eligible staff. Returns the section with the problems it shows, so the
 * work page can put them in its error summary.
 */
export async function staffBudget(
  request: FastifyRequest,
  ctx: PageContext,
  record: ProposalRecord,
  form?: BudgetForm,
) {
  const gate = request.server.gate;
  const db = gate.database.db;
  const tenantId = gate.tenant().id;
  const actor = request.actor as Exclude<Actor, { kind: 'visitor' }>;
  const { proposal, access } = record;
  const [requests, funds, departmentNames] = await Promise.all([
    requestsOfProposal(db, tenantId, proposal.id),
    listFunds(db, tenantId),
    departmentNamesOf(request, ctx.lang),
  ]);
  const years = funds.map((fund) => fund.fiscalYear);
  const current = fiscalYearOf(ctx.today);
  const state = form?.state ?? {
    values: {
      [budgetFields.fiscalYear]: String(years.includes(current) ? current : (years[0] ?? '')),
    },
    errors: {},
  };
  const mayFile = can(actor, 'budgetRequest', 'file', {
    tenantId,
    leadDepartmentId: access.leadDepartmentId,
    requestedBy: null,
  });
  const section = (
    <>
      <ProblemSummary problem={form?.problem} />
      <BudgetSection
        ctx={ctx}
        data={{
          proposalId: proposal.id,
          requests,
          departmentNames,
          mayFile,
          fundable: isFundable(proposal.state),
          years,
          userId: actor.userId,
          state,
        }}
      />
    </>
  );
  return { section, state, problem: form?.problem, labels: budgetLabels(ctx) };
}

/** Renders the work page again with the budget form's problems. */
export type BudgetRerender = (
  request: FastifyRequest,
  reply: FastifyReply,
  proposalId: number,
  form: BudgetForm,
  status: number,
) => Promise<FastifyReply>;

/** The budget forms posted from a proposal's work page. */
export function registerProposalBudgetRoutes(app: FastifyInstance, rerender: BudgetRerender) {
  const gate = app.gate;

  localized(app, 'POST', '/staff/proposals/:id/budget-request', async (request, reply) => {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: gate.tenant().id });
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const e = t.budget.errors;
    const values = formValues(request.body, Object.values(budgetFields));
    const errors: Record<string, string> = {};
    const fiscalYear = /^\d{4}$/.test(values[budgetFields.fiscalYear]!)
      ? Number(values[budgetFields.fiscalYear])
      : undefined;
    if (fiscalYear === undefined) {
      errors[budgetFields.fiscalYear] = e.fiscalYearChoose;
    }
    const amount = yenField(t, values[budgetFields.amountYen]!);
    if ('error' in amount) {
      errors[budgetFields.amountYen] = amount.error;
    }
    const purpose = visibleText(values[budgetFields.purpose]!);
    if (purpose === '') {
      errors[budgetFields.purpose] = e.purposeRequired;
    } else if (purpose.length > limits.text) {
      errors[budgetFields.purpose] = t.account.errors.tooLong(limits.text);
    }
    if (Object.keys(errors).length > 0 || fiscalYear === undefined || 'error' in amount) {
      return rerender(request, reply, id, { state: { values, errors } }, 400);
    }
    const result = await fileRequest(processEnvOf(request), processActorOf(request), id, {
      fiscalYear,
      amountYen: amount.yen,
      purpose,
    });
    if (result.ok) {
      setNotice(request, t.budget.filedNotice);
      return redirectTo(request, reply, `/staff/proposals/${id}`);
    }
    if (result.refusal === 'notFound') {
      throw new NotFound();
    }
    if (result.refusal === 'noFund') {
      const state = { values, errors: { [budgetFields.fiscalYear]: e.noFund } };
      return rerender(request, reply, id, { state }, 400);
    }
    // The proposal moved on (or back) since the page was drawn, or the person may not ask.
    const problem = result.refusal === 'notFundable' ? e.notFundable : e.notAllowed;
    return rerender(
      request,
      reply,
      id,
      { state: { values, errors: {} }, problem },
      refusalStatus(result.refusal),
    );
  });

  localized(
    app,
    'POST',
    '/staff/proposals/:id/budget-requests/:requestId/withdraw',
    async (request, reply) => {
      requireSignedIn(request);
      await authorize(request, 'staffArea', 'enter', { tenantId: gate.tenant().id });
      const id = idFrom(request, 'id');
      const requestId = idFrom(request, 'requestId');
      const t = gate.context(request).t;
      const owned = await gate.database.db
        .selectFrom('budget_request')
        .select('id')
        .where('id', '=', requestId)
        .where('proposal_id', '=', id)
        .where('tenant_id', '=', gate.tenant().id)
        .executeTakeFirst();
      if (!owned) {
        throw new NotFound();
      }
      const result = await withdrawRequest(
        processEnvOf(request),
        processActorOf(request),
        requestId,
      );
      if (result.ok) {
        setNotice(request, t.budget.withdrawnNotice);
        return redirectTo(request, reply, `/staff/proposals/${id}`);
      }
      if (result.refusal === 'notFound') {
        throw new NotFound();
      }
      const problem =
        result.refusal === 'notOpen' ? t.budget.errors.notOpen : t.budget.errors.notAllowed;
      return rerender(
        request,
        reply,
        id,
        { state: { values: {}, errors: {} }, problem },
        refusalStatus(result.refusal),
      );
    },
  );
}
