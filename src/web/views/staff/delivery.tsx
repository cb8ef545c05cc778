import type { ProposalState } from '../../../domain/proposal-state.ts';
import { PARTY_ROWS } from '../../delivery-forms.ts';
import { href, type PageContext } from '../context.ts';
import { ActionButton, ErrorSummary, RadioGroup, TextAreaField, TextField } from '../forms.tsx';
import {
  AgreementSummary,
  DeliveryFiles,
  IndicatorTable,
  ProjectNotes,
  SelectionSummary,
  VerificationSummary,
} from '../process/delivery-record.tsx';
import { formFor, type DeliverySectionData } from './delivery-data.ts';
import { FileInput, MultipartForm, ProjectForms, VerificationForm } from './delivery-project.tsx';
import {
  OpenCallForm,
  SelectionForm,
  selectionLabels,
  selectionValues,
} from './delivery-selection.tsx';

/**
 * The delivery section of a staff member's work page: the moves of the delivery and review
 * stages, and the records of each stage — the selection record, the agreement, the project
 * and the verification — with their forms while the proposal is in their state.
 */

export type { DeliveryForm, DeliveryFormName, DeliverySectionData } from './delivery-data.ts';

/** The moves of the delivery and review stages, in order. */
export const deliveryMoves: readonly { from: ProposalState; to: ProposalState }[] = [
  { from: 'adopted', to: 'selection' },
  { from: 'selection', to: 'agreement' },
  { from: 'agreement', to: 'implementation' },
  { from: 'implementation', to: 'verification' },
  { from: 'verification', to: 'completed' },
];

const after = (state: ProposalState, first: ProposalState): boolean => {
  const order: ProposalState[] = [
    'adopted',
    'selection',
    'agreement',
    'implementation',
    'verification',
    'completed',
  ];
  return order.indexOf(state) >= order.indexOf(first) && order.includes(state);
};

/** The labels of every delivery field, for the error summary. */
export function deliveryLabels(ctx: PageContext, data: DeliverySectionData) {
  const d = ctx.t.delivery;
  const labels: Record<string, string> = {
    ...selectionLabels(ctx),
    kind: d.kindLegend,
    agreementTitle: d.agreementTitle,
    cityRoles: d.cityRoles,
    partnerRoles: d.partnerRoles,
    signedOn: d.signedOn,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    agreementFiles: d.documents,
    notedOn: d.notedOn,
    noteBody: d.noteBody,
    indicatorName: d.indicatorName,
    indicatorUnit: d.indicatorUnit,
    indicatorTarget: d.indicatorTarget,
    actualIndicator: d.actualIndicator,
    actualPeriod: d.actualPeriod,
    actualValue: d.actualValue,
    actualNote: d.actualNote,
    projectFiles: d.projectFiles,
    worked: d.worked,
    fellShort: d.fellShort,
    lessons: d.lessons,
    cityView: d.cityView,
    implementerView: d.implementerView,
    continuation: d.continuationLegend,
  };
  for (let i = 0; i < PARTY_ROWS; i += 1) {
    labels[`partyName-${i}`] = d.partyName(i + 1);
    labels[`partyRoles-${i}`] = d.partyRoles(i + 1);
  }
  for (const indicator of data.records.project.indicators) {
    labels[`result-${indicator.id}`] = d.resultOf(indicator.name);
  }
  return labels;
}

/** The error summary of a delivery form, for the top of the page. */
export function DeliveryErrors(props: { ctx: PageContext; data: DeliverySectionData }) {
  if (!props.data.form) {
    return null;
  }
  return (
    <ErrorSummary
      ctx={props.ctx}
      state={props.data.form.state}
      labels={deliveryLabels(props.ctx, props.data)}
    />
  );
}

function Moves(props: { ctx: PageContext; data: DeliverySectionData; base: string }) {
  const { ctx, data } = props;
  const d = ctx.t.delivery;
  if (data.moves.length === 0) {
    return null;
  }
  const { records } = data;
  const unmet: Partial<Record<ProposalState, boolean>> = {
    agreement: !records.selection,
    implementation: (records.agreement?.signedOn ?? null) === null,
    completed: !records.verification,
  };
  return (
    <section aria-labelledby="delivery-moves-heading">
      <h3 id="delivery-moves-heading">{d.movesHeading}</h3>
      {data.moves.map((to) => (
        <div class="form-row">
          {unmet[to] && <p class="hint">{d.moveHints[to as keyof typeof d.moveHints]}</p>}
          <ActionButton
            action={`${props.base}/move`}
            csrf={ctx.csrf!}
            label={d.moves[to as keyof typeof d.moves]}
            fields={{ to }}
          />
        </div>
      ))}
    </section>
  );
}

function AgreementForm(props: { ctx: PageContext; data: DeliverySectionData; action: string }) {
  const { ctx, data } = props;
  const d = ctx.t.delivery;
  const agreement = data.records.agreement;
  const implementer = data.records.selection?.implementerName ?? data.proposerName;
  const initial: Record<string, string> = {
    version: String(agreement?.version ?? 0),
    kind: agreement?.kind ?? 'agreement',
    agreementTitle: agreement?.title ?? '',
    cityRoles: agreement?.cityRoles ?? '',
    partnerRoles: agreement?.partnerRoles ?? '',
    signedOn: agreement?.signedOn ?? '',
    startsOn: agreement?.startsOn ?? '',
    endsOn: agreement?.endsOn ?? '',
  };
  const parties = agreement?.parties ?? [
    { name: data.cityName, responsibilities: '' },
    { name: implementer, responsibilities: '' },
  ];
  parties.forEach((party, i) => {
    initial[`partyName-${i}`] = party.name;
    initial[`partyRoles-${i}`] = party.responsibilities;
  });
  const state = formFor(data, 'agreement', initial);
  const removing = (state.values.removeFiles ?? '').split(',');
  return (
    <MultipartForm ctx={ctx} action={props.action}>
      <input type="hidden" name="version" value={state.values.version ?? '0'} />
      <RadioGroup
        ctx={ctx}
        state={state}
        name="kind"
        legend={d.kindLegend}
        required
        options={(['agreement', 'contract', 'memorandum'] as const).map((value) => ({
          value,
          label: d.kinds[value],
        }))}
      />
      <TextField
        ctx={ctx}
        state={state}
        name="agreementTitle"
        label={d.agreementTitle}
        required
        maxLength={200}
      />
      <fieldset class="form-group">
        <legend>{d.partiesLegend}</legend>
        <p class="hint">{d.partiesHint}</p>
        {Array.from({ length: PARTY_ROWS }, (_, i) => (
          <div class="field-row-group">
            <TextField
              ctx={ctx}
              state={state}
              name={`partyName-${i}`}
              label={d.partyName(i + 1)}
              required={i < 2}
              maxLength={200}
            />
            <TextAreaField
              ctx={ctx}
              state={state}
              name={`partyRoles-${i}`}
              label={d.partyRoles(i + 1)}
              rows={2}
            />
          </div>
        ))}
      </fieldset>
      <TextAreaField ctx={ctx} state={state} name="cityRoles" label={d.cityRoles} />
      <TextAreaField ctx={ctx} state={state} name="partnerRoles" label={d.partnerRoles} />
      <TextField
        ctx={ctx}
        state={state}
        name="signedOn"
        label={d.signedOn}
        type="date"
        hint={d.signedOnHint}
        size="short"
      />
      <TextField
        ctx={ctx}
        state={state}
        name="startsOn"
        label={d.startsOn}
        type="date"
        hint={d.dateHint}
        required
        size="short"
      />
      <TextField
        ctx={ctx}
        state={state}
        name="endsOn"
        label={d.endsOn}
        type="date"
        hint={d.endsOnHint}
        size="short"
      />
      {data.records.agreementFiles.length > 0 && (
        <fieldset class="form-group">
          <legend>{d.removeDocuments}</legend>
          {data.records.agreementFiles.map((file) => (
            <div class="checkbox-row">
              <input
                type="checkbox"
                id={`field-removeFiles-${file.id}`}
                name="removeFiles"
                value={String(file.id)}
                checked={removing.includes(String(file.id))}
              />
              <label for={`field-removeFiles-${file.id}`}>{file.fileName}</label>
            </div>
          ))}
        </fieldset>
      )}
      <FileInput
        ctx={ctx}
        state={state}
        name="agreementFiles"
        label={d.documents}
        hint={d.documentsHint(data.maxFiles)}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {d.saveAgreement}
        </button>
      </div>
    </MultipartForm>
  );
}

/** The delivery section; nothing before a proposal is adopted. */
export function DeliverySection(props: { ctx: PageContext; data: DeliverySectionData }) {
  const { ctx, data } = props;
  const d = ctx.t.delivery;
  const { records, state } = data;
  if (!after(state, 'adopted')) {
    return null;
  }
  const base = href(ctx.lang, `/staff/proposals/${data.proposalId}`);
  const selection = records.selection;
  const editing = (s: ProposalState) => data.mayRecord && state === s;
  const projectEditable =
    data.mayRecord && (state === 'implementation' || state === 'verification');
  return (
    <section class="delivery" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">{d.heading}</h2>
      <p>{d.lead}</p>
      <Moves ctx={ctx} data={data} base={base} />

      {after(state, 'selection') && (
        <section aria-labelledby="selection-heading">
          <h3 id="selection-heading">{d.selectionHeading}</h3>
          <p>{d.selectionLead}</p>
          {selection ? (
            <SelectionSummary ctx={ctx} selection={selection} audience="staff" />
          ) : (
            <p>{d.notRecorded}</p>
          )}
          {editing('selection') && selection?.method === 'openCall' && !selection.themeCall && (
            <OpenCallForm
              ctx={ctx}
              action={`${base}/open-call`}
              state={formFor(data, 'openCall', {})}
            />
          )}
          {editing('selection') && (
            <SelectionForm
              ctx={ctx}
              action={`${base}/selection`}
              state={formFor(data, 'selection', selectionValues(selection, data.proposalBurden))}
              proposerName={data.proposerName}
              selection={selection}
            />
          )}
        </section>
      )}

      {after(state, 'agreement') && (
        <section aria-labelledby="agreement-heading">
          <h3 id="agreement-heading">{d.agreementHeading}</h3>
          <p>{d.agreementLead}</p>
          {records.agreement ? (
            <AgreementSummary
              ctx={ctx}
              proposalId={data.proposalId}
              agreement={records.agreement}
              files={records.agreementFiles}
            />
          ) : (
            <p>{d.notRecorded}</p>
          )}
          {editing('agreement') && (
            <AgreementForm ctx={ctx} data={data} action={`${base}/agreement`} />
          )}
        </section>
      )}

      {after(state, 'implementation') && (
        <section aria-labelledby="project-heading">
          <h3 id="project-heading">{d.projectHeading}</h3>
          <h4>{d.indicatorsHeading}</h4>
          <IndicatorTable ctx={ctx} indicators={records.project.indicators} />
          <h4>{d.notesHeading}</h4>
          <ProjectNotes ctx={ctx} project={records.project} />
          <h4>{d.projectFiles}</h4>
          <DeliveryFiles ctx={ctx} proposalId={data.proposalId} files={records.projectFiles} />
          {projectEditable && <ProjectForms ctx={ctx} data={data} base={base} />}
        </section>
      )}

      {after(state, 'verification') && (
        <section aria-labelledby="verification-heading">
          <h3 id="verification-heading">{d.verificationHeading}</h3>
          <p>{d.verificationLead}</p>
          {records.verification ? (
            <VerificationSummary
              ctx={ctx}
              verification={records.verification}
              indicators={records.project.indicators}
            />
          ) : (
            <p>{d.notRecorded}</p>
          )}
          {editing('verification') && (
            <VerificationForm ctx={ctx} data={data} action={`${base}/verification`} />
          )}
        </section>
      )}
    </section>
  );
}
