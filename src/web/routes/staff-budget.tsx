import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeFundAmount, createFund } from '../../app/budget/funds.ts';
import { fundOfYear, listFunds, requestsOfFund } from '../../app/budget/queries.ts';
import {
  allocateRequest,
  declineRequest,
  type BudgetRefusal,
  type BudgetResult,
} from '../../app/budget/requests.ts';
import { fiscalYearOf } from '../../domain/calendar.ts';
import { balanceOf, formatYen, groupedDigits } from '../../domain/budget.ts';
import { limits } from '../../domain/limits.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { departmentNamesOf, fundAmountField, yenField } from '../budget-form.ts';
import { formValues, visibleText, type FormState } from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import {
  BudgetListPage,
  BudgetYearPage,
  fiscalYearName,
  requestFields,
} from '../views/staff/budget.tsx';
import { idFrom } from './proposal-records.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

function fiscalYearParam(request: FastifyRequest): number {
  const raw = (request.params as Record<string, unknown>).fiscalYear;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) {
    throw new NotFound();
  }
  return Number(raw);
}

/**
 * The partnership budget pages under /staff/budget, for gate staff: the funds of each fiscal
 * year, one year's requests with the forms to allocate or decline them.
 */
export function registerBudgetRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  async function enter(request: FastifyRequest) {
    requireSignedIn(request);
    await authorize(request, 'partnershipBudget', 'view', { tenantId: tenantId() });
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState = { values: {}, errors: {} },
    status = 200,
  ) {
    const ctx = personalContext(request, reply);
    const funds = await listFunds(db, tenantId());
    const current = fiscalYearOf(ctx.today);
    const taken = new Set(funds.map((fund) => fund.fiscalYear));
    const years = [current - 1, current, current + 1, current + 2].filter((y) => !taken.has(y));
    const shown =
      status === 200 && state.values.fiscalYear === undefined
        ? { ...state, values: { fiscalYear: String(years.includes(current) ? current : '') } }
        : state;
    return sendPersonalPage(
      reply,
      <BudgetListPage
        ctx={ctx}
        funds={funds}
        years={years}
        state={shown}
        notice={status === 200 ? takeNotice(request) : undefined}
      />,
      status,
    );
  }

  localized(app, 'GET', '/staff/budget', async (request, reply) => {
    await enter(request);
    return listPage(request, reply);
  });

  localized(app, 'POST', '/staff/budget/funds', async (request, reply) => {
    await enter(request);
    const t = gate.context(request).t;
    const e = t.budget.errors;
    const values = formValues(request.body, ['fiscalYear', 'amountYen', 'note']);
    const errors: Record<string, string> = {};
    const fiscalYear = /^\d{4}$/.test(values.fiscalYear!) ? Number(values.fiscalYear) : undefined;
    if (fiscalYear === undefined) {
      errors.fiscalYear = e.fiscalYearChoose;
    }
    const amount = fundAmountField(t, values.amountYen!);
    if ('error' in amount) {
      errors.amountYen = amount.error;
    }
    const note = visibleText(values.note!);
    if (note.length > limits.text) {
      errors.note = t.account.errors.tooLong(limits.text);
    }
    if (Object.keys(errors).length > 0 || fiscalYear === undefined || 'error' in amount) {
      return listPage(request, reply, { values, errors }, 400);
    }
    const result = await createFund(processEnvOf(request), processActorOf(request), {
      fiscalYear,
      amountYen: amount.yen,
      note,
    });
    if (!result.ok) {
      const error = result.refusal === 'fundExists' ? e.fundExists : e.fiscalYearChoose;
      const status = result.refusal === 'fundExists' ? 409 : 400;
      return listPage(request, reply, { values, errors: { fiscalYear: error } }, status);
    }
    const ctx = gate.context(request);
    setNotice(request, t.budget.fundCreated(fiscalYearName(ctx, fiscalYear)));
    return redirectTo(request, reply, `/staff/budget/${fiscalYear}`);
  });

  async function yearPage(
    request: FastifyRequest,
    reply: FastifyReply,
    fiscalYear: number,
    posted?: { state: FormState; problem?: string },
    status = 200,
  ) {
    const ctx = personalContext(request, reply);
    const fund = await fundOfYear(db, tenantId(), fiscalYear);
    if (!fund) {
      throw new NotFound();
    }
    const [requests, departmentNames] = await Promise.all([
      requestsOfFund(db, tenantId(), fund.id),
      departmentNamesOf(request, ctx.lang),
    ]);
    // Every form starts from its defaults; the one posted keeps what was typed.
    const defaults: Record<string, string> = { amountYen: groupedDigits(fund.amountYen) };
    for (const row of requests) {
      defaults[requestFields(row.id).amount] = groupedDigits(row.amountYen);
    }
    const state = {
      values: { ...defaults, ...posted?.state.values },
      errors: posted?.state.errors ?? {},
    };
    return sendPersonalPage(
      reply,
      <BudgetYearPage
        ctx={ctx}
        fund={fund}
        requests={requests}
        departmentNames={departmentNames}
        state={state}
        problem={posted?.problem}
        notice={status === 200 ? takeNotice(request) : undefined}
      />,
      status,
    );
  }

  localized(app, 'GET', '/staff/budget/:fiscalYear', async (request, reply) => {
    await enter(request);
    return yearPage(request, reply, fiscalYearParam(request));
  });

  localized(app, 'POST', '/staff/budget/:fiscalYear/amount', async (request, reply) => {
    await enter(request);
    const fiscalYear = fiscalYearParam(request);
    const t = gate.context(request).t;
    const values = formValues(request.body, ['amountYen']);
    const fund = await fundOfYear(db, tenantId(), fiscalYear);
    if (!fund) {
      throw new NotFound();
    }
    const amount = fundAmountField(t, values.amountYen!);
    if ('error' in amount) {
      return yearPage(
        request,
        reply,
        fiscalYear,
        {
          state: { values, errors: { amountYen: amount.error } },
        },
        400,
      );
    }
    const result = await changeFundAmount(
      processEnvOf(request),
      processActorOf(request),
      fund.id,
      amount.yen,
    );
    if (!result.ok) {
      if (result.refusal === 'notFound') {
        throw new NotFound();
      }
      const current = await fundOfYear(db, tenantId(), fiscalYear);
      const lang = request.lang;
      const error =
        result.refusal === 'belowAllocated'
          ? t.budget.errors.belowAllocated(formatYen(current?.allocatedYen ?? 0, lang))
          : t.budget.errors.amountTooLarge;
      const status = result.refusal === 'belowAllocated' ? 409 : 400;
      return yearPage(
        request,
        reply,
        fiscalYear,
        { state: { values, errors: { amountYen: error } } },
        status,
      );
    }
    const ctx = gate.context(request);
    setNotice(
      request,
      t.budget.amountChanged(fiscalYearName(ctx, fiscalYear), formatYen(amount.yen, request.lang)),
    );
    return redirectTo(request, reply, `/staff/budget/${fiscalYear}`);
  });

  /** The request of a fund's page, or "not found" when it is another year's or missing. */
  async function requestOn(request: FastifyRequest, fiscalYear: number) {
    const requestId = idFrom(request, 'id');
    const row = await db
      .selectFrom('budget_request as r')
      .innerJoin('partnership_fund as f', 'f.id', 'r.fund_id')
      .select(['r.id', 'r.amount_yen'])
      .where('r.id', '=', requestId)
      .where('r.tenant_id', '=', tenantId())
      .where('f.fiscal_year', '=', fiscalYear)
      .executeTakeFirst();
    if (!row) {
      throw new NotFound();
    }
    return row;
  }

  function problemOf(
    t: Messages,
    refusal: BudgetRefusal,
    amounts: { balance: number; requestedYen: number },
    lang: 'ja' | 'en',
  ) {
    const { balance, requestedYen } = amounts;
    const e = t.budget.errors;
    switch (refusal) {
      case 'overAllocation':
        return e.overAllocation(formatYen(balance, lang));
      case 'notOpen':
        return e.notOpen;
      case 'notFundable':
        return e.notFundable;
      case 'ownRequest':
        return e.ownRequest;
      case 'moreThanRequested':
        return e.moreThanRequested(formatYen(requestedYen, lang));
      default:
        return e.notAllowed;
    }
  }

  /** The request a decision form posts about, with the names of that form's fields. */
  async function decisionOn(request: FastifyRequest) {
    await enter(request);
    const fiscalYear = fiscalYearParam(request);
    const row = await requestOn(request, fiscalYear);
    return { fiscalYear, row, t: gate.context(request).t, names: requestFields(row.id) };
  }

  /**
   * Answers a decision on a request: back to the year with `done` said, or the year page
   * again with the refusal as its problem. `balance` is asked only for a refusal.
   */
  async function answerDecision(
    request: FastifyRequest,
    reply: FastifyReply,
    decision: { fiscalYear: number; row: { amount_yen: number }; t: Messages },
    values: Record<string, string>,
    result: BudgetResult,
    done: string,
    balance: () => Promise<number>,
  ) {
    const { fiscalYear, row, t } = decision;
    if (result.ok) {
      setNotice(request, done);
      return redirectTo(request, reply, `/staff/budget/${fiscalYear}`);
    }
    if (result.refusal === 'notFound') {
      throw new NotFound();
    }

    const problem = problemOf(
      t,
      result.refusal,
      { balance: await balance(), requestedYen: row.amount_yen },
      request.lang,
    );
    const status = result.refusal === 'notAllowed' ? 403 : 409;
    return yearPage(request, reply, fiscalYear, { state: { values, errors: {} }, problem }, status);
  }

  localized(
    app,
    'POST',
    '/staff/budget/:fiscalYear/requests/:id/allocate',
    async (request, reply) => {
      const decision = await decisionOn(request);
      const { fiscalYear, row, t, names } = decision;
      const values = formValues(request.body, [names.amount, names.note]);
      const amount = yenField(t, values[names.amount]!);
      const note = visibleText(values[names.note]!);
      const errors: Record<string, string> = {};
      if ('error' in amount) {
        errors[names.amount] = amount.error;
      } else if (amount.yen > row.amount_yen) {
        errors[names.amount] = t.budget.errors.moreThanRequested(
          formatYen(row.amount_yen, request.lang),
        );
      }
      if (note.length > limits.text) {
        errors[names.note] = t.account.errors.tooLong(limits.text);
      }
      if (Object.keys(errors).length > 0 || 'error' in amount) {
        return yearPage(request, reply, fiscalYear, { state: { values, errors } }, 400);
      }
      const result = await allocateRequest(processEnvOf(request), processActorOf(request), row.id, {
        amountYen: amount.yen,
        note,
      });
      return answerDecision(
        request,
        reply,
        decision,
        values,
        result,
        t.budget.allocatedNotice,
        async () => {
          const fund = await fundOfYear(db, tenantId(), fiscalYear);
          return fund ? balanceOf(fund) : 0;
        },
      );
    },
  );

  localized(
    app,
    'POST',
    '/staff/budget/:fiscalYear/requests/:id/decline',
    async (request, reply) => {
      const decision = await decisionOn(request);
      const { fiscalYear, row, t, names } = decision;
      const values = formValues(request.body, [names.declineNote]);
      const note = visibleText(values[names.declineNote]!);
      const error =
        note === ''
          ? t.budget.errors.declineNoteRequired
          : note.length > limits.text
            ? t.account.errors.tooLong(limits.text)
            : undefined;
      if (error) {
        return yearPage(
          request,
          reply,
          fiscalYear,
          { state: { values, errors: { [names.declineNote]: error } } },
          400,
        );
      }
      const result = await declineRequest(
        processEnvOf(request),
        processActorOf(request),
        row.id,
        note,
      );
      return answerDecision(request, reply, decision, values, result, t.budget.declinedNotice, () =>
        Promise.resolve(0),
      );
    },
  );
}
