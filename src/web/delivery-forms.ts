import type { AgreementInput } from '../app/delivery/agreement.ts';
import { agreementKinds, MAX_PARTIES } from '../app/delivery/agreement.ts';
import type { SelectionInput } from '../app/delivery/selection.ts';
import { continuations, type VerificationInput } from '../app/delivery/verification.ts';
import {
  originalityGrounds,
  recommendSelection,
  type Burden,
  type ExclusivityLevel,
  type SelectionMethod,
} from '../domain/implementer-selection.ts';
import { limits } from '../domain/limits.ts';
import { proposalLimits } from '../domain/proposal.ts';
import type { AgreementKind, Continuation } from '../db/schema.ts';
import { formValues, postedList, visibleText, type FormState } from './forms.ts';
import type { Messages } from './i18n/index.ts';

/**
 * Reading the delivery forms of the work page. Each returns the typed input, or the values
 * as typed with a message per field in error, for the page to show again with status 400.
 */

export type Read<T> =
  { ok: true; input: T; values: Record<string, string> } | { ok: false; state: FormState };

/** How many fiscal-year rows the burden table offers. */
export const BURDEN_ROWS = proposalLimits.burdenRows;
/** How many party rows the agreement form offers. */
export const PARTY_ROWS = 4;

const methods: readonly SelectionMethod[] = ['contractProcedure', 'openCall', 'directSelection'];

export const selectionFieldNames = [
  'version',
  'burdenKind',
  ...Array.from({ length: BURDEN_ROWS }, (_, i) => [
    `burdenYear-${i}`,
    `burdenAmount-${i}`,
    `burdenUpkeep-${i}`,
  ]).flat(),
  'exclusivityTime',
  'exclusiveMonths',
  'exclusivityTimeNote',
  'exclusivitySpace',
  'exclusivitySpaceNote',
  ...originalityGrounds.flatMap((g) => [`ground-${g}`, `evidence-${g}`]),
  'implementerKind',
  'implementerName',
  'budgetYear',
  'procedure',
  'procedureResult',
  'method',
  'staffReason',
];

/** The largest indicator value taken: beyond a trillion a value is a typing mistake. */
const MAX_MEASURE = 1e12;

/**
 * A number as people type it: full-width digits and thousands separators are fine; at most
 * six decimals and a trillion either way, so that every value prints as plain digits.
 */
function numberOf(raw: string): number | null {
  const plain = raw.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^-?\d+(\.\d{1,6})?$/.test(plain)) {
    return null;
  }
  const value = Number(plain);
  return Math.abs(value) <= MAX_MEASURE ? value : null;
}

function integerIn(raw: string, min: number, max: number): number | null {
  const value = numberOf(raw);
  return value !== null && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** A real calendar day written 'YYYY-MM-DD'. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The version a form was opened at: 0 for a record that did not exist. */
function versionOf(raw: string): number {
  return integerIn(raw, 0, 2_147_483_647) ?? -1;
}

function tooLong(t: Messages, text: string, max: number): string | undefined {
  return text.length > max ? t.account.errors.tooLong(max) : undefined;
}

/** Reads the selection record form; the recommendation is worked out from what was typed. */
export function readSelectionForm(
  body: unknown,
  t: Messages,
): Read<SelectionInput & { version: number }> {
  const e = t.delivery.errors;
  const values = formValues(body, selectionFieldNames);
  const errors: Record<string, string> = {};
  const text = (name: string, max: number = limits.text) => {
    const value = visibleText(values[name] ?? '');
    const problem = tooLong(t, value, max);
    if (problem) {
      errors[name] = problem;
    }
    return value;
  };

  let burden: Burden = { kind: 'none' };
  if (values.burdenKind === 'pays') {
    const years: { fiscalYear: number; amountYen: number; upkeep: boolean }[] = [];
    for (let i = 0; i < BURDEN_ROWS; i += 1) {
      const yearRaw = (values[`burdenYear-${i}`] ?? '').trim();
      const amountRaw = (values[`burdenAmount-${i}`] ?? '').trim();
      if (yearRaw === '' && amountRaw === '') {
        continue;
      }
      const fiscalYear = integerIn(yearRaw, 2000, 2200);
      const amountYen = integerIn(amountRaw, 0, 1_000_000_000_000);
      if (yearRaw === '' || amountRaw === '') {
        errors[yearRaw === '' ? `burdenYear-${i}` : `burdenAmount-${i}`] = e.rowIncomplete;
      } else if (fiscalYear === null) {
        errors[`burdenYear-${i}`] = e.yearInvalid;
      } else if (amountYen === null) {
        errors[`burdenAmount-${i}`] = e.amountInvalid;
      } else {
        years.push({ fiscalYear, amountYen, upkeep: values[`burdenUpkeep-${i}`] === 'yes' });
      }
    }
    if (years.length === 0 && !Object.keys(errors).some((k) => k.startsWith('burden'))) {
      errors.burdenKind = e.burdenRowsRequired;
    } else if (years.length > 0 && years.every((year) => year.amountYen === 0)) {
      errors.burdenKind = e.burdenAllZero;
    }
    burden = { kind: 'pays', years };
  } else if (values.burdenKind !== 'none') {
    errors.burdenKind = e.chooseBurden;
  }

  const level = (name: string): ExclusivityLevel => {
    const value = values[name];
    if (value === 'low' || value === 'high') {
      return value;
    }
    errors[name] = e.chooseLevel;
    return 'low' as const;
  };
  const exclusivityTime = level('exclusivityTime');
  const exclusivitySpace = level('exclusivitySpace');
  const monthsRaw = (values.exclusiveMonths ?? '').trim();
  const exclusiveMonths = monthsRaw === '' ? null : integerIn(monthsRaw, 1, 1200);
  if (monthsRaw !== '' && exclusiveMonths === null) {
    errors.exclusiveMonths = e.monthsInvalid;
  }

  const originality: Record<string, string> = {};
  for (const ground of originalityGrounds) {
    const evidence = text(`evidence-${ground}`);
    if (values[`ground-${ground}`] === 'yes') {
      if (evidence === '') {
        errors[`evidence-${ground}`] = e.evidenceRequired;
      }
      originality[ground] = evidence;
    }
  }

  const implementerName = text('implementerName', limits.name);
  if (values.implementerKind === 'other' && implementerName === '') {
    errors.implementerName = e.implementerRequired;
  } else if (values.implementerKind !== 'proposer' && values.implementerKind !== 'other') {
    errors.implementerKind = e.chooseImplementer;
  }

  const budgetRaw = (values.budgetYear ?? '').trim();
  const budgetYear = budgetRaw === '' ? null : integerIn(budgetRaw, 2000, 2200);
  if (budgetRaw !== '' && budgetYear === null) {
    errors.budgetYear = e.yearInvalid;
  }

  const recommendation = recommendSelection({
    burden,
    exclusivity: { time: exclusivityTime, space: exclusivitySpace },
    originality: Object.fromEntries(
      Object.entries(originality).filter(([, evidence]) => evidence !== ''),
    ),
  });
  let method: SelectionMethod | null = null;
  if ((methods as readonly string[]).includes(values.method ?? '')) {
    method = values.method as SelectionMethod;
  } else if ((values.method ?? '') !== '') {
    errors.method = e.chooseMethod;
  }
  const staffReason = text('staffReason');
  // The recommendation stands on the facts: while one of them is wrong, so may it be.
  const factsValid = Object.keys(errors).length === 0;
  if (factsValid && method !== null && method !== recommendation.method && staffReason === '') {
    errors.staffReason = e.reasonRequired;
  }
  const input = {
    version: versionOf(values.version ?? ''),
    burden,
    exclusivityTime,
    exclusiveMonths,
    exclusivityTimeNote: text('exclusivityTimeNote'),
    exclusivitySpace,
    exclusivitySpaceNote: text('exclusivitySpaceNote'),
    originality,
    method,
    staffReason,
    implementer:
      values.implementerKind === 'other'
        ? { kind: 'other' as const, name: implementerName }
        : { kind: 'proposer' as const },
    budgetYear,
    procedure: text('procedure'),
    procedureResult: text('procedureResult'),
  };
  if (Object.keys(errors).length > 0) {
    return { ok: false, state: { values, errors } };
  }
  return { ok: true, input, values };
}

/** Reads the length of an open call, in days from today. */
export function readOpenCallForm(body: unknown, t: Messages): Read<{ days: number }> {
  const values = formValues(body, ['callDays']);
  const days = integerIn(values.callDays ?? '', 1, 365);
  if (days === null) {
    return { ok: false, state: { values, errors: { callDays: t.delivery.errors.daysInvalid } } };
  }
  return { ok: true, input: { days }, values };
}

export const agreementFieldNames = [
  'version',
  'kind',
  'agreementTitle',
  ...Array.from({ length: PARTY_ROWS }, (_, i) => [`partyName-${i}`, `partyRoles-${i}`]).flat(),
  'cityRoles',
  'partnerRoles',
  'signedOn',
  'startsOn',
  'endsOn',
];

/** Reads the agreement form's text fields (the files come separately). */
export function readAgreementForm(
  fields: Record<string, string[]>,
  t: Messages,
  today: string,
): Read<Omit<AgreementInput, 'files'> & { version: number }> {
  const e = t.delivery.errors;
  const values: Record<string, string> = Object.fromEntries(
    agreementFieldNames.map((name) => [name, fields[name]?.[0] ?? '']),
  );
  const removeFileIds = (fields.removeFiles ?? [])
    .map((value) => integerIn(value, 1, 2_147_483_647))
    .filter((value): value is number => value !== null);
  values.removeFiles = removeFileIds.join(',');
  const errors: Record<string, string> = {};
  const text = (name: string, max: number = limits.text, required = false) => {
    const value = visibleText(values[name] ?? '');
    const problem = tooLong(t, value, max);
    if (problem) {
      errors[name] = problem;
    } else if (required && value === '') {
      errors[name] = t.account.errors.required;
    }
    return value;
  };
  const kind = values.kind as AgreementKind;
  if (!agreementKinds.includes(kind)) {
    errors.kind = e.chooseKind;
  }
  const title = text('agreementTitle', limits.title, true);
  const parties: AgreementInput['parties'] = [];
  for (let i = 0; i < Math.min(PARTY_ROWS, MAX_PARTIES); i += 1) {
    const name = text(`partyName-${i}`, limits.name);
    const responsibilities = text(`partyRoles-${i}`);
    if (name === '' && responsibilities !== '') {
      errors[`partyName-${i}`] = e.partyNameRequired;
    } else if (name !== '') {
      parties.push({ name, responsibilities });
    }
  }
  if (parties.length < 2 && !errors['partyName-0'] && !errors['partyName-1']) {
    errors[parties.length === 0 ? 'partyName-0' : 'partyName-1'] = e.partiesRequired;
  }
  const day = (name: string, required: boolean) => {
    const value = (values[name] ?? '').trim();
    if (value === '') {
      if (required) {
        errors[name] = e.dateRequired;
      }
      return null;
    }
    if (!isDay(value)) {
      errors[name] = e.dateInvalid;
      return null;
    }
    if (value < '2000-01-01' || value > '2200-12-31') {
      errors[name] = e.dateOutOfRange;
      return null;
    }
    return value;
  };
  const signedOn = day('signedOn', false);
  // A signature is recorded once it was made, not ahead of it.
  if (signedOn !== null && signedOn > today) {
    errors.signedOn = e.signedInFuture;
  }
  const startsOn = day('startsOn', true);
  const endsOn = day('endsOn', false);
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    errors.endsOn = e.endsBeforeStart;
  }
  const input = {
    version: versionOf(values.version ?? ''),
    kind,
    title,
    parties,
    cityRoles: text('cityRoles'),
    partnerRoles: text('partnerRoles'),
    signedOn,
    startsOn: startsOn ?? '',
    endsOn,
    removeFileIds,
  };
  if (Object.keys(errors).length > 0) {
    return { ok: false, state: { values, errors } };
  }
  return { ok: true, input, values };
}

/** Reads a progress note. */
export function readNoteForm(body: unknown, t: Messages): Read<{ notedOn: string; body: string }> {
  const values = formValues(body, ['notedOn', 'noteBody']);
  const errors: Record<string, string> = {};
  const notedOn = (values.notedOn ?? '').trim();
  if (!isDay(notedOn)) {
    errors.notedOn =
      notedOn === '' ? t.delivery.errors.dateRequired : t.delivery.errors.dateInvalid;
  }
  const text = visibleText(values.noteBody ?? '');
  if (text === '') {
    errors.noteBody = t.account.errors.required;
  } else if (text.length > limits.text) {
    errors.noteBody = t.account.errors.tooLong(limits.text);
  }
  return Object.keys(errors).length > 0
    ? { ok: false, state: { values, errors } }
    : { ok: true, input: { notedOn, body: text }, values };
}

/** Reads a new indicator. */
export function readIndicatorForm(
  body: unknown,
  t: Messages,
): Read<{ name: string; unit: string; target: number }> {
  const values = formValues(body, ['indicatorName', 'indicatorUnit', 'indicatorTarget']);
  const errors: Record<string, string> = {};
  const name = visibleText(values.indicatorName ?? '');
  const unit = visibleText(values.indicatorUnit ?? '');
  const target = numberOf(values.indicatorTarget ?? '');
  if (name === '') {
    errors.indicatorName = t.account.errors.required;
  } else if (name.length > limits.name) {
    errors.indicatorName = t.account.errors.tooLong(limits.name);
  }
  if (unit.length > 40) {
    errors.indicatorUnit = t.account.errors.tooLong(40);
  }
  if (target === null) {
    errors.indicatorTarget = t.delivery.errors.numberInvalid;
  }
  return Object.keys(errors).length > 0
    ? { ok: false, state: { values, errors } }
    : { ok: true, input: { name, unit, target: target! }, values };
}

/** Reads an actual value of an indicator for a period. */
export function readActualForm(
  body: unknown,
  t: Messages,
): Read<{ indicatorId: number; period: string; value: number; note: string }> {
  const values = formValues(body, ['actualIndicator', 'actualPeriod', 'actualValue', 'actualNote']);
  const errors: Record<string, string> = {};
  const indicatorId = integerIn(values.actualIndicator ?? '', 1, 2_147_483_647);
  if (indicatorId === null) {
    errors.actualIndicator = t.delivery.refusals.unknownIndicator;
  }
  const period = visibleText(values.actualPeriod ?? '');
  if (period === '' || period.length > 40) {
    errors.actualPeriod = t.delivery.errors.periodRequired;
  }
  const value = numberOf(values.actualValue ?? '');
  if (value === null) {
    errors.actualValue = t.delivery.errors.numberInvalid;
  }
  const note = visibleText(values.actualNote ?? '');
  if (note.length > limits.text) {
    errors.actualNote = t.account.errors.tooLong(limits.text);
  }
  return Object.keys(errors).length > 0
    ? { ok: false, state: { values, errors } }
    : { ok: true, input: { indicatorId: indicatorId!, period, value: value!, note }, values };
}

const verificationTexts = [
  'worked',
  'fellShort',
  'lessons',
  'cityView',
  'implementerView',
] as const;

/** Reads the verification; `indicatorIds` are the project's indicators. */
export function readVerificationForm(
  body: unknown,
  t: Messages,
  indicatorIds: readonly number[],
): Read<VerificationInput & { version: number }> {
  const resultNames = indicatorIds.map((id) => `result-${id}`);
  const values = formValues(body, [
    'version',
    ...verificationTexts,
    'continuation',
    'needsCityMoney',
    ...resultNames,
  ]);
  const errors: Record<string, string> = {};
  const texts = {} as Record<(typeof verificationTexts)[number], string>;
  for (const name of verificationTexts) {
    const value = visibleText(values[name] ?? '');
    if (value === '') {
      errors[name] = t.account.errors.required;
    } else if (value.length > limits.text) {
      errors[name] = t.account.errors.tooLong(limits.text);
    }
    texts[name] = value;
  }
  const indicatorResults: Record<string, string> = {};
  for (const id of indicatorIds) {
    const value = visibleText(values[`result-${id}`] ?? '');
    if (value.length > limits.text) {
      errors[`result-${id}`] = t.account.errors.tooLong(limits.text);
    }
    indicatorResults[String(id)] = value;
  }
  const continuation = values.continuation as Continuation;
  if (!continuations.includes(continuation)) {
    errors.continuation = t.delivery.errors.chooseContinuation;
  }
  const input = {
    version: versionOf(values.version ?? ''),
    indicatorResults,
    ...texts,
    continuation,
    needsCityMoney: values.needsCityMoney === 'yes',
  };
  return Object.keys(errors).length > 0
    ? { ok: false, state: { values, errors } }
    : { ok: true, input, values };
}

/** The ids ticked in a list of checkboxes, for forms read with formbody. */
export function postedIds(body: unknown, field: string): number[] {
  return postedList(body, field)
    .map((value) => integerIn(value, 1, 2_147_483_647))
    .filter((value): value is number => value !== null);
}
