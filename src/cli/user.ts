import { parseArgs } from 'node:util';
import { isEmailAddress } from '../domain/email.ts';
import { systemClock } from '../domain/calendar.ts';
import { departmentRoles, staffRoles, type RoleGrant, type StaffRole } from '../domain/policy.ts';
import type { Config } from '../config/config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { findTenant } from '../db/queries/tenant.ts';
import { createStaffUser, StaffAccountError } from '../app/accounts/staff.ts';
import { tokenLifetimes } from '../app/accounts/tokens.ts';

export const userUsage = `Usage: gate user add --email <address> --name <name> --role <role> [--role <role>…]
                     [--department <code>] [--lang ja|en]

Creates a staff account and prints a single-use link with which its owner sets a password;
they then enrol two-step verification at their first sign-in.

Roles: gate-staff, department-staff, department-approver, headquarters-member, tenant-admin.
Department roles need --department: the department's code (see the admin area).
The link uses PUBLIC_URL (or http://localhost:PORT): run the command with the same settings
as the server.`;

/** A problem with the command's arguments, told to the operator as it is. */
export class UsageError extends Error {}

function roleOf(name: string): StaffRole {
  const camel = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const role = staffRoles.find((r) => r === camel);
  if (!role) {
    const names = staffRoles.map((r) => r.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    throw new UsageError(`Unknown role "${name}". Roles: ${names.join(', ')}.`);
  }
  return role;
}

/** `gate user add …`: returns the text to print. */
export async function userCommand(
  argv: string[],
  config: Config,
  database: DatabaseHandle,
): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      department: { type: 'string', multiple: true },
      lang: { type: 'string', default: 'ja' },
    },
  });
  if (positionals[1] !== 'add') {
    throw new UsageError(userUsage);
  }
  if ((values.department?.length ?? 0) > 1) {
    throw new UsageError(
      'Give one --department: department roles of one account are held in one department. ' +
        'Add roles in other departments in the admin area.',
    );
  }
  const departmentCode = values.department?.[0];
  if (!values.email || !values.name || !values.role?.length) {
    throw new UsageError(`--email, --name and --role are required.\n\n${userUsage}`);
  }
  if (!isEmailAddress(values.email.trim())) {
    throw new UsageError(`"${values.email}" is not an e-mail address.`);
  }
  if (values.lang !== 'ja' && values.lang !== 'en') {
    throw new UsageError('--lang must be ja or en.');
  }
  const tenant = await findTenant(database.db, config.tenant);
  if (!tenant) {
    throw new UsageError(`The tenant "${config.tenant}" does not exist. Run "gate seed" first.`);
  }
  let departmentId: number | null = null;
  if (departmentCode) {
    const department = await database.db
      .selectFrom('department')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where((eb) => eb.or([eb('code', '=', departmentCode!), eb('name_ja', '=', departmentCode!)]))
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!department) {
      throw new UsageError(`No department with the code "${departmentCode}".`);
    }
    departmentId = department.id;
  }
  const roles: RoleGrant[] = values.role.map((name) => {
    const role = roleOf(name);
    return { role, departmentId: departmentRoles.includes(role) ? departmentId : null };
  });
  try {
    const { user, setupLink } = await createStaffUser(
      {
        db: database.db,
        clock: systemClock,
        tenantId: tenant.id,
        publicUrl: config.publicUrl,
        origin: { clientAddress: null, requestId: null },
        actor: null,
      },
      { email: values.email, name: values.name, lang: values.lang, roles, sendMail: false },
    );
    const hours = tokenLifetimes.staffSetup / 3_600_000;
    return (
      `Created the staff account ${user.email} (${roles.map((r) => r.role).join(', ')}).\n` +
      `Give its owner this single-use link to set a password (valid for ${hours} hours):\n\n` +
      `  ${setupLink}\n`
    );
  } catch (error) {
    if (error instanceof StaffAccountError) {
      throw new UsageError(
        {
          emailTaken: `An account with the address ${values.email} already exists.`,
          departmentRequired: 'Department roles need --department <code>.',
          unknownDepartment: `No department with the code "${departmentCode}".`,
        }[error.reason],
      );
    }
    throw error;
  }
}
