import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAgreement } from '../../app/delivery/agreement.ts';
import type { DeliveryRefusal } from '../../app/delivery/common.ts';
import { openCallFromProposal } from '../../app/delivery/open-call.ts';
import {
  addIndicators,
  addProjectFiles,
  addProjectNote,
  MAX_INDICATORS,
  proposalIndicators,
  recordActual,
} from '../../app/delivery/project.ts';
import { deliveryOf } from '../../app/delivery/records.ts';
import { proposalBurden, recordSelection } from '../../app/delivery/selection.ts';
import { needsContractProcedure, recordVerification } from '../../app/delivery/verification.ts';
import { storeCheckedUpload, type StoredUpload } from '../../app/files/checked-upload.ts';
import { limits as fileLimits } from '../../app/files/kinds.ts';
import { createFileStore, type FileStore } from '../../app/files/storage.ts';
import { originalityGrounds } from '../../domain/implementer-selection.ts';
import { localize } from '../../domain/language.ts';
import { can, processRolesOf, type Actor } from '../../domain/policy.ts';
import { mayMove, type ProposalState } from '../../domain/proposal-state.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import {
  readActualForm,
  readAgreementForm,
  readIndicatorForm,
  readNoteForm,
  readOpenCallForm,
  readSelectionForm,
  readVerificationForm,
} from '../delivery-forms.ts';
import { formValues, type FormState } from '../forms.ts';
import { messages, type Messages } from '../i18n/index.ts';
import { readMultipartForm } from '../multipart-form.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import type { PageContext } from '../views/context.ts';
import {
  DeliveryErrors,
  DeliverySection,
  deliveryMoves,
  type DeliveryForm,
  type DeliveryFormName,
  type DeliverySectionData,
} from '../views/staff/delivery.tsx';
import { hasErrors, ProblemSummary } from '../views/forms.tsx';
import { localized, redirectTo, setNotice } from './localized.ts';
import { idFrom, type ProposalRecord } from './proposal-records.ts';

/** The states whose work page has the delivery section. */
const deliveryStates: readonly ProposalState[] = [
  'adopted',
  'selection',
  'agreement',
  'implementation',
  'verification',
  'completed',
];

/** The delivery form a page shows again, with a refusal in words when there is one. */
export type DeliveryFormAgain = DeliveryForm & { problem?: string };

/**
 * The delivery section of a staff member's work page, with its error summary for the top of
 * the page; undefined before the proposal is adopted.
 */
export async function staffDelivery(
  request: FastifyRequest,
  ctx: PageContext,
  record: ProposalRecord,
  form?: DeliveryFormAgain,
) {
  const gate = request.server.gate;
  const db = gate.database.db;
  const tenantId = gate.tenant().id;
  const actor = request.actor as Exclude<Actor, { kind: 'visitor' }>;
  const { proposal, access } = record;
  if (!deliveryStates.includes(proposal.state)) {
    return undefined;
  }
  const roles = processRolesOf(actor, access);
  const moves = deliveryMoves
    .filter((move) => move.from === proposal.state && mayMove(move.from, move.to, roles))
    .map((move) => move.to);
  const [records, burden, organisation, indicators] = await Promise.all([
    deliveryOf(db, tenantId, proposal.id),
    proposalBurden(db, proposal),
    db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', proposal.organisation_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('proposal_indicator')
      .select('id')
      .where('proposal_id', '=', proposal.id)
      .executeTakeFirst(),
  ]);
  const data: DeliverySectionData = {
    proposalId: proposal.id,
    state: proposal.state,
    records,
    mayRecord: can(actor, 'proposal', 'deliver', access),
    moves,
    proposerName: organisation.name,
    cityName: localize({ ja: ctx.tenant.name_ja, en: ctx.tenant.name_en }, ctx.lang).text,
    proposalBurden: burden,
    proposalHasIndicators: indicators !== undefined,
    maxFiles: fileLimits.maxFiles,
    form,
  };
  const body = <DeliverySection ctx={ctx} data={data} />;
  return {
    body,
    summary: (
      <>
        <ProblemSummary problem={form?.problem} />
        {!form?.problem && <DeliveryErrors ctx={ctx} data={data} />}
      </>
    ),
    error: form ? hasErrors(form.state, form.problem) : false,
    actions: moves.length > 0 || data.mayRecord,
  };
}

/** Renders the work page again with a delivery form's problems, at `status`. */
export type DeliveryPageAgain = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  form: DeliveryFormAgain,
  status: number,
) => Promise<unknown>;

type Refusal =
  | DeliveryRefusal
  | 'notOpenCall'
  | 'alreadyOpened'
  | 'noLead'
  | 'tooManyIndicators'
  | 'alreadyTakenOver';
/** Refusals the routes show next to their field before they could reach `answer`. */
type FieldRefusal =
  'reasonRequired' | 'evidenceRequired' | 'implementerRequired' | 'unknownIndicator';

function refusalWords(t: Messages, refusal: Exclude<Refusal | FieldRefusal, 'notFound'>): string {
  const r = t.delivery.refusals;
  switch (refusal) {
    case 'tooManyIndicators':
      return r.tooManyIndicators(MAX_INDICATORS);
    case 'reasonRequired':
    case 'evidenceRequired':
    case 'implementerRequired':
      return t.delivery.errors[refusal];
    default:
      return r[refusal];
  }
}

/** Files of a multipart form, checked and stored; with a message when one was refused. */
async function readFilesForm(
  request: FastifyRequest,
  store: FileStore,
  fileField: string,
  t: Messages,
): Promise<{ fields: Record<string, string[]>; files: StoredUpload[]; error?: string }> {
  const files: StoredUpload[] = [];
  const problems: string[] = [];
  const fields = await readMultipartForm(request, async (field, file) => {
    if (field !== fileField) {
      file.file.resume(); // a file under another name is not taken
      return;
    }
    if (files.length >= fileLimits.maxFiles) {
      file.file.resume();
      problems.push(t.dialogue.errors.tooManyFiles(fileLimits.maxFiles));
      return;
    }
    const stored = await storeCheckedUpload(store, { fileName: file.filename, stream: file.file });
    if (stored.ok) {
      files.push(stored.file);
    } else {
      problems.push(t.dialogue.uploadErrors[stored.reason](stored.fileName));
    }
  });
  if (problems.length > 0) {
    await Promise.all(files.map((file) => store.remove(file.key)));
    return { fields, files: [], error: [...new Set(problems)].join(' ') };
  }
  return { fields, files };
}

export function registerStaffDeliveryRoutes(app: FastifyInstance, again: DeliveryPageAgain): void {
  const gate = app.gate;
  const store = createFileStore({ dataDir: gate.config.dataDir });
  const staffOnly = async (request: FastifyRequest) => {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: gate.tenant().id });
  };

  /** After a command: the page with a notice, or again with the refusal in words. */
  function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    result: { ok: true } | { ok: false; refusal: Refusal | FieldRefusal },
    done: string,
    form: { name: DeliveryFormName; values: Record<string, string> },
  ) {
    if (result.ok) {
      setNotice(request, done);
      return redirectTo(request, reply, `/staff/proposals/${id}`);
    }
    if (result.refusal === 'notFound') {
      throw new NotFound();
    }
    const t = gate.context(request).t;
    return again(
      request,
      reply,
      id,
      {
        name: form.name,
        state: { values: form.values, errors: {} },
        problem: refusalWords(t, result.refusal),
      },
      result.refusal === 'notPermitted' ? 403 : 409,
    );
  }

  const invalid = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    name: DeliveryFormName,
    state: FormState,
  ) => again(request, reply, id, { name, state }, 400);

  localized(app, 'POST', '/staff/proposals/:id/selection', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const form = readSelectionForm(request.body, t);
    if (!form.ok) {
      return invalid(request, reply, id, 'selection', form.state);
    }
    const { version, ...input } = form.input;
    const result = await recordSelection(
      processEnvOf(request),
      processActorOf(request),
      id,
      version,
      input,
    );
    if (!result.ok) {
      const ground = originalityGrounds.find((g) => form.values[`ground-${g}`] === 'yes');
      const e = t.delivery.errors;
      const field: Partial<Record<typeof result.refusal, [string, string]>> = {
        reasonRequired: ['staffReason', e.reasonRequired],
        implementerRequired: ['implementerName', e.implementerRequired],
        evidenceRequired: [`evidence-${ground ?? 'patent'}`, e.evidenceRequired],
      };
      const problem = field[result.refusal];
      if (problem) {
        return invalid(request, reply, id, 'selection', {
          values: form.values,
          errors: { [problem[0]]: problem[1] },
        });
      }
    }
    const done =
      result.ok && result.recommendation.reasons.some((r) => r.kind === 'cityPays')
        ? `${t.delivery.selectionSaved} ${t.delivery.specificationWarning}`
        : t.delivery.selectionSaved;
    return answer(request, reply, id, result, done, { name: 'selection', values: form.values });
  });

  localized(app, 'POST', '/staff/proposals/:id/open-call', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const form = readOpenCallForm(request.body, t);
    if (!form.ok) {
      return invalid(request, reply, id, 'openCall', form.state);
    }
    // The challenge is written in Japanese first, as the city's other challenges are.
    const ja = messages('ja').delivery;
    const result = await openCallFromProposal(
      processEnvOf(request),
      processActorOf(request),
      id,
      form.input.days,
      { situation: ja.openCallFallbackSituation, wanted: ja.openCallFallbackWanted },
    );
    return answer(request, reply, id, result, t.delivery.openCallOpened, {
      name: 'openCall',
      values: form.values,
    });
  });

  localized(app, 'POST', '/staff/proposals/:id/agreement', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const posted = await readFilesForm(request, store, 'agreementFiles', t);
    const form = readAgreementForm(posted.fields, t, gate.today());
    if (!form.ok || posted.error) {
      await Promise.all(posted.files.map((file) => store.remove(file.key)));
      const state = form.ok ? { values: form.values, errors: {} } : form.state;
      return invalid(request, reply, id, 'agreement', {
        values: state.values,
        errors: { ...state.errors, ...(posted.error ? { agreementFiles: posted.error } : {}) },
      });
    }
    const { version, ...input } = form.input;
    const result = await recordAgreement(
      { ...processEnvOf(request), store },
      processActorOf(request),
      id,
      version,
      { ...input, files: posted.files },
    );
    return answer(request, reply, id, result, t.delivery.agreementSaved, {
      name: 'agreement',
      values: form.values,
    });
  });

  localized(app, 'POST', '/staff/proposals/:id/project-notes', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const form = readNoteForm(request.body, t);
    if (!form.ok) {
      return invalid(request, reply, id, 'note', form.state);
    }
    const result = await addProjectNote(
      processEnvOf(request),
      processActorOf(request),
      id,
      form.input,
    );
    return answer(request, reply, id, result, t.delivery.noteSaved, {
      name: 'note',
      values: form.values,
    });
  });

  localized(app, 'POST', '/staff/proposals/:id/indicators', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const env = processEnvOf(request);
    if (formValues(request.body, ['takeOver']).takeOver === 'yes') {
      const { taken, skipped } = await proposalIndicators(env.db, id);
      if (taken.length === 0) {
        return answer(request, reply, id, { ok: true }, t.delivery.nothingToTakeOver, {
          name: 'indicator',
          values: {},
        });
      }
      const result = await addIndicators(env, processActorOf(request), id, taken, {
        takeOver: true,
      });
      const done =
        skipped.length > 0
          ? t.delivery.takenOverSkipped(taken.length, skipped.join(t.delivery.listSeparator))
          : t.delivery.takenOver(taken.length);
      return answer(request, reply, id, result, done, { name: 'indicator', values: {} });
    }
    const form = readIndicatorForm(request.body, t);
    if (!form.ok) {
      return invalid(request, reply, id, 'indicator', form.state);
    }
    const result = await addIndicators(env, processActorOf(request), id, [form.input]);
    return answer(request, reply, id, result, t.delivery.indicatorSaved, {
      name: 'indicator',
      values: form.values,
    });
  });

  localized(app, 'POST', '/staff/proposals/:id/indicator-actuals', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const form = readActualForm(request.body, t);
    if (!form.ok) {
      return invalid(request, reply, id, 'actual', form.state);
    }
    const result = await recordActual(
      processEnvOf(request),
      processActorOf(request),
      id,
      form.input,
    );
    if (!result.ok && result.refusal === 'unknownIndicator') {
      return invalid(request, reply, id, 'actual', {
        values: form.values,
        errors: { actualIndicator: t.delivery.refusals.unknownIndicator },
      });
    }
    const done = result.ok && result.replaced ? t.delivery.actualReplaced : t.delivery.actualSaved;
    return answer(request, reply, id, result, done, { name: 'actual', values: form.values });
  });

  localized(app, 'POST', '/staff/proposals/:id/project-files', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const posted = await readFilesForm(request, store, 'projectFiles', t);
    if (posted.error || posted.files.length === 0) {
      return invalid(request, reply, id, 'projectFiles', {
        values: {},
        errors: { projectFiles: posted.error ?? t.delivery.errors.filesRequired },
      });
    }
    const result = await addProjectFiles(
      { ...processEnvOf(request), store },
      processActorOf(request),
      id,
      posted.files,
    );
    return answer(request, reply, id, result, t.delivery.projectFilesSaved, {
      name: 'projectFiles',
      values: {},
    });
  });

  localized(app, 'POST', '/staff/proposals/:id/verification', async (request, reply) => {
    await staffOnly(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const indicators = await gate.database.db
      .selectFrom('project_indicator')
      .select('id')
      .where('proposal_id', '=', id)
      .where('tenant_id', '=', gate.tenant().id)
      .execute();
    const form = readVerificationForm(
      request.body,
      t,
      indicators.map((row) => row.id),
    );
    if (!form.ok) {
      return invalid(request, reply, id, 'verification', form.state);
    }
    const { version, ...input } = form.input;
    const result = await recordVerification(
      processEnvOf(request),
      processActorOf(request),
      id,
      version,
      input,
    );
    const done = needsContractProcedure(input)
      ? `${t.delivery.verificationSaved} ${t.delivery.contractNote}`
      : t.delivery.verificationSaved;
    return answer(request, reply, id, result, done, { name: 'verification', values: form.values });
  });
}
