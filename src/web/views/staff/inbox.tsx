import type { Inbox, InboxFilter } from '../../../app/process/inbox.ts';
import type { SignedIn } from '../../../app/accounts/users.ts';
import { formatDate } from '../../../domain/calendar.ts';
import { openStates, proposalStates, type ProposalState } from '../../../domain/proposal-state.ts';
import { RoleList } from '../account/account-pages.tsx';
import { FilterSelect, ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { Notice } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { stateLabel, titleOf } from '../proposals/parts.tsx';

export interface InboxChoices {
  fields: { id: number; name: string }[];
  departments: { id: number; name: string }[];
  departmentNames: Map<number, string>;
}

/**
 * The staff home: the proposals this person may see, with counts per state, filters, and the
 * nearest deadline first; then their roles and the other staff pages.
 */
export function StaffInboxPage(props: {
  ctx: PageContext;
  signedIn: SignedIn;
  inbox: Inbox;
  filter: InboxFilter;
  choices: InboxChoices;
  links: {
    admin: boolean;
    headquarters: boolean;
    cases?: boolean;
    fairness?: boolean;
    budget?: boolean;
  };
  notice?: string | undefined;
}) {
  const { ctx, inbox, filter, choices } = props;
  const s = ctx.t.staff;
  const a = ctx.t.account;
  const p = ctx.t.proposal;
  const roles = props.signedIn.actor.kind === 'staff' ? props.signedIn.actor.roles : [];
  const countStates = openStates.filter((state) => (inbox.counts[state] ?? 0) > 0);
  const stateLink = (state: ProposalState) => `${href(ctx.lang, '/staff')}?state=${state}`;
  return (
    <Layout ctx={ctx} title={a.staffArea} lead={s.inboxLead}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <h2>{s.countsHeading}</h2>
      <ScrollTable label={s.countsTable}>
        <thead>
          <tr>
            <th scope="col">{p.columns.state}</th>
            <th scope="col">{s.countColumn}</th>
          </tr>
        </thead>
        <tbody>
          {countStates.map((state) => (
            <tr>
              <th scope="row">
                <a href={stateLink(state)}>{stateLabel(ctx, state)}</a>
              </th>
              <td>{inbox.counts[state]}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {inbox.overdueCount > 0 && (
        <p>
          <a href={`${href(ctx.lang, '/staff')}?overdue=yes`} class="overdue-flag">
            {s.overdueCount(inbox.overdueCount)}
          </a>
        </p>
      )}

      <h2>{s.inboxTitle}</h2>
      <form method="get" action={href(ctx.lang, '/staff')} class="filters">
        <fieldset>
          <legend>{s.filterLegend}</legend>
          <div class="filter-grid">
            <FilterSelect
              ctx={ctx}
              name="state"
              label={s.filterState}
              value={filter.state}
              options={proposalStates
                .filter((state) => state !== 'draft')
                .map((state) => ({ value: state, label: stateLabel(ctx, state) }))}
            />
            <FilterSelect
              ctx={ctx}
              name="kind"
              label={s.filterKind}
              value={filter.kind}
              options={(['theme', 'free'] as const).map((kind) => ({
                value: kind,
                label: p.kinds[kind],
              }))}
            />
            <FilterSelect
              ctx={ctx}
              name="field"
              label={s.filterField}
              value={filter.fieldId === undefined ? undefined : String(filter.fieldId)}
              options={choices.fields.map((f) => ({ value: String(f.id), label: f.name }))}
            />
            <FilterSelect
              ctx={ctx}
              name="department"
              label={s.filterDepartment}
              value={filter.departmentId === undefined ? undefined : String(filter.departmentId)}
              options={choices.departments.map((d) => ({ value: String(d.id), label: d.name }))}
            />
          </div>
          <div class="checkbox-row">
            <input
              type="checkbox"
              id="filter-overdue"
              name="overdue"
              value="yes"
              checked={filter.overdue === true}
            />
            <label for="filter-overdue">{s.filterOverdue}</label>
          </div>
          <div class="checkbox-row">
            <input
              type="checkbox"
              id="filter-closed"
              name="closed"
              value="yes"
              checked={filter.closed === true}
            />
            <label for="filter-closed">{s.filterClosed}</label>
          </div>
          <div class="button-row">
            <button type="submit" class="button">
              {s.applyFilter}
            </button>
            <a href={href(ctx.lang, '/staff')}>{s.clearFilter}</a>
          </div>
        </fieldset>
      </form>
      <p class="result-count" role="status">
        {s.resultCount(inbox.total)}
      </p>
      {inbox.rows.length === 0 ? (
        <p>{s.empty}</p>
      ) : (
        <ScrollTable label={s.inboxTable}>
          <thead>
            <tr>
              <th scope="col">{s.columns.due}</th>
              <th scope="col">{s.columns.receiptNumber}</th>
              <th scope="col">{s.columns.title}</th>
              <th scope="col">{s.columns.organisation}</th>
              <th scope="col">{s.columns.state}</th>
              <th scope="col">{s.columns.lead}</th>
            </tr>
          </thead>
          <tbody>
            {inbox.rows.map((row) => (
              <tr class={row.overdue ? 'row-overdue' : undefined}>
                <td>
                  {row.dueOn === null ? s.noDue : formatDate(row.dueOn, ctx.lang)}
                  {row.overdue && (
                    <>
                      {' '}
                      <strong class="badge badge-overdue">{s.overdue}</strong>
                    </>
                  )}
                </td>
                <td>{row.receiptNumber ?? p.notYet}</td>
                <td>
                  <a href={href(ctx.lang, `/staff/proposals/${row.id}`)}>
                    {titleOf(ctx, row.title)}
                  </a>
                </td>
                <td>{row.organisationName}</td>
                <td>{stateLabel(ctx, row.state)}</td>
                <td>
                  {row.leadDepartmentId === null
                    ? s.noLead
                    : (choices.departmentNames.get(row.leadDepartmentId) ?? s.noLead)}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h2>{s.rolesHeading}</h2>
      <RoleList ctx={ctx} roles={roles} departments={choices.departmentNames} />
      <ul class="link-list">
        <li>
          <a href={href(ctx.lang, '/staff/challenges')}>{ctx.t.challenge.listTitle}</a>
        </li>
        <li>
          <a href={href(ctx.lang, '/staff/challenge-calls')}>{ctx.t.challenge.callsTitle}</a>
        </li>
        {props.links.headquarters && (
          <li>
            <a href={href(ctx.lang, '/staff/headquarters')}>{s.headquartersLink}</a>
          </li>
        )}
        {props.links.cases && (
          <li>
            <a href={href(ctx.lang, '/staff/cases')}>{ctx.t.caseWork.workLink}</a>
          </li>
        )}
        {props.links.fairness && (
          <li>
            <a href={href(ctx.lang, '/staff/fairness')}>{ctx.t.fairness.inboxLink}</a>
          </li>
        )}
        {props.links.budget && (
          <li>
            <a href={href(ctx.lang, '/staff/budget')}>{ctx.t.budget.inboxLink}</a>
          </li>
        )}
        {props.links.admin && (
          <li>
            <a href={href(ctx.lang, '/admin')}>{a.adminArea}</a>
          </li>
        )}
        <li>
          <a href={href(ctx.lang, '/account')}>{a.myPage}</a>
        </li>
      </ul>
    </Layout>
  );
}
