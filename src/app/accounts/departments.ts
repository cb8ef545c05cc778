import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import { bumpContentVersion } from '../../db/queries/tenant.ts';
import type { Database, Department, DepartmentTable } from '../../db/schema.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';

/**
 * The tenant's departments as a tree: bureau (局) > department (部) > section (課). Admins add,
 * rename, move and archive them; every change goes to the audit log. Nothing is deleted:
 * challenges, roles and past records keep pointing at archived departments.
 */

export type DepartmentKind = DepartmentTable['kind'];
export const departmentKinds: readonly DepartmentKind[] = ['bureau', 'department', 'section'];

/** The kind a department's parent must be, or null when it has none. */
export const parentKindOf: Record<DepartmentKind, DepartmentKind | null> = {
  bureau: null,
  department: 'bureau',
  section: 'department',
};

interface Env {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
  origin: AuditOrigin;
  /** The admin who acts; null from the command line. */
  actor: { id: number; email: string } | null;
}

/** Why a department cannot be created or changed as asked. */
export class DepartmentError extends Error {
  constructor(
    readonly reason:
      | 'codeTaken'
      | 'parentRequired'
      | 'parentNotAllowed'
      | 'parentInvalid'
      | 'parentArchived'
      | 'hasActiveChildren'
      | 'notFound',
    /** The form field the problem belongs to. */
    readonly field: 'code' | 'parentId' | null = null,
  ) {
    super(reason);
  }
}

/** A department with its sub-departments, in display order. */
export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
  /** The names above it, from the bureau down (empty for a bureau). */
  ancestors: Department[];
}

/** A department code as stored: lower-case letters, digits and single hyphens or underscores. */
export const departmentCodePattern = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** Normalises a code as typed (full-width characters, case, spaces around). */
export function normaliseDepartmentCode(code: string): string {
  return code.normalize('NFKC').trim().toLowerCase();
}

/** Every department of the tenant, archived ones included, in display order. */
export async function listDepartments(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('department')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function findDepartment(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<Department | undefined> {
  return db
    .selectFrom('department')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Arranges departments (in display order) as a tree. A department whose parent is missing
 * stays visible at the top rather than disappearing; a loop cannot be built through the
 * forms, but would be broken the same way.
 */
export function departmentTree(rows: readonly Department[]): DepartmentNode[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const children = new Map<number | null, Department[]>();
  for (const row of rows) {
    const parent = row.parent_id !== null && byId.has(row.parent_id) ? row.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  const seen = new Set<number>();
  const build = (parent: number | null, ancestors: Department[]): DepartmentNode[] =>
    (children.get(parent) ?? [])
      .filter((row) => !seen.has(row.id))
      .map((row) => {
        seen.add(row.id);
        return { department: row, ancestors, children: build(row.id, [...ancestors, row]) };
      });
  const tree = build(null, []);
  // Rows in a loop have no root: show them at the top.
  for (const row of rows) {
    if (!seen.has(row.id)) {
      seen.add(row.id);
      tree.push({ department: row, ancestors: [], children: build(row.id, [row]) });
    }
  }
  return tree;
}

/** The tree's nodes, depth first, in display order. */
export function flattenTree(tree: readonly DepartmentNode[]): DepartmentNode[] {
  return tree.flatMap((node) => [node, ...flattenTree(node.children)]);
}

export interface DepartmentInput {
  kind: DepartmentKind;
  parentId: number | null;
  code: string;
  nameJa: string;
  nameEn: string | null;
}

/** Checks that `parentId` is a fitting, active parent for a department of `kind`. */
async function checkParent(
  db: Kysely<Database>,
  tenantId: number,
  kind: DepartmentKind,
  parentId: number | null,
  self?: number,
): Promise<void> {
  const wanted = parentKindOf[kind];
  if (wanted === null) {
    if (parentId !== null) {
      throw new DepartmentError('parentNotAllowed', 'parentId');
    }
    return;
  }
  if (parentId === null) {
    throw new DepartmentError('parentRequired', 'parentId');
  }
  const parent = await findDepartment(db, tenantId, parentId);
  if (!parent || parent.kind !== wanted || parent.id === self) {
    throw new DepartmentError('parentInvalid', 'parentId');
  }
  if (parent.archived_at !== null) {
    throw new DepartmentError('parentArchived', 'parentId');
  }
}

async function checkCode(db: Kysely<Database>, tenantId: number, code: string, self?: number) {
  let query = db
    .selectFrom('department')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code);
  if (self !== undefined) {
    query = query.where('id', '!=', self);
  }
  if (await query.executeTakeFirst()) {
    throw new DepartmentError('codeTaken', 'code');
  }
}

/** A unique violation from the database (two admins taking one code at the same moment). */
function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}

async function translateUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DepartmentError('codeTaken', 'code');
    }
    throw error;
  }
}

function label(row: Pick<Department, 'code' | 'name_ja'>): string {
  return `${row.name_ja} (${row.code})`;
}

/** Adds a department at the end of its parent's list. */
export async function createDepartment(env: Env, input: DepartmentInput): Promise<Department> {
  return translateUnique(() =>
    env.db.transaction().execute(async (trx) => {
      await checkParent(trx, env.tenantId, input.kind, input.parentId);
      await checkCode(trx, env.tenantId, input.code);
      let last = trx
        .selectFrom('department')
        .select((eb) => eb.fn.max('sort').as('sort'))
        .where('tenant_id', '=', env.tenantId);
      last =
        input.parentId === null
          ? last.where('parent_id', 'is', null)
          : last.where('parent_id', '=', input.parentId);
      const { sort } = await last.executeTakeFirstOrThrow();
      const created = await trx
        .insertInto('department')
        .values({
          tenant_id: env.tenantId,
          parent_id: input.parentId,
          kind: input.kind,
          code: input.code,
          name_ja: input.nameJa,
          name_en: input.nameEn,
          sort: (sort ?? 0) + 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await bumpContentVersion(trx, env.tenantId);
      await recordAudit(trx, env.clock, {
        tenantId: env.tenantId,
        action: 'department.created',
        actorUserId: env.actor?.id ?? null,
        actorEmail: env.actor?.email ?? null,
        targetKind: 'department',
        targetId: created.id,
        targetLabel: label(created),
        details: { kind: created.kind, parentId: created.parent_id },
        ...env.origin,
      });
      return created;
    }),
  );
}

/**
 * Renames a department (code and names) or moves it under another parent of the right
 * kind. Its kind stays: a section does not become a bureau. Returns the department as
 * changed; nothing is recorded when nothing changed.
 */
export async function updateDepartment(
  env: Env,
  id: number,
  input: Omit<DepartmentInput, 'kind'>,
): Promise<Department> {
  return translateUnique(() =>
    env.db.transaction().execute(async (trx) => {
      const current = await findDepartment(trx, env.tenantId, id);
      if (!current) {
        throw new DepartmentError('notFound');
      }
      if (input.parentId !== current.parent_id) {
        await checkParent(trx, env.tenantId, current.kind, input.parentId, id);
      }
      if (input.code !== current.code) {
        await checkCode(trx, env.tenantId, input.code, id);
      }
      const next = {
        code: input.code,
        name_ja: input.nameJa,
        name_en: input.nameEn,
        parent_id: input.parentId,
      };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const key of Object.keys(next) as (keyof typeof next)[]) {
        if (next[key] !== current[key]) {
          changes[key] = [current[key], next[key]];
        }
      }
      if (Object.keys(changes).length === 0) {
        return current;
      }
      const updated = await trx
        .updateTable('department')
        .set(next)
        .where('tenant_id', '=', env.tenantId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await bumpContentVersion(trx, env.tenantId);
      await recordAudit(trx, env.clock, {
        tenantId: env.tenantId,
        action: 'department.updated',
        actorUserId: env.actor?.id ?? null,
        actorEmail: env.actor?.email ?? null,
        targetKind: 'department',
        targetId: updated.id,
        targetLabel: label(updated),
        details: { changes },
        ...env.origin,
      });
      return updated;
    }),
  );
}

/**
 * Archives a department: it stays in the tree, marked, and can no longer be given to a
 * role. Roles already held in it stay until an admin removes them. A department with
 * active sub-departments is refused: those are archived or moved first.
 */
export async function archiveDepartment(env: Env, id: number): Promise<Department> {
  return env.db.transaction().execute(async (trx) => {
    const current = await findDepartment(trx, env.tenantId, id);
    if (!current) {
      throw new DepartmentError('notFound');
    }
    if (current.archived_at !== null) {
      return current;
    }
    const activeChild = await trx
      .selectFrom('department')
      .select('id')
      .where('tenant_id', '=', env.tenantId)
      .where('parent_id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (activeChild) {
      throw new DepartmentError('hasActiveChildren');
    }
    const updated = await trx
      .updateTable('department')
      .set({ archived_at: env.clock.now() })
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpContentVersion(trx, env.tenantId);
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'department.archived',
      actorUserId: env.actor?.id ?? null,
      actorEmail: env.actor?.email ?? null,
      targetKind: 'department',
      targetId: updated.id,
      targetLabel: label(updated),
      ...env.origin,
    });
    return updated;
  });
}

/** Takes a department out of the archive; its parent must be active. */
export async function restoreDepartment(env: Env, id: number): Promise<Department> {
  return env.db.transaction().execute(async (trx) => {
    const current = await findDepartment(trx, env.tenantId, id);
    if (!current) {
      throw new DepartmentError('notFound');
    }
    if (current.archived_at === null) {
      return current;
    }
    if (current.parent_id !== null) {
      const parent = await findDepartment(trx, env.tenantId, current.parent_id);
      if (parent?.archived_at !== null) {
        throw new DepartmentError('parentArchived');
      }
    }
    const updated = await trx
      .updateTable('department')
      .set({ archived_at: null })
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpContentVersion(trx, env.tenantId);
    await recordAudit(trx, env.clock, {
      tenantId: env.tenantId,
      action: 'department.updated',
      actorUserId: env.actor?.id ?? null,
      actorEmail: env.actor?.email ?? null,
      targetKind: 'department',
      targetId: updated.id,
      targetLabel: label(updated),
      details: { changes: { archived: [true, false] } },
      ...env.origin,
    });
    return updated;
  });
}

/** How many staff roles are held in each department (for the tree and the archive step). */
export async function roleCounts(
  db: Kysely<Database>,
  tenantId: number,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('staff_role')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('department_id', 'is not', null)
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((row) => [row.department_id!, Number(row.count)]));
}
