import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answerApproval } from '../../app/cases/approval.ts';
import { caseAccess } from '../../app/cases/env.ts';
import { loadCase, partnerCaseList, type LoadedCase } from '../../app/cases/lists.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { caseVersionOf } from '../case-form.ts';
import { emptyForm, formValues, readForm, requiredText, type FormState } from '../forms.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { MyCasePage, MyCasesPage } from '../views/cases/partner.tsx';
import { idFrom } from './proposal-records.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

const returnForm = z.object({ comment: requiredText(limits.text), version: z.string() });

/** The partner organisation's own area for cases: read the draft, approve it or return it. */
export function registerCasePartnerRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  /** The signed-in member of an organisation; anyone else finds nothing here. */
  function requireMember(request: FastifyRequest) {
    requireSignedIn(request);
    const actor = request.actor;
    if (actor.kind !== 'proposer') {
      throw new NotFound();
    }
    return actor;
  }

  /** A case of the member's organisation; another organisation's case is "not found". */
  async function partnerCase(request: FastifyRequest, id: number): Promise<LoadedCase> {
    const row = await loadCase(db, tenantId(), id);
    if (!row) {
      throw new NotFound();
    }
    await authorize(request, 'case', 'approve', caseAccess(row), { id, label: row.title_ja });
    return row;
  }

  async function casePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    again?: { state: FormState; problem?: string; status: number },
  ) {
    const row = await partnerCase(request, id);
    const ctx = personalContext(request, reply);
    const { fields, methods } = await loadTaxonomies(db, tenantId());
    const names = (rows: typeof fields | typeof methods, ids: number[]) =>
      rows
        .filter((r) => ids.includes(r.id))
        .map((r) => localize({ ja: r.name_ja, en: r.name_en }, ctx.lang).text);
    return sendPersonalPage(
      reply,
      <MyCasePage
        ctx={ctx}
        row={row}
        fieldNames={names(fields, row.fieldIds)}
        methodNames={names(methods, row.methodIds)}
        state={again?.state ?? emptyForm}
        problem={again?.problem}
        notice={takeNotice(request)}
      />,
      again?.status ?? 200,
    );
  }

  localized(app, 'GET', '/my/cases', async (request, reply) => {
    const actor = requireMember(request);
    const rows = await partnerCaseList(db, tenantId(), actor.organisationId);
    return sendPersonalPage(
      reply,
      <MyCasesPage
        ctx={personalContext(request, reply)}
        rows={rows}
        notice={takeNotice(request)}
      />,
    );
  });

  localized(app, 'GET', '/my/cases/:id', async (request, reply) => {
    requireMember(request);
    return casePage(request, reply, idFrom(request, 'id'));
  });

  localized(app, 'POST', '/my/cases/:id/approve', async (request, reply) => {
    requireMember(request);
    const id = idFrom(request, 'id');
    await partnerCase(request, id);
    const t = gate.context(request).t;
    const version = caseVersionOf(formValues(request.body, ['version']).version);
    const result = await answerApproval(
      processEnvOf(request),
      processActorOf(request),
      id,
      { approve: true },
      version,
    );
    if (!result.ok) {
      if (result.refusal === 'notFound') {
        throw new NotFound();
      }
      const problem =
        result.refusal === 'changed' ? t.caseWork.changedForPartner : t.caseWork.notPending;
      return casePage(request, reply, id, { state: emptyForm, problem, status: 409 });
    }
    setNotice(request, t.caseWork.approvedNotice);
    return redirectTo(request, reply, `/my/cases/${id}`);
  });

  localized(app, 'POST', '/my/cases/:id/return', async (request, reply) => {
    requireMember(request);
    const id = idFrom(request, 'id');
    await partnerCase(request, id);
    const t = gate.context(request).t;
    const form = readForm(returnForm, request.body, t);
    if (!form.ok) {
      const errors = { ...form.state.errors };
      if (errors.comment && (form.state.values.comment ?? '').trim() === '') {
        errors.comment = t.caseWork.commentRequired;
      }
      return casePage(request, reply, id, {
        state: { values: form.state.values, errors },
        status: 400,
      });
    }
    const result = await answerApproval(
      processEnvOf(request),
      processActorOf(request),
      id,
      { approve: false, comment: form.data.comment },
      caseVersionOf(form.data.version),
    );
    if (!result.ok) {
      if (result.refusal === 'notFound') {
        throw new NotFound();
      }
      if (result.refusal === 'commentRequired') {
        return casePage(request, reply, id, {
          state: { values: form.values, errors: { comment: t.caseWork.commentRequired } },
          status: 400,
        });
      }
      const problem =
        result.refusal === 'changed' ? t.caseWork.changedForPartner : t.caseWork.notPending;
      return casePage(request, reply, id, {
        state: { values: form.values, errors: {} },
        problem,
        status: 409,
      });
    }
    setNotice(request, t.caseWork.returnedNotice);
    return redirectTo(request, reply, `/my/cases/${id}`);
  });
}
