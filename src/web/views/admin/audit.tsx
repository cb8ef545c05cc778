import { auditActions } from '../../../app/accounts/audit.ts';
import { formatMoment, type AuditEntry } from '../../../app/accounts/audit-query.ts';
import type { FormState } from '../../forms.ts';
import { FilterSelect, Pagination, ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminMenu } from './parts.tsx';

/** The kinds of target the log names (the policy's object kinds). */
export const auditTargetKinds = [
  'user',
  'department',
  'organisation',
  'staffArea',
  'adminArea',
  'auditLog',
  'challenge',
  'proposal',
  'case',
] as const;

function actionLabel(ctx: PageContext, action: string): string {
  const labels = ctx.t.admin.actions as Record<string, string>;
  return labels[action] ?? action;
}

function targetKindLabel(ctx: PageContext, kind: string): string {
  const labels = ctx.t.admin.targetKinds as Record<string, string>;
  return labels[kind] ?? kind;
}

/** The details of an entry as short "key: value" lines. */
function Details(props: { details: Record<string, unknown> }) {
  const entries = Object.entries(props.details);
  if (entries.length === 0) {
    return null;
  }
  return (
    <ul class="plain-list audit-details">
      {entries.map(([key, value]) => (
        <li>
          <code>
            {key}: {typeof value === 'string' ? value : JSON.stringify(value)}
          </code>
        </li>
      ))}
    </ul>
  );
}

/** A text input for a date filter, with its hint and message. */
function DateInput(props: { ctx: PageContext; state: FormState; name: string; label: string }) {
  const { ctx, state, name } = props;
  const error = state.errors[name];
  const id = `field-${name}`;
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`hint-${name}`}>
        {ctx.t.admin.dateHint}
      </p>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <input
        type="text"
        id={id}
        name={name}
        value={state.values[name] ?? ''}
        inputMode="numeric"
        maxLength={10}
        autocomplete="off"
        class="input input-short"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `hint-${name} error-${name}` : `hint-${name}`}
      />
    </div>
  );
}

export function AuditPage(props: {
  ctx: PageContext;
  /** The filter as typed, and problems with it. */
  state: FormState;
  /** Undefined when the filter could not be read. */
  result:
    | { entries: AuditEntry[]; total: number; page: number; pages: number; params: URLSearchParams }
    | undefined;
}) {
  const { ctx, state, result } = props;
  const m = ctx.t.admin;
  const timeZone = ctx.tenant.time_zone;
  return (
    <Layout ctx={ctx} title={m.sections.audit.title} lead={m.auditLead}>
      <AdminMenu ctx={ctx} />
      <ErrorSummary ctx={ctx} state={state} labels={{ from: m.from, to: m.to }} />
      <form method="get" action={href(ctx.lang, '/admin/audit')} class="filters admin-filters">
        <h2>{m.filtersHeading}</h2>
        <div class="filter-grid">
          <FilterSelect
            ctx={ctx}
            name="action"
            label={m.action}
            value={state.values.action}
            options={auditActions.map((action) => ({
              value: action,
              label: actionLabel(ctx, action),
            }))}
          />
          <div class="form-row">
            <label for="filter-actor">{m.actorFilter}</label>
            <p class="hint" id="hint-filter-actor">
              {m.searchTextHint}
            </p>
            <input
              type="search"
              id="filter-actor"
              name="actor"
              value={state.values.actor ?? ''}
              maxLength={254}
              aria-describedby="hint-filter-actor"
            />
          </div>
          <DateInput ctx={ctx} state={state} name="from" label={m.from} />
          <DateInput ctx={ctx} state={state} name="to" label={m.to} />
          <FilterSelect
            ctx={ctx}
            name="target"
            label={m.targetKind}
            value={state.values.target}
            options={auditTargetKinds.map((kind) => ({
              value: kind,
              label: targetKindLabel(ctx, kind),
            }))}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {m.filterSubmit}
          </button>
          <a href={href(ctx.lang, '/admin/audit')}>{m.clearFilters}</a>
        </div>
      </form>
      {result && (
        <>
          <p class="result-count" role="status">
            {m.count(result.total)}
          </p>
          <p class="hint">{m.timeNote}</p>
          {result.entries.length === 0 ? (
            <p>{m.noEntries}</p>
          ) : (
            <ScrollTable label={m.auditTable} class="audit-table">
              <thead>
                <tr>
                  <th scope="col">{m.time}</th>
                  <th scope="col">{m.action}</th>
                  <th scope="col">{m.actor}</th>
                  <th scope="col">{m.target}</th>
                  <th scope="col">{m.clientAddress}</th>
                  <th scope="col">{m.requestId}</th>
                </tr>
              </thead>
              <tbody>
                {result.entries.map((entry) => (
                  <tr>
                    <th scope="row">
                      <time dateTime={entry.at.toISOString()}>
                        {formatMoment(entry.at, timeZone)}
                      </time>
                    </th>
                    <td>{actionLabel(ctx, entry.action)}</td>
                    <td>{entry.actorEmail ?? m.none}</td>
                    <td>
                      {entry.targetKind ? (
                        <>
                          {targetKindLabel(ctx, entry.targetKind)}
                          {entry.targetId !== null && ` #${entry.targetId}`}
                          {entry.targetLabel && (
                            <>
                              <br />
                              {entry.targetLabel}
                            </>
                          )}
                        </>
                      ) : (
                        m.none
                      )}
                      <Details details={entry.details} />
                    </td>
                    <td>{entry.clientAddress ?? m.none}</td>
                    <td>
                      {entry.requestId ? <code class="request-id">{entry.requestId}</code> : m.none}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
          <Pagination ctx={ctx} page={result.page} pages={result.pages} params={result.params} />
        </>
      )}
    </Layout>
  );
}
