import type { SelectionView } from '../../../app/delivery/selection.ts';
import {
  originalityGrounds,
  recommendSelection,
  type Burden,
  type SelectionMethod,
} from '../../../domain/implementer-selection.ts';
import { BURDEN_ROWS } from '../../delivery-forms.ts';
import type { FormState } from '../../forms.ts';
import type { PageContext } from '../context.ts';
import { CheckboxField, Form, RadioGroup, TextAreaField, TextField } from '../forms.tsx';
import { Recommendation } from '../process/delivery-record.tsx';

/**
 * The selection record form: the facts (burden, exclusivity, originality), the implementer,
 * the procurement when the city pays, and the method with the staff's own reason. The
 * recommendation of the facts shown is marked on the methods.
 */

/** The form's values for a record, or for the proposal's own estimate when there is none. */
export function selectionValues(
  selection: SelectionView | undefined,
  burden: Burden,
): Record<string, string> {
  const source = selection?.burden ?? burden;
  const values: Record<string, string> = {
    version: String(selection?.version ?? 0),
    burdenKind: source.kind === 'pays' && source.years.length > 0 ? 'pays' : 'none',
    exclusivityTime: selection?.exclusivityTime ?? '',
    exclusiveMonths: selection?.exclusiveMonths?.toString() ?? '',
    exclusivityTimeNote: selection?.exclusivityTimeNote ?? '',
    exclusivitySpace: selection?.exclusivitySpace ?? '',
    exclusivitySpaceNote: selection?.exclusivitySpaceNote ?? '',
    implementerKind: selection?.implementer.kind ?? 'proposer',
    implementerName: selection?.implementer.kind === 'other' ? selection.implementer.name : '',
    budgetYear: selection?.budgetYear?.toString() ?? '',
    procedure: selection?.procedure ?? '',
    procedureResult: selection?.procedureResult ?? '',
    method: selection?.method ?? '',
    staffReason: selection?.staffReason ?? '',
  };
  if (source.kind === 'pays') {
    source.years.forEach((year, i) => {
      values[`burdenYear-${i}`] = String(year.fiscalYear);
      values[`burdenAmount-${i}`] = String(year.amountYen);
      values[`burdenUpkeep-${i}`] = year.upkeep ? 'yes' : '';
    });
  }
  for (const ground of originalityGrounds) {
    const evidence = selection?.originality[ground];
    values[`ground-${ground}`] = evidence === undefined ? '' : 'yes';
    values[`evidence-${ground}`] = evidence ?? '';
  }
  return values;
}

/** The recommendation of the facts as a form shows them, for the methods' marks. */
function recommendedOf(values: Record<string, string>): SelectionMethod {
  const years = Array.from({ length: BURDEN_ROWS }, (_, i) => ({
    fiscalYear: Number(values[`burdenYear-${i}`] ?? 0),
    amountYen: Number((values[`burdenAmount-${i}`] ?? '').replace(/,/g, '')) || 0,
    upkeep: values[`burdenUpkeep-${i}`] === 'yes',
  }));
  const level = (value: string | undefined) => (value === 'high' ? 'high' : 'low');
  return recommendSelection({
    burden: values.burdenKind === 'pays' ? { kind: 'pays', years } : { kind: 'none' },
    exclusivity: { time: level(values.exclusivityTime), space: level(values.exclusivitySpace) },
    originality: Object.fromEntries(
      originalityGrounds
        .filter((g) => values[`ground-${g}`] === 'yes')
        .map((g) => [g, values[`evidence-${g}`] ?? '']),
    ),
  }).method;
}

/** The labels of the form's fields, for the error summary. */
export function selectionLabels(ctx: PageContext): Record<string, string> {
  const d = ctx.t.delivery;
  const labels: Record<string, string> = {
    burdenKind: d.burdenLegend,
    exclusivityTime: d.exclusivityTimeLegend,
    exclusiveMonths: d.exclusiveMonths,
    exclusivityTimeNote: d.exclusivityTimeNote,
    exclusivitySpace: d.exclusivitySpaceLegend,
    exclusivitySpaceNote: d.exclusivitySpaceNote,
    implementerKind: d.implementerLegend,
    implementerName: d.implementerName,
    budgetYear: d.budgetYear,
    procedure: d.procedure,
    procedureResult: d.procedureResult,
    method: d.methodLegend,
    staffReason: d.staffReason,
    callDays: d.openCallDays,
  };
  for (let i = 0; i < BURDEN_ROWS; i += 1) {
    labels[`burdenYear-${i}`] = d.burdenYearOf(i + 1);
    labels[`burdenAmount-${i}`] = d.burdenAmountOf(i + 1);
  }
  for (const ground of originalityGrounds) {
    labels[`evidence-${ground}`] = d.evidenceOf(d.grounds[ground]);
  }
  return labels;
}

export function SelectionForm(props: {
  ctx: PageContext;
  action: string;
  state: FormState;
  /** The proposer's organisation, the default implementer. */
  proposerName: string;
  /** The recommendation stored with the record, shown above the form. */
  selection: SelectionView | undefined;
}) {
  const { ctx, state } = props;
  const d = ctx.t.delivery;
  const values = state.values;
  const filled = Array.from({ length: BURDEN_ROWS }, (_, i) => i).filter(
    (i) => (values[`burdenYear-${i}`] ?? '') !== '' || (values[`burdenAmount-${i}`] ?? '') !== '',
  );
  const rows = Math.min(BURDEN_ROWS, Math.max(3, (filled[filled.length - 1] ?? -1) + 2));
  const recommended = recommendedOf(values);
  const shown: FormState = {
    values: { ...values, method: values.method || recommended },
    errors: state.errors,
  };
  return (
    <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
      <input type="hidden" name="version" value={values.version ?? '0'} />
      <RadioGroup
        ctx={ctx}
        state={shown}
        name="burdenKind"
        legend={d.burdenLegend}
        hint={d.burdenHint}
        required
        options={[
          { value: 'none', label: d.burdenNone },
          { value: 'pays', label: d.burdenPays },
        ]}
      />
      <fieldset class="form-group">
        <legend>{d.burdenTable}</legend>
        {Array.from({ length: rows }, (_, i) => (
          <div class="field-row-group">
            <TextField
              ctx={ctx}
              state={shown}
              name={`burdenYear-${i}`}
              label={d.burdenYearOf(i + 1)}
              hint={i === 0 ? d.fiscalYearHint : undefined}
              inputMode="numeric"
              size="short"
            />
            <TextField
              ctx={ctx}
              state={shown}
              name={`burdenAmount-${i}`}
              label={d.burdenAmountOf(i + 1)}
              inputMode="numeric"
              size="short"
            />
            <CheckboxField
              ctx={ctx}
              state={shown}
              name={`burdenUpkeep-${i}`}
              label={d.burdenUpkeepOf(i + 1)}
            />
          </div>
        ))}
      </fieldset>
      <RadioGroup
        ctx={ctx}
        state={shown}
        name="exclusivityTime"
        legend={d.exclusivityTimeLegend}
        required
        options={(['low', 'high'] as const).map((value) => ({ value, label: d.levels[value] }))}
      />
      <TextField
        ctx={ctx}
        state={shown}
        name="exclusiveMonths"
        label={d.exclusiveMonths}
        hint={d.exclusiveMonthsHint}
        inputMode="numeric"
        size="short"
      />
      <TextAreaField
        ctx={ctx}
        state={shown}
        name="exclusivityTimeNote"
        label={d.exclusivityTimeNote}
        rows={2}
      />
      <RadioGroup
        ctx={ctx}
        state={shown}
        name="exclusivitySpace"
        legend={d.exclusivitySpaceLegend}
        required
        options={(['low', 'high'] as const).map((value) => ({ value, label: d.levels[value] }))}
      />
      <TextAreaField
        ctx={ctx}
        state={shown}
        name="exclusivitySpaceNote"
        label={d.exclusivitySpaceNote}
        rows={2}
      />
      <fieldset class="form-group">
        <legend>{d.originalityLegend}</legend>
        <p class="hint">{d.originalityHint}</p>
        {originalityGrounds.map((ground) => (
          <>
            <CheckboxField
              ctx={ctx}
              state={shown}
              name={`ground-${ground}`}
              label={d.grounds[ground]}
            />
            <TextAreaField
              ctx={ctx}
              state={shown}
              name={`evidence-${ground}`}
              label={d.evidenceOf(d.grounds[ground])}
              rows={2}
            />
          </>
        ))}
      </fieldset>
      <RadioGroup
        ctx={ctx}
        state={shown}
        name="implementerKind"
        legend={d.implementerLegend}
        hint={d.implementerHint}
        required
        options={[
          { value: 'proposer', label: d.implementerProposer(props.proposerName) },
          { value: 'other', label: d.implementerOther },
        ]}
      />
      <TextField
        ctx={ctx}
        state={shown}
        name="implementerName"
        label={d.implementerName}
        maxLength={200}
      />
      <fieldset class="form-group">
        <legend>{d.cityPaysHeading}</legend>
        <TextField
          ctx={ctx}
          state={shown}
          name="budgetYear"
          label={d.budgetYear}
          hint={d.fiscalYearHint}
          inputMode="numeric"
          size="short"
        />
        <TextAreaField
          ctx={ctx}
          state={shown}
          name="procedure"
          label={d.procedure}
          hint={d.procedureHint}
          rows={2}
        />
        <TextAreaField
          ctx={ctx}
          state={shown}
          name="procedureResult"
          label={d.procedureResult}
          rows={2}
        />
      </fieldset>
      {props.selection && (
        <Recommendation
          ctx={ctx}
          method={props.selection.recommendedMethod}
          reasons={props.selection.recommendedReasons}
        />
      )}
      <RadioGroup
        ctx={ctx}
        state={shown}
        name="method"
        legend={d.methodLegend}
        hint={d.methodHint}
        required
        options={(['contractProcedure', 'openCall', 'directSelection'] as const).map((value) => ({
          value,
          label: `${d.methods[value]}${value === recommended ? d.recommendedMark : ''}`,
        }))}
      />
      <TextAreaField
        ctx={ctx}
        state={shown}
        name="staffReason"
        label={d.staffReason}
        hint={d.staffReasonHint}
        required={d.neededForOverride}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {d.saveSelection}
        </button>
      </div>
    </Form>
  );
}

/** The button that opens a theme call from the proposal, with the call's length. */
export function OpenCallForm(props: { ctx: PageContext; action: string; state: FormState }) {
  const { ctx } = props;
  const d = ctx.t.delivery;
  const state: FormState = {
    values: { callDays: '30', ...props.state.values },
    errors: props.state.errors,
  };
  return (
    <section aria-labelledby="open-call-heading">
      <h4 id="open-call-heading">{d.openCallHeading}</h4>
      <p>{d.openCallLead}</p>
      <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={state}
          name="callDays"
          label={d.openCallDays}
          hint={d.openCallDaysHint}
          inputMode="numeric"
          size="short"
          required
        />
        <div class="button-row">
          <button type="submit" class="button">
            {d.openCallButton}
          </button>
        </div>
      </Form>
    </section>
  );
}
