import { z } from 'zod';
import type { CaseInput } from '../app/cases/edit.ts';
import type { LoadedCase } from '../app/cases/lists.ts';
import { limits } from '../domain/limits.ts';
import { optionalText, postedList, readForm, requiredText, type FormState } from './forms.ts';
import type { Messages } from './i18n/index.ts';

/** The case form's schema: the gate's texts in Japanese, English optional. */
const caseSchema = z.object({
  titleJa: requiredText(limits.title),
  titleEn: optionalText(limits.title),
  summaryJa: requiredText(limits.text),
  summaryEn: optionalText(limits.text),
  activitiesJa: optionalText(limits.text),
  activitiesEn: optionalText(limits.text),
  resultsJa: optionalText(limits.text),
  resultsEn: optionalText(limits.text),
  periodJa: optionalText(limits.name),
  periodEn: optionalText(limits.name),
  partnersJa: requiredText(limits.name),
  partnersEn: optionalText(limits.name),
  year: z
    .string()
    // Digits typed in full width (２０２７) are the same year.
    .transform((value) => value.normalize('NFKC').trim())
    .refine((value) => value === '' || /^(19|2[01])\d\d$|^2200$/.test(value), 'yearInvalid'),
  translationPending: z.string(),
  version: z.string(),
});

/** The version of the case a form was opened at; 0 when the form does not say. */
export function caseVersionOf(raw: string | undefined): number {
  return /^\d{1,9}$/.test(raw ?? '') ? Number(raw) : 0;
}

const idList = (body: unknown, name: string) =>
  postedList(body, name).filter((value) => /^[1-9]\d{0,9}$/.test(value));

export type CaseFormResult =
  | { ok: true; input: CaseInput; version: number; values: Record<string, string> }
  | { ok: false; state: FormState };

/** Reads the posted case form; problems come back with everything typed, in `t`'s language. */
export function readCaseForm(body: unknown, t: Messages): CaseFormResult {
  const fieldIds = idList(body, 'fields');
  const methodIds = idList(body, 'methods');
  const lists = { fields: fieldIds.join(','), methods: methodIds.join(',') };
  const parsed = readForm(caseSchema, body, t);
  if (!parsed.ok) {
    const errors = { ...parsed.state.errors };
    if (errors.year) {
      errors.year = t.caseWork.yearInvalid;
    }
    return { ok: false, state: { values: { ...parsed.state.values, ...lists }, errors } };
  }
  const d = parsed.data;
  return {
    ok: true,
    values: { ...parsed.values, ...lists },
    version: caseVersionOf(d.version),
    input: {
      titleJa: d.titleJa,
      titleEn: d.titleEn,
      summaryJa: d.summaryJa,
      summaryEn: d.summaryEn,
      activitiesJa: d.activitiesJa,
      activitiesEn: d.activitiesEn,
      resultsJa: d.resultsJa,
      resultsEn: d.resultsEn,
      periodJa: d.periodJa,
      periodEn: d.periodEn,
      partnersJa: d.partnersJa,
      partnersEn: d.partnersEn,
      year: d.year === '' ? null : Number(d.year),
      fieldIds: fieldIds.map(Number),
      methodIds: methodIds.map(Number),
      translationPending: d.translationPending === 'yes',
    },
  };
}

/** The form's values for a stored case, as the edit page starts. */
export function caseFormValues(row: LoadedCase): Record<string, string> {
  return {
    titleJa: row.title_ja,
    titleEn: row.title_en ?? '',
    summaryJa: row.summary_ja,
    summaryEn: row.summary_en ?? '',
    activitiesJa: row.activities_ja ?? '',
    activitiesEn: row.activities_en ?? '',
    resultsJa: row.results_ja ?? '',
    resultsEn: row.results_en ?? '',
    periodJa: row.period_ja ?? '',
    periodEn: row.period_en ?? '',
    partnersJa: row.partners_ja,
    partnersEn: row.partners_en ?? '',
    year: row.year === null ? '' : String(row.year),
    fields: row.fieldIds.join(','),
    methods: row.methodIds.join(','),
    translationPending: row.translation_pending ? 'yes' : '',
    version: String(row.version),
  };
}
