import type { ComponentChildren } from 'preact';
import type { FormState } from '../forms.ts';
import type { PageContext } from './context.ts';

/**
 * Form parts in the pattern of the best public-sector services: an error summary at the top
 * that links to each field, the message beside the field, hints tied to the field with
 * aria-describedby, and every typed value kept.
 */

/** True when a form page shows problems; its title then starts with "Error". */
export function hasErrors(state: FormState, problem?: string): boolean {
  return Object.keys(state.errors).length > 0 || Boolean(problem);
}

/** A form that posts to `action` with the page's CSRF token. */
export function Form(props: {
  ctx: PageContext;
  action: string;
  csrf: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={props.action} class={props.class ?? 'form'} novalidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

/** A one-button form, for actions such as signing out or removing a member. */
export function ActionButton(props: {
  action: string;
  csrf: string;
  label: string;
  fields?: Record<string, string>;
  tone?: 'secondary' | 'danger';
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button${props.tone ? ` button-${props.tone}` : ''}`}>
        {props.label}
      </button>
    </form>
  );
}

/** The list of problems, first in the page, each linking to its field. */
export function ErrorSummary(props: {
  ctx: PageContext;
  state: FormState;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(props.state.errors);
  if (entries.length === 0) {
    return null;
  }
  const { t } = props.ctx;
  return (
    // Focused as the page opens (no script needed), so keyboard and screen-reader users start
    // from the list of problems.
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
        {entries.map(([field, message]) => (
          <li>
            <a href={`#field-${field}`}>
              {props.labels[field] ? `${props.labels[field]}${t.account.labelSeparator}` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/**
 * `required` true or false gives the usual badge; a string names when the field is needed
 * ("needed for a referral"), for a field that only some choices of the form require.
 */
function Label(props: {
  ctx: PageContext;
  name: string;
  label: string;
  required?: boolean | string | undefined;
}) {
  const { t } = props.ctx;
  const badge =
    typeof props.required === 'string'
      ? props.required
      : props.required
        ? t.account.required
        : t.account.optional;
  return (
    <label for={`field-${props.name}`}>
      {props.label}
      <span class={props.required ? 'badge badge-required' : 'badge'}>{badge}</span>
    </label>
  );
}

function FieldMessages(props: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`error-${props.name}`}>
          {props.error}
        </p>
      )}
    </>
  );
}

/** A labelled text input with its hint and message. */
export function TextField(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'time';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'url';
  maxLength?: number;
  size?: 'short' | 'full';
}) {
  const { name, state } = props;
  const error = state.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <Label ctx={props.ctx} name={name} label={props.label} required={props.required} />
      <FieldMessages name={name} hint={props.hint} error={error} />
      <input
        id={`field-${name}`}
        name={name}
        type={(props.type ?? 'text') as 'text'}
        // A password is never sent back in a page (it would sit in the HTML and its caches).
        value={props.type === 'password' ? '' : (state.values[name] ?? '')}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        spellcheck={props.type === 'email' || props.type === 'password' ? false : undefined}
        class={props.size === 'short' ? 'input input-short' : 'input'}
      />
    </div>
  );
}

/** A group of radio buttons in a fieldset. */
export function RadioGroup(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  required?: boolean;
  hint?: string;
}) {
  const { name, state } = props;
  const error = state.errors[name];
  const { t } = props.ctx;
  return (
    <fieldset
      class={`form-group${error ? ' form-row-error' : ''}`}
      id={`field-${name}`}
      aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
    >
      <legend>
        {props.legend}
        <span class={props.required ? 'badge badge-required' : 'badge'}>
          {props.required ? t.account.required : t.account.optional}
        </span>
      </legend>
      <FieldMessages name={name} hint={props.hint} error={error} />
      {props.options.map((option, index) => (
        <div class="radio-row">
          <input
            type="radio"
            id={index === 0 ? `field-${name}-first` : `field-${name}-${option.value}`}
            name={name}
            value={option.value}
            checked={state.values[name] === option.value}
          />
          <label for={index === 0 ? `field-${name}-first` : `field-${name}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A labelled select. */
export function SelectField(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  required?: boolean | string;
  hint?: string;
  blank?: string;
}) {
  const { name, state } = props;
  const error = state.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <Label ctx={props.ctx} name={name} label={props.label} required={props.required} />
      <FieldMessages name={name} hint={props.hint} error={error} />
      <select
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map((option) => (
          <option value={option.value} selected={state.values[name] === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One checkbox with its label, such as a consent. */
export function CheckboxField(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
}) {
  const { name, state } = props;
  const error = state.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <FieldMessages name={name} hint={props.hint} error={error} />
      <div class="checkbox-row">
        <input
          type="checkbox"
          id={`field-${name}`}
          name={name}
          value="yes"
          checked={state.values[name] === 'yes'}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
        />
        <label for={`field-${name}`}>{props.label}</label>
      </div>
    </div>
  );
}

/**
 * A problem with the whole page rather than one field (someone else saved first, the object
 * moved on), said first and focused as the page opens; nothing when there is none.
 */
export function ProblemSummary(props: { problem?: string | undefined }) {
  if (!props.problem) {
    return null;
  }
  return (
    <div class="error-summary" role="alert" tabIndex={-1} autofocus>
      <p>{props.problem}</p>
    </div>
  );
}

/** A notice at the top of a page: something done, or something to know. */
export function Notice(props: { children: ComponentChildren; tone?: 'success' | 'warning' }) {
  return (
    <div class={`notice notice-${props.tone ?? 'success'}`} role="status">
      {props.children}
    </div>
  );
}

/** A labelled multi-line text box with its hint and message; keeps what was typed. */
export function TextAreaField(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean | string;
  maxLength?: number;
  rows?: number;
}) {
  const { name, state } = props;
  const error = state.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <Label ctx={props.ctx} name={name} label={props.label} required={props.required} />
      <FieldMessages name={name} hint={props.hint} error={error} />
      <textarea
        id={`field-${name}`}
        name={name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
        class="input textarea"
        // The parser drops a line break right after <textarea>: one is given for it to drop.
        value={`\n${state.values[name] ?? ''}`}
      />
    </div>
  );
}
