import type { FastifyRequest } from 'fastify';
import type { ChallengeEnv } from '../../app/challenges/env.ts';
import { departmentTree, flattenTree, listDepartments } from '../../app/accounts/departments.ts';
import { can, departmentRoles } from '../../domain/policy.ts';
import type { Department } from '../../db/schema.ts';
import { NotFound, originOf } from '../auth.ts';
import { departmentPath } from '../views/admin/parts.tsx';
import type { PageContext } from '../views/context.ts';

/** What the staff routes of challenges and challenge calls share. */

/** The challenge commands' environment, acting as the signed-in staff member. */
export function challengeEnv(request: FastifyRequest): ChallengeEnv {
  const gate = request.server.gate;
  const user = request.signedIn!.user;
  return {
    db: gate.database.db,
    clock: gate.clock,
    tenantId: gate.tenant().id,
    timeZone: gate.tenant().time_zone,
    publicUrl: gate.config.publicUrl,
    origin: originOf(request),
    actor: { userId: user.id, email: user.email },
  };
}

/** True when the actor works for the gate (the policy lets only the gate open a call). */
export function isGate(request: FastifyRequest): boolean {
  return can(request.actor, 'challengeCall', 'create', {
    tenantId: request.server.gate.tenant().id,
    departmentIds: [],
  });
}

/** The departments the actor holds a department role in. */
export function ownDepartmentIds(request: FastifyRequest): number[] {
  const actor = request.actor;
  if (actor.kind !== 'staff') {
    return [];
  }
  const ids = actor.roles
    .filter((grant) => departmentRoles.includes(grant.role) && grant.departmentId !== null)
    .map((grant) => grant.departmentId!);
  return [...new Set(ids)];
}

/** The given departments and every department above them (a call to a bureau asks them). */
export function withAncestors(departments: readonly Department[], ids: readonly number[]) {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const found = new Set<number>();
  for (const id of ids) {
    let current = byId.get(id);
    while (current && !found.has(current.id)) {
      found.add(current.id);
      current = current.parent_id === null ? undefined : byId.get(current.parent_id);
    }
  }
  return [...found];
}

/** Active departments as select options, each named with the departments above it. */
export async function departmentOptions(
  request: FastifyRequest,
  ctx: PageContext,
  only?: readonly number[],
) {
  const rows = await listDepartments(request.server.gate.database.db, ctx.tenant.id);
  return flattenTree(departmentTree(rows))
    .filter(
      (node) =>
        node.department.archived_at === null &&
        node.ancestors.every((a) => a.archived_at === null) &&
        (only === undefined || only.includes(node.department.id)),
    )
    .map((node) => ({ value: String(node.department.id), label: departmentPath(ctx, node) }));
}

/** A positive database id from a path parameter, or "not found". */
export function pathId(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new NotFound();
  }
  return Number(raw);
}

/** A problem code of the challenge pages as a sentence; shared codes otherwise. */
export function challengeProblem(ctx: PageContext, code: string): string | undefined {
  return (ctx.t.challenge.errors as Record<string, string>)[code];
}
