import type { ComponentChildren } from 'preact';
import { flattenTree, type DepartmentNode } from '../../../app/accounts/departments.ts';
import { localize } from '../../../domain/language.ts';
import type { Department } from '../../../db/schema.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { Notice } from '../forms.tsx';

/** Parts shared by the administration pages. */

const sections = [
  ['/admin/users', 'users'],
  ['/admin/departments', 'departments'],
  ['/admin/time-targets', 'timeTargets'],
  ['/admin/audit', 'audit'],
] as const;

/** The administration menu, marking the part the page belongs to. */
export function AdminMenu(props: { ctx: PageContext }) {
  const { ctx } = props;
  const m = ctx.t.admin;
  const current = sections.find(
    ([path]) => ctx.path === path || ctx.path.startsWith(`${path}/`),
  )?.[0];
  return (
    <nav class="admin-menu" aria-label={m.menu}>
      <ul>
        <li>
          <a
            href={href(ctx.lang, '/admin')}
            aria-current={ctx.path === '/admin' ? 'page' : undefined}
          >
            {m.overview}
          </a>
        </li>
        {sections.map(([path, key]) => (
          <li>
            <a
              href={href(ctx.lang, path)}
              aria-current={
                current === path ? (ctx.path === path ? 'page' : 'location') : undefined
              }
            >
              {m.sections[key].title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A one-time notice. A set-up link in it is shown apart, in a box of its own, so that it can
 * be selected and copied whole.
 */
export function AdminNotice(props: { notice: string | undefined }) {
  if (!props.notice) {
    return null;
  }
  const match = /\s(https?:\/\/\S+)$/.exec(props.notice);
  if (!match) {
    return <Notice>{props.notice}</Notice>;
  }
  return (
    <Notice>
      <p>{props.notice.slice(0, match.index)}</p>
      <p>
        <code class="setup-link">{match[1]}</code>
      </p>
    </Notice>
  );
}

/** A problem that belongs to the page rather than to one field. */
export function Problem(props: { ctx: PageContext; children: ComponentChildren }) {
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.ctx.t.account.errorSummaryTitle}</h2>
      <p>{props.children}</p>
    </div>
  );
}

/** A department's name in the page's language. */
export function departmentName(ctx: PageContext, department: Department): string {
  return localize({ ja: department.name_ja, en: department.name_en }, ctx.lang).text;
}

/** A department with the names above it: 総務局 > 総務部 > 総務課. */
export function departmentPath(ctx: PageContext, node: DepartmentNode): string {
  return [...node.ancestors, node.department].map((d) => departmentName(ctx, d)).join(' > ');
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Badge(props: { ctx: PageContext; required?: boolean | undefined }) {
  const { t } = props.ctx;
  return (
    <span class={props.required ? 'badge badge-required' : 'badge'}>
      {props.required ? t.account.required : t.account.optional}
    </span>
  );
}

function FieldMessages(props: { name: string; hint?: string | undefined; error?: string }) {
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

export interface OptionGroup {
  /** Empty for options outside any group. */
  label: string;
  options: { value: string; label: string }[];
}

/** A labelled select whose options come in groups (such as bureaus, then departments). */
export function GroupedSelect(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  groups: OptionGroup[];
  blank?: string;
  required?: boolean;
  hint?: string;
}) {
  const { name, state } = props;
  const error = state.errors[name];
  const value = state.values[name] ?? '';
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={`field-${name}`}>
        {props.label}
        <Badge ctx={props.ctx} required={props.required} />
      </label>
      <FieldMessages name={name} hint={props.hint} error={error} />
      <select
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.groups
          .filter((group) => group.options.length > 0)
          .map((group) => {
            const options = group.options.map((option) => (
              <option value={option.value} selected={value === option.value}>
                {option.label}
              </option>
            ));
            // A group without a name is a plain list.
            return group.label ? <optgroup label={group.label}>{options}</optgroup> : options;
          })}
      </select>
    </div>
  );
}

/** Checkboxes sharing one name, in a fieldset; the chosen values are kept comma-separated. */
export function CheckboxGroup(props: {
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
  const chosen = new Set((state.values[name] ?? '').split(',').filter(Boolean));
  return (
    <fieldset
      class={`form-group${error ? ' form-row-error' : ''}`}
      id={`field-${name}`}
      aria-describedby={describedBy(name, Boolean(props.hint), Boolean(error))}
    >
      <legend>
        {props.legend}
        <Badge ctx={props.ctx} required={props.required} />
      </legend>
      <FieldMessages name={name} hint={props.hint} error={error} />
      {props.options.map((option) => (
        <div class="checkbox-row">
          <input
            type="checkbox"
            id={`field-${name}-${option.value}`}
            name={name}
            value={option.value}
            checked={chosen.has(option.value)}
          />
          <label for={`field-${name}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Active departments for a role's department select, each with the names above it. */
export function departmentGroups(ctx: PageContext, tree: DepartmentNode[]): OptionGroup[] {
  const options = flattenTree(tree)
    .filter(
      (node) =>
        node.department.archived_at === null &&
        node.ancestors.every((ancestor) => ancestor.archived_at === null),
    )
    .map((node) => ({ value: String(node.department.id), label: departmentPath(ctx, node) }));
  return [{ label: '', options }];
}
