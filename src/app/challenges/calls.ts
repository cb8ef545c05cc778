import type { Kysely } from 'kysely';
import { formatDate } from '../../domain/calendar.ts';
import type { Database, Department } from '../../db/schema.ts';
import { listDepartments } from '../accounts/departments.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { auditChallenge, portalLink, type ChallengeEnv } from './env.ts';

/**
 * Challenge calls (課題の庁内照会): the gate asks all departments, or chosen ones, for
 * challenges by a deadline. A department asked includes every department below it, so a
 * section answers for its bureau; the gate sees who has answered and reminds the others.
 */

export interface ChallengeCallInput {
  title: string;
  instructions: string;
  deadline: string;
  allDepartments: boolean;
  /** The departments asked, when not all of them. */
  departmentIds: number[];
}

/** Every department id at or below each of `roots`. */
export function reachOf(departments: readonly Department[], roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const d of departments) {
    if (d.parent_id !== null) {
      children.set(d.parent_id, [...(children.get(d.parent_id) ?? []), d.id]);
    }
  }
  const reached = new Set<number>();
  const visit = (id: number) => {
    if (reached.has(id)) {
      return;
    }
    reached.add(id);
    for (const child of children.get(id) ?? []) {
      visit(child);
    }
  };
  roots.forEach(visit);
  return [...reached];
}

/** The departments a call asks, each with every department below it. */
export async function callReach(db: Kysely<Database>, tenantId: number, callId: number) {
  const [targets, departments] = await Promise.all([
    db
      .selectFrom('challenge_call_department')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('challenge_call_id', '=', callId)
      .execute(),
    listDepartments(db, tenantId),
  ]);
  return {
    departments,
    targets: targets.map((target) => ({
      ...target,
      reach: reachOf(departments, [target.department_id]),
    })),
  };
}

/** Who answers for each department asked: active staff of it or of a department below it. */
async function staffOf(trx: Kysely<Database>, tenantId: number, departmentIds: number[]) {
  if (departmentIds.length === 0) {
    return [];
  }
  return trx
    .selectFrom('staff_role as r')
    .innerJoin('user_account as u', 'u.id', 'r.user_id')
    .select(['u.email', 'u.lang'])
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', 'in', ['departmentStaff', 'departmentApprover'])
    .where('r.department_id', 'in', departmentIds)
    .where('u.status', '=', 'active')
    .orderBy('u.email')
    .execute();
}

async function mailCall(
  trx: Kysely<Database>,
  env: ChallengeEnv,
  call: { id: number; title: string; instructions: string; deadline: string },
  departmentIds: number[],
  reminder: boolean,
) {
  for (const person of await staffOf(trx, env.tenantId, departmentIds)) {
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'challengeCall',
      lang: person.lang,
      to: person.email,
      params: {
        title: call.title,
        deadline: formatDate(call.deadline, person.lang),
        instructions: call.instructions,
        link: portalLink(env, person.lang, `/staff/challenge-calls/${call.id}`),
        reminder,
      },
    });
  }
}

/** Opens a call, asks its departments and mails their staff, in one transaction. */
export async function createChallengeCall(
  env: ChallengeEnv,
  input: ChallengeCallInput,
): Promise<number> {
  return env.db.transaction().execute(async (trx) => {
    const departments = await listDepartments(trx, env.tenantId);
    const asked = input.allDepartments
      ? departments.filter((d) => d.parent_id === null && d.archived_at === null).map((d) => d.id)
      : input.departmentIds;
    const call = await trx
      .insertInto('challenge_call')
      .values({
        tenant_id: env.tenantId,
        title: input.title,
        instructions: input.instructions,
        deadline: input.deadline,
        all_departments: input.allDepartments,
        created_by: env.actor.userId,
        created_at: env.clock.now(),
      })
      .returning(['id', 'title', 'instructions', 'deadline'])
      .executeTakeFirstOrThrow();
    if (asked.length > 0) {
      await trx
        .insertInto('challenge_call_department')
        .values(
          asked.map((departmentId) => ({
            tenant_id: env.tenantId,
            challenge_call_id: call.id,
            department_id: departmentId,
          })),
        )
        .execute();
    }
    await mailCall(trx, env, call, reachOf(departments, asked), false);
    await auditChallenge(trx, env, {
      action: 'challengeCall.created',
      targetKind: 'challengeCall',
      targetId: call.id,
      targetLabel: call.title,
      details: { departments: asked.length, deadline: input.deadline },
    });
    return call.id;
  });
}

/** The departments asked by a call, each with the challenges it has submitted for it. */
export async function callAnswers(db: Kysely<Database>, tenantId: number, callId: number) {
  const { targets, departments } = await callReach(db, tenantId, callId);
  const submitted = await db
    .selectFrom('challenge')
    .select(['id', 'department_id', 'title_ja', 'title_en', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('challenge_call_id', '=', callId)
    .where('status', '!=', 'draft')
    .orderBy('id')
    .execute();
  const byId = new Map(departments.map((d) => [d.id, d]));
  return targets.map((target) => ({
    department: byId.get(target.department_id)!,
    remindedAt: target.reminded_at,
    reach: target.reach,
    challenges: submitted.filter((c) => target.reach.includes(c.department_id)),
  }));
}

/** Reminds by e-mail every asked department that has not answered; returns how many. */
export async function remindChallengeCall(env: ChallengeEnv, callId: number): Promise<number> {
  return env.db.transaction().execute(async (trx) => {
    const call = await trx
      .selectFrom('challenge_call')
      .select(['id', 'title', 'instructions', 'deadline'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', callId)
      .forUpdate()
      .executeTakeFirst();
    if (!call) {
      return 0;
    }
    // A department reminded in the last hour is not reminded again (a second press, a
    // second tab): one reminder is a nudge, two in a row are noise.
    const hourAgo = env.clock.now().getTime() - 3_600_000;
    const silent = (await callAnswers(trx, env.tenantId, callId)).filter(
      (answer) =>
        answer.challenges.length === 0 &&
        (answer.remindedAt === null || new Date(answer.remindedAt).getTime() < hourAgo),
    );
    if (silent.length === 0) {
      return 0;
    }
    await mailCall(
      trx,
      env,
      call,
      silent.flatMap((answer) => answer.reach),
      true,
    );
    await trx
      .updateTable('challenge_call_department')
      .set({ reminded_at: env.clock.now() })
      .where('tenant_id', '=', env.tenantId)
      .where('challenge_call_id', '=', callId)
      .where(
        'department_id',
        'in',
        silent.map((answer) => answer.department.id),
      )
      .execute();
    await auditChallenge(trx, env, {
      action: 'challengeCall.reminded',
      targetKind: 'challengeCall',
      targetId: callId,
      targetLabel: call.title,
      details: { departments: silent.length },
    });
    return silent.length;
  });
}
