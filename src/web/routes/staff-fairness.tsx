import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  changeMaxExclusiveMonths,
  loadArrangements,
  maxExclusiveMonthsOf,
} from '../../app/fairness/monitor.ts';
import {
  fairnessFlags,
  isMaxExclusiveMonths,
  maxExclusiveMonthsRange,
} from '../../domain/fairness.ts';
import { can } from '../../domain/policy.ts';
import { authorize, requireSignedIn } from '../auth.ts';
import { formValues, type FormState } from '../forms.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { FairnessPage } from '../views/staff/fairness.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/**
 * The fairness monitor under /staff/fairness: gate staff and the tenant admin see the
 * organisations to review; the tenant admin sets the months that count as a long time.
 * Anyone else signed in is told "not found", as for the other staff pages.
 */
export function registerFairnessRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    state?: FormState,
    status = 200,
  ) {
    const tenantId = gate.tenant().id;
    const ctx = personalContext(request, reply);
    const [arrangements, maxMonths] = await Promise.all([
      loadArrangements(db, tenantId),
      maxExclusiveMonthsOf(db, tenantId),
    ]);
    const actor = request.actor;
    const data = {
      flags: fairnessFlags(arrangements, ctx.today, maxMonths),
      maxMonths,
      linkProposals: actor.kind === 'staff' && actor.roles.some((g) => g.role === 'gateStaff'),
      configure: can(actor, 'fairness', 'configure', { tenantId }),
      state: state ?? { values: { months: String(maxMonths) }, errors: {} },
      notice: status === 200 ? takeNotice(request) : undefined,
    };
    return sendPersonalPage(reply, <FairnessPage ctx={ctx} data={data} />, status);
  }

  localized(app, 'GET', '/staff/fairness', async (request, reply) => {
    requireSignedIn(request);
    await authorize(request, 'fairness', 'view', { tenantId: gate.tenant().id });
    return page(request, reply);
  });

  localized(app, 'POST', '/staff/fairness/threshold', async (request, reply) => {
    requireSignedIn(request);
    await authorize(request, 'fairness', 'configure', { tenantId: gate.tenant().id });
    const t = gate.context(request).t;
    const values = formValues(request.body, ['months']);
    const typed = values.months!.normalize('NFKC').trim();
    const months = /^[0-9]{1,4}$/.test(typed) ? Number(typed) : Number.NaN;
    const { min, max } = maxExclusiveMonthsRange;
    if (!isMaxExclusiveMonths(months)) {
      const message =
        typed === '' ? t.fairness.errors.required : t.fairness.errors.invalid(min, max);
      return page(request, reply, { values, errors: { months: message } }, 400);
    }
    const result = await changeMaxExclusiveMonths(
      processEnvOf(request),
      processActorOf(request),
      months,
    );
    if (!result.ok) {
      return page(
        request,
        reply,
        { values, errors: { months: t.fairness.errors.invalid(min, max) } },
        400,
      );
    }
    setNotice(request, t.fairness.saved(months));
    return redirectTo(request, reply, '/staff/fairness');
  });
}
