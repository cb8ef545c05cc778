import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  assessableStates,
  assessmentsOf,
  recordAssessment,
  reviewerDepartments,
} from '../../app/process/assessment.ts';
import { caseOfProposal } from '../../app/cases/lists.ts';
import { loadInbox, type InboxFilter } from '../../app/process/inbox.ts';
import {
  assignDepartments,
  matchableStates,
  suggestDepartments,
} from '../../app/process/matching.ts';
import { moveProposal, type MoveResult } from '../../app/process/move.ts';
import { loadTimeTargets } from '../../app/process/time-targets.ts';
import { isoDate } from '../../domain/calendar.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { can, processRolesOf, type Actor } from '../../domain/policy.ts';
import {
  holderOf,
  mayMove,
  proposalStates,
  type ProposalState,
} from '../../domain/proposal-state.ts';
import { timeStanding } from '../../domain/time-targets.ts';
import { workingDaysBetween } from '../../domain/working-days.ts';
import { audit, authorize, NotFound, requireSignedIn } from '../auth.ts';
import { formValues, readForm, requiredText, type FormState, postedList } from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { hasConfidential } from '../views/proposals/parts.tsx';
import { StaffInboxPage } from '../views/staff/inbox.tsx';
import {
  registerStaffDialogueRoutes,
  staffDialogue,
  type DialogueForm,
} from './staff-dialogue.tsx';
import {
  registerStaffDeliveryRoutes,
  staffDelivery,
  type DeliveryFormAgain,
} from './staff-delivery.tsx';
import { StaffWorkPage, type WorkForm, type WorkPageData } from '../views/staff/work.tsx';
import {
  registerProposalBudgetRoutes,
  staffBudget,
  type BudgetForm,
} from './staff-budget-request.tsx';
import { idFrom, proposalBundle, viewableProposal } from './proposal-records.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

function departmentIdOf(value: string): number | undefined {
  return /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

const moveTargets = [
  'screening',
  'review',
  'dialogue',
  'decision',
  'selection',
  'agreement',
  'implementation',
  'verification',
  'completed',
] as const;
const screeningOutcomes = ['review', 'referred', 'infoRequested', 'notAccepted'] as const;
const decisions = ['adopted', 'notAdopted', 'escalated'] as const;
const ratingValues = ['high', 'medium', 'low'] as const;

const longText = z.string().trim().max(limits.text, `tooLong:${limits.text}`);

function choice<T extends readonly [string, ...string[]]>(values: T, code: string) {
  return z.string().refine((value): value is T[number] => values.includes(value), code);
}

function inboxFilter(query: unknown): InboxFilter {
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string) : '');
  const filter: InboxFilter = {};
  const state = text('state');
  if ((proposalStates as readonly string[]).includes(state) && state !== 'draft') {
    filter.state = state as ProposalState;
  }
  const kind = text('kind');
  if (kind === 'theme' || kind === 'free') {
    filter.kind = kind;
  }
  const field = departmentIdOf(text('field'));
  if (field !== undefined) {
    filter.fieldId = field;
  }
  const department = departmentIdOf(text('department'));
  if (department !== undefined) {
    filter.departmentId = department;
  }
  if (text('overdue') === 'yes') {
    filter.overdue = true;
  }
  if (text('closed') === 'yes') {
    filter.closed = true;
  }
  return filter;
}

/** Words for a refused move or command. */
function refusalText(t: Messages, refusal: string): string {
  const refusals = t.staff.refusals as Record<string, string>;
  return refusals[refusal] ?? refusals.illegal!;
}

export function registerStaffRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  async function departmentsOf(lang: 'ja' | 'en') {
    const rows = await db
      .selectFrom('department')
      .select(['id', 'name_ja', 'name_en', 'archived_at', 'kind'])
      .where('tenant_id', '=', tenantId())
      .orderBy('sort')
      .orderBy('id')
      .execute();
    const names = new Map(
      rows.map((row) => [row.id, localize({ ja: row.name_ja, en: row.name_en }, lang).text]),
    );
    const active = rows
      .filter((row) => row.archived_at === null)
      .map((row) => ({ id: row.id, name: names.get(row.id)! }));
    return { names, active };
  }

  async function fieldsOf(lang: 'ja' | 'en') {
    const rows = await db
      .selectFrom('field')
      .select(['id', 'name_ja', 'name_en'])
      .where('tenant_id', '=', tenantId())
      .orderBy('sort')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: localize({ ja: row.name_ja, en: row.name_en }, lang).text,
    }));
  }

  async function enterStaffArea(request: FastifyRequest) {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
  }

  // The inbox

  localized(app, 'GET', '/staff', async (request, reply) => {
    await enterStaffArea(request);
    const signedIn = request.signedIn!;
    const ctx = personalContext(request, reply);
    const filter = inboxFilter(request.query);
    const [inbox, departments, fields] = await Promise.all([
      loadInbox(db, tenantId(), request.actor, ctx.today, filter),
      departmentsOf(ctx.lang),
      fieldsOf(ctx.lang),
    ]);
    const actor = request.actor;
    const staffRoles = actor.kind === 'staff' ? actor.roles : [];
    return sendPersonalPage(
      reply,
      <StaffInboxPage
        ctx={ctx}
        signedIn={signedIn}
        inbox={inbox}
        filter={filter}
        choices={{ fields, departments: departments.active, departmentNames: departments.names }}
        links={{
          admin: staffRoles.some((grant) => grant.role === 'tenantAdmin'),
          headquarters: can(actor, 'headquarters', 'view', { tenantId: tenantId() }),
          cases: can(actor, 'case', 'update', { tenantId: tenantId(), published: false }),
          fairness: can(actor, 'fairness', 'view', { tenantId: tenantId() }),
          budget: can(actor, 'partnershipBudget', 'view', { tenantId: tenantId() }),
        }}
        notice={takeNotice(request)}
      />,
    );
  });

  // The inbox used to live here; old links and bookmarks still arrive.
  localized(app, 'GET', '/staff/proposals', async (request, reply) => {
    await enterStaffArea(request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`${request.lang === 'en' ? '/en' : ''}/staff${query}`, 301);
  });

  // A proposal's work page

  /** The proposal's case, and whether the gate may draft one: only once completed. */
  async function proposalCase(id: number, state: ProposalState) {
    const found = await caseOfProposal(db, tenantId(), id);
    return { id: found?.id ?? null, mayDraft: !found && state === 'completed' };
  }

  async function workPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form?: { name: WorkForm; state: FormState; problem?: string },
    status = 200,
    /** A section's form shown again with its problems: the dialogue, delivery or budget. */
    again: { dialogue?: DialogueForm; delivery?: DeliveryFormAgain; budget?: BudgetForm } = {},
  ) {
    await enterStaffArea(request);
    const record = await viewableProposal(request, id);
    const { proposal } = record;
    const actor = request.actor as Exclude<Actor, { kind: 'visitor' }>;
    const { access } = record;
    const ctx = personalContext(request, reply);
    const tenant = gate.tenant();
    const [bundle, departments, fields, targets, assignments, screenings, assessments] =
      await Promise.all([
        proposalBundle(request, record, false),
        departmentsOf(ctx.lang),
        fieldsOf(ctx.lang),
        loadTimeTargets(db, tenantId()),
        db
          .selectFrom('proposal_assignment')
          .select(['department_id', 'role'])
          .where('proposal_id', '=', id)
          .orderBy('role')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('proposal_screening')
          .selectAll()
          .where('proposal_id', '=', id)
          .orderBy('screened_at')
          .execute(),
        assessmentsOf(db, tenantId(), id),
      ]);
    const roles = processRolesOf(actor, access);
    const state = proposal.state;
    const canAssign =
      can(actor, 'proposal', 'assign', access) &&
      (matchableStates as readonly string[]).includes(state);
    const actions = {
      startScreening: mayMove(state, 'screening', roles) && state === 'submitted',
      screen: state === 'screening' && can(actor, 'proposal', 'screen', access),
      acceptReferral: state === 'referred' && mayMove(state, 'review', roles),
      assign: canAssign,
      startDialogue: state === 'review' && mayMove(state, 'dialogue', roles),
      requestDecision: state === 'dialogue' && mayMove(state, 'decision', roles),
      decide: state === 'decision' && mayMove(state, 'adopted', roles),
      partnerReferral: proposal.kind === 'free' && can(actor, 'proposal', 'assign', access),
      assessFor:
        actor.kind === 'staff' && (assessableStates as readonly string[]).includes(state)
          ? reviewerDepartments(actor.roles, access.assignedDepartmentIds)
          : [],
    };
    const showConfidential = can(actor, 'proposal', 'viewConfidential', access);
    if (showConfidential && hasConfidential(bundle.content, bundle.attachments)) {
      // Every staff read of confidential content is on record.
      await audit(request, {
        action: 'proposal.confidentialRead',
        targetKind: 'proposal',
        targetId: proposal.id,
        targetLabel: proposal.receipt_number,
        details: { url: request.url.slice(0, 500) },
      });
    }
    const actorIds = [
      ...new Set(
        [
          ...bundle.events.map((e) => e.actor_user_id),
          ...screenings.map((s) => s.screened_by),
        ].filter((v): v is number => v !== null),
      ),
    ];
    const actorNames = new Map(
      actorIds.length === 0
        ? []
        : (
            await db
              .selectFrom('user_account')
              .select(['id', 'name'])
              .where('id', 'in', actorIds)
              .execute()
          ).map((row) => [row.id, row.name] as const),
    );
    const since = proposal.state_changed_at
      ? isoDate(proposal.state_changed_at, tenant.time_zone)
      : null;
    const data: WorkPageData = {
      bundle,
      showConfidential,
      holder: holderOf[state],
      stateSince: since ? { date: since, workingDays: workingDaysBetween(since, ctx.today) } : null,
      standing: timeStanding(
        state,
        { phaseStartedAt: proposal.phase_started_at, dueOn: proposal.due_on },
        ctx.today,
        tenant.time_zone,
        targets,
      ),
      assignments: assignments.map((row) => ({ departmentId: row.department_id, role: row.role })),
      departments: departments.active,
      departmentNames: departments.names,
      fieldNames: new Map(fields.map((f) => [f.id, f.name])),
      actorNames,
      screenings,
      suggestions: canAssign ? await suggestDepartments(db, tenantId(), id) : [],
      assessments,
      actions,
      form,
      notice: takeNotice(request),
      children: await staffDialogue(request, ctx, record, again.dialogue),
      delivery: await staffDelivery(request, ctx, record, again.delivery),
      case: can(actor, 'case', 'update', { tenantId: tenantId(), published: false })
        ? await proposalCase(id, state)
        : undefined,
      budget: await staffBudget(request, ctx, record, again.budget),
    };
    return sendPersonalPage(reply, <StaffWorkPage ctx={ctx} data={data} />, status);
  }

  localized(app, 'GET', '/staff/proposals/:id', async (request, reply) =>
    workPage(request, reply, idFrom(request, 'id')),
  );

  registerStaffDeliveryRoutes(app, async (request, reply, id, form, status) =>
    workPage(request, reply, id, undefined, status, { delivery: form }),
  );

  registerStaffDialogueRoutes(app, async (request, reply, id, dialogue) => {
    await enterStaffArea(request);
    return workPage(request, reply, id, undefined, 400, { dialogue });
  });

  registerProposalBudgetRoutes(app, async (request, reply, id, budget, status) =>
    workPage(request, reply, id, undefined, status, { budget }),
  );

  /** After a command: the page again with a notice, or with the problem and what was typed. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    result: MoveResult | { ok: true } | { ok: false; refusal: string },
    done: string,
    form: { name: WorkForm; values: Record<string, string> },
  ) {
    if (result.ok) {
      setNotice(request, done);
      return redirectTo(request, reply, `/staff/proposals/${id}`);
    }
    if (result.refusal === 'notFound') {
      throw new NotFound();
    }
    const t = gate.context(request).t;
    const errors: Record<string, string> = {};
    if (result.refusal === 'reasonRequired') {
      errors.reason = t.staff.refusals.reasonRequired;
    } else if (result.refusal === 'leadRequired') {
      errors[form.name === 'screening' ? 'referTo' : 'lead'] = t.staff.refusals.leadRequired;
    }
    const problem = Object.keys(errors).length > 0 ? undefined : refusalText(t, result.refusal);
    return workPage(
      request,
      reply,
      id,
      { name: form.name, state: { values: form.values, errors }, problem },
      problem ? (result.refusal === 'notPermitted' ? 403 : 409) : 400,
    );
  }

  // A plain move: start screening, accept a referral, start the dialogue, ask for a decision.
  localized(app, 'POST', '/staff/proposals/:id/move', async (request, reply) => {
    await enterStaffArea(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const values = formValues(request.body, ['to']);
    const to = (moveTargets as readonly string[]).includes(values.to!)
      ? (values.to as ProposalState)
      : undefined;
    if (!to) {
      return answer(request, reply, id, { ok: false, refusal: 'illegal' }, '', {
        name: 'move',
        values,
      });
    }
    const result = await moveProposal(processEnvOf(request), processActorOf(request), id, to, '');
    return answer(request, reply, id, result, t.staff.moved(t.stateNames[to]), {
      name: 'move',
      values,
    });
  });

  const screeningForm = z.object({
    outcome: choice(screeningOutcomes, 'chooseOutcome'),
    referTo: z.string(),
    reason: longText,
    salesPitch: z.string(),
  });

  localized(app, 'POST', '/staff/proposals/:id/screening', async (request, reply) => {
    await enterStaffArea(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const checks = postedList(request.body, 'checks');
    const parsed = readForm(screeningForm, request.body, t);
    const values = {
      ...(parsed.ok ? parsed.values : parsed.state.values),
      checks: checks.join(','),
    };
    if (!parsed.ok) {
      const errors = Object.fromEntries(
        Object.keys(parsed.state.errors).map((field) => [
          field,
          field === 'outcome' ? t.staff.chooseOutcome : parsed.state.errors[field]!,
        ]),
      );
      return workPage(request, reply, id, { name: 'screening', state: { values, errors } }, 400);
    }
    const { outcome, reason } = parsed.data;
    const referTo = departmentIdOf(parsed.data.referTo);
    if (outcome === 'referred' && referTo === undefined) {
      return workPage(
        request,
        reply,
        id,
        {
          name: 'screening',
          state: { values, errors: { referTo: t.staff.refusals.leadRequired } },
        },
        400,
      );
    }
    const grounds = await db
      .selectFrom('eligibility_ground')
      .select('code')
      .where('tenant_id', '=', tenantId())
      .execute();
    // Accepting or referring says the proposal is clear of every ground of exclusion.
    const unconfirmed = grounds.some((g) => !checks.includes(g.code));
    if ((outcome === 'review' || outcome === 'referred') && unconfirmed) {
      return workPage(
        request,
        reply,
        id,
        { name: 'screening', state: { values, errors: { checks: t.staff.checksRequired } } },
        400,
      );
    }
    const result = await moveProposal(
      processEnvOf(request),
      processActorOf(request),
      id,
      outcome as ProposalState,
      reason,
      {
        screening: {
          checks: Object.fromEntries(grounds.map((g) => [g.code, checks.includes(g.code)])),
          salesPitch: parsed.data.salesPitch === 'yes',
        },
        ...(outcome === 'referred' && referTo !== undefined ? { referTo } : {}),
      },
    );
    return answer(request, reply, id, result, t.staff.moved(t.stateNames[outcome]), {
      name: 'screening',
      values,
    });
  });

  localized(app, 'POST', '/staff/proposals/:id/assignment', async (request, reply) => {
    await enterStaffArea(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const values = formValues(request.body, ['lead']);
    const supporting = postedList(request.body, 'supporting');
    const lead = departmentIdOf(values.lead ?? '') ?? null;
    const result = await assignDepartments(
      processEnvOf(request),
      processActorOf(request),
      id,
      lead,
      supporting.map(departmentIdOf).filter((v): v is number => v !== undefined),
    );
    return answer(request, reply, id, result, t.staff.assignmentSaved, {
      name: 'assignment',
      values: { ...values, supporting: supporting.join(',') },
    });
  });

  const assessmentForm = z.object({
    departmentId: z.string(),
    contributionRating: choice(ratingValues, 'chooseRating'),
    contribution: requiredText(limits.text),
    feasibilityRating: choice(ratingValues, 'chooseRating'),
    feasibility: requiredText(limits.text),
    strategyFitRating: choice(ratingValues, 'chooseRating'),
    strategyFit: requiredText(limits.text),
    resources: requiredText(limits.text),
    outcomeTargets: requiredText(limits.text),
    concerns: longText,
    conflict: choice(['none', 'declared'] as const, 'chooseConflict'),
    conflictNote: longText,
  });

  localized(app, 'POST', '/staff/proposals/:id/assessment', async (request, reply) => {
    await enterStaffArea(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const parsed = readForm(assessmentForm, request.body, t);
    const values = parsed.ok ? parsed.values : parsed.state.values;
    const errors: Record<string, string> = {};
    if (!parsed.ok) {
      for (const [field, message] of Object.entries(parsed.state.errors)) {
        errors[field] = field.endsWith('Rating')
          ? t.staff.chooseRating
          : field === 'conflict'
            ? t.staff.chooseConflict
            : message;
      }
    }
    if (values.conflict === 'declared' && (values.conflictNote ?? '').trim() === '') {
      errors.conflictNote = t.staff.conflictNoteRequired;
    }
    const departmentId = departmentIdOf(values.departmentId ?? '');
    if (!parsed.ok || Object.keys(errors).length > 0 || departmentId === undefined) {
      if (departmentId === undefined) {
        errors.departmentId = t.staff.refusals.notYourDepartment;
      }
      return workPage(request, reply, id, { name: 'assessment', state: { values, errors } }, 400);
    }
    const d = parsed.data;
    const result = await recordAssessment(processEnvOf(request), processActorOf(request), id, {
      departmentId,
      contributionRating: d.contributionRating,
      contribution: d.contribution,
      feasibilityRating: d.feasibilityRating,
      feasibility: d.feasibility,
      strategyFitRating: d.strategyFitRating,
      strategyFit: d.strategyFit,
      resources: d.resources,
      outcomeTargets: d.outcomeTargets,
      concerns: d.concerns,
      conflict: d.conflict,
      conflictNote: d.conflictNote,
    });
    return answer(request, reply, id, result, t.staff.assessmentSaved, {
      name: 'assessment',
      values,
    });
  });

  const decisionForm = z.object({
    decision: choice(decisions, 'chooseDecision'),
    reason: requiredText(limits.text),
  });

  localized(app, 'POST', '/staff/proposals/:id/decision', async (request, reply) => {
    await enterStaffArea(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const parsed = readForm(decisionForm, request.body, t);
    if (!parsed.ok) {
      const errors = { ...parsed.state.errors };
      if (errors.decision) {
        errors.decision = t.staff.chooseDecision;
      }
      if (errors.reason && (parsed.state.values.reason ?? '').trim() === '') {
        errors.reason = t.staff.refusals.reasonRequired;
      }
      return workPage(
        request,
        reply,
        id,
        { name: 'decision', state: { values: parsed.state.values, errors } },
        400,
      );
    }
    const to = parsed.data.decision as ProposalState;
    const result = await moveProposal(
      processEnvOf(request),
      processActorOf(request),
      id,
      to,
      parsed.data.reason,
    );
    return answer(request, reply, id, result, t.staff.moved(t.stateNames[to]), {
      name: 'decision',
      values: parsed.values,
    });
  });
}
