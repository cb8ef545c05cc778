import type { ComponentChildren } from 'preact';
import { formatDate, formatFiscalYear } from '../../../domain/calendar.ts';
import {
  cityRequestKinds,
  disclosureMarks,
  proposalLimits,
  privacyNoticeVersion,
  requiredSections,
  type DisclosureMark,
  type ProposalSection,
  type TextSection,
} from '../../../domain/proposal.ts';
import {
  acceptAttribute,
  attachmentKinds,
  limits as fileLimits,
} from '../../../app/files/kinds.ts';
import type { Taxonomies } from '../../../db/queries/taxonomy.ts';
import {
  formFieldName,
  proposalFieldLimits,
  proposalFiscalYears,
  type ProposalFormValues,
} from '../../proposal-form.ts';
import type { PageContext } from '../context.ts';
import { Notice } from '../forms.tsx';
import { nameOf } from '../labels.ts';
import { Layout } from '../layout.tsx';

/**
 * The proposal form: one page, sent as multipart so files travel with the text, and usable
 * without JavaScript ("add a row" buttons post the form and come back with one more row).
 * Every section has its disclosure mark beside it. Field names are those parseProposalForm
 * reads; ids are `field-<name>`, so the error summary links land on the control.
 */

export interface ProposalFormAttachment {
  id: number;
  fileName: string;
  sizeBytes: number;
  mediaType: string;
  disclosure: DisclosureMark;
  reason: string | null;
}

export interface ProposalFormPageProps {
  ctx: PageContext;
  /** Where the form posts. */
  action: string;
  values: ProposalFormValues;
  /** Field name (or Incomplete part) → message text. */
  errors: Record<string, string>;
  taxonomies: Pick<Taxonomies, 'fields' | 'concepts' | 'methods'>;
  /** The eligibility declarations, with their text in the page's language. */
  eligibilityGrounds: { code: string; name: string }[];
  attachments: ProposalFormAttachment[];
  /** For a theme proposal: the challenge and the last day of its call ('YYYY-MM-DD'). */
  challenge?: { title: string; closesOn: string } | undefined;
  kind: 'theme' | 'free';
  version: number;
  indicatorRows: number;
  burdenRows: number;
  uploadSlots: number;
  /** The fiscal years a burden estimate may name; by default this one and the next nine. */
  fiscalYears?: number[] | undefined;
  notice?: string | undefined;
  /** Another member saved the draft after this one was opened. */
  conflict?: boolean | undefined;
  /** A saved draft is being edited (not a new proposal being started). */
  editing?: boolean | undefined;
}

/** What every part of the form reads: the page, the typed values and the messages. */
interface Bits {
  ctx: PageContext;
  values: ProposalFormValues;
  errors: Record<string, string>;
}

function valueOf(bits: Bits, name: string): string {
  const value = bits.values[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function listOf(bits: Bits, name: string): string[] {
  const value = bits.values[name];
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}

/** Sentences as one text: Japanese runs them together, English puts a space between. */
function sentences(ctx: PageContext, ...parts: string[]): string {
  return parts.join(ctx.lang === 'ja' ? '' : ' ');
}

function Badge(props: { ctx: PageContext; required?: boolean | undefined }) {
  const { t } = props.ctx;
  return (
    <span class={props.required ? 'badge badge-required' : 'badge'}>
      {props.required ? t.account.required : t.account.optional}
    </span>
  );
}

function FieldError(props: { name: string; message: string | undefined }) {
  return props.message ? (
    <p class="field-error" id={`error-${props.name}`}>
      {props.message}
    </p>
  ) : null;
}

function Hint(props: { name: string; children: ComponentChildren }) {
  return (
    <p class="hint" id={`hint-${props.name}`}>
      {props.children}
    </p>
  );
}

/** A labelled text box; `badge` shows whether it is required to submit. */
function Input(props: {
  bits: Bits;
  name: string;
  label: string;
  hint?: string | undefined;
  badge?: 'required' | 'optional';
  inputMode?: 'numeric' | 'text';
  size?: 'short' | 'full';
  autocomplete?: string;
}) {
  const { bits, name } = props;
  const error = bits.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={`field-${name}`}>
        {props.label}
        {props.badge && <Badge ctx={bits.ctx} required={props.badge === 'required'} />}
      </label>
      {props.hint && <Hint name={name}>{props.hint}</Hint>}
      <FieldError name={name} message={error} />
      <input
        type="text"
        id={`field-${name}`}
        name={name}
        value={valueOf(bits, name)}
        inputMode={props.inputMode}
        autocomplete={props.autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint && `hint-${name}`, error && `error-${name}`)}
        class={props.size === 'short' ? 'input input-short' : 'input'}
      />
    </div>
  );
}

/** A labelled text area with what to write and its limit in the hint. */
function TextArea(props: {
  bits: Bits;
  name: string;
  label: string;
  hint: string;
  max: number;
  required: boolean;
  rows: number;
}) {
  const { bits, name } = props;
  const { t } = bits.ctx;
  const error = bits.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={`field-${name}`}>
        {props.label}
        <Badge ctx={bits.ctx} required={props.required} />
      </label>
      <Hint name={name}>{sentences(bits.ctx, props.hint, t.proposalForm.limit(props.max))}</Hint>
      <FieldError name={name} message={error} />
      <textarea
        id={`field-${name}`}
        name={name}
        rows={props.rows}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(`hint-${name}`, error && `error-${name}`)}
        class="input textarea"
        // A line break right after <textarea> is dropped by the HTML parser, so one is added
        // for it to drop: text that starts with a line break comes back as it was typed.
        value={`\n${valueOf(bits, name)}`}
      />
    </div>
  );
}

/** One checkbox with its label and, when it is in error, its message. */
function Checkbox(props: {
  bits: Bits;
  name: string;
  value: string;
  id: string;
  label: string;
  checked: boolean;
  errorName?: string;
}) {
  const error = props.errorName ? props.bits.errors[props.errorName] : undefined;
  return (
    <div class={error ? 'form-row-error' : undefined}>
      {props.errorName && <FieldError name={props.errorName} message={error} />}
      <div class="checkbox-row">
        <input
          type="checkbox"
          id={props.id}
          name={props.name}
          value={props.value}
          checked={props.checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `error-${props.errorName}` : undefined}
        />
        <label for={props.id}>{props.label}</label>
      </div>
    </div>
  );
}

/**
 * A group of checkboxes sharing one name. An option can have its own message, under the
 * name `<name>-<value>` (as with the eligibility declarations).
 */
function CheckboxGroup(props: {
  bits: Bits;
  name: string;
  legend: string;
  hint?: string;
  required?: boolean;
  options: { value: string; label: string }[];
}) {
  const { bits, name } = props;
  const error = bits.errors[name];
  const checked = listOf(bits, name);
  return (
    <fieldset
      class={`form-group checkbox-group${error ? ' form-row-error' : ''}`}
      id={`field-${name}`}
      aria-describedby={describedBy(props.hint && `hint-${name}`, error && `error-${name}`)}
    >
      <legend>
        {props.legend}
        <Badge ctx={bits.ctx} required={props.required} />
      </legend>
      {props.hint && <Hint name={name}>{props.hint}</Hint>}
      <FieldError name={name} message={error} />
      {props.options.map((option) => (
        <Checkbox
          bits={bits}
          name={name}
          value={option.value}
          id={`field-${name}-${option.value}`}
          label={option.label}
          checked={checked.includes(option.value)}
          errorName={`${name}-${option.value}`}
        />
      ))}
    </fieldset>
  );
}

/** Radio buttons in a fieldset, each with its own id `field-<name>-<value>`. */
function Radios(props: {
  bits: Bits;
  name: string;
  legend: string;
  hint?: string;
  required?: boolean;
  options: { value: string; label: string }[];
  fallback?: string;
  children?: ComponentChildren;
  class?: string;
}) {
  const { bits, name } = props;
  const error = bits.errors[name];
  const chosen = valueOf(bits, name) || props.fallback;
  return (
    <fieldset
      class={['form-group', props.class, error && 'form-row-error'].filter(Boolean).join(' ')}
      id={`field-${name}`}
      aria-describedby={describedBy(props.hint && `hint-${name}`, error && `error-${name}`)}
    >
      <legend>
        {props.legend}
        {props.required !== undefined && <Badge ctx={bits.ctx} required={props.required} />}
      </legend>
      {props.hint && <Hint name={name}>{props.hint}</Hint>}
      <FieldError name={name} message={error} />
      {props.options.map((option) => (
        <div class="radio-row">
          <input
            type="radio"
            id={`field-${name}-${option.value}`}
            name={name}
            value={option.value}
            checked={chosen === option.value}
          />
          <label for={`field-${name}-${option.value}`}>{option.label}</label>
        </div>
      ))}
      {props.children}
    </fieldset>
  );
}

/** The disclosure mark of a section or file, with an optional reason, as one group. */
function DisclosureChoice(props: {
  bits: Bits;
  name: string;
  reasonName: string;
  legend: string;
  required?: boolean;
  fallback?: DisclosureMark;
}) {
  const { bits } = props;
  const t = bits.ctx.t.proposalForm;
  return (
    <Radios
      bits={bits}
      name={props.name}
      legend={props.legend}
      required={props.required}
      fallback={props.fallback}
      class="disclosure-choice"
      options={disclosureMarks.map((mark) => ({ value: mark, label: t.disclosureMarks[mark] }))}
    >
      <Input
        bits={bits}
        name={props.reasonName}
        label={t.disclosureReason}
        hint={bits.ctx.t.proposalForm.limit(proposalFieldLimits.reason)}
      />
    </Radios>
  );
}

/** The name of a section as its disclosure mark refers to it. */
function sectionName(ctx: PageContext, section: ProposalSection): string {
  const t = ctx.t.proposalForm;
  if (section === 'cityRequests') {
    return t.cityRequestsHeading;
  }
  if (section === 'burden') {
    return t.burdenHeading;
  }
  return t.sections[section].label;
}

/** A written section: its text area and, beside it, its disclosure mark. */
function SectionText(props: {
  bits: Bits;
  section: TextSection | 'summary';
  disclosure?: boolean;
}) {
  const { bits, section } = props;
  const t = bits.ctx.t.proposalForm;
  const name = section === 'summary' ? 'summary' : `section-${section}`;
  return (
    <div class="proposal-part">
      <TextArea
        bits={bits}
        name={name}
        label={t.sections[section].label}
        hint={t.sections[section].hint}
        max={section === 'summary' ? proposalFieldLimits.summary : proposalFieldLimits.section}
        required={requiredSections.includes(section)}
        rows={section === 'summary' ? 5 : 8}
      />
      {props.disclosure !== false && <SectionDisclosure bits={bits} section={section} />}
    </div>
  );
}

function SectionDisclosure(props: { bits: Bits; section: ProposalSection }) {
  const { bits, section } = props;
  const t = bits.ctx.t.proposalForm;
  return (
    <DisclosureChoice
      bits={bits}
      name={`disclosure-${section}`}
      reasonName={`disclosureReason-${section}`}
      legend={t.disclosureLegend(sectionName(bits.ctx, section))}
      required
    />
  );
}

function Part(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="form-part" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function AddRowButton(props: { value: 'addIndicator' | 'addBurden'; label: string }) {
  return (
    <div class="button-row">
      <button type="submit" name="action" value={props.value} class="button button-secondary">
        {props.label}
      </button>
    </div>
  );
}

function Indicators(props: { bits: Bits; rows: number }) {
  const { bits } = props;
  const t = bits.ctx.t.proposalForm;
  const error = bits.errors.indicators;
  return (
    <fieldset
      class={`form-group${error ? ' form-row-error' : ''}`}
      id="field-indicators"
      aria-describedby={describedBy('hint-indicators', error && 'error-indicators')}
    >
      <legend>
        {t.indicators}
        <Badge ctx={bits.ctx} required />
      </legend>
      <Hint name="indicators">
        {sentences(bits.ctx, t.indicatorsHint, t.indicatorsLimit(proposalLimits.indicators))}
      </Hint>
      <FieldError name="indicators" message={error} />
      {Array.from({ length: props.rows }, (_, i) => {
        const rowError = bits.errors[`indicator-${i}`];
        return (
          <fieldset
            class={`row-group${rowError ? ' form-row-error' : ''}`}
            id={`field-indicator-${i}`}
            aria-describedby={rowError ? `error-indicator-${i}` : undefined}
          >
            <legend>{t.indicatorRow(i + 1)}</legend>
            <FieldError name={`indicator-${i}`} message={rowError} />
            <div class="row-fields">
              <Input bits={bits} name={`indicator-${i}-name`} label={t.indicatorName} />
              <Input bits={bits} name={`indicator-${i}-target`} label={t.indicatorTarget} />
              <Input
                bits={bits}
                name={`indicator-${i}-unit`}
                label={t.indicatorUnit}
                size="short"
              />
            </div>
          </fieldset>
        );
      })}
      {props.rows < proposalLimits.indicators && (
        <AddRowButton value="addIndicator" label={t.addIndicator} />
      )}
    </fieldset>
  );
}

function Burden(props: { bits: Bits; rows: number; fiscalYears: number[] }) {
  const { bits } = props;
  const { lang } = bits.ctx;
  const t = bits.ctx.t.proposalForm;
  const error = bits.errors.burden;
  return (
    <>
      <Radios
        bits={bits}
        name="burdenKind"
        legend={t.burdenKind}
        hint={t.burdenKindHint}
        required
        options={(['none', 'estimate'] as const).map((kind) => ({
          value: kind,
          label: t.burdenKinds[kind],
        }))}
      />
      <fieldset
        class={`form-group${error ? ' form-row-error' : ''}`}
        id="field-burden"
        aria-describedby={describedBy('hint-burden', error && 'error-burden')}
      >
        <legend>{t.burdenRows}</legend>
        <Hint name="burden">{t.burdenRowsHint}</Hint>
        <FieldError name="burden" message={error} />
        {Array.from({ length: props.rows }, (_, i) => {
          const yearName = `burden-${i}-fiscalYear`;
          const yearError = bits.errors[yearName];
          const chosen = valueOf(bits, yearName);
          return (
            <fieldset class="row-group" id={`field-burden-${i}`}>
              <legend>{t.burdenRow(i + 1)}</legend>
              <div class="row-fields">
                <div class={`form-row${yearError ? ' form-row-error' : ''}`}>
                  <label for={`field-${yearName}`}>{t.fiscalYear}</label>
                  <FieldError name={yearName} message={yearError} />
                  <select
                    id={`field-${yearName}`}
                    name={yearName}
                    aria-invalid={yearError ? 'true' : undefined}
                    aria-describedby={yearError ? `error-${yearName}` : undefined}
                  >
                    <option value="">{t.chooseFiscalYear}</option>
                    {props.fiscalYears.map((year) => (
                      <option value={String(year)} selected={chosen === String(year)}>
                        {formatFiscalYear(year, lang)}
                      </option>
                    ))}
                  </select>
                </div>
                <Input
                  bits={bits}
                  name={`burden-${i}-amount`}
                  label={t.amount}
                  hint={t.amountHint}
                  inputMode="numeric"
                />
              </div>
              <Checkbox
                bits={bits}
                name={`burden-${i}-upkeep`}
                value="yes"
                id={`field-burden-${i}-upkeep`}
                label={t.upkeep}
                checked={valueOf(bits, `burden-${i}-upkeep`) === 'yes'}
              />
              <Input
                bits={bits}
                name={`burden-${i}-note`}
                label={t.burdenNote}
                hint={t.limit(proposalFieldLimits.burdenNote)}
              />
            </fieldset>
          );
        })}
        {props.rows < proposalLimits.burdenRows && (
          <AddRowButton value="addBurden" label={t.addBurden} />
        )}
      </fieldset>
    </>
  );
}

const mediaTypeNames: Record<string, string> = {
  [attachmentKinds.pdf.mediaType]: 'PDF',
  [attachmentKinds.docx.mediaType]: 'Word',
  [attachmentKinds.doc.mediaType]: 'Word',
  [attachmentKinds.xlsx.mediaType]: 'Excel',
  [attachmentKinds.xls.mediaType]: 'Excel',
  [attachmentKinds.pptx.mediaType]: 'PowerPoint',
  [attachmentKinds.ppt.mediaType]: 'PowerPoint',
  [attachmentKinds.jpeg.mediaType]: 'JPEG',
  [attachmentKinds.png.mediaType]: 'PNG',
};

/** A file's size for people: 820 KB, 3.4 MB. */
export function formatFileSize(bytes: number, lang: PageContext['lang']): string {
  const number = (value: number) =>
    value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) {
    return lang === 'ja' ? `${number(bytes)} バイト` : `${number(bytes)} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${number(bytes / 1024)} KB`;
  }
  return `${number(bytes / (1024 * 1024))} MB`;
}

function Attachments(props: {
  bits: Bits;
  attachments: ProposalFormAttachment[];
  uploadSlots: number;
}) {
  const { bits } = props;
  const { ctx } = bits;
  const t = ctx.t.proposalForm;
  const error = bits.errors.attachments;
  return (
    <section
      class={`form-part${error ? ' form-row-error' : ''}`}
      aria-labelledby="part-attachments"
      id="field-attachments"
    >
      <h2 id="part-attachments">{t.attachmentsHeading}</h2>
      <p>{t.attachmentLimits}</p>
      <FieldError name="attachments" message={error} />
      <h3>{t.attachmentsCurrent}</h3>
      {props.attachments.length === 0 && <p>{t.attachmentsNone}</p>}
      {props.attachments.map((file) => {
        const prefix = `attachment-${file.id}`;
        const values = {
          [`${prefix}-disclosure`]: file.disclosure,
          [`${prefix}-reason`]: file.reason ?? '',
          ...bits.values,
        };
        const own = { ...bits, values };
        return (
          <fieldset class="row-group attachment" id={`field-${prefix}`}>
            <legend class="file-name">{file.fileName}</legend>
            <dl class="facts">
              <dt>{t.fileType}</dt>
              <dd>{mediaTypeNames[file.mediaType] ?? file.mediaType}</dd>
              <dt>{t.fileSize}</dt>
              <dd>{formatFileSize(file.sizeBytes, ctx.lang)}</dd>
            </dl>
            <DisclosureChoice
              bits={own}
              name={`${prefix}-disclosure`}
              reasonName={`${prefix}-reason`}
              legend={t.disclosureMark}
            />
            <Checkbox
              bits={own}
              name={`${prefix}-remove`}
              value="yes"
              id={`field-${prefix}-remove`}
              label={t.removeAttachment}
              checked={valueOf(own, `${prefix}-remove`) === 'yes'}
            />
          </fieldset>
        );
      })}
      <h3>{t.newFiles}</h3>
      {props.uploadSlots > 0 ? (
        <p class="hint">{t.newFilesHint}</p>
      ) : (
        props.attachments.length >= fileLimits.maxFiles && <p>{t.noMoreFiles}</p>
      )}
      {Array.from({ length: props.uploadSlots }, (_, n) => {
        const fileName = `upload-${n}-file`;
        const fileError = bits.errors[fileName];
        return (
          <fieldset class="row-group" id={`field-upload-${n}`}>
            <legend>{t.uploadSlot(n + 1)}</legend>
            <div class={`form-row${fileError ? ' form-row-error' : ''}`}>
              <label for={`field-${fileName}`}>{t.uploadFile}</label>
              <FieldError name={fileName} message={fileError} />
              <input
                type="file"
                id={`field-${fileName}`}
                name={fileName}
                accept={acceptAttribute}
                aria-invalid={fileError ? 'true' : undefined}
                aria-describedby={fileError ? `error-${fileName}` : undefined}
                class="file-input"
              />
            </div>
            <DisclosureChoice
              bits={bits}
              name={`upload-${n}-disclosure`}
              reasonName={`upload-${n}-reason`}
              legend={t.disclosureMark}
              fallback="confidential"
            />
          </fieldset>
        );
      })}
    </section>
  );
}

/** The name each field has in the error summary, and the order the fields come in. */
function summaryLabels(
  props: ProposalFormPageProps,
  rows: { indicators: number; burden: number },
): Map<string, string> {
  const { ctx } = props;
  const t = ctx.t.proposalForm;
  const labels = new Map<string, string>();
  const section = (name: ProposalSection) => {
    labels.set(`disclosure-${name}`, t.disclosureLegend(sectionName(ctx, name)));
    labels.set(`disclosureReason-${name}`, t.disclosureReasonLabel(sectionName(ctx, name)));
  };
  const text = (name: TextSection) => {
    labels.set(`section-${name}`, t.sections[name].label);
    section(name);
  };
  labels.set('title', t.title);
  labels.set('summary', t.sections.summary.label);
  section('summary');
  text('problem');
  text('approach');
  text('effects');
  labels.set('indicators', t.indicators);
  for (let i = 0; i < rows.indicators; i += 1) {
    labels.set(`indicator-${i}`, t.indicatorRow(i + 1));
    labels.set(`indicator-${i}-name`, t.labels.indicatorName(i + 1));
    labels.set(`indicator-${i}-target`, t.labels.indicatorTarget(i + 1));
    labels.set(`indicator-${i}-unit`, t.labels.indicatorUnit(i + 1));
  }
  text('contribution');
  labels.set('cityRequests', t.cityRequests);
  text('cityRequests');
  labels.set('burdenKind', t.burdenKind);
  labels.set('burden', t.burdenRows);
  for (let i = 0; i < rows.burden; i += 1) {
    labels.set(`burden-${i}-fiscalYear`, t.labels.burdenFiscalYear(i + 1));
    labels.set(`burden-${i}-amount`, t.labels.burdenAmount(i + 1));
    labels.set(`burden-${i}-note`, t.labels.burdenNote(i + 1));
  }
  text('burden');
  text('period');
  text('occupancy');
  text('trackRecord');
  labels.set('methods', t.methods);
  labels.set('fields', t.fields);
  labels.set('concepts', t.concepts);
  labels.set('attachments', t.attachmentsHeading);
  for (const file of props.attachments) {
    labels.set(`attachment-${file.id}-disclosure`, t.labels.attachmentDisclosure(file.fileName));
    labels.set(`attachment-${file.id}-reason`, t.labels.attachmentReason(file.fileName));
  }
  for (let n = 0; n < props.uploadSlots; n += 1) {
    labels.set(`upload-${n}-file`, t.labels.uploadFile(n + 1));
    labels.set(`upload-${n}-disclosure`, t.labels.uploadDisclosure(n + 1));
    labels.set(`upload-${n}-reason`, t.labels.uploadReason(n + 1));
  }
  labels.set('eligibility', t.eligibility);
  for (const ground of props.eligibilityGrounds) {
    labels.set(`eligibility-${ground.code}`, ground.name);
  }
  labels.set('privacy', t.privacyHeading);
  return labels;
}

/** The problems first in the page, in the order of the form, each linking to its field. */
function ErrorList(props: {
  ctx: PageContext;
  errors: Record<string, string>;
  labels: Map<string, string>;
}) {
  const { t } = props.ctx;
  const order = [...props.labels.keys()];
  const rank = (field: string) => {
    const index = order.indexOf(field);
    return index === -1 ? order.length : index;
  };
  const entries = Object.entries(props.errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) {
    return null;
  }
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      autofocus
    >
      <h2 id="error-summary-title">{t.account.errorSummaryTitle}</h2>
      <p>{t.account.errorCount(entries.length)}</p>
      <ul>
        {entries.map(([field, message]) => {
          const label = props.labels.get(field);
          return (
            <li>
              <a href={`#field-${field}`}>
                {label ? `${label}${t.account.labelSeparator}` : ''}
                {message}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The number of rows the values hold for `prefix` ('indicator' or 'burden'). */
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

export function ProposalFormPage(props: ProposalFormPageProps) {
  const { ctx } = props;
  const { lang } = ctx;
  const t = ctx.t.proposalForm;
  // Messages may name an Incomplete part ('problem') or a field ('section-problem').
  const errors: Record<string, string> = {};
  for (const [part, message] of Object.entries(props.errors)) {
    errors[formFieldName(part)] ??= message;
  }
  const bits: Bits = { ctx, values: props.values, errors };
  // Never fewer rows than were typed, so nothing typed is lost on the way back.
  const rows = {
    indicators: Math.max(props.indicatorRows, rowsIn(props.values, 'indicator'), 1),
    burden: Math.max(props.burdenRows, rowsIn(props.values, 'burden'), 1),
  };
  const labels = summaryLabels(props, rows);
  const fiscalYears = props.fiscalYears ?? proposalFiscalYears(ctx.today);
  const title = props.editing
    ? props.kind === 'theme'
      ? t.titleEditTheme
      : t.titleEditFree
    : props.kind === 'theme'
      ? t.titleTheme
      : t.titleFree;
  const lead =
    props.kind === 'theme' && props.challenge
      ? t.themeLead(props.challenge.title, formatDate(props.challenge.closesOn, lang))
      : t.freeLead;
  const hasProblems = Object.keys(errors).length > 0 || Boolean(props.conflict);
  const named = (items: readonly { id: number; name_ja: string; name_en: string | null }[]) =>
    items.map((item) => ({ value: String(item.id), label: nameOf(item, lang) }));
  return (
    <Layout ctx={ctx} error={hasProblems} title={title} lead={lead}>
      {props.conflict && (
        <div class="notice notice-warning conflict-notice" role="alert">
          <h2>{t.conflictTitle}</h2>
          <p>{t.conflictBody}</p>
        </div>
      )}
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorList ctx={ctx} errors={errors} labels={labels} />
      <form
        method="post"
        action={props.action}
        enctype="multipart/form-data"
        class="form proposal-form"
        novalidate
        // For the background save, where JavaScript runs (assets/autosave.js).
        data-autosave
        data-saved-text={t.autosaved}
      >
        <input type="hidden" name="_csrf" value={ctx.csrf!} />
        <input type="hidden" name="version" value={String(props.version)} />
        {valueOf(bits, 'challenge') !== '' && (
          <input type="hidden" name="challenge" value={valueOf(bits, 'challenge')} />
        )}
        {valueOf(bits, 'draftKey') && (
          <input type="hidden" name="draftKey" value={valueOf(bits, 'draftKey')} />
        )}
        <p>{t.howToSave}</p>
        <p>{t.requiredNote}</p>
        <section class="disclosure-help" aria-labelledby="disclosure-help-title">
          <h2 id="disclosure-help-title">{t.disclosureHeading}</h2>
          {t.disclosureIntro.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          <dl class="disclosure-meanings">
            <dt>{t.disclosureMarks.confidential}</dt>
            <dd>{t.disclosureMeaningConfidential}</dd>
            <dt>{t.disclosureMarks.disclosable}</dt>
            <dd>{t.disclosureMeaningDisclosable}</dd>
          </dl>
          <p>{t.disclosureReasonNote}</p>
        </section>
        {/* The first submit button is the one Enter presses: saving, never adding a row. */}
        <div class="button-row">
          <button type="submit" name="action" value="save" class="button button-secondary">
            {t.save}
          </button>
          <p id="autosave-status" class="hint autosave-status" role="status"></p>
        </div>

        <Part id="part-basics" title={t.basicsHeading}>
          <Input
            bits={bits}
            name="title"
            label={t.title}
            hint={sentences(ctx, t.titleHint, t.limit(proposalFieldLimits.title))}
            badge="required"
          />
          <SectionText bits={bits} section="summary" />
        </Part>

        <Part id="part-problem" title={t.problemHeading}>
          <SectionText bits={bits} section="problem" />
          <SectionText bits={bits} section="approach" />
        </Part>

        <Part id="part-effects" title={t.effectsHeading}>
          <SectionText bits={bits} section="effects" />
          <Indicators bits={bits} rows={rows.indicators} />
        </Part>

        <Part id="part-contribution" title={t.contributionHeading}>
          <SectionText bits={bits} section="contribution" />
        </Part>

        <Part id="part-city-requests" title={t.cityRequestsHeading}>
          <CheckboxGroup
            bits={bits}
            name="cityRequests"
            legend={t.cityRequests}
            hint={t.cityRequestsHint}
            options={cityRequestKinds.map((kind) => ({
              value: kind,
              label: t.cityRequestKinds[kind],
            }))}
          />
          <SectionText bits={bits} section="cityRequests" />
        </Part>

        <Part id="part-burden" title={t.burdenHeading}>
          <Burden bits={bits} rows={rows.burden} fiscalYears={fiscalYears} />
          <SectionText bits={bits} section="burden" />
        </Part>

        <Part id="part-period" title={t.periodHeading}>
          <SectionText bits={bits} section="period" />
          <SectionText bits={bits} section="occupancy" />
        </Part>

        <Part id="part-track-record" title={t.trackRecordHeading}>
          <SectionText bits={bits} section="trackRecord" />
        </Part>

        <Part id="part-taxonomy" title={t.taxonomyHeading}>
          <CheckboxGroup
            bits={bits}
            name="fields"
            legend={t.fields}
            hint={t.fieldsHint}
            required
            options={named(props.taxonomies.fields)}
          />
          <CheckboxGroup
            bits={bits}
            name="concepts"
            legend={t.concepts}
            hint={t.conceptsHint}
            options={named(props.taxonomies.concepts)}
          />
          <CheckboxGroup
            bits={bits}
            name="methods"
            legend={t.methods}
            hint={t.methodsHint}
            options={named(props.taxonomies.methods)}
          />
        </Part>

        <Attachments bits={bits} attachments={props.attachments} uploadSlots={props.uploadSlots} />

        <Part id="part-eligibility" title={t.eligibilityHeading}>
          <p>{t.eligibilityLead}</p>
          <CheckboxGroup
            bits={bits}
            name="eligibility"
            legend={t.eligibility}
            required
            options={props.eligibilityGrounds.map((ground) => ({
              value: ground.code,
              label: t.eligibilityItem(ground.name),
            }))}
          />
        </Part>

        <Part id="part-privacy" title={t.privacyHeading}>
          <div class="privacy-notice">
            {t.privacyNotice.map((paragraph) => (
              <p>{paragraph}</p>
            ))}
            <p class="hint">{t.privacyVersion(privacyNoticeVersion)}</p>
          </div>
          <Checkbox
            bits={bits}
            name="privacy"
            value="yes"
            id="field-privacy"
            label={t.privacy}
            checked={valueOf(bits, 'privacy') === 'yes'}
            errorName="privacy"
          />
        </Part>

        <p>{t.submitNote}</p>
        <div class="button-row">
          <button type="submit" name="action" value="save" class="button button-secondary">
            {t.save}
          </button>
          <button type="submit" name="action" value="submit" class="button">
            {t.submit}
          </button>
        </div>
      </form>
    </Layout>
  );
}
