import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeTimeTargets, loadTimeTargets } from '../../app/process/time-targets.ts';
import { timedPhases, type TimedPhase } from '../../domain/proposal-state.ts';
import { isTimeTarget, timeTargetRange, type TimeTargets } from '../../domain/time-targets.ts';
import { authorize } from '../auth.ts';
import { formValues, type FormState } from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import { processEnvOf } from '../process-env.ts';
import { TimeTargetsPage } from '../views/admin/time-targets.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/**
 * The tenant's time targets in the administration area: a tenant admin sets the working
 * days of each timed phase; saving moves the due dates of the proposals in progress.
 */

async function enterAdmin(request: FastifyRequest): Promise<void> {
  await authorize(request, 'adminArea', 'enter', { tenantId: request.server.gate.tenant().id });
}

type TargetsForm = { ok: true; targets: TimeTargets } | { ok: false; state: FormState };

/**
 * Reads the four targets as typed. Full-width digits (１０), common with Japanese input, count
 * as digits; anything but a whole number in the range is refused with the phase's name.
 */
function readTargets(body: unknown, t: Messages): TargetsForm {
  const values = formValues(body, timedPhases);
  const errors: Record<string, string> = {};
  const targets: Partial<TimeTargets> = {};
  const page = t.admin.timeTargets;
  for (const phase of timedPhases) {
    const typed = values[phase]!.normalize('NFKC').trim();
    const name = page.phases[phase].name;
    const days = /^[0-9]{1,4}$/.test(typed) ? Number(typed) : Number.NaN;
    if (typed === '') {
      errors[phase] = page.errors.required(name);
    } else if (!isTimeTarget(days)) {
      errors[phase] = page.errors.invalid(name, timeTargetRange.min, timeTargetRange.max);
    } else {
      targets[phase] = days;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, state: { values, errors } };
  }
  return { ok: true, targets: targets as TimeTargets };
}

function page(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
  const ctx = personalContext(request, reply);
  const notice = status === 200 ? takeNotice(request) : undefined;
  return sendPersonalPage(
    reply,
    <TimeTargetsPage ctx={ctx} state={state} notice={notice} />,
    status,
  );
}

export function registerTimeTargetRoutes(app: FastifyInstance): void {
  localized(app, 'GET', '/admin/time-targets', async (request, reply) => {
    await enterAdmin(request);
    const targets = await loadTimeTargets(
      request.server.gate.database.db,
      request.server.gate.tenant().id,
    );
    const values = Object.fromEntries(
      timedPhases.map((phase: TimedPhase) => [phase, String(targets[phase])]),
    );
    return page(request, reply, { values, errors: {} });
  });

  localized(app, 'POST', '/admin/time-targets', async (request, reply) => {
    await enterAdmin(request);
    const t = request.server.gate.context(request).t;
    const form = readTargets(request.body, t);
    if (!form.ok) {
      return page(request, reply, form.state, 400);
    }
    const user = request.signedIn!.user;
    await changeTimeTargets(
      processEnvOf(request),
      { id: user.id, email: user.email },
      form.targets,
    );
    setNotice(request, t.admin.timeTargets.saved);
    return redirectTo(request, reply, '/admin/time-targets');
  });
}
