import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listDepartments } from '../../app/accounts/departments.ts';
import { isCalendarDate } from '../../app/accounts/audit-query.ts';
import {
  callAnswers,
  callReach,
  createChallengeCall,
  remindChallengeCall,
} from '../../app/challenges/calls.ts';
import { limits } from '../../domain/limits.ts';
import { can } from '../../domain/policy.ts';
import { findChallengeCall, listChallengeCalls } from '../../db/queries/challenge-office.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { emptyForm, readForm, requiredText, type FormState, postedList } from '../forms.ts';
import { departmentName } from '../views/admin/parts.tsx';
import { CallPage, CallsPage, NewCallPage, titleOf } from '../views/challenge-office/calls.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';
import {
  challengeEnv,
  departmentOptions,
  isGate,
  ownDepartmentIds,
  pathId,
  withAncestors,
} from './challenge-staff.ts';

/**
 * Challenge calls (課題の庁内照会): the gate opens one to all or chosen departments; each
 * department asked sees it and answers with challenges; the gate sees who has answered and
 * reminds the others by e-mail.
 */

const callForm = z.object({
  title: requiredText(limits.title),
  instructions: requiredText(limits.text),
  deadline: z.string().trim(),
  all: z.string(),
});

/** Registers the staff pages of challenge calls. */
export function registerChallengeCallRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  async function enter(request: FastifyRequest) {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
  }

  localized(app, 'GET', '/staff/challenge-calls', async (request, reply) => {
    await enter(request);
    const ctx = personalContext(request, reply);
    const departments = await listDepartments(db, tenantId());
    const reach = isGate(request)
      ? ('all' as const)
      : withAncestors(departments, ownDepartmentIds(request));
    const calls = await listChallengeCalls(db, tenantId(), reach);
    return sendPersonalPage(
      reply,
      <CallsPage ctx={ctx} calls={calls} gate={isGate(request)} notice={takeNotice(request)} />,
    );
  });

  const newCallPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const departments = await departmentOptions(request, ctx);
    return sendPersonalPage(
      reply,
      <NewCallPage ctx={ctx} state={state} departments={departments} />,
      status,
    );
  };

  localized(app, 'GET', '/staff/challenge-calls/new', async (request, reply) => {
    await enter(request);
    await authorize(request, 'challengeCall', 'create', {
      tenantId: tenantId(),
      departmentIds: [],
    });
    return newCallPage(request, reply, emptyForm);
  });

  localized(app, 'POST', '/staff/challenge-calls/new', async (request, reply) => {
    await enter(request);
    await authorize(request, 'challengeCall', 'create', {
      tenantId: tenantId(),
      departmentIds: [],
    });
    const ctx = personalContext(request, reply);
    const m = ctx.t.challenge;
    const form = readForm(callForm, request.body, ctx.t);
    const chosen = postedList(request.body, 'departments');
    const values: Record<string, string> = {
      ...(form.ok ? form.values : form.state.values),
      departments: chosen.join(','),
    };
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const deadline = (values.deadline ?? '').trim();
    if (!isCalendarDate(deadline)) {
      errors.deadline = m.errors.dateInvalid;
    } else if (deadline < gate.today()) {
      errors.deadline = m.errors.deadlinePast;
    }
    const valid = new Set((await departmentOptions(request, ctx)).map((o) => o.value));
    const all = values.all === 'yes';
    if (!all && (chosen.length === 0 || chosen.some((id) => !valid.has(id)))) {
      errors.departments = m.errors.departmentsRequired;
    }
    if (!form.ok || Object.keys(errors).length > 0) {
      return newCallPage(request, reply, { values, errors }, 400);
    }
    const id = await createChallengeCall(challengeEnv(request), {
      title: form.data.title,
      instructions: form.data.instructions,
      deadline,
      allDepartments: all,
      departmentIds: all ? [] : chosen.map(Number),
    });
    setNotice(request, m.callCreated);
    return redirectTo(request, reply, `/staff/challenge-calls/${id}`);
  });

  /** The call of the path, if the actor may see it, with the departments it reaches. */
  async function loadCall(request: FastifyRequest) {
    const id = pathId(request);
    const call = await findChallengeCall(db, tenantId(), id);
    if (!call) {
      throw new NotFound();
    }
    const { targets } = await callReach(db, tenantId(), id);
    const policyObject = {
      tenantId: call.tenant_id,
      departmentIds: [...new Set(targets.flatMap((t) => t.reach))],
    };
    await authorize(request, 'challengeCall', 'view', policyObject, { id, label: call.title });
    return { call, policyObject };
  }

  localized(app, 'GET', '/staff/challenge-calls/:id', async (request, reply) => {
    await enter(request);
    const { call, policyObject } = await loadCall(request);
    const ctx = personalContext(request, reply);
    const gateView = isGate(request);
    const answers = gateView
      ? (await callAnswers(db, tenantId(), call.id)).map((answer) => ({
          department: departmentName(ctx, answer.department),
          remindedAt: answer.remindedAt,
          challenges: answer.challenges.map((c) => ({
            id: c.id,
            title: titleOf(ctx, c),
            status: c.status,
          })),
        }))
      : undefined;
    const mine = ownDepartmentIds(request);
    const own = gateView
      ? undefined
      : (
          await db
            .selectFrom('challenge')
            .select(['id', 'title_ja', 'title_en', 'status', 'department_id'])
            .where('tenant_id', '=', tenantId())
            .where('challenge_call_id', '=', call.id)
            .where('department_id', 'in', mine.length > 0 ? mine : [0])
            .orderBy('id')
            .execute()
        ).map((c) => ({ id: c.id, title: titleOf(ctx, c), status: c.status }));
    return sendPersonalPage(
      reply,
      <CallPage
        ctx={ctx}
        call={call}
        answers={answers}
        own={own}
        canRespond={can(request.actor, 'challengeCall', 'respond', policyObject)}
        notice={takeNotice(request)}
      />,
    );
  });

  localized(app, 'POST', '/staff/challenge-calls/:id/remind', async (request, reply) => {
    await enter(request);
    const { call, policyObject } = await loadCall(request);
    await authorize(request, 'challengeCall', 'remind', policyObject, { id: call.id });
    const t = gate.context(request).t.challenge;
    const count = await remindChallengeCall(challengeEnv(request), call.id);
    setNotice(request, count > 0 ? t.reminded(count) : t.nothingToRemind);
    return redirectTo(request, reply, `/staff/challenge-calls/${call.id}`);
  });
}
