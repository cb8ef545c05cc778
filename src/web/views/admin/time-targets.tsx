import { timedPhases } from '../../../domain/proposal-state.ts';
import { timeTargetRange } from '../../../domain/time-targets.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, TextField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminMenu, AdminNotice } from './parts.tsx';

/** The tenant's time targets: one whole number of working days per timed phase. */
export function TimeTargetsPage(props: {
  ctx: PageContext;
  state: FormState;
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const m = ctx.t.admin;
  const page = m.timeTargets;
  const labels = Object.fromEntries(timedPhases.map((phase) => [phase, page.phases[phase].label]));
  const range = page.rangeHint(timeTargetRange.min, timeTargetRange.max);
  return (
    <Layout
      ctx={ctx}
      title={m.sections.timeTargets.title}
      lead={page.lead}
      error={hasErrors(state)}
    >
      <AdminMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <p>{page.workingDaysNote}</p>
      <p>{page.recomputeNote}</p>
      <Form ctx={ctx} action={href(ctx.lang, '/admin/time-targets')} csrf={ctx.csrf!}>
        <fieldset class="form-group">
          <legend>{page.fieldsLegend}</legend>
          {timedPhases.map((phase) => (
            <TextField
              ctx={ctx}
              state={state}
              name={phase}
              label={page.phases[phase].label}
              hint={`${page.phases[phase].hint}${ctx.lang === 'en' ? ' ' : ''}${range}`}
              required
              inputMode="numeric"
              autocomplete="off"
              maxLength={8}
              size="short"
            />
          ))}
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button">
            {page.submit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}
