import type { ComponentChildren } from 'preact';
import type { AssessmentRow } from '../../../app/process/assessment.ts';
import type { DepartmentSuggestion } from '../../../app/process/matching.ts';
import { formatDate } from '../../../domain/calendar.ts';
import { localize } from '../../../domain/language.ts';
import {
  stageOf,
  stages,
  type Holder,
  type ProposalState,
} from '../../../domain/proposal-state.ts';
import type { TimeStanding } from '../../../domain/time-targets.ts';
import type { ProposalScreeningTable, Rating } from '../../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import {
  ActionButton,
  CheckboxField,
  ErrorSummary,
  Form,
  Notice,
  ProblemSummary,
  RadioGroup,
  SelectField,
  TextAreaField,
  hasErrors,
} from '../forms.tsx';
import { CheckboxGroup } from '../admin/parts.tsx';
import { Layout } from '../layout.tsx';
import { ProposalDocument } from '../proposals/detail.tsx';
import { Moment, stateLabel, titleOf, type ProposalBundle } from '../proposals/parts.tsx';

/** What this person may do on the proposal now. */
export interface WorkActions {
  startScreening: boolean;
  screen: boolean;
  acceptReferral: boolean;
  assign: boolean;
  startDialogue: boolean;
  requestDecision: boolean;
  decide: boolean;
  /** The departments for which this person may record an assessment. */
  assessFor: number[];
  /** Gate staff may hand a free proposal to a partner program. */
  partnerReferral: boolean;
}

/** The form a page is showing again with problems, and its state. */
export type WorkForm = 'screening' | 'assignment' | 'assessment' | 'decision' | 'move';

export interface WorkPageData {
  bundle: ProposalBundle;
  showConfidential: boolean;
  holder: Holder | null;
  stateSince: { date: string; workingDays: number } | null;
  standing: TimeStanding | undefined;
  assignments: { departmentId: number; role: 'lead' | 'supporting' }[];
  departments: { id: number; name: string }[];
  departmentNames: Map<number, string>;
  fieldNames: Map<number, string>;
  actorNames: Map<number, string>;
  screenings: Selectable<ProposalScreeningTable>[];
  suggestions: DepartmentSuggestion[];
  assessments: AssessmentRow[];
  actions: WorkActions;
  form?: { name: WorkForm; state: FormState; problem?: string | undefined };
  notice?: string | undefined;
  /** Further sections: the dialogue and meetings. */
  children?: ComponentChildren;
  /** The delivery section (selection, agreement, project, verification) and its problems. */
  delivery?: {
    summary: ComponentChildren;
    body: ComponentChildren;
    error: boolean;
    actions: boolean;
  };
  /** For gate staff: the proposal's case, or whether one may be drafted now. */
  case?: { id: number | null; mayDraft: boolean } | undefined;
  /** The partnership budget section, with the problems its form shows again. */
  budget?: {
    section: ComponentChildren;
    state: FormState;
    problem?: string | undefined;
    labels: Record<string, string>;
  };
}

const empty: FormState = { values: {}, errors: {} };

function StageDiagram(props: { ctx: PageContext; state: ProposalState }) {
  const { ctx, state } = props;
  const s = ctx.t.staff;
  const current = stageOf[state];
  return (
    <ol class="stage-diagram" aria-label={s.stageDiagram}>
      {stages.map((stage, index) => (
        <li
          class={stage === current ? 'stage-step stage-step-current' : 'stage-step'}
          aria-current={stage === current ? 'step' : undefined}
        >
          <span class="stage-number">{index + 1}</span>
          <span class="stage-name">{ctx.t.stageNames[stage]}</span>
          {stage === current && <span class="stage-note">{s.currentStage}</span>}
        </li>
      ))}
    </ol>
  );
}

function Standing(props: { ctx: PageContext; data: WorkPageData }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const { proposal } = data.bundle;
  const departments = data.assignments;
  return (
    <dl class="facts">
      <dt>{s.currentState}</dt>
      <dd>
        <strong>{stateLabel(ctx, proposal.state)}</strong>
      </dd>
      <dt>{s.holderLabel}</dt>
      <dd>{data.holder === null ? s.noHolder : s.holders[data.holder]}</dd>
      {data.stateSince && (
        <>
          <dt>{s.inStateLabel}</dt>
          <dd>
            {s.inStateSince(
              formatDate(data.stateSince.date, ctx.lang),
              data.stateSince.workingDays,
            )}
          </dd>
        </>
      )}
      <dt>{s.standingLabel}</dt>
      <dd>
        {data.standing ? (
          <>
            {s.standing(
              s.phases[data.standing.phase],
              data.standing.workingDays,
              data.standing.target,
              formatDate(data.standing.dueOn, ctx.lang),
            )}
            {data.standing.overdue && (
              <>
                {' '}
                <strong class="badge badge-overdue">{s.overdue}</strong> {s.standingOverdue}
              </>
            )}
          </>
        ) : (
          s.noStanding
        )}
      </dd>
      <dt>{s.departmentsLabel}</dt>
      <dd>
        {departments.length === 0 ? (
          s.noDepartments
        ) : (
          <ul class="plain-list">
            {departments.map((d) => (
              <li>
                {data.departmentNames.get(d.departmentId) ?? ''}
                {d.role === 'lead' ? s.leadSuffix : s.supportingSuffix}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

function formFor(data: WorkPageData, name: WorkForm): FormState {
  return data.form?.name === name ? data.form.state : empty;
}

function ScreeningForm(props: { ctx: PageContext; data: WorkPageData; action: string }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const state = formFor(data, 'screening');
  const touched = data.form?.name === 'screening';
  const checked = touched
    ? (state.values.checks ?? '').split(',').filter(Boolean)
    : data.bundle.grounds.map((g) => g.code);
  return (
    <section aria-labelledby="screening-heading">
      <h3 id="screening-heading">{s.screeningHeading}</h3>
      <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
        <CheckboxGroup
          ctx={ctx}
          name="checks"
          legend={s.screeningChecklist}
          options={data.bundle.grounds.map((ground) => ({
            value: ground.code,
            label: localize({ ja: ground.text_ja, en: ground.text_en }, ctx.lang).text,
          }))}
          state={{ values: { checks: checked.join(',') }, errors: state.errors }}
          required
        />
        <CheckboxField ctx={ctx} state={state} name="salesPitch" label={s.salesPitch} />
        <RadioGroup
          ctx={ctx}
          state={state}
          name="outcome"
          legend={s.outcomeLegend}
          required
          options={(['review', 'referred', 'infoRequested', 'notAccepted'] as const).map(
            (value) => ({ value, label: s.outcomes[value] }),
          )}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="referTo"
          label={s.referTo}
          required={s.neededForReferral}
          blank={s.chooseDepartment}
          options={data.departments.map((d) => ({ value: String(d.id), label: d.name }))}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="reason"
          label={s.reasonLabel}
          hint={s.screeningReasonHint}
          required={s.neededForRequestOrRefusal}
          maxLength={10_000}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {s.recordScreening}
          </button>
        </div>
      </Form>
    </section>
  );
}

function Suggestions(props: { ctx: PageContext; data: WorkPageData }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const fields = (ids: number[]) =>
    ids.map((id) => data.fieldNames.get(id) ?? '').join(ctx.lang === 'ja' ? '、' : ', ');
  if (data.suggestions.length === 0) {
    return <p>{s.suggestionsEmpty}</p>;
  }
  return (
    <ul class="suggestions">
      {data.suggestions.map((suggestion) => (
        <li>
          <strong>{data.departmentNames.get(suggestion.departmentId) ?? ''}</strong>
          <ul>
            {suggestion.reasons.map((reason) => (
              <li>
                {reason.kind === 'challengeOwner'
                  ? s.suggestionReasons.challengeOwner
                  : reason.kind === 'challengesInFields'
                    ? s.suggestionReasons.challengesInFields(reason.count, fields(reason.fieldIds))
                    : s.suggestionReasons.pastLead(reason.count, fields(reason.fieldIds))}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function AssignmentForm(props: { ctx: PageContext; data: WorkPageData; action: string }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const touched = data.form?.name === 'assignment';
  const state = touched
    ? formFor(data, 'assignment')
    : {
        values: {
          lead: String(
            data.assignments.find((a) => a.role === 'lead')?.departmentId ??
              data.suggestions[0]?.departmentId ??
              '',
          ),
        },
        errors: {},
      };
  const supporting = touched
    ? (state.values.supporting ?? '').split(',').filter(Boolean)
    : data.assignments.filter((a) => a.role === 'supporting').map((a) => String(a.departmentId));
  const options = data.departments.map((d) => ({ value: String(d.id), label: d.name }));
  return (
    <section aria-labelledby="matching-heading">
      <h3 id="matching-heading">{s.matchingHeading}</h3>
      <h4>{s.suggestionsHeading}</h4>
      <Suggestions ctx={ctx} data={data} />
      <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
        <SelectField
          ctx={ctx}
          state={state}
          name="lead"
          label={s.leadDepartment}
          required
          blank={s.chooseDepartment}
          options={options}
        />
        <details class="disclosure" open={supporting.length > 0 || touched}>
          <summary>{s.supportingDepartments}</summary>
          <CheckboxGroup
            ctx={ctx}
            name="supporting"
            legend={s.supportingDepartments}
            hint={s.supportingHint}
            options={options}
            state={{ values: { supporting: supporting.join(',') }, errors: state.errors }}
          />
        </details>
        <div class="button-row">
          <button type="submit" class="button">
            {s.saveAssignment}
          </button>
        </div>
      </Form>
    </section>
  );
}

const ratingFields = ['contribution', 'feasibility', 'strategyFit'] as const;
const textFields = ['resources', 'outcomeTargets', 'concerns'] as const;

function AssessmentForm(props: { ctx: PageContext; data: WorkPageData; action: string }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const state = formFor(data, 'assessment');
  const ratingOptions = (['high', 'medium', 'low'] as const).map((value: Rating) => ({
    value,
    label: s.ratingNames[value],
  }));
  const forDepartments = data.actions.assessFor;
  return (
    <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
      {forDepartments.length > 1 ? (
        <SelectField
          ctx={ctx}
          state={state}
          name="departmentId"
          label={s.assessmentFor}
          required
          options={forDepartments.map((id) => ({
            value: String(id),
            label: data.departmentNames.get(id) ?? '',
          }))}
        />
      ) : (
        <input type="hidden" name="departmentId" value={String(forDepartments[0] ?? '')} />
      )}
      {ratingFields.map((field) => (
        <>
          <RadioGroup
            ctx={ctx}
            state={state}
            name={`${field}Rating`}
            legend={s.ratingLegend(s.assessmentFields[field])}
            required
            options={ratingOptions}
          />
          <TextAreaField
            ctx={ctx}
            state={state}
            name={field}
            label={s.assessmentFields[field]}
            required
            maxLength={10_000}
          />
        </>
      ))}
      {textFields.map((field) => (
        <TextAreaField
          ctx={ctx}
          state={state}
          name={field}
          label={s.assessmentFields[field]}
          required={field !== 'concerns'}
          maxLength={10_000}
        />
      ))}
      <RadioGroup
        ctx={ctx}
        state={state}
        name="conflict"
        legend={s.conflictLegend}
        required
        options={[
          { value: 'none', label: s.conflictNone },
          { value: 'declared', label: s.conflictDeclared },
        ]}
      />
      <TextAreaField
        ctx={ctx}
        state={state}
        name="conflictNote"
        label={s.conflictNote}
        required={s.neededForConflict}
        maxLength={10_000}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {s.saveAssessment}
        </button>
      </div>
    </Form>
  );
}

function Assessments(props: { ctx: PageContext; data: WorkPageData }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  if (data.assessments.length === 0) {
    return <p>{s.assessmentsEmpty}</p>;
  }
  return (
    <>
      {data.assessments.map((row) => (
        <article class="assessment">
          <h3>
            {s.assessmentBy(row.reviewer_name, data.departmentNames.get(row.department_id) ?? '')}
          </h3>
          {row.conflict === 'declared' && (
            <p>
              <strong class="badge badge-overdue">{s.conflictDeclaredBadge}</strong>{' '}
              <span class="proposal-text">{row.conflict_note}</span>
            </p>
          )}
          <dl class="facts">
            <dt>{s.assessmentFields.contribution}</dt>
            <dd class="proposal-text">
              {s.ratingNames[row.contribution_rating]} — {row.contribution}
            </dd>
            <dt>{s.assessmentFields.feasibility}</dt>
            <dd class="proposal-text">
              {s.ratingNames[row.feasibility_rating]} — {row.feasibility}
            </dd>
            <dt>{s.assessmentFields.strategyFit}</dt>
            <dd class="proposal-text">
              {s.ratingNames[row.strategy_fit_rating]} — {row.strategy_fit}
            </dd>
            <dt>{s.assessmentFields.resources}</dt>
            <dd class="proposal-text">{row.resources}</dd>
            <dt>{s.assessmentFields.outcomeTargets}</dt>
            <dd class="proposal-text">{row.outcome_targets}</dd>
            {row.concerns && (
              <>
                <dt>{s.assessmentFields.concerns}</dt>
                <dd class="proposal-text">{row.concerns}</dd>
              </>
            )}
          </dl>
        </article>
      ))}
    </>
  );
}

function DecisionForm(props: { ctx: PageContext; data: WorkPageData; action: string }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const state = formFor(data, 'decision');
  return (
    <section aria-labelledby="decision-heading">
      <h3 id="decision-heading">{s.decisionHeading}</h3>
      <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
        <RadioGroup
          ctx={ctx}
          state={state}
          name="decision"
          legend={s.decisionLegend}
          required
          options={(['adopted', 'notAdopted', 'escalated'] as const).map((value) => ({
            value,
            label: s.decisions[value],
          }))}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="reason"
          label={s.reasonLabel}
          hint={s.decisionReasonHint}
          required
          maxLength={10_000}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {s.recordDecision}
          </button>
        </div>
      </Form>
    </section>
  );
}

function ScreeningRecords(props: { ctx: PageContext; data: WorkPageData }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  if (data.screenings.length === 0) {
    return null;
  }
  return (
    <>
      <h3>{s.screeningRecords}</h3>
      {data.screenings.map((row) => (
        <article class="assessment">
          <p>
            <Moment ctx={ctx} at={row.screened_at} /> — {s.outcomes[row.outcome]} (
            {data.actorNames.get(row.screened_by) ?? ''})
          </p>
          <ul>
            {data.bundle.grounds.map((ground) => (
              <li>
                {localize({ ja: ground.text_ja, en: ground.text_en }, ctx.lang).text}:{' '}
                {row.checks[ground.code] ? s.checkMet : s.checkNotMet}
              </li>
            ))}
            {row.sales_pitch && <li>{s.salesPitch}</li>}
          </ul>
        </article>
      ))}
    </>
  );
}

/** The proposal's case: a link to it, or the button that drafts it once completed. */
function CaseSection(props: { ctx: PageContext; data: WorkPageData; base: string }) {
  const { ctx, data } = props;
  const c = ctx.t.caseWork;
  if (!data.case || (data.case.id === null && !data.case.mayDraft)) {
    return null;
  }
  return (
    <section aria-labelledby="case-heading">
      <h3 id="case-heading">{c.proposalSection}</h3>
      {data.case.id !== null ? (
        <p>
          <a href={href(ctx.lang, `/staff/cases/${data.case.id}`)}>{c.openCase}</a>
        </p>
      ) : (
        <>
          <p>{c.createHint}</p>
          <ActionButton
            action={`${props.base}/case`}
            csrf={ctx.csrf!}
            label={c.createFromProposal}
          />
        </>
      )}
    </section>
  );
}

function errorLabels(ctx: PageContext): Record<string, string> {
  const s = ctx.t.staff;
  return {
    checks: s.screeningChecklist,
    outcome: s.outcomeLegend,
    referTo: s.referTo,
    reason: s.reasonLabel,
    lead: s.leadDepartment,
    supporting: s.supportingDepartments,
    decision: s.decisionLegend,
    departmentId: s.assessmentFor,
    contributionRating: s.ratingLegend(s.assessmentFields.contribution),
    feasibilityRating: s.ratingLegend(s.assessmentFields.feasibility),
    strategyFitRating: s.ratingLegend(s.assessmentFields.strategyFit),
    contribution: s.assessmentFields.contribution,
    feasibility: s.assessmentFields.feasibility,
    strategyFit: s.assessmentFields.strategyFit,
    resources: s.assessmentFields.resources,
    outcomeTargets: s.assessmentFields.outcomeTargets,
    concerns: s.assessmentFields.concerns,
    conflict: s.conflictLegend,
    conflictNote: s.conflictNote,
  };
}

/**
 * A proposal's work page for staff: where it stands among the four stages, who holds it and
 * for how long against the target, what this person may do next, the assessments, the
 * dialogue, and the whole proposal with its timeline.
 */
export function StaffWorkPage(props: { ctx: PageContext; data: WorkPageData }) {
  const { ctx, data } = props;
  const s = ctx.t.staff;
  const { proposal } = data.bundle;
  const base = href(ctx.lang, `/staff/proposals/${proposal.id}`);
  const { actions } = data;
  const state = data.form?.state ?? empty;
  const anyAction =
    actions.startScreening ||
    actions.screen ||
    actions.acceptReferral ||
    actions.assign ||
    actions.startDialogue ||
    actions.requestDecision ||
    actions.decide ||
    Boolean(data.delivery?.actions);
  const moveButton = (to: ProposalState, label: string) => (
    <ActionButton action={`${base}/move`} csrf={ctx.csrf!} label={label} fields={{ to }} />
  );
  return (
    <Layout
      ctx={ctx}
      title={titleOf(ctx, data.bundle.content.title)}
      error={
        hasErrors(state, data.form?.problem) ||
        Boolean(data.delivery?.error) ||
        hasErrors(data.budget?.state ?? empty, data.budget?.problem)
      }
    >
      <p>
        <a href={href(ctx.lang, '/staff')}>{s.backToInbox}</a>
      </p>
      {data.notice && <Notice>{data.notice}</Notice>}
      <ProblemSummary problem={data.form?.problem} />
      <ErrorSummary ctx={ctx} state={state} labels={errorLabels(ctx)} />
      {data.delivery?.summary}
      {data.budget && (
        <ErrorSummary ctx={ctx} state={data.budget.state} labels={data.budget.labels} />
      )}

      <h2>{s.workHeading}</h2>
      <StageDiagram ctx={ctx} state={proposal.state} />
      <Standing ctx={ctx} data={data} />

      <h2>{s.actionsHeading}</h2>
      {!anyAction && <p>{s.noActions}</p>}
      {actions.startScreening && moveButton('screening', s.startScreening)}
      {actions.screen && <ScreeningForm ctx={ctx} data={data} action={`${base}/screening`} />}
      {actions.acceptReferral && moveButton('review', s.acceptReferral)}
      {actions.assign && <AssignmentForm ctx={ctx} data={data} action={`${base}/assignment`} />}
      {actions.startDialogue &&
        (data.assignments.some((a) => a.role === 'lead') ? (
          moveButton('dialogue', s.startDialogue)
        ) : (
          <p>{s.startDialogueHint}</p>
        ))}
      {actions.requestDecision &&
        (data.assessments.some(
          (a) => a.department_id === data.assignments.find((x) => x.role === 'lead')?.departmentId,
        ) ? (
          moveButton('decision', s.requestDecision)
        ) : (
          <p>{s.requestDecisionHint}</p>
        ))}
      {actions.decide && <DecisionForm ctx={ctx} data={data} action={`${base}/decision`} />}
      <CaseSection ctx={ctx} data={data} base={base} />
      <ScreeningRecords ctx={ctx} data={data} />
      {actions.partnerReferral && (
        <p>
          <a href={href(ctx.lang, `/staff/partner-referrals/proposals/${proposal.id}`)}>
            {ctx.t.challenge.referralHeading}
          </a>
        </p>
      )}
      {data.delivery?.body}

      <h2>{s.assessmentHeading}</h2>
      <Assessments ctx={ctx} data={data} />
      {actions.assessFor.length > 0 && (
        <AssessmentForm ctx={ctx} data={data} action={`${base}/assessment`} />
      )}

      {data.budget?.section}

      {data.children}

      <h2>{s.contentHeading}</h2>
      <ProposalDocument
        ctx={ctx}
        bundle={data.bundle}
        reader={{
          showConfidential: data.showConfidential,
          downloads: true,
          actorNames: data.actorNames,
        }}
      />
    </Layout>
  );
}
