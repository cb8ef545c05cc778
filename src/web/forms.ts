import { z } from 'zod';
import { isCorporateNumber, normaliseCorporateNumber } from '../domain/corporate-number.ts';
import { isEmailAddress } from '../domain/email.ts';
import { limits } from '../domain/limits.ts';
import { passwordProblem, passwordLength } from '../domain/password.ts';
import { isCommonPassword } from '../app/accounts/common-passwords.ts';
import type { Messages } from './i18n/index.ts';

/**
 * Reading posted forms. Schemas name their problems with codes ('required', 'tooLong:200',
 * 'emailInvalid'); `errorText` turns a code into a sentence in the page's language.
 */

/** What a form page shows: the values as typed and a message per field in error. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | {
      ok: false;
      state: FormState;
    };

/** The posted body as plain strings (the first of repeated fields), nothing else kept. */
export function formValues(body: unknown, fields: readonly string[]): Record<string, string> {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const field of fields) {
    const raw = source[field];
    const value = Array.isArray(raw) ? raw[0] : raw;
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** Every non-empty value posted for a repeated field (checkboxes), as strings. */
export function postedList(body: unknown, field: string): string[] {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = source[field];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** The `token` of a link's query: the first one when repeated, '' when missing or odd. */
export function tokenParam(query: unknown): string {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>).token : '';
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && value.length <= 200 ? value : '';
}

/** A message for an error code, in the page's language. */
export function errorText(t: Messages, code: string): string {
  const [name, argument] = code.split(':', 2) as [string, string | undefined];
  const errors = t.account.errors;
  if (name === 'tooLong') {
    return errors.tooLong(Number(argument));
  }
  const text = (errors as Record<string, unknown>)[name];
  return typeof text === 'string' ? text : errors.required;
}

/** Validates a posted form against a schema of string fields; keeps every typed value. */
export function readForm<S extends z.ZodObject>(
  schema: S,
  body: unknown,
  t: Messages,
): FormResult<z.output<S>> {
  const values = formValues(body, Object.keys(schema.shape));
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    return { ok: true, data: parsed.data, values };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= errorText(t, issue.message);
  }
  return { ok: false, state: { values, errors } };
}

/** Adds a problem found after parsing (a wrong password, a taken address) to a form. */
export function withError(values: Record<string, string>, field: string, message: string) {
  return { values, errors: { [field]: message } };
}

// Field schemas shared by the forms.

/**
 * Text as people mean it: without invisible format characters (zero-width spaces, direction
 * overrides that would turn the text after a name around) and trimmed.
 */
export function visibleText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .trim();
}

export const requiredText = (max: number = limits.name) =>
  z
    .string()
    .transform(visibleText)
    .pipe(z.string().min(1, 'required').max(max, `tooLong:${max}`));

export const optionalText = (max: number = limits.name) =>
  z
    .string()
    .transform(visibleText)
    .pipe(z.string().max(max, `tooLong:${max}`));

export const emailField = z
  .string()
  .transform((value) => value.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .min(1, 'required')
      .max(limits.email, `tooLong:${limits.email}`)
      .refine(isEmailAddress, 'emailInvalid'),
  );

/** A password as typed: never trimmed; its quality is checked by `checkNewPassword`. */
export const passwordField = z.string().min(1, 'required');

export const optionalUrl = z
  .string()
  .trim()
  .max(limits.url, `tooLong:${limits.url}`)
  .refine((value) => value === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), 'urlInvalid');

export const corporateNumberField = z
  .string()
  .transform(normaliseCorporateNumber)
  .refine((value) => value === '' || /^[0-9]{13}$/.test(value), 'corporateNumberInvalid')
  .refine((value) => value === '' || isCorporateNumber(value), 'corporateNumberCheck');

export const checkbox = z.string().refine((value) => value !== '', 'consentRequired');

/** The problem with a new password, as a sentence, or undefined when it is acceptable. */
export function checkNewPassword(
  t: Messages,
  password: string,
  email?: string,
): string | undefined {
  const problem = passwordProblem(password, { email, isCommon: isCommonPassword });
  if (problem === null) {
    return undefined;
  }
  const errors = t.account.errors;
  return {
    tooShort: errors.passwordTooShort,
    tooLong: errors.passwordTooLong,
    common: errors.passwordCommon,
    containsEmail: errors.passwordContainsEmail,
  }[problem];
}

export { passwordLength };
