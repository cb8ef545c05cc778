import { fiscalYearOf } from '../domain/calendar.ts';
import { limits } from '../domain/limits.ts';
import {
  cityRequestKinds,
  disclosureMarks,
  proposalLimits,
  proposalSections,
  textSections,
  type BurdenEstimate,
  type CityRequestKind,
  type Disclosure,
  type DisclosureMark,
  type Incomplete,
  type Indicator,
  type ProposalContent,
  type ProposalSection,
  type TextSection,
} from '../domain/proposal.ts';
import { visibleText } from './forms.ts';
import type { Messages } from './i18n/index.ts';

/**
 * Reading the posted proposal form. Pure: the route collects every non-file field of the
 * multipart body as arrays of strings and passes them here with what may be chosen.
 *
 * A draft may be saved incomplete, so nothing missing is an error here: errors are only
 * what cannot be stored as typed (too long, an amount that is not a number, a half-filled
 * row). What a submission still lacks comes from incompleteParts, shown with
 * incompleteMessage.
 *
 * Field names (the view uses the same): title, summary, section-<textSection>,
 * disclosure-<section>, disclosureReason-<section>, cityRequests[], burdenKind,
 * burden-<i>-fiscalYear|amount|upkeep|note, indicator-<i>-name|target|unit, methods[],
 * fields[], concepts[], eligibility[], privacy, attachment-<id>-disclosure|reason|remove,
 * upload-<slot>-disclosure|reason, version, action.
 */

export const proposalFormActions = ['save', 'submit', 'addIndicator', 'addBurden'] as const;
export type ProposalFormAction = (typeof proposalFormActions)[number];

/** What was typed, to show again: a string per field, an array per checkbox group. */
export type ProposalFormValues = Record<string, string | string[]>;

export interface AttachmentChange {
  id: number;
  disclosure: DisclosureMark;
  reason: string;
  remove: boolean;
}

export interface UploadSlotFields {
  slot: number;
  disclosure: DisclosureMark;
  reason: string;
}

export interface ProposalFormAllowed {
  fieldIds: number[];
  conceptIds: number[];
  methodIds: number[];
  eligibilityCodes: string[];
  fiscalYears: number[];
}

export interface ParsedProposalForm {
  content: ProposalContent;
  attachmentChanges: AttachmentChange[];
  uploads: UploadSlotFields[];
  action: ProposalFormAction;
  /** The version the form was opened at; -1 when missing or unreadable. */
  version: number;
  /** Field name → error code ('tooLong:400', 'amountInvalid', 'indicatorIncomplete', …). */
  errors: Record<string, string>;
  values: ProposalFormValues;
}

/** Checkbox groups: every checked value is kept, in order. */
const repeatedFields = ['cityRequests', 'methods', 'fields', 'concepts', 'eligibility'] as const;

/** The longest text of each kind of field. */
export const proposalFieldLimits = {
  title: limits.title,
  summary: proposalLimits.summary,
  section: proposalLimits.section,
  reason: proposalLimits.reason,
  indicatorName: limits.name,
  indicatorTarget: limits.name,
  indicatorUnit: 50,
  burdenNote: limits.name,
  /** The largest amount of one estimate row, in yen: under one trillion. */
  amountYen: 999_999_999_999,
} as const;

const indicatorColumns = ['name', 'target', 'unit'] as const;
const burdenColumns = ['fiscalYear', 'amount', 'upkeep', 'note'] as const;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text as stored: one kind of line break, no control or invisible characters, trimmed. */
function cleanText(value: string): string {
  return visibleText(value.replace(/\r\n?/g, '\n').replace(controls, ''));
}

function isDisclosureMark(value: string): value is DisclosureMark {
  return (disclosureMarks as readonly string[]).includes(value);
}

/** Reads an id such as '12'; anything else is NaN. */
function idOf(value: string): number {
  return /^[0-9]{1,9}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * An amount of yen as people type it: full-width digits, commas (also full-width and
 * ideographic), spaces, a leading ¥ and a trailing 円 are all accepted. Undefined when it
 * is not a whole, non-negative number.
 */
export function parseYen(value: string): number | undefined {
  const text = value
    .normalize('NFKC')
    .replace(/[\s,、]/g, '')
    .replace(/^[¥\\]/, '')
    .replace(/円$/, '');
  if (!/^[0-9]+$/.test(text)) {
    return undefined;
  }
  return Number(text);
}

/** The numbers of the rows present in the form, in order: indicator-3-name → 3. */
function rowNumbers(fields: Record<string, string[]>, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix}-([0-9]{1,4})-`);
  const found = new Set<number>();
  for (const key of Object.keys(fields)) {
    const match = pattern.exec(key);
    if (match) {
      found.add(Number(match[1]));
    }
  }
  return [...found].sort((a, b) => a - b);
}

function keyNumbers(fields: Record<string, string[]>, pattern: RegExp): number[] {
  const found = new Set<number>();
  for (const key of Object.keys(fields)) {
    const match = pattern.exec(key);
    if (match) {
      found.add(Number(match[1]));
    }
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Reads the posted proposal form. Values come back exactly as typed; empty indicator and
 * burden rows are dropped and the remaining rows numbered from 0, in `content`, `values` and
 * `errors` alike, so that a row's number always matches its place in content (and the parts
 * incompleteParts names, such as 'indicator-0').
 */
export function parseProposalForm(
  fields: Record<string, string[]>,
  allowed: ProposalFormAllowed,
): ParsedProposalForm {
  const first = (name: string): string => fields[name]?.[0] ?? '';
  const all = (name: string): string[] => fields[name] ?? [];
  const errors: Record<string, string> = {};
  const values: ProposalFormValues = {};

  /** Reads one text field: kept as typed in values, cleaned in the result, checked for length. */
  const text = (name: string, max: number, valueName = name): string => {
    const raw = first(name);
    if (fields[name] !== undefined) {
      values[valueName] = raw;
    }
    const cleaned = cleanText(raw);
    if (cleaned.length > max) {
      errors[valueName] = `tooLong:${max}`;
    }
    return cleaned;
  };

  const title = text('title', proposalFieldLimits.title);
  const summary = text('summary', proposalFieldLimits.summary);

  const sections: Partial<Record<TextSection, string>> = {};
  for (const section of textSections) {
    const written = text(`section-${section}`, proposalFieldLimits.section);
    if (written !== '') {
      sections[section] = written;
    }
  }

  const disclosure: Partial<Record<ProposalSection, Disclosure>> = {};
  for (const section of proposalSections) {
    const mark = first(`disclosure-${section}`);
    if (mark !== '') {
      values[`disclosure-${section}`] = mark;
    }
    const reason = text(`disclosureReason-${section}`, proposalFieldLimits.reason);
    if (isDisclosureMark(mark)) {
      disclosure[section] = { mark, reason };
    }
  }

  for (const name of repeatedFields) {
    if (all(name).length > 0) {
      values[name] = [...all(name)];
    }
  }
  const cityRequests = cityRequestKinds.filter((kind): kind is CityRequestKind =>
    all('cityRequests').includes(kind),
  );
  const pick = (name: string, ids: readonly number[]) =>
    unique(all(name).map(idOf)).filter((id) => ids.includes(id));
  const methodIds = pick('methods', allowed.methodIds);
  const fieldIds = pick('fields', allowed.fieldIds);
  const conceptIds = pick('concepts', allowed.conceptIds);
  const eligibility = unique(all('eligibility')).filter((code) =>
    allowed.eligibilityCodes.includes(code),
  );

  // The challenge a new theme proposal answers, carried by the form until its draft exists.
  if (fields.challenge !== undefined) {
    values.challenge = first('challenge');
  }

  const privacy = first('privacy');
  if (privacy !== '') {
    values.privacy = privacy;
  }

  // Indicators: empty rows dropped, half-filled ones kept and flagged.
  const indicators: Indicator[] = [];
  for (const row of rowNumbers(fields, 'indicator')) {
    const raw = indicatorColumns.map((column) => first(`indicator-${row}-${column}`));
    if (raw.every((value) => cleanText(value) === '')) {
      continue;
    }
    const index = indicators.length;
    const [name, target, unit] = [
      text(`indicator-${row}-name`, proposalFieldLimits.indicatorName, `indicator-${index}-name`),
      text(
        `indicator-${row}-target`,
        proposalFieldLimits.indicatorTarget,
        `indicator-${index}-target`,
      ),
      text(`indicator-${row}-unit`, proposalFieldLimits.indicatorUnit, `indicator-${index}-unit`),
    ];
    if (name === '' || target === '' || unit === '') {
      errors[`indicator-${index}`] = 'indicatorIncomplete';
    }
    indicators.push({ name, target, unit });
  }
  if (indicators.length > proposalLimits.indicators) {
    errors.indicators = `tooMany:${proposalLimits.indicators}`;
  }

  // The financial burden: rows are read only for an estimate, but always kept as typed.
  const kindValue = first('burdenKind');
  if (kindValue !== '') {
    values.burdenKind = kindValue;
  }
  const burdenRows: { row: number; index: number }[] = [];
  for (const row of rowNumbers(fields, 'burden')) {
    const raw = burdenColumns.map((column) => first(`burden-${row}-${column}`));
    if (raw.every((value) => cleanText(value) === '')) {
      continue;
    }
    const index = burdenRows.length;
    burdenColumns.forEach((column, i) => {
      if (raw[i] !== '') {
        values[`burden-${index}-${column}`] = raw[i]!;
      }
    });
    burdenRows.push({ row, index });
  }
  const burdenKind =
    kindValue === 'estimate' || (kindValue !== 'none' && burdenRows.length > 0)
      ? 'estimate'
      : 'none';
  if (kindValue === 'none' && burdenRows.length > 0) {
    // Amounts typed while "no burden" is chosen: ask rather than drop them.
    errors.burdenKind = 'burdenKindMismatch';
  }
  const burden: BurdenEstimate[] = [];
  if (burdenKind === 'estimate') {
    for (const { row, index } of burdenRows) {
      const yearText = first(`burden-${row}-fiscalYear`).trim();
      const fiscalYear = /^[0-9]{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      if (!allowed.fiscalYears.includes(fiscalYear)) {
        errors[`burden-${index}-fiscalYear`] = 'fiscalYearRequired';
      }
      const amountText = first(`burden-${row}-amount`);
      const amountYen = parseYen(amountText);
      if (cleanText(amountText) === '') {
        errors[`burden-${index}-amount`] = 'amountRequired';
      } else if (amountYen === undefined) {
        errors[`burden-${index}-amount`] = 'amountInvalid';
      } else if (amountYen > proposalFieldLimits.amountYen) {
        errors[`burden-${index}-amount`] = 'amountTooLarge';
      }
      const note = cleanText(first(`burden-${row}-note`));
      if (note.length > proposalFieldLimits.burdenNote) {
        errors[`burden-${index}-note`] = `tooLong:${proposalFieldLimits.burdenNote}`;
      }
      burden.push({
        fiscalYear,
        amountYen: amountYen ?? 0,
        upkeep: first(`burden-${row}-upkeep`) === 'yes',
        note,
      });
    }
    if (burden.length > proposalLimits.burdenRows) {
      errors.burden = `tooMany:${proposalLimits.burdenRows}`;
    }
  }

  // Attachments already stored: their marks, reasons and removals.
  const attachmentChanges: AttachmentChange[] = [];
  for (const id of keyNumbers(fields, /^attachment-([0-9]{1,9})-(?:disclosure|reason|remove)$/)) {
    const mark = first(`attachment-${id}-disclosure`);
    if (mark !== '') {
      values[`attachment-${id}-disclosure`] = mark;
    }
    const reason = text(`attachment-${id}-reason`, proposalFieldLimits.reason);
    const remove = first(`attachment-${id}-remove`) === 'yes';
    if (remove) {
      values[`attachment-${id}-remove`] = 'yes';
    }
    if (isDisclosureMark(mark)) {
      attachmentChanges.push({ id, disclosure: mark, reason, remove });
    } else if (remove) {
      attachmentChanges.push({ id, disclosure: 'confidential', reason, remove });
    } else {
      errors[`attachment-${id}-disclosure`] = 'choose';
    }
  }

  // Upload slots: a file's mark and reason. A slot without a mark keeps its file confidential.
  const uploads: UploadSlotFields[] = [];
  for (const slot of keyNumbers(fields, /^upload-([0-9]{1,3})-(?:disclosure|reason)$/)) {
    const mark = first(`upload-${slot}-disclosure`);
    if (mark !== '') {
      values[`upload-${slot}-disclosure`] = mark;
    }
    const reason = text(`upload-${slot}-reason`, proposalFieldLimits.reason);
    uploads.push({ slot, disclosure: isDisclosureMark(mark) ? mark : 'confidential', reason });
  }

  const versionText = first('version').trim();
  const version = /^[0-9]{1,9}$/.test(versionText) ? Number(versionText) : -1;
  const pressed = first('action');
  const action = (proposalFormActions as readonly string[]).includes(pressed)
    ? (pressed as ProposalFormAction)
    : 'save';

  return {
    content: {
      title,
      summary,
      sections,
      disclosure,
      cityRequests,
      burdenKind,
      burden,
      indicators,
      methodIds,
      fieldIds,
      conceptIds,
      eligibility,
      privacyNoticeAccepted: privacy === 'yes',
    },
    attachmentChanges,
    uploads,
    action,
    version,
    errors,
    values,
  };
}

/**
 * The form's values for a stored proposal, to open a draft for editing. Attachment marks
 * are not included: the view reads them from the attachments it lists.
 */
export function proposalFormValues(content: ProposalContent): ProposalFormValues {
  const values: ProposalFormValues = { title: content.title, summary: content.summary };
  for (const section of textSections) {
    const written = content.sections[section];
    if (written) {
      values[`section-${section}`] = written;
    }
  }
  for (const section of proposalSections) {
    const chosen = content.disclosure[section];
    if (chosen) {
      values[`disclosure-${section}`] = chosen.mark;
      if (chosen.reason) {
        values[`disclosureReason-${section}`] = chosen.reason;
      }
    }
  }
  values.cityRequests = [...content.cityRequests];
  values.burdenKind = content.burdenKind;
  content.burden.forEach((row, index) => {
    values[`burden-${index}-fiscalYear`] = String(row.fiscalYear);
    values[`burden-${index}-amount`] = row.amountYen.toLocaleString('en-US');
    if (row.upkeep) {
      values[`burden-${index}-upkeep`] = 'yes';
    }
    if (row.note) {
      values[`burden-${index}-note`] = row.note;
    }
  });
  content.indicators.forEach((indicator, index) => {
    values[`indicator-${index}-name`] = indicator.name;
    values[`indicator-${index}-target`] = indicator.target;
    values[`indicator-${index}-unit`] = indicator.unit;
  });
  values.methods = content.methodIds.map(String);
  values.fields = content.fieldIds.map(String);
  values.concepts = content.conceptIds.map(String);
  values.eligibility = [...content.eligibility];
  if (content.privacyNoticeAccepted) {
    values.privacy = 'yes';
  }
  return values;
}

/** How many rows of `prefix` ('indicator' or 'burden') the values hold. */
function rowsIn(values: ProposalFormValues, prefix: string): number {
  const pattern = new RegExp(`^${prefix}-([0-9]{1,4})-`);
  let rows = 0;
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key);
    if (match) {
      rows = Math.max(rows, Number(match[1]) + 1);
    }
  }
  return rows;
}

/**
 * How many indicator and burden rows to show: those filled in, or one empty row when none
 * is, and one more after an "add a row" button; never more than the limits allow.
 */
export function proposalFormRows(
  values: ProposalFormValues,
  action?: ProposalFormAction,
): { indicatorRows: number; burdenRows: number } {
  const indicators = Math.max(rowsIn(values, 'indicator'), 1);
  const burden = Math.max(rowsIn(values, 'burden'), 1);
  return {
    indicatorRows: Math.min(
      indicators + (action === 'addIndicator' && rowsIn(values, 'indicator') > 0 ? 1 : 0),
      proposalLimits.indicators,
    ),
    burdenRows: Math.min(
      burden + (action === 'addBurden' && rowsIn(values, 'burden') > 0 ? 1 : 0),
      proposalLimits.burdenRows,
    ),
  };
}

/**
 * The fiscal years a burden estimate may name: the current one (of `today`, 'YYYY-MM-DD')
 * and the next nine.
 */
export function proposalFiscalYears(today: string): number[] {
  const current = fiscalYearOf(today);
  return Array.from({ length: 10 }, (_, i) => current + i);
}

/** Sections whose name is also the name of another control, so never a text area's id. */
const sharedNames: readonly string[] = ['cityRequests', 'burden'];

/**
 * The id of the control or fieldset in the form for a field name or an Incomplete part, so
 * that the error summary links land on it: 'problem' → 'field-section-problem',
 * 'disclosure-problem' → 'field-disclosure-problem', 'indicator-0' → 'field-indicator-0',
 * 'eligibility-law-order' → 'field-eligibility-law-order', 'burden' → 'field-burden' (the
 * estimate rows), 'fields' → 'field-fields'.
 */
export function formFieldId(part: string): string {
  if (part.startsWith('field-')) {
    return part; // already an id
  }
  if ((textSections as readonly string[]).includes(part) && !sharedNames.includes(part)) {
    return `field-section-${part}`;
  }
  return `field-${part}`;
}

/** The field name an Incomplete part's message belongs beside ('problem' → 'section-problem'). */
export function formFieldName(part: string): string {
  return formFieldId(part).slice('field-'.length);
}

/** The message for an error code of parseProposalForm, in the page's language. */
export function proposalFormErrorText(t: Messages, code: string): string {
  const [name, argument] = code.split(':', 2) as [string, string | undefined];
  const errors = t.proposalForm.errors;
  if (name === 'tooLong') {
    return errors.tooLong(Number(argument));
  }
  if (name === 'tooMany') {
    return errors.tooMany(Number(argument));
  }
  const text = (t.proposalForm.errorCodes as Record<string, string | undefined>)[name];
  return text ?? errors.required;
}

/** Every error code of a parsed form as its message, field by field. */
export function proposalFormErrors(
  t: Messages,
  errors: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, code]) => [field, proposalFormErrorText(t, code)]),
  );
}

/**
 * What a submission still lacks, as a message to show beside the part and, after the
 * part's name, in the error summary.
 */
export function incompleteMessage(t: Messages, incomplete: Incomplete): string {
  const errors = t.proposalForm.errors;
  switch (incomplete.problem) {
    case 'required':
      return errors.required;
    case 'disclosure':
      return errors.disclosure;
    case 'indicator':
      return incomplete.part === 'indicators'
        ? errors.indicatorsMissing
        : t.proposalForm.errorCodes.indicatorIncomplete;
    case 'burden':
      return errors.burdenMissing;
    case 'field':
      return errors.fieldMissing;
    case 'eligibility':
      return errors.eligibility;
    case 'privacy':
      return errors.privacy;
  }
}

/**
 * The errors of a submission that is not complete, keyed by field name as the view expects
 * ('problem' → 'section-problem'), ready to pass as the page's errors.
 */
export function incompleteErrors(
  t: Messages,
  parts: readonly Incomplete[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const part of parts) {
    errors[formFieldName(part.part)] ??= incompleteMessage(t, part);
  }
  return errors;
}
