import type { FastifyRequest } from 'fastify';
import type { BudgetRefusal } from '../app/budget/requests.ts';
import { readYen } from '../domain/budget.ts';
import { localize } from '../domain/language.ts';
import type { Messages } from './i18n/index.ts';

// What the budget forms share: reading amounts, the status of a refusal, department names.

/** An amount field as typed, or the words of its problem. */
export function yenField(t: Messages, typed: string): { yen: number } | { error: string } {
  const e = t.budget.errors;
  const reading = readYen(typed);
  if (reading.ok) {
    return reading.yen > 0 ? { yen: reading.yen } : { error: e.amountZero };
  }
  return {
    error: {
      required: e.amountRequired,
      invalid: e.amountInvalid,
      tooLarge: e.amountTooLarge,
    }[reading.problem],
  };
}

/** A non-negative amount (a fund may be created empty), or the words of its problem. */
export function fundAmountField(t: Messages, typed: string): { yen: number } | { error: string } {
  const reading = readYen(typed);
  if (reading.ok) {
    return { yen: reading.yen };
  }
  return yenField(t, typed);
}

/** Refused for want of a right: 403; for the state of things: 409. */
export function refusalStatus(refusal: BudgetRefusal): number {
  return refusal === 'notAllowed' ? 403 : 409;
}

/** Every department of the tenant by id, named in `lang`. */
export function departmentNamesOf(request: FastifyRequest, lang: 'ja' | 'en') {
  const gate = request.server.gate;
  return gate.database.db
    .selectFrom('department')
    .select(['id', 'name_ja', 'name_en'])
    .where('tenant_id', '=', gate.tenant().id)
    .execute()
    .then(
      (rows) =>
        new Map(
          rows.map((row) => [row.id, localize({ ja: row.name_ja, en: row.name_en }, lang).text]),
        ),
    );
}
