import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listDepartments } from '../../app/accounts/departments.ts';
import type { ChallengeStep } from '../../domain/challenge.ts';
import { localize } from '../../domain/language.ts';
import { can, type PolicyObjects } from '../../domain/policy.ts';
import {
  findChallengeCall,
  loadOfficeChallenge,
  partnerChoices,
  type OfficeChallenge,
} from '../../db/queries/challenge-office.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { errorText, formValues, type FormState } from '../forms.ts';
import { departmentName } from '../views/admin/parts.tsx';
import { OfficeChallengePage } from '../views/challenge-office/detail.tsx';
import type { PageContext } from '../views/context.ts';
import { personalContext, sendPersonalPage, takeNotice } from './localized.ts';
import { pathId } from './challenge-staff.ts';

/** What the staff pages of one challenge share: loading it, and rendering its page. */

/** The steps of a challenge's life, in the order its page offers them. */
export const challengeStepList: readonly ChallengeStep[] = [
  'submit',
  'return',
  'publish',
  'close',
  'archive',
];

type Parsed<T> =
  { ok: true; data: T; values: Record<string, string> } | { ok: false; state: FormState };

/** Parses a form; codes of the shared catalogue become sentences. */
export function parse<S extends z.ZodObject>(
  schema: S,
  body: unknown,
  ctx: PageContext,
): Parsed<z.output<S>> {
  const values = formValues(body, Object.keys(schema.shape));
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    return { ok: true, data: parsed.data, values };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    errors[String(issue.path[0] ?? '')] ??= errorText(ctx.t, issue.message);
  }
  return { ok: false, state: { values, errors } };
}

/** What the access policy knows of a challenge. */
export function policyObject(challenge: OfficeChallenge['challenge']): PolicyObjects['challenge'] {
  return {
    tenantId: challenge.tenant_id,
    departmentId: challenge.department_id,
    status: challenge.status,
    draftedByGate: challenge.drafted_by_gate,
  };
}

/** The loader and the page of one challenge, bound to the app. */
export function challengeDetailPages(app: FastifyInstance) {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const steps = challengeStepList;

  async function enter(request: FastifyRequest) {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
  }

  /** The challenge of the path, if the actor may see it. */
  async function loadChallenge(request: FastifyRequest) {
    const id = pathId(request);
    const data = await loadOfficeChallenge(db, tenantId(), id);
    if (!data) {
      throw new NotFound();
    }
    await authorize(request, 'challenge', 'view', policyObject(data.challenge), {
      id,
      label: data.challenge.title_ja,
    });
    return data;
  }

  /** The values the detail page's forms start from: the latest theme call, the answers. */
  function detailValues(data: OfficeChallenge): Record<string, string> {
    const call = data.calls[0];
    const values: Record<string, string> = {
      opensOn: call?.opens_on ?? '',
      closesOn: call?.closes_on ?? '',
      questionDeadline: call?.question_deadline ?? '',
      conditions_ja: call?.conditions_ja ?? '',
      conditions_en: call?.conditions_en ?? '',
      criteria_ja: call?.criteria_ja ?? '',
      criteria_en: call?.criteria_en ?? '',
      cities: data.shareCityIds.join(','),
    };
    for (const q of data.questions) {
      values[`answer_ja_${q.id}`] = q.answer_ja ?? '';
      values[`answer_en_${q.id}`] = q.answer_en ?? '';
    }
    return values;
  }

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: OfficeChallenge,
    options: { state?: FormState; problem?: string } = {},
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const object = policyObject(data.challenge);
    const actor = request.actor;
    const [departments, call, choices] = await Promise.all([
      listDepartments(db, tenantId()),
      data.challenge.challenge_call_id === null
        ? undefined
        : findChallengeCall(db, tenantId(), data.challenge.challenge_call_id),
      partnerChoices(db, tenantId()),
    ]);
    const department = departments.find((d) => d.id === data.challenge.department_id);
    const name = (row: { name_ja: string; name_en: string | null }) =>
      localize({ ja: row.name_ja, en: row.name_en }, ctx.lang).text;
    const state = options.state ?? { values: {}, errors: {} };
    return sendPersonalPage(
      reply,
      <OfficeChallengePage
        ctx={ctx}
        data={data}
        department={department ? departmentName(ctx, department) : ''}
        callTitle={call?.title}
        state={{ values: { ...detailValues(data), ...state.values }, errors: state.errors }}
        problem={options.problem}
        notice={takeNotice(request)}
        programs={choices.programs.map((p) => ({ value: String(p.id), label: name(p) }))}
        cities={choices.cities.map((c) => ({ value: String(c.id), label: name(c) }))}
        can={{
          update: can(actor, 'challenge', 'update', object),
          steps: steps.filter((step) => can(actor, 'challenge', step, object)),
          themeCall: can(actor, 'challenge', 'manageThemeCall', object),
          answer: can(actor, 'themeQuestion', 'answer', { tenantId: tenantId(), open: true }),
          refer: can(actor, 'challenge', 'refer', object),
          share: can(actor, 'challenge', 'share', object),
        }}
      />,
      status,
    );
  };

  return { enter, loadChallenge, detailPage };
}
