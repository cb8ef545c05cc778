import { confidentialInCase } from '../../app/cases/confidential.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestApproval } from '../../app/cases/approval.ts';
import { draftCaseFromProposal } from '../../app/cases/draft.ts';
import { createDirectCase, updateCase } from '../../app/cases/edit.ts';
import { loadCase, staffCaseList } from '../../app/cases/lists.ts';
import { archiveCase, publishCase } from '../../app/cases/publish.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { caseFormValues, caseVersionOf, readCaseForm } from '../case-form.ts';
import { emptyForm, formValues, type FormState } from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import {
  CaseRefusedPage,
  NewCasePage,
  StaffCaseListPage,
  StaffCasePage,
} from '../views/cases/staff.tsx';
import { idFrom } from './proposal-records.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/** Words for a refused case command, and the status that goes with them. */
function refusal(t: Messages, code: string): { problem: string; status: number } {
  if (code === 'notFound') {
    throw new NotFound();
  }
  const words = t.caseWork.refusals as Record<string, string>;
  return {
    problem: words[code] ?? words.changed!,
    status: code === 'notAllowed' ? 403 : 409,
  };
}

const seenVersion = (body: unknown) => caseVersionOf(formValues(body, ['version']).version);

/** The gate's pages for cases: the list, direct entry, a case's edit page and its steps. */
export function registerCaseStaffRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  /** Only gate staff work on cases; anyone else finds nothing here. */
  async function enterCaseWork(request: FastifyRequest) {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
    await authorize(request, 'case', 'update', { tenantId: tenantId(), published: false });
  }

  const taxonomies = () => loadTaxonomies(db, tenantId());

  async function casePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    again?: { state: FormState; problem?: string; status: number },
  ) {
    const row = await loadCase(db, tenantId(), id);
    if (!row) {
      throw new NotFound();
    }
    const ctx = personalContext(request, reply);
    const state = again?.state ?? { values: caseFormValues(row), errors: {} };
    return sendPersonalPage(
      reply,
      <StaffCasePage
        ctx={ctx}
        row={row}
        // A refused step shows the case as it is now, and the form as it was typed.
        state={{ ...state, values: { ...state.values, version: String(row.version) } }}
        taxonomies={await taxonomies()}
        confidential={await confidentialInCase(db, tenantId(), row)}
        problem={again?.problem}
        notice={takeNotice(request)}
      />,
      again?.status ?? 200,
    );
  }

  localized(app, 'GET', '/staff/cases', async (request, reply) => {
    await enterCaseWork(request);
    const rows = await staffCaseList(db, tenantId());
    return sendPersonalPage(
      reply,
      <StaffCaseListPage
        ctx={personalContext(request, reply)}
        rows={rows}
        notice={takeNotice(request)}
      />,
    );
  });

  localized(app, 'GET', '/staff/cases/new', async (request, reply) => {
    await enterCaseWork(request);
    const state = { values: { translationPending: 'yes' }, errors: {} };
    return sendPersonalPage(
      reply,
      <NewCasePage
        ctx={personalContext(request, reply)}
        state={state}
        taxonomies={await taxonomies()}
      />,
    );
  });

  localized(app, 'POST', '/staff/cases/new', async (request, reply) => {
    await enterCaseWork(request);
    const t = gate.context(request).t;
    const form = readCaseForm(request.body, t);
    if (!form.ok) {
      return sendPersonalPage(
        reply,
        <NewCasePage
          ctx={personalContext(request, reply)}
          state={form.state}
          taxonomies={await taxonomies()}
        />,
        400,
      );
    }
    const result = await createDirectCase(
      processEnvOf(request),
      processActorOf(request),
      form.input,
    );
    if (!result.ok) {
      throw new NotFound();
    }
    setNotice(request, t.caseWork.created);
    return redirectTo(request, reply, `/staff/cases/${result.caseId}`);
  });

  localized(app, 'GET', '/staff/cases/:id', async (request, reply) => {
    await enterCaseWork(request);
    return casePage(request, reply, idFrom(request, 'id'));
  });

  localized(app, 'POST', '/staff/cases/:id', async (request, reply) => {
    await enterCaseWork(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const form = readCaseForm(request.body, t);
    if (!form.ok) {
      return casePage(request, reply, id, { state: form.state, status: 400 });
    }
    const before = await loadCase(db, tenantId(), id);
    const result = await updateCase(
      processEnvOf(request),
      processActorOf(request),
      id,
      form.input,
      form.version,
    );
    if (!result.ok) {
      const { problem, status } = refusal(t, result.refusal);
      return casePage(request, reply, id, {
        state: { values: form.values, errors: {} },
        problem,
        status,
      });
    }
    const reset = before?.approval === 'approved' || before?.approval === 'pending';
    setNotice(request, reset ? t.caseWork.savedApprovalReset : t.caseWork.saved);
    return redirectTo(request, reply, `/staff/cases/${id}`);
  });

  /** A one-button step on a case: on success back to its page with a notice. */
  function step(
    path: string,
    run: (
      request: FastifyRequest,
      id: number,
    ) => Promise<{ ok: true } | { ok: false; refusal: string }>,
    done: (t: Messages, result: { ok: true }) => string,
  ) {
    localized(app, 'POST', `/staff/cases/:id/${path}`, async (request, reply) => {
      await enterCaseWork(request);
      const id = idFrom(request, 'id');
      const t = gate.context(request).t;
      const result = await run(request, id);
      if (!result.ok) {
        const { problem, status } = refusal(t, result.refusal);
        return casePage(request, reply, id, { state: emptyForm, problem, status });
      }
      setNotice(request, done(t, result));
      return redirectTo(request, reply, `/staff/cases/${id}`);
    });
  }

  step(
    'approval',
    (request, id) =>
      requestApproval(
        processEnvOf(request),
        processActorOf(request),
        id,
        seenVersion(request.body),
      ),
    (t, result) => t.caseWork.requested((result as { notified?: number }).notified ?? 0),
  );
  step(
    'publish',
    (request, id) =>
      publishCase(processEnvOf(request), processActorOf(request), id, seenVersion(request.body)),
    (t) => t.caseWork.publishedNotice,
  );
  step(
    'archive',
    (request, id) => archiveCase(processEnvOf(request), processActorOf(request), id),
    (t) => t.caseWork.archivedNotice,
  );

  // From a completed proposal's work page: its case's first draft.
  localized(app, 'POST', '/staff/proposals/:id/case', async (request, reply) => {
    await enterCaseWork(request);
    const id = idFrom(request, 'id');
    const t = gate.context(request).t;
    const result = await draftCaseFromProposal(processEnvOf(request), processActorOf(request), id);
    if (!result.ok) {
      if (result.refusal === 'exists') {
        return redirectTo(request, reply, `/staff/cases/${result.caseId}`);
      }
      const { problem, status } = refusal(t, result.refusal);
      return sendPersonalPage(
        reply,
        <CaseRefusedPage ctx={personalContext(request, reply)} problem={problem} proposalId={id} />,
        status,
      );
    }
    setNotice(request, t.caseWork.drafted);
    return redirectTo(request, reply, `/staff/cases/${result.caseId}`);
  });
}
