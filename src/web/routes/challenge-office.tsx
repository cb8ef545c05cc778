import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { callReach } from '../../app/challenges/calls.ts';
import {
  createChallenge,
  updateChallenge,
  type ChallengeDraft,
} from '../../app/challenges/drafting.ts';
import {
  challengeTextColumns,
  challengeTextNames,
  requiredChallengeTexts,
  type ChallengeTextColumn,
} from '../../domain/challenge.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { can } from '../../domain/policy.ts';
import {
  findChallengeCall,
  listOfficeChallenges,
  type OfficeChallenge,
} from '../../db/queries/challenge-office.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { authorize, NotFound } from '../auth.ts';
import { formValues, optionalText, requiredText, type FormState, postedList } from '../forms.ts';
import { ChallengeFormPage, OfficeChallengesPage } from '../views/challenge-office/challenges.tsx';
import type { PageContext } from '../views/context.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';
import { challengeEnv, departmentOptions, isGate, ownDepartmentIds } from './challenge-staff.ts';
import { challengeDetailPages, parse, policyObject } from './challenge-detail.tsx';

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

/** Registers the staff list of challenges, the drafting form and a challenge's page. */
export function registerChallengeOfficeRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const { enter, loadChallenge, detailPage } = challengeDetailPages(app);

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

  localized(app, 'GET', '/staff/challenges/:id', async (request, reply) => {
    await enter(request);
    return detailPage(request, reply, await loadChallenge(request));
  });
}
