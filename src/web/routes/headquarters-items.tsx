import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { storeCheckedUpload, type UploadResult } from '../../app/files/checked-upload.ts';
import { createFileStore } from '../../app/files/storage.ts';
import {
  addExpertOpinion,
  decideItem,
  type HeadquartersRefusal,
} from '../../app/process/headquarters.ts';
import {
  opinionsOf,
  sessionMembers,
  type AgendaItem,
  type HeadquartersSession,
} from '../../db/queries/headquarters.ts';
import { authorize, NotFound } from '../auth.ts';
import { emptyForm, errorText, type FormState } from '../forms.ts';
import { fieldOf, readMultipartForm } from '../multipart-form.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { ItemPage } from '../views/headquarters/item.tsx';
import { itemPath } from '../views/headquarters/parts.tsx';
import {
  decisionForm,
  enter,
  enterToManage,
  itemOf,
  opinionForm,
  problemText,
  readerOf,
  readHqForm,
  refuseAsNotFound,
  sessionOf,
  uploadProblems,
} from './headquarters-common.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/** One agenda item's page: the decision of the session's members and the experts' opinions. */
export function registerHeadquartersItemRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const store = createFileStore({ dataDir: gate.config.dataDir });
  const messagesOf = (request: FastifyRequest) => gate.context(request).t;

  // One item: the decision and the experts' opinions

  async function itemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    session: HeadquartersSession,
    found: { item: AgendaItem; position: number },
    states: { decision?: FormState; opinion?: FormState; notice?: string } = {},
    status = 200,
  ) {
    const [members, opinions] = await Promise.all([
      sessionMembers(db, session.id),
      opinionsOf(db, [found.item.id]),
    ]);
    return sendPersonalPage(
      reply,
      <ItemPage
        ctx={personalContext(request, reply)}
        session={session}
        item={found.item}
        position={found.position}
        opinions={opinions}
        reader={readerOf(request, members)}
        decisionState={states.decision ?? emptyForm}
        opinionState={states.opinion ?? emptyForm}
        notice={states.notice ?? takeNotice(request)}
      />,
      status,
    );
  }

  localized(app, 'GET', '/staff/headquarters/:id/items/:itemId', async (request, reply) => {
    await enter(request);
    const session = await sessionOf(request);
    return itemPage(request, reply, session, await itemOf(request, session));
  });

  localized(
    app,
    'POST',
    '/staff/headquarters/:id/items/:itemId/decision',
    async (request, reply) => {
      await enter(request);
      await authorize(request, 'headquarters', 'decide', { tenantId: tenantId() });
      const session = await sessionOf(request);
      const found = await itemOf(request, session);
      const t = messagesOf(request);
      const form = readHqForm(decisionForm, request.body, t);
      if (!form.ok) {
        return itemPage(request, reply, session, found, { decision: form.state }, 400);
      }
      const result = await decideItem(
        processEnvOf(request),
        processActorOf(request),
        session.id,
        found.item.id,
        form.data.outcome,
        form.data.reason,
      );
      if (result.ok) {
        setNotice(request, t.headquarters.decidedNotice);
        return redirectTo(request, reply, itemPath(session.id, found.item.id));
      }
      return decisionRefused(request, reply, session, found, form.values, result.refusal);
    },
  );

  async function decisionRefused(
    request: FastifyRequest,
    reply: FastifyReply,
    session: HeadquartersSession,
    found: { item: AgendaItem; position: number },
    values: Record<string, string>,
    refusal: HeadquartersRefusal,
  ) {
    const t = messagesOf(request);
    if (refusal === 'notMember' || refusal === 'notPermitted' || refusal === 'notFound') {
      return refuseAsNotFound(request, session.id);
    }
    if (refusal === 'reasonRequired') {
      const decision = { values, errors: { reason: errorText(t, 'required') } };
      return itemPage(request, reply, session, found, { decision }, 400);
    }
    // Decided meanwhile (by another member, or a second click): the page shows the decision.
    const fresh = await itemOf(request, session);
    const notice = problemText(
      t,
      refusal === 'decided' || refusal === 'beforeMeeting' ? refusal : 'notDecidable',
    );
    return itemPage(request, reply, session, fresh, { notice }, 409);
  }

  localized(
    app,
    'POST',
    '/staff/headquarters/:id/items/:itemId/opinions',
    async (request, reply) => {
      await enterToManage(request);
      const session = await sessionOf(request);
      const found = await itemOf(request, session);
      const t = messagesOf(request);
      let upload: UploadResult | undefined;
      const fields = await readMultipartForm(request, async (field, file) => {
        if (field !== 'file' || upload) {
          file.file.resume(); // one file per opinion; anything else is not read
          return;
        }
        upload = await storeCheckedUpload(store, { fileName: file.filename, stream: file.file });
      });
      const body = Object.fromEntries(
        Object.keys(opinionForm.shape).map((f) => [f, fieldOf(fields, f)]),
      );
      const form = readHqForm(opinionForm, body, t);
      const stored = upload?.ok ? upload.file : null;
      const errors = form.ok ? {} : { ...form.state.errors };
      if (upload && !upload.ok) {
        errors.file = problemText(t, uploadProblems[upload.reason]);
      } else if (form.ok && !stored && form.data.body === '') {
        errors.body = problemText(t, 'opinionEmpty');
      }
      if (!form.ok || Object.keys(errors).length > 0) {
        if (stored) {
          // A file cannot be put back into a form: it is let go, and the page asks for it again.
          await store.remove(stored.key);
          errors.file ??= problemText(t, 'chooseFileAgain');
        }
        const opinion = { values: form.ok ? form.values : form.state.values, errors };
        return itemPage(request, reply, session, found, { opinion }, 400);
      }
      const result = await addExpertOpinion(
        processEnvOf(request),
        processActorOf(request),
        session.id,
        found.item.id,
        { ...form.data, file: stored },
      );
      if (!result.ok) {
        if (stored) {
          await store.remove(stored.key);
        }
        throw new NotFound();
      }
      setNotice(request, t.headquarters.opinionAdded);
      return redirectTo(request, reply, itemPath(session.id, found.item.id));
    },
  );
}
