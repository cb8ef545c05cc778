import type { DepartmentNode } from '../../../app/accounts/departments.ts';
import { staffRoles, type StaffRole } from '../../../domain/policy.ts';
import type { Department, UserAccount, UserStatus } from '../../../db/schema.ts';
import type { FormState } from '../../forms.ts';
import { formatMoment } from '../../../app/accounts/audit-query.ts';
import { FilterSelect, Pagination } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ActionButton, ErrorSummary, Form, RadioGroup, SelectField, TextField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import {
  AdminMenu,
  AdminNotice,
  CheckboxGroup,
  departmentGroups,
  departmentName,
  GroupedSelect,
  Problem,
} from './parts.tsx';

/** A role held by a staff member, with its department. */
export interface StaffRoleView {
  id: number;
  role: StaffRole;
  department: Department | null;
}

export interface StaffSummary {
  user: UserAccount;
  roles: StaffRoleView[];
}

export const userStatuses: readonly UserStatus[] = ['invited', 'active', 'disabled'];

/** A role as people read it: 部署職員（総務局）. */
export function roleLabel(ctx: PageContext, grant: StaffRoleView): string {
  const m = ctx.t.admin;
  const name = ctx.t.account.roleNames[grant.role];
  if (!grant.department) {
    return name;
  }
  const archived = grant.department.archived_at !== null ? m.archivedSuffix : '';
  return m.roleIn(name, `${departmentName(ctx, grant.department)}${archived}`);
}

function Status(props: { ctx: PageContext; status: UserStatus }) {
  return (
    <span class={`status status-${props.status}`}>
      {props.ctx.t.admin.statusNames[props.status]}
    </span>
  );
}

export function UsersPage(props: {
  ctx: PageContext;
  rows: StaffSummary[];
  filter: { status: string | undefined; q: string };
  total: number;
  page: number;
  pages: number;
  params: URLSearchParams;
}) {
  const { ctx, rows, filter } = props;
  const m = ctx.t.admin;
  return (
    <Layout ctx={ctx} title={m.sections.users.title} lead={m.usersLead}>
      <AdminMenu ctx={ctx} />
      <p>
        <a class="button" href={href(ctx.lang, '/admin/users/new')}>
          {m.newUser}
        </a>
      </p>
      <form method="get" action={href(ctx.lang, '/admin/users')} class="filters admin-filters">
        <h2>{m.filtersHeading}</h2>
        <div class="filter-grid">
          <FilterSelect
            ctx={ctx}
            name="status"
            label={m.status}
            value={filter.status}
            options={userStatuses.map((status) => ({
              value: status,
              label: m.statusNames[status],
            }))}
          />
          <div class="form-row">
            <label for="filter-q">{m.searchText}</label>
            <p class="hint" id="hint-filter-q">
              {m.searchTextHint}
            </p>
            <input
              type="search"
              id="filter-q"
              name="q"
              value={filter.q}
              maxLength={200}
              aria-describedby="hint-filter-q"
            />
          </div>
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {m.filterSubmit}
          </button>
          <a href={href(ctx.lang, '/admin/users')}>{m.clearFilters}</a>
        </div>
      </form>
      <p class="result-count" role="status">
        {m.count(props.total)}
      </p>
      {rows.length === 0 ? (
        <p>{m.noUsers}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={m.sections.users.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.userName}</th>
                <th scope="col">{m.email}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.roles}</th>
                <th scope="col">{m.twoFactor}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ user, roles }) => (
                <tr>
                  <th scope="row">
                    <a href={href(ctx.lang, `/admin/users/${user.id}`)}>{user.name}</a>
                  </th>
                  <td>{user.email}</td>
                  <td>
                    <Status ctx={ctx} status={user.status} />
                  </td>
                  <td>
                    {roles.length === 0 ? (
                      m.noRoles
                    ) : (
                      <ul class="plain-list">
                        {roles.map((grant) => (
                          <li>{roleLabel(ctx, grant)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{user.totp_enabled_at ? m.twoFactorYes : m.twoFactorNo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={props.page} pages={props.pages} params={props.params} />
    </Layout>
  );
}

function roleOptions(ctx: PageContext) {
  return staffRoles.map((role) => ({ value: role, label: ctx.t.account.roleNames[role] }));
}

export function NewUserPage(props: {
  ctx: PageContext;
  state: FormState;
  departments: DepartmentNode[];
}) {
  const { ctx, state } = props;
  const m = ctx.t.admin;
  const labels = {
    name: m.userName,
    email: m.email,
    lang: m.lang,
    roles: m.roles,
    departmentId: m.department,
  };
  return (
    <Layout ctx={ctx} title={m.newUserTitle} lead={m.newUserLead}>
      <AdminMenu ctx={ctx} />
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <Form ctx={ctx} action={href(ctx.lang, '/admin/users/new')} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={state}
          name="name"
          label={labels.name}
          required
          autocomplete="off"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          label={labels.email}
          type="email"
          required
          autocomplete="off"
        />
        <RadioGroup
          ctx={ctx}
          state={state}
          name="lang"
          legend={labels.lang}
          required
          options={(['ja', 'en'] as const).map((lang) => ({
            value: lang,
            label: m.langNames[lang],
          }))}
        />
        <CheckboxGroup
          ctx={ctx}
          state={state}
          name="roles"
          legend={labels.roles}
          hint={m.rolesHint}
          required
          options={roleOptions(ctx)}
        />
        <GroupedSelect
          ctx={ctx}
          state={state}
          name="departmentId"
          label={labels.departmentId}
          hint={m.departmentHint}
          blank={m.chooseDepartment}
          groups={departmentGroups(ctx, props.departments)}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {m.createSubmit}
          </button>
          <a href={href(ctx.lang, '/admin/users')}>{ctx.t.account.cancel}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function UserPage(props: {
  ctx: PageContext;
  user: UserAccount;
  roles: StaffRoleView[];
  departments: DepartmentNode[];
  /** The page's viewer is this account. */
  self: boolean;
  /** The viewer may disable or enable this account. */
  canDisable: boolean;
  state: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, user, roles, state } = props;
  const m = ctx.t.admin;
  const timeZone = ctx.tenant.time_zone;
  const created = user.created_at;
  return (
    <Layout ctx={ctx} title={user.name} lead={m.userLead}>
      <AdminMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      {props.problem && <Problem ctx={ctx}>{props.problem}</Problem>}
      <ErrorSummary ctx={ctx} state={state} labels={{ role: m.role, departmentId: m.department }} />

      <h2>{m.accountHeading}</h2>
      <dl class="facts">
        <dt>{m.userName}</dt>
        <dd>{user.name}</dd>
        <dt>{m.email}</dt>
        <dd>{user.email}</dd>
        <dt>{m.status}</dt>
        <dd>
          <Status ctx={ctx} status={user.status} />
        </dd>
        <dt>{m.twoFactor}</dt>
        <dd>{user.totp_enabled_at ? m.twoFactorYes : m.twoFactorNo}</dd>
        <dt>{m.lang}</dt>
        <dd>{m.langNames[user.lang]}</dd>
        <dt>{m.createdAt}</dt>
        <dd>
          <time dateTime={created.toISOString()}>{formatMoment(created, timeZone)}</time>
        </dd>
      </dl>

      <h2>{m.rolesHeading}</h2>
      <p class="hint">{m.roleChangeNote}</p>
      {roles.length === 0 ? (
        <p>{m.noRoles}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={m.rolesHeading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.roleDepartment}</th>
                <th scope="col">{m.removeColumn}</th>
              </tr>
            </thead>
            <tbody>
              {roles.map((grant) => (
                <tr>
                  <th scope="row">{ctx.t.account.roleNames[grant.role]}</th>
                  <td>
                    {grant.department
                      ? `${departmentName(ctx, grant.department)}${
                          grant.department.archived_at !== null ? m.archivedSuffix : ''
                        }`
                      : m.allDepartments}
                  </td>
                  <td>
                    {!(props.self && grant.role === 'tenantAdmin') && (
                      <ActionButton
                        action={href(ctx.lang, `/admin/users/${user.id}/roles/remove`)}
                        csrf={ctx.csrf!}
                        label={m.removeRole(roleLabel(ctx, grant))}
                        fields={{ roleId: String(grant.id) }}
                        tone="secondary"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{m.addRoleHeading}</h3>
      <Form ctx={ctx} action={href(ctx.lang, `/admin/users/${user.id}/roles`)} csrf={ctx.csrf!}>
        <SelectField
          ctx={ctx}
          state={state}
          name="role"
          label={m.role}
          required
          blank={m.chooseRole}
          options={roleOptions(ctx)}
        />
        <GroupedSelect
          ctx={ctx}
          state={state}
          name="departmentId"
          label={m.department}
          hint={m.departmentHint}
          blank={m.chooseDepartment}
          groups={departmentGroups(ctx, props.departments)}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {m.addRoleSubmit}
          </button>
        </div>
      </Form>

      {user.status === 'invited' && (
        <>
          <h2>{m.setupHeading}</h2>
          <p>{m.setupLead}</p>
          <ActionButton
            action={href(ctx.lang, `/admin/users/${user.id}/setup-link`)}
            csrf={ctx.csrf!}
            label={m.sendSetupLink}
          />
        </>
      )}

      <h2>{m.disableHeading}</h2>
      {props.self ? (
        <p>{m.selfNote}</p>
      ) : user.status === 'disabled' ? (
        <>
          <p>{m.enableLead}</p>
          {props.canDisable && (
            <ActionButton
              action={href(ctx.lang, `/admin/users/${user.id}/enable`)}
              csrf={ctx.csrf!}
              label={m.enable}
            />
          )}
        </>
      ) : (
        <>
          <p>{m.disableLead}</p>
          {props.canDisable && (
            <ActionButton
              action={href(ctx.lang, `/admin/users/${user.id}/disable`)}
              csrf={ctx.csrf!}
              label={m.disable}
              tone="danger"
            />
          )}
        </>
      )}

      <p>
        <a href={href(ctx.lang, '/admin/users')}>{m.backToUsers}</a>
      </p>
    </Layout>
  );
}
