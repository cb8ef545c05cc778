import type { ComponentChildren } from 'preact';
import { acceptAttribute } from '../../../app/files/kinds.ts';
import type { FormState } from '../../forms.ts';
import { ScrollTable } from '../components.tsx';
import type { PageContext } from '../context.ts';
import {
  ActionButton,
  CheckboxField,
  Form,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../forms.tsx';
import { latestActual } from '../process/delivery-record.tsx';
import { formFor, type DeliverySectionData } from './delivery-data.ts';

/** The forms of the project and its verification, and the file parts the forms share. */

/** A file input with its label, hint and message, as the dialogue's form has it. */
export function FileInput(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  hint: string;
}) {
  const { name } = props;
  const error = props.state.errors[name];
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={`field-${name}`}>
        {props.label}
        <span class="badge">{props.ctx.t.account.optional}</span>
      </label>
      <p class="hint" id={`hint-${name}`}>
        {props.hint}
      </p>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <input
        type="file"
        id={`field-${name}`}
        name={name}
        multiple
        accept={acceptAttribute}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `hint-${name} error-${name}` : `hint-${name}`}
        class="file-input"
      />
    </div>
  );
}

/** A form posted as multipart, the CSRF token first (see src/web/multipart-form.ts). */
export function MultipartForm(props: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="form" novalidate>
      <input type="hidden" name="_csrf" value={props.ctx.csrf!} />
      {props.children}
    </form>
  );
}

export function ProjectForms(props: { ctx: PageContext; data: DeliverySectionData; base: string }) {
  const { ctx, data, base } = props;
  const d = ctx.t.delivery;
  const indicators = data.records.project.indicators;
  return (
    <>
      <Form ctx={ctx} action={`${base}/project-notes`} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={formFor(data, 'note', {})}
          name="notedOn"
          label={d.notedOn}
          type="date"
          hint={d.dateHint}
          required
          size="short"
        />
        <TextAreaField
          ctx={ctx}
          state={formFor(data, 'note', {})}
          name="noteBody"
          label={d.noteBody}
          required
        />
        <div class="button-row">
          <button type="submit" class="button">
            {d.addNote}
          </button>
        </div>
      </Form>

      <h4>{d.addIndicator}</h4>
      {indicators.length === 0 && data.proposalHasIndicators && (
        <div class="form-row">
          <p class="hint">{d.takeOverHint}</p>
          <ActionButton
            action={`${base}/indicators`}
            csrf={ctx.csrf!}
            label={d.takeOver}
            fields={{ takeOver: 'yes' }}
            tone="secondary"
          />
        </div>
      )}
      <Form ctx={ctx} action={`${base}/indicators`} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={formFor(data, 'indicator', {})}
          name="indicatorName"
          label={d.indicatorName}
          required
          maxLength={200}
        />
        <TextField
          ctx={ctx}
          state={formFor(data, 'indicator', {})}
          name="indicatorUnit"
          label={d.indicatorUnit}
          maxLength={40}
          size="short"
        />
        <TextField
          ctx={ctx}
          state={formFor(data, 'indicator', {})}
          name="indicatorTarget"
          label={d.indicatorTarget}
          hint={d.targetHint}
          inputMode="text"
          required
          size="short"
        />
        <div class="button-row">
          <button type="submit" class="button">
            {d.addIndicator}
          </button>
        </div>
      </Form>

      {indicators.length > 0 && (
        <>
          <h4>{d.actualHeading}</h4>
          <Form ctx={ctx} action={`${base}/indicator-actuals`} csrf={ctx.csrf!}>
            <SelectField
              ctx={ctx}
              state={formFor(data, 'actual', { actualIndicator: String(indicators[0]!.id) })}
              name="actualIndicator"
              label={d.actualIndicator}
              required
              options={indicators.map((i) => ({ value: String(i.id), label: i.name }))}
            />
            <TextField
              ctx={ctx}
              state={formFor(data, 'actual', {})}
              name="actualPeriod"
              label={d.actualPeriod}
              hint={d.actualPeriodHint}
              required
              maxLength={40}
              size="short"
            />
            <TextField
              ctx={ctx}
              state={formFor(data, 'actual', {})}
              name="actualValue"
              label={d.actualValue}
              hint={d.targetHint}
              required
              size="short"
            />
            <TextAreaField
              ctx={ctx}
              state={formFor(data, 'actual', {})}
              name="actualNote"
              label={d.actualNote}
              rows={2}
            />
            <div class="button-row">
              <button type="submit" class="button">
                {d.addActual}
              </button>
            </div>
          </Form>
        </>
      )}

      <h4>{d.projectFilesHeading}</h4>
      <MultipartForm ctx={ctx} action={`${base}/project-files`}>
        <FileInput
          ctx={ctx}
          state={formFor(data, 'projectFiles', {})}
          name="projectFiles"
          label={d.projectFiles}
          hint={d.documentsHint(data.maxFiles)}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {d.addProjectFiles}
          </button>
        </div>
      </MultipartForm>
    </>
  );
}

export function VerificationForm(props: {
  ctx: PageContext;
  data: DeliverySectionData;
  action: string;
}) {
  const { ctx, data } = props;
  const d = ctx.t.delivery;
  const v = data.records.verification;
  const indicators = data.records.project.indicators;
  const initial: Record<string, string> = {
    version: String(v?.version ?? 0),
    worked: v?.worked ?? '',
    fellShort: v?.fellShort ?? '',
    lessons: v?.lessons ?? '',
    cityView: v?.cityView ?? '',
    implementerView: v?.implementerView ?? '',
    continuation: v?.continuation ?? '',
    needsCityMoney: v?.needsCityMoney ? 'yes' : '',
  };
  for (const indicator of indicators) {
    initial[`result-${indicator.id}`] = v?.indicatorResults[String(indicator.id)] ?? '';
  }
  const state = formFor(data, 'verification', initial);
  return (
    <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
      <input type="hidden" name="version" value={state.values.version ?? '0'} />
      {indicators.length > 0 && (
        <ScrollTable label={d.resultsTable} showCaption>
          <thead>
            <tr>
              <th scope="col">{d.indicatorName}</th>
              <th scope="col">{d.indicatorTarget}</th>
              <th scope="col">{d.latestActual}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr>
                <th scope="row">{indicator.name}</th>
                <td>
                  {indicator.target}
                  {indicator.unit === '' ? '' : ` ${indicator.unit}`}
                </td>
                <td>{latestActual(ctx, indicator)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {indicators.length > 0 && (
        <fieldset class="form-group">
          <legend>{d.resultText}</legend>
          {indicators.map((indicator) => (
            <TextAreaField
              ctx={ctx}
              state={state}
              name={`result-${indicator.id}`}
              label={d.resultOf(indicator.name)}
              hint={`${d.indicatorTarget}${ctx.t.account.labelSeparator}${indicator.target}${indicator.unit === '' ? '' : ` ${indicator.unit}`} / ${d.latestActual}${ctx.t.account.labelSeparator}${latestActual(ctx, indicator)}`}
              rows={2}
            />
          ))}
        </fieldset>
      )}
      {(['worked', 'fellShort', 'lessons', 'cityView', 'implementerView'] as const).map((name) => (
        <TextAreaField ctx={ctx} state={state} name={name} label={d[name]} required />
      ))}
      <RadioGroup
        ctx={ctx}
        state={state}
        name="continuation"
        legend={d.continuationLegend}
        required
        options={(['continue', 'improve', 'end'] as const).map((value) => ({
          value,
          label: d.continuations[value],
        }))}
      />
      <CheckboxField
        ctx={ctx}
        state={state}
        name="needsCityMoney"
        label={d.needsCityMoney}
        hint={d.contractNote}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {d.saveVerification}
        </button>
      </div>
    </Form>
  );
}
