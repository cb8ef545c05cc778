import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isCalendarDate } from '../../app/accounts/audit-query.ts';
import { listDepartments } from '../../app/accounts/departments.ts';
import { callReach } from '../../app/challenges/calls.ts';
import {
  createChallenge,
  updateChallenge,
  type ChallengeDraft,
} from '../../app/challenges/drafting.ts';
import { stepChallenge } from '../../app/challenges/review.ts';
import { referChallenge, shareChallenge } from '../../app/challenges/sharing.ts';
import { answerQuestion, saveThemeCall } from '../../app/challenges/theme-calls.ts';
import {
  challengeTextColumns,
  challengeTextNames,
  requiredChallengeTexts,
  type ChallengeStep,
  type ChallengeTextColumn,
} from '../../domain/challenge.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { can, type PolicyObjects } from '../../domain/policy.ts';
import {
  findChallengeCall,
  listOfficeChallenges,
  loadOfficeChallenge,
  partnerChoices,
  type OfficeChallenge,
} from '../../db/queries/challenge-office.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { formValues, optionalText, requiredText, type FormState } from '../forms.ts';
import { errorText } from '../forms.ts';
import { departmentName } from '../views/admin/parts.tsx';
import { ChallengeFormPage, OfficeChallengesPage } from '../views/challenge-office/challenges.tsx';
import { OfficeChallengePage } from '../views/challenge-office/detail.tsx';
import type { PageContext } from '../views/context.ts';
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
  postedList,
} from './challenge-staff.ts';

/**
 * The staff pages of challenges: a department drafts and submits; the gate returns with a
 * comment, edits, publishes, closes, archives, opens a theme call, answers public
 * questions, hands a challenge to a partner program and shares it with partner cities.
 */

const textSchema = z.object(
  Object.fromEntries(
    challengeTextColumns.map((column) => {
      const name = column.replace(/_(ja|en)$/, '') as (typeof challengeTextNames)[number];
      const max = name === 'title' ? limits.title : limits.text;
      const required = column.endsWith('_ja') && requiredChallengeTexts.includes(name);
      return [column, required ? requiredText(max) : optionalText(max)];
    }),
  ) as Record<ChallengeTextColumn, ReturnType<typeof optionalText>>,
);

const steps: readonly ChallengeStep[] = ['submit', 'return', 'publish', 'close', 'archive'];

const themeCallForm = z.object({
  opensOn: z.string().trim(),
  closesOn: z.string().trim(),
  questionDeadline: z.string().trim(),
  conditions_ja: optionalText(limits.text),
  conditions_en: optionalText(limits.text),
  criteria_ja: optionalText(limits.text),
  criteria_en: optionalText(limits.text),
});

type Parsed<T> =
  { ok: true; data: T; values: Record<string, string> } | { ok: false; state: FormState };

/** Parses a form; codes of the shared catalogue become sentences. */
function parse<S extends z.ZodObject>(
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

function policyObject(challenge: OfficeChallenge['challenge']): PolicyObjects['challenge'] {
  return {
    tenantId: challenge.tenant_id,
    departmentId: challenge.department_id,
    status: challenge.status,
  };
}

export function registerChallengeOfficeRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  async function enter(request: FastifyRequest) {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
  }

  /** The departments the actor may write a challenge for (the gate: all of them). */
  async function writableDepartments(request: FastifyRequest, ctx: PageContext, only?: number[]) {
    const mine = isGate(request) ? undefined : ownDepartmentIds(request);
    const options = await departmentOptions(request, ctx, mine);
    return only ? options.filter((o) => only.includes(Number(o.value))) : options;
  }

  async function taxonomyOptions(ctx: PageContext) {
    const { fields, concepts } = await loadTaxonomies(db, tenantId());
    const name = (row: { name_ja: string; name_en: string | null }) =>
      localize({ ja: row.name_ja, en: row.name_en }, ctx.lang).text;
    return {
      fields: fields.map((f) => ({ value: String(f.id), label: name(f) })),
      concepts: concepts.map((c) => ({ value: String(c.id), label: name(c) })),
    };
  }

  localized(app, 'GET', '/staff/challenges', async (request, reply) => {
    await enter(request);
    const ctx = personalContext(request, reply);
    const gateView = isGate(request);
    const mine = ownDepartmentIds(request);
    const rows = await listOfficeChallenges(db, tenantId(), {
      departmentIds: gateView ? 'all' : mine,
    });
    const visible = rows.filter((row) =>
      can(request.actor, 'challenge', 'view', {
        tenantId: tenantId(),
        departmentId: row.department_id,
        status: row.status,
      }),
    );
    return sendPersonalPage(
      reply,
      <OfficeChallengesPage
        ctx={ctx}
        canCreate={gateView || mine.length > 0}
        notice={takeNotice(request)}
        rows={visible.map((row) => ({
          id: row.id,
          title: localize({ ja: row.title_ja, en: row.title_en }, ctx.lang).text,
          status: row.status,
          department: localize({ ja: row.department_ja, en: row.department_en }, ctx.lang).text,
          updatedAt: row.updated_at,
        }))}
      />,
    );
  });

  /** The call a new challenge answers (from ?call= or the form), checked against the actor. */
  async function answeredCall(request: FastifyRequest, raw: string | undefined) {
    if (raw === undefined || raw === '') {
      return undefined;
    }
    const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : 0;
    const call = id > 0 ? await findChallengeCall(db, tenantId(), id) : undefined;
    if (!call) {
      throw new NotFound();
    }
    const { targets } = await callReach(db, tenantId(), id);
    const reach = [...new Set(targets.flatMap((t) => t.reach))];
    await authorize(request, 'challengeCall', 'respond', {
      tenantId: call.tenant_id,
      departmentIds: reach,
    });
    return { call, reach };
  }

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      state: FormState;
      action: string;
      version: number;
      callId: number | null;
      only?: number[] | undefined;
      conflict?: boolean;
      title: string;
    },
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const departments = await writableDepartments(request, ctx, input.only);
    return sendPersonalPage(
      reply,
      <ChallengeFormPage
        ctx={ctx}
        state={input.state}
        action={input.action}
        title={input.title}
        version={input.version}
        callId={input.callId}
        departments={departments}
        conflict={input.conflict}
        {...await taxonomyOptions(ctx)}
      />,
      status,
    );
  };

  localized(app, 'GET', '/staff/challenges/new', async (request, reply) => {
    await enter(request);
    const ctx = personalContext(request, reply);
    const found = await answeredCall(request, (request.query as { call?: string }).call);
    const options = await writableDepartments(request, ctx, found?.reach);
    if (options.length === 0) {
      throw new NotFound();
    }
    return formPage(request, reply, {
      state: { values: { departmentId: options[0]!.value }, errors: {} },
      action: '/staff/challenges/new',
      version: 0,
      callId: found?.call.id ?? null,
      only: found?.reach,
      title: ctx.t.challenge.newChallenge,
    });
  });

  /** Reads the challenge form; the problems are sentences keyed by field. */
  async function readDraft(request: FastifyRequest, ctx: PageContext, only?: number[]) {
    const parsed = parse(textSchema, request.body, ctx);
    const extra = formValues(request.body, ['departmentId']);
    const fields = postedList(request.body, 'fields');
    const concepts = postedList(request.body, 'concepts');
    const values: Record<string, string> = {
      ...(parsed.ok ? parsed.values : parsed.state.values),
      ...extra,
      fields: fields.join(','),
      concepts: concepts.join(','),
    };
    const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.state.errors };
    const departments = await writableDepartments(request, ctx, only);
    if (!departments.some((d) => d.value === extra.departmentId)) {
      errors.departmentId = ctx.t.challenge.errors.choose;
    }
    const taxonomies = await taxonomyOptions(ctx);
    if (fields.some((id) => !taxonomies.fields.some((f) => f.value === id))) {
      errors.fields = ctx.t.challenge.errors.choose;
    }
    if (concepts.some((id) => !taxonomies.concepts.some((c) => c.value === id))) {
      errors.concepts = ctx.t.challenge.errors.choose;
    }
    if (!parsed.ok || Object.keys(errors).length > 0) {
      return { ok: false as const, state: { values, errors } };
    }
    return {
      ok: true as const,
      draft: {
        departmentId: Number(extra.departmentId),
        texts: parsed.data as Record<ChallengeTextColumn, string>,
        fieldIds: fields.map(Number),
        conceptIds: concepts.map(Number),
      },
    };
  }

  localized(app, 'POST', '/staff/challenges/new', async (request, reply) => {
    await enter(request);
    const ctx = personalContext(request, reply);
    const callRaw = formValues(request.body, ['call']).call;
    const found = await answeredCall(request, callRaw);
    const read = await readDraft(request, ctx, found?.reach);
    const title = ctx.t.challenge.newChallenge;
    if (!read.ok) {
      return formPage(
        request,
        reply,
        {
          state: read.state,
          action: '/staff/challenges/new',
          version: 0,
          callId: found?.call.id ?? null,
          only: found?.reach,
          title,
        },
        400,
      );
    }
    await authorize(request, 'challenge', 'create', {
      tenantId: tenantId(),
      departmentId: read.draft.departmentId,
      status: 'draft',
    });
    const draft: ChallengeDraft = { ...read.draft, challengeCallId: found?.call.id ?? null };
    const id = await createChallenge(challengeEnv(request), draft);
    setNotice(request, ctx.t.challenge.saved);
    return redirectTo(request, reply, `/staff/challenges/${id}`);
  });

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

  function draftValues(data: OfficeChallenge): Record<string, string> {
    const values: Record<string, string> = {
      departmentId: String(data.challenge.department_id),
      fields: data.fieldIds.join(','),
      concepts: data.conceptIds.join(','),
    };
    for (const column of challengeTextColumns) {
      values[column] = data.challenge[column] ?? '';
    }
    return values;
  }

  localized(app, 'GET', '/staff/challenges/:id/edit', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'update', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    return formPage(request, reply, {
      state: { values: draftValues(data), errors: {} },
      action: `/staff/challenges/${data.challenge.id}/edit`,
      version: data.challenge.version,
      callId: null,
      title: ctx.t.challenge.editChallenge,
    });
  });

  localized(app, 'POST', '/staff/challenges/:id/edit', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'update', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const read = await readDraft(request, ctx);
    const version = Number(formValues(request.body, ['version']).version) || 0;
    const again = (state: FormState, status: number, conflict = false) =>
      formPage(
        request,
        reply,
        {
          state,
          action: `/staff/challenges/${data.challenge.id}/edit`,
          version: conflict ? data.challenge.version : version,
          callId: null,
          conflict,
          title: ctx.t.challenge.editChallenge,
        },
        status,
      );
    if (!read.ok) {
      return again(read.state, 400);
    }
    const saved = await updateChallenge(challengeEnv(request), data.challenge.id, version, {
      ...read.draft,
      challengeCallId: data.challenge.challenge_call_id,
    });
    if (!saved.ok) {
      if (saved.reason === 'notFound') {
        throw new NotFound();
      }
      const values = formValues(request.body, [...challengeTextColumns, 'departmentId']);
      return again(
        {
          values: {
            ...values,
            fields: postedList(request.body, 'fields').join(','),
            concepts: postedList(request.body, 'concepts').join(','),
          },
          errors: {},
        },
        409,
        true,
      );
    }
    await gate.refresh();
    setNotice(request, ctx.t.challenge.saved);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

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

  localized(app, 'GET', '/staff/challenges/:id', async (request, reply) => {
    await enter(request);
    return detailPage(request, reply, await loadChallenge(request));
  });

  localized(app, 'POST', '/staff/challenges/:id/step', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    const ctx = personalContext(request, reply);
    const m = ctx.t.challenge;
    const posted = formValues(request.body, ['step', 'comment']);
    const step = steps.find((s) => s === posted.step);
    if (!step) {
      return detailPage(request, reply, data, { problem: m.errors.wrongStatus }, 400);
    }
    const comment = (posted.comment ?? '').trim();
    if (step === 'return' && comment === '') {
      const state = { values: { comment }, errors: { comment: m.errors.commentRequired } };
      return detailPage(request, reply, data, { state }, 400);
    }
    if (comment.length > limits.text) {
      const state = {
        values: { comment },
        errors: { comment: errorText(ctx.t, `tooLong:${limits.text}`) },
      };
      return detailPage(request, reply, data, { state }, 400);
    }
    if (!can(request.actor, 'challenge', step, policyObject(data.challenge))) {
      // Someone moved it first, or the step is not this actor's to take.
      await authorize(request, 'challenge', 'view', policyObject(data.challenge));
      return detailPage(request, reply, data, { problem: m.errors.wrongStatus }, 409);
    }
    const result = await stepChallenge(
      challengeEnv(request),
      data.challenge.id,
      step,
      step === 'return' ? comment : null,
    );
    await gate.refresh();
    if (!result.ok) {
      const fresh = await loadChallenge(request);
      return detailPage(request, reply, fresh, { problem: m.errors.wrongStatus }, 409);
    }
    setNotice(
      request,
      step === 'publish' && result.notified > 0
        ? m.publishedNotified(result.notified)
        : m.stepDone[step],
    );
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

  localized(app, 'POST', '/staff/challenges/:id/theme-call', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'manageThemeCall', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const m = ctx.t.challenge;
    const form = parse(themeCallForm, request.body, ctx);
    const values = form.ok ? form.values : form.state.values;
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const opensOn = (values.opensOn ?? '').trim();
    const closesOn = (values.closesOn ?? '').trim();
    const questionDeadline = (values.questionDeadline ?? '').trim();
    for (const [name, value, optional] of [
      ['opensOn', opensOn, false],
      ['closesOn', closesOn, false],
      ['questionDeadline', questionDeadline, true],
    ] as const) {
      if (!(optional && value === '') && !isCalendarDate(value)) {
        errors[name] = m.errors.dateInvalid;
      }
    }
    if (!errors.opensOn && !errors.closesOn && closesOn < opensOn) {
      errors.closesOn = m.errors.closesBeforeOpens;
    }
    if (!errors.closesOn && !errors.questionDeadline && questionDeadline > closesOn) {
      errors.questionDeadline = m.errors.questionAfterClose;
    }
    if (!form.ok || Object.keys(errors).length > 0) {
      return detailPage(request, reply, data, { state: { values, errors } }, 400);
    }
    const orNull = (text: string) => (text === '' ? null : text);
    await saveThemeCall(challengeEnv(request), data.challenge.id, {
      opensOn,
      closesOn,
      questionDeadline: orNull(questionDeadline),
      conditionsJa: orNull(form.data.conditions_ja),
      conditionsEn: orNull(form.data.conditions_en),
      criteriaJa: orNull(form.data.criteria_ja),
      criteriaEn: orNull(form.data.criteria_en),
    });
    await gate.refresh();
    setNotice(request, m.themeCallSaved);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

  localized(
    app,
    'POST',
    '/staff/challenges/:id/questions/:question/answer',
    async (request, reply) => {
      await enter(request);
      const data = await loadChallenge(request);
      await authorize(request, 'themeQuestion', 'answer', { tenantId: tenantId(), open: true });
      const questionId = pathId(request, 'question');
      const question = data.questions.find((q) => q.id === questionId);
      if (!question) {
        throw new NotFound();
      }
      const ctx = personalContext(request, reply);
      const schema = z.object({
        [`answer_ja_${questionId}`]: requiredText(limits.text),
        [`answer_en_${questionId}`]: optionalText(limits.text),
      });
      const form = parse(schema, request.body, ctx);
      if (!form.ok) {
        return detailPage(request, reply, data, { state: form.state }, 400);
      }
      const en = String(form.data[`answer_en_${questionId}`] ?? '');
      await answerQuestion(challengeEnv(request), questionId, {
        ja: String(form.data[`answer_ja_${questionId}`]),
        en: en === '' ? null : en,
      });
      await gate.refresh();
      setNotice(request, ctx.t.challenge.answered);
      return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
    },
  );

  localized(app, 'POST', '/staff/challenges/:id/referral', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'refer', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const form = parse(
      z.object({ program: z.string(), note: requiredText(limits.text) }),
      request.body,
      ctx,
    );
    const values = form.ok ? form.values : form.state.values;
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const { programs } = await partnerChoices(db, tenantId());
    const program = programs.find((p) => String(p.id) === values.program);
    if (!program) {
      errors.program = ctx.t.challenge.errors.choose;
    }
    if (!form.ok || !program) {
      return detailPage(request, reply, data, { state: { values, errors } }, 400);
    }
    await referChallenge(challengeEnv(request), data.challenge.id, program.id, form.data.note);
    setNotice(request, ctx.t.challenge.referred);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

  localized(app, 'POST', '/staff/challenges/:id/sharing', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'share', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const chosen = postedList(request.body, 'cities');
    const { cities } = await partnerChoices(db, tenantId());
    if (chosen.some((id) => !cities.some((c) => String(c.id) === id))) {
      const state = {
        values: { cities: chosen.join(',') },
        errors: { cities: ctx.t.challenge.errors.cityRequired },
      };
      return detailPage(request, reply, data, { state }, 400);
    }
    await shareChallenge(challengeEnv(request), data.challenge.id, chosen.map(Number));
    await gate.refresh();
    setNotice(request, ctx.t.challenge.shared);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });
}
