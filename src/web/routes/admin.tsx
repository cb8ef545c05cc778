import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditActions } from '../../app/accounts/audit.ts';
import {
  isCalendarDate,
  likeContains,
  queryAuditLog,
  type AuditFilter,
} from '../../app/accounts/audit-query.ts';
import {
  archiveDepartment,
  createDepartment,
  DepartmentError,
  departmentCodePattern,
  departmentKinds,
  departmentTree,
  flattenTree,
  listDepartments,
  normaliseDepartmentCode,
  restoreDepartment,
  roleCounts,
  updateDepartment,
} from '../../app/accounts/departments.ts';
import {
  createStaffUser,
  grantRole,
  issueSetupLink,
  revokeRole,
  setAccountDisabled,
  StaffAccountError,
} from '../../app/accounts/staff.ts';
import { findUser, normaliseEmail } from '../../app/accounts/users.ts';
import { limits } from '../../domain/limits.ts';
import { can, departmentRoles, staffRoles, type PolicyObjects } from '../../domain/policy.ts';
import type { Database, UserAccount, UserStatus } from '../../db/schema.ts';
import { authorize, NotFound } from '../auth.ts';
import {
  emailField,
  emptyForm,
  errorText,
  formValues,
  optionalText,
  requiredText,
  type FormResult,
  type FormState,
  postedList,
} from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import { AuditPage, auditTargetKinds } from '../views/admin/audit.tsx';
import { DepartmentPage, DepartmentsPage } from '../views/admin/departments.tsx';
import { AdminHomePage } from '../views/admin/overview.tsx';
import {
  NewUserPage,
  UserPage,
  UsersPage,
  userStatuses,
  type StaffRoleView,
  type StaffSummary,
} from '../views/admin/users.tsx';
import { serviceEnv } from './auth.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';
/**
 * The tenant administration: staff accounts and their roles, the department tree and the
 * audit log. Only a tenant admin gets in; anyone else signed in is told "not found", and a
 * visitor is sent to sign in.
 */

const usersPageSize = 50;

/** A message for an error code: the admin area's own codes first, then the shared ones. */
function problemText(t: Messages, code: string): string {
  const own = (t.admin.errors as Record<string, string>)[code];
  return own ?? errorText(t, code);
}

/** Like `readForm`, with the admin area's error codes. */
function readAdminForm<S extends z.ZodObject>(
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
    errors[field] ??= problemText(t, issue.message);
  }
  return { ok: false, state: { values, errors } };
}

/** A positive database id from the path, or "not found". */
function idParam(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new NotFound();
  }
  return Number(raw);
}

/** A department id chosen in a select: null for none, NaN for something else. */
function chosenId(value: string | undefined): number | null {
  if (!value) {
    return null;
  }
  return /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : Number.NaN;
}

/** The account services' environment, acting as the signed-in admin. */
function adminEnv(request: FastifyRequest) {
  const user = request.signedIn!.user;
  return { ...serviceEnv(request), actor: { id: user.id, email: user.email } };
}

function tenantId(request: FastifyRequest): number {
  return request.server.gate.tenant().id;
}

function database(request: FastifyRequest): Kysely<Database> {
  return request.server.gate.database.db;
}

async function enterAdmin(request: FastifyRequest): Promise<void> {
  await authorize(request, 'adminArea', 'enter', { tenantId: tenantId(request) });
}

function userObject(request: FastifyRequest, user: UserAccount): PolicyObjects['user'] {
  return { tenantId: tenantId(request), id: user.id, kind: user.kind, organisationId: null };
}

/** The staff account of the path, or "not found" (another tenant's, a proposer, none). */
async function staffUserOf(request: FastifyRequest): Promise<UserAccount> {
  await enterAdmin(request);
  const user = await findUser(database(request), tenantId(request), idParam(request));
  if (!user || user.kind !== 'staff') {
    throw new NotFound();
  }
  await authorize(request, 'user', 'updateRoles', userObject(request, user), {
    id: user.id,
    label: user.email,
  });
  return user;
}

async function departmentsTree(request: FastifyRequest) {
  return departmentTree(await listDepartments(database(request), tenantId(request)));
}

async function rolesOfUsers(
  request: FastifyRequest,
  userIds: number[],
): Promise<Map<number, StaffRoleView[]>> {
  const result = new Map<number, StaffRoleView[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) {
    return result;
  }
  const db = database(request);
  const [rows, departments] = await Promise.all([
    db
      .selectFrom('staff_role')
      .select(['id', 'user_id', 'role', 'department_id'])
      .where('tenant_id', '=', tenantId(request))
      .where('user_id', 'in', userIds)
      .orderBy('id')
      .execute(),
    listDepartments(db, tenantId(request)),
  ]);
  const byId = new Map(departments.map((department) => [department.id, department]));
  for (const row of rows) {
    result.get(row.user_id)?.push({
      id: row.id,
      role: row.role,
      department: row.department_id === null ? null : (byId.get(row.department_id) ?? null),
    });
  }
  return result;
}

// Forms

const newUserForm = z.object({
  name: requiredText(limits.name),
  email: emailField,
  lang: z.enum(['ja', 'en'], 'choose'),
  departmentId: z.string(),
});

const addRoleForm = z.object({
  role: z.enum(staffRoles, 'choose'),
  departmentId: z.string(),
});

const codeField = z
  .string()
  .transform(normaliseDepartmentCode)
  .pipe(
    z
      .string()
      .min(1, 'required')
      .max(limits.code, `tooLong:${limits.code}`)
      .regex(departmentCodePattern, 'departmentCodeInvalid'),
  );

const departmentForm = z.object({
  kind: z.enum(departmentKinds as ['bureau', 'department', 'section'], 'choose'),
  parentId: z.string(),
  code: codeField,
  nameJa: requiredText(limits.name),
  nameEn: optionalText(limits.name),
});

const departmentEditForm = departmentForm.omit({ kind: true });

/** Reads the role grants of the new-user form; adds problems to `errors`. */
function readGrants(
  t: Messages,
  body: unknown,
  values: Record<string, string>,
  errors: Record<string, string>,
) {
  const roles = staffRoles.filter((role) => postedList(body, 'roles').includes(role));
  values.roles = roles.join(',');
  if (roles.length === 0) {
    errors.roles ??= problemText(t, 'rolesRequired');
  }
  const departmentId = chosenId(values.departmentId);
  const needsDepartment = roles.some((role) => departmentRoles.includes(role));
  if (needsDepartment && departmentId === null) {
    errors.departmentId ??= problemText(t, 'departmentRequired');
  } else if (Number.isNaN(departmentId)) {
    errors.departmentId ??= problemText(t, 'unknownDepartment');
  }
  return roles.map((role) => ({
    role,
    departmentId: departmentRoles.includes(role) ? departmentId : null,
  }));
}

/** The field of a staff account problem. */
function staffErrorField(error: StaffAccountError): string {
  return error.reason === 'emailTaken' ? 'email' : 'departmentId';
}

export function registerAdminRoutes(app: FastifyInstance): void {
  // Overview

  localized(app, 'GET', '/admin', async (request, reply) => {
    await enterAdmin(request);
    const ctx = personalContext(request, reply);
    return sendPersonalPage(reply, <AdminHomePage ctx={ctx} />);
  });

  // Staff accounts

  localized(app, 'GET', '/admin/users', async (request, reply) => {
    await enterAdmin(request);
    const ctx = personalContext(request, reply);
    const query = formValues(request.query, ['status', 'q', 'page']);
    const status = userStatuses.includes(query.status as UserStatus)
      ? (query.status as UserStatus)
      : undefined;
    const text = (query.q ?? '').trim().slice(0, 200);
    let base = database(request)
      .selectFrom('user_account')
      .where('tenant_id', '=', tenantId(request))
      .where('kind', '=', 'staff');
    if (status) {
      base = base.where('status', '=', status);
    }
    if (text) {
      const pattern = likeContains(text);
      base = base.where((eb) =>
        eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]),
      );
    }
    const { count } = await base
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const total = Number(count);
    const pages = Math.max(1, Math.ceil(total / usersPageSize));
    const page = Math.min(Math.max(1, Number.parseInt(query.page ?? '', 10) || 1), pages);
    const users = await base
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(usersPageSize)
      .offset((page - 1) * usersPageSize)
      .execute();
    const roles = await rolesOfUsers(
      request,
      users.map((user) => user.id),
    );
    const rows: StaffSummary[] = users.map((user) => ({ user, roles: roles.get(user.id) ?? [] }));
    const params = new URLSearchParams();
    if (status) {
      params.set('status', status);
    }
    if (text) {
      params.set('q', text);
    }
    return sendPersonalPage(
      reply,
      <UsersPage
        ctx={ctx}
        rows={rows}
        filter={{ status, q: text }}
        total={total}
        page={page}
        pages={pages}
        params={params}
      />,
    );
  });

  const newUserObject = (request: FastifyRequest): PolicyObjects['user'] => ({
    tenantId: tenantId(request),
    id: 0,
    kind: 'staff',
    organisationId: null,
  });

  const newUserPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const departments = await departmentsTree(request);
    return sendPersonalPage(
      reply,
      <NewUserPage ctx={ctx} state={state} departments={departments} />,
      status,
    );
  };

  localized(app, 'GET', '/admin/users/new', async (request, reply) => {
    await enterAdmin(request);
    await authorize(request, 'user', 'create', newUserObject(request));
    return newUserPage(request, reply, { values: { lang: 'ja' }, errors: {} });
  });

  localized(app, 'POST', '/admin/users/new', async (request, reply) => {
    await enterAdmin(request);
    await authorize(request, 'user', 'create', newUserObject(request));
    const t = request.server.gate.context(request).t;
    const form = readAdminForm(newUserForm, request.body, t);
    const values = form.ok ? form.values : form.state.values;
    const errors = form.ok ? {} : { ...form.state.errors };
    const grants = readGrants(t, request.body, values, errors);
    if (!form.ok || Object.keys(errors).length > 0) {
      return newUserPage(request, reply, { values, errors }, 400);
    }
    try {
      const { user, setupLink } = await createStaffUser(adminEnv(request), {
        email: form.data.email,
        name: form.data.name,
        lang: form.data.lang,
        roles: grants,
        sendMail: true,
      });
      setNotice(request, `${t.admin.created(user.email)} ${setupLink}`);
      return redirectTo(request, reply, `/admin/users/${user.id}`);
    } catch (error) {
      if (error instanceof StaffAccountError) {
        return newUserPage(
          request,
          reply,
          { values, errors: { [staffErrorField(error)]: problemText(t, error.reason) } },
          400,
        );
      }
      throw error;
    }
  });

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserAccount,
    options: { state?: FormState; problem?: string; status?: number } = {},
  ) => {
    const ctx = personalContext(request, reply);
    const [roles, departments] = await Promise.all([
      rolesOfUsers(request, [user.id]),
      departmentsTree(request),
    ]);
    const self = request.signedIn?.user.id === user.id;
    return sendPersonalPage(
      reply,
      <UserPage
        ctx={ctx}
        user={user}
        roles={roles.get(user.id) ?? []}
        departments={departments}
        self={self}
        canDisable={can(request.actor, 'user', 'disable', userObject(request, user))}
        state={options.state ?? emptyForm}
        notice={options.problem ? undefined : takeNotice(request)}
        problem={options.problem}
      />,
      options.status ?? 200,
    );
  };

  localized(app, 'GET', '/admin/users/:id', async (request, reply) => {
    const user = await staffUserOf(request);
    return userPage(request, reply, user);
  });

  localized(app, 'POST', '/admin/users/:id/roles', async (request, reply) => {
    const user = await staffUserOf(request);
    const t = request.server.gate.context(request).t;
    const form = readAdminForm(addRoleForm, request.body, t);
    if (!form.ok) {
      return userPage(request, reply, user, { state: form.state, status: 400 });
    }
    const { role } = form.data;
    const departmentId = departmentRoles.includes(role) ? chosenId(form.data.departmentId) : null;
    const fail = (field: string, code: string) =>
      userPage(request, reply, user, {
        state: { values: form.values, errors: { [field]: problemText(t, code) } },
        status: 400,
      });
    if (departmentRoles.includes(role) && departmentId === null) {
      return fail('departmentId', 'departmentRequired');
    }
    if (Number.isNaN(departmentId)) {
      return fail('departmentId', 'unknownDepartment');
    }
    let held = database(request)
      .selectFrom('staff_role')
      .select('id')
      .where('tenant_id', '=', tenantId(request))
      .where('user_id', '=', user.id)
      .where('role', '=', role);
    held =
      departmentId === null
        ? held.where('department_id', 'is', null)
        : held.where('department_id', '=', departmentId);
    if (await held.executeTakeFirst()) {
      return fail('role', 'roleHeld');
    }
    const env = adminEnv(request);
    try {
      await database(request)
        .transaction()
        .execute((trx) => grantRole(trx, env, user, { role, departmentId }));
    } catch (error) {
      if (error instanceof StaffAccountError) {
        return fail('departmentId', error.reason);
      }
      throw error;
    }
    setNotice(request, t.admin.roleAdded);
    return redirectTo(request, reply, `/admin/users/${user.id}`);
  });

  localized(app, 'POST', '/admin/users/:id/roles/remove', async (request, reply) => {
    const user = await staffUserOf(request);
    const t = request.server.gate.context(request).t;
    const { roleId } = formValues(request.body, ['roleId']);
    const id = chosenId(roleId);
    if (id === null || Number.isNaN(id)) {
      throw new NotFound();
    }
    const grant = await database(request)
      .selectFrom('staff_role')
      .select(['id', 'role'])
      .where('tenant_id', '=', tenantId(request))
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!grant) {
      throw new NotFound();
    }
    // An admin who took away their own admin role could not undo it.
    if (grant.role === 'tenantAdmin' && request.signedIn?.user.id === user.id) {
      return userPage(request, reply, user, {
        problem: problemText(t, 'ownAdminRole'),
        status: 400,
      });
    }
    const env = adminEnv(request);
    await database(request)
      .transaction()
      .execute((trx) => revokeRole(trx, env, user, grant.id));
    setNotice(request, t.admin.roleRemoved);
    return redirectTo(request, reply, `/admin/users/${user.id}`);
  });

  for (const [path, disabled] of [
    ['/admin/users/:id/disable', true],
    ['/admin/users/:id/enable', false],
  ] as const) {
    localized(app, 'POST', path, async (request, reply) => {
      const user = await staffUserOf(request);
      // Nobody disables themselves: the policy says no, and the answer is "not found".
      await authorize(request, 'user', 'disable', userObject(request, user), {
        id: user.id,
        label: user.email,
      });
      const t = request.server.gate.context(request).t;
      if ((user.status === 'disabled') !== disabled) {
        const env = adminEnv(request);
        await database(request)
          .transaction()
          .execute((trx) => setAccountDisabled(trx, env, user, disabled));
      }
      setNotice(request, disabled ? t.admin.disabledNotice : t.admin.enabledNotice);
      return redirectTo(request, reply, `/admin/users/${user.id}`);
    });
  }

  localized(app, 'POST', '/admin/users/:id/setup-link', async (request, reply) => {
    const user = await staffUserOf(request);
    if (user.status !== 'invited') {
      return redirectTo(request, reply, `/admin/users/${user.id}`);
    }
    const t = request.server.gate.context(request).t;
    const env = adminEnv(request);
    const link = await database(request)
      .transaction()
      .execute((trx) => issueSetupLink(trx, env, user, true));
    setNotice(request, `${t.admin.setupLinkSent(normaliseEmail(user.email))} ${link}`);
    return redirectTo(request, reply, `/admin/users/${user.id}`);
  });

  // Departments

  const departmentsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const tree = await departmentsTree(request);
    return sendPersonalPage(
      reply,
      <DepartmentsPage
        ctx={ctx}
        tree={tree}
        state={state}
        notice={status === 200 ? takeNotice(request) : undefined}
      />,
      status,
    );
  };

  localized(app, 'GET', '/admin/departments', async (request, reply) => {
    await enterAdmin(request);
    return departmentsPage(request, reply, emptyForm);
  });

  localized(app, 'POST', '/admin/departments', async (request, reply) => {
    await enterAdmin(request);
    await authorize(request, 'department', 'create', { tenantId: tenantId(request), id: 0 });
    const t = request.server.gate.context(request).t;
    const form = readAdminForm(departmentForm, request.body, t);
    if (!form.ok) {
      return departmentsPage(request, reply, form.state, 400);
    }
    const parentId = chosenId(form.data.parentId);
    const fail = (field: string, code: string) =>
      departmentsPage(
        request,
        reply,
        { values: form.values, errors: { [field]: problemText(t, code) } },
        400,
      );
    if (Number.isNaN(parentId)) {
      return fail('parentId', 'parentInvalid');
    }
    try {
      const created = await createDepartment(adminEnv(request), {
        kind: form.data.kind,
        parentId,
        code: form.data.code,
        nameJa: form.data.nameJa,
        nameEn: form.data.nameEn === '' ? null : form.data.nameEn,
      });
      await request.server.gate.refresh();
      setNotice(request, t.admin.added(created.name_ja));
      return redirectTo(request, reply, '/admin/departments');
    } catch (error) {
      if (error instanceof DepartmentError && error.field) {
        return fail(error.field, error.reason);
      }
      throw error;
    }
  });

  const departmentPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: { state?: FormState; problem?: string; status?: number } = {},
  ) => {
    const tree = await departmentsTree(request);
    const node = flattenTree(tree).find((candidate) => candidate.department.id === id);
    if (!node) {
      throw new NotFound();
    }
    const { department } = node;
    const ctx = personalContext(request, reply);
    const counts = await roleCounts(database(request), tenantId(request));
    const state = options.state ?? {
      values: {
        parentId: department.parent_id === null ? '' : String(department.parent_id),
        code: department.code,
        nameJa: department.name_ja,
        nameEn: department.name_en ?? '',
      },
      errors: {},
    };
    return sendPersonalPage(
      reply,
      <DepartmentPage
        ctx={ctx}
        node={node}
        tree={tree}
        state={state}
        roleCount={counts.get(id) ?? 0}
        notice={options.status ? undefined : takeNotice(request)}
        problem={options.problem}
      />,
      options.status ?? 200,
    );
  };

  /** The department of the path, after the policy's check. */
  const departmentIdOf = async (request: FastifyRequest, action: 'update' | 'archive') => {
    await enterAdmin(request);
    const id = idParam(request);
    await authorize(request, 'department', action, { tenantId: tenantId(request), id }, { id });
    return id;
  };

  localized(app, 'GET', '/admin/departments/:id', async (request, reply) => {
    const id = await departmentIdOf(request, 'update');
    return departmentPage(request, reply, id);
  });

  localized(app, 'POST', '/admin/departments/:id', async (request, reply) => {
    const id = await departmentIdOf(request, 'update');
    const t = request.server.gate.context(request).t;
    const form = readAdminForm(departmentEditForm, request.body, t);
    if (!form.ok) {
      return departmentPage(request, reply, id, { state: form.state, status: 400 });
    }
    const fail = (field: string, code: string) =>
      departmentPage(request, reply, id, {
        state: { values: form.values, errors: { [field]: problemText(t, code) } },
        status: 400,
      });
    const parentId = chosenId(form.data.parentId);
    if (Number.isNaN(parentId)) {
      return fail('parentId', 'parentInvalid');
    }
    try {
      await updateDepartment(adminEnv(request), id, {
        parentId,
        code: form.data.code,
        nameJa: form.data.nameJa,
        nameEn: form.data.nameEn === '' ? null : form.data.nameEn,
      });
    } catch (error) {
      if (error instanceof DepartmentError) {
        if (error.reason === 'notFound') {
          throw new NotFound();
        }
        if (error.field) {
          return fail(error.field, error.reason);
        }
      }
      throw error;
    }
    await request.server.gate.refresh();
    setNotice(request, t.admin.saved);
    return redirectTo(request, reply, `/admin/departments/${id}`);
  });

  for (const [path, change] of [
    ['/admin/departments/:id/archive', 'archive'],
    ['/admin/departments/:id/restore', 'restore'],
  ] as const) {
    localized(app, 'POST', path, async (request, reply) => {
      const id = await departmentIdOf(request, 'archive');
      const t = request.server.gate.context(request).t;
      const env = adminEnv(request);
      try {
        await (change === 'archive' ? archiveDepartment(env, id) : restoreDepartment(env, id));
      } catch (error) {
        if (error instanceof DepartmentError) {
          if (error.reason === 'notFound') {
            throw new NotFound();
          }
          return departmentPage(request, reply, id, {
            problem: change === 'archive' ? t.admin.archiveBlocked : t.admin.errors.restoreBlocked,
            status: 400,
          });
        }
        throw error;
      }
      await request.server.gate.refresh();
      setNotice(request, change === 'archive' ? t.admin.archivedNotice : t.admin.restoredNotice);
      return redirectTo(request, reply, `/admin/departments/${id}`);
    });
  }

  // Audit log

  localized(app, 'GET', '/admin/audit', async (request, reply) => {
    await authorize(request, 'auditLog', 'view', { tenantId: tenantId(request) });
    const ctx = personalContext(request, reply);
    const t = ctx.t;
    const raw = formValues(request.query, ['action', 'actor', 'from', 'to', 'target', 'page']);
    const values: Record<string, string> = {
      action: (auditActions as readonly string[]).includes(raw.action!) ? raw.action! : '',
      actor: raw.actor!.trim().slice(0, limits.email),
      from: raw.from!.trim(),
      to: raw.to!.trim(),
      target: (auditTargetKinds as readonly string[]).includes(raw.target!) ? raw.target! : '',
    };
    const errors: Record<string, string> = {};
    for (const field of ['from', 'to'] as const) {
      if (values[field] && !isCalendarDate(values[field])) {
        errors[field] = problemText(t, 'dateInvalid');
      }
    }
    if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) {
      errors.to = problemText(t, 'dateOrder');
    }
    if (Object.keys(errors).length > 0) {
      return sendPersonalPage(
        reply,
        <AuditPage ctx={ctx} state={{ values, errors }} result={undefined} />,
        400,
      );
    }
    const filter: AuditFilter = {
      action: values.action || undefined,
      actorEmail: values.actor || undefined,
      from: values.from || undefined,
      to: values.to || undefined,
      targetKind: values.target || undefined,
    };
    const page = Number.parseInt(raw.page ?? '', 10) || 1;
    const result = await queryAuditLog(
      database(request),
      tenantId(request),
      ctx.tenant.time_zone,
      filter,
      page,
    );
    const params = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== ''));
    return sendPersonalPage(
      reply,
      <AuditPage ctx={ctx} state={{ values, errors }} result={{ ...result, params }} />,
    );
  });
}
