import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createFileStore } from '../../app/files/storage.ts';
import {
  addToAgenda,
  createSession,
  moveItem,
  removeItem,
  updateSession,
  type SessionInput,
} from '../../app/process/headquarters.ts';
import { can } from '../../domain/policy.ts';
import {
  agendaOf,
  headquartersMemberCandidates,
  listSessions,
  schedulableProposals,
  sessionMembers,
  type HeadquartersSession,
} from '../../db/queries/headquarters.ts';
import { NotFound } from '../auth.ts';
import { emptyForm, formValues, type FormState, postedList } from '../forms.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { sessionPath } from '../views/headquarters/parts.tsx';
import { SessionPage } from '../views/headquarters/session.tsx';
import { SessionFormPage, SessionsPage } from '../views/headquarters/sessions.tsx';
import {
  addForm,
  enter,
  enterToManage,
  moveForm,
  problemText,
  readerOf,
  readHqForm,
  sessionForm,
  sessionOf,
} from './headquarters-common.ts';
import { registerHeadquartersItemRoutes } from './headquarters-items.tsx';
import { registerHeadquartersPapers } from './headquarters-papers.tsx';
import { idFrom } from './proposal-records.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/**
 * The headquarters meeting pages under /staff/headquarters. Gate staff (the secretariat) and
 * headquarters members see them; the secretariat holds sessions and sets agendas; the members
 * of a session record its decisions. Anyone else signed in is told "not found".
 */
export function registerHeadquartersRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const store = createFileStore({ dataDir: gate.config.dataDir });
  const messagesOf = (request: FastifyRequest) => gate.context(request).t;

  // The list of sessions and the session form

  localized(app, 'GET', '/staff/headquarters', async (request, reply) => {
    await enter(request);
    const ctx = personalContext(request, reply);
    const sessions = await listSessions(db, tenantId());
    const manage = can(request.actor, 'headquarters', 'manage', { tenantId: tenantId() });
    return sendPersonalPage(
      reply,
      <SessionsPage ctx={ctx} sessions={sessions} manage={manage} notice={takeNotice(request)} />,
    );
  });

  async function sessionFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    session?: HeadquartersSession,
    status = 200,
  ) {
    const candidates = await headquartersMemberCandidates(db, tenantId());
    return sendPersonalPage(
      reply,
      <SessionFormPage
        ctx={personalContext(request, reply)}
        state={state}
        candidates={candidates}
        {...(session ? { session: { id: session.id, title: session.title } } : {})}
      />,
      status,
    );
  }

  /** Reads the session form; a form with problems comes back with everything as typed. */
  function readSession(request: FastifyRequest) {
    const t = messagesOf(request);
    const form = readHqForm(sessionForm, request.body, t);
    const chosen = postedList(request.body, 'members');
    const values = { ...(form.ok ? form.values : form.state.values), members: chosen.join(',') };
    const errors = form.ok ? {} : { ...form.state.errors };
    const memberIds = chosen.map(Number);
    if (memberIds.some((id) => !Number.isInteger(id) || id < 1 || id > 2_147_483_647)) {
      errors.members = problemText(t, 'invalidMembers');
    }
    if (!form.ok || Object.keys(errors).length > 0) {
      return { ok: false as const, state: { values, errors } };
    }
    const input: SessionInput = { ...form.data, memberIds };
    return { ok: true as const, input, values };
  }

  localized(app, 'GET', '/staff/headquarters/new', async (request, reply) => {
    await enterToManage(request);
    return sessionFormPage(request, reply, emptyForm);
  });

  localized(app, 'POST', '/staff/headquarters/new', async (request, reply) => {
    await enterToManage(request);
    const form = readSession(request);
    if (!form.ok) {
      return sessionFormPage(request, reply, form.state, undefined, 400);
    }
    const result = await createSession(processEnvOf(request), processActorOf(request), form.input);
    if (!result.ok) {
      const errors = { members: problemText(messagesOf(request), 'invalidMembers') };
      return sessionFormPage(request, reply, { values: form.values, errors }, undefined, 400);
    }
    setNotice(request, messagesOf(request).headquarters.created);
    return redirectTo(request, reply, sessionPath(result.sessionId));
  });

  localized(app, 'GET', '/staff/headquarters/:id/edit', async (request, reply) => {
    await enterToManage(request);
    const session = await sessionOf(request);
    const members = await sessionMembers(db, session.id);
    const values = {
      heldOn: session.held_on,
      title: session.title,
      place: session.place,
      members: members.map((member) => String(member.id)).join(','),
    };
    return sessionFormPage(request, reply, { values, errors: {} }, session);
  });

  localized(app, 'POST', '/staff/headquarters/:id/edit', async (request, reply) => {
    await enterToManage(request);
    const session = await sessionOf(request);
    const form = readSession(request);
    if (!form.ok) {
      return sessionFormPage(request, reply, form.state, session, 400);
    }
    const env = processEnvOf(request);
    const result = await updateSession(env, processActorOf(request), session.id, form.input);
    if (!result.ok) {
      if (result.refusal === 'notFound') {
        throw new NotFound();
      }
      const errors = { members: problemText(messagesOf(request), 'invalidMembers') };
      return sessionFormPage(request, reply, { values: form.values, errors }, session, 400);
    }
    setNotice(request, messagesOf(request).headquarters.updated);
    return redirectTo(request, reply, sessionPath(session.id));
  });

  // A session and its agenda

  async function sessionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    session: HeadquartersSession,
    addState: FormState = emptyForm,
    status = 200,
  ) {
    const [members, items, schedulable] = await Promise.all([
      sessionMembers(db, session.id),
      agendaOf(db, tenantId(), session.id),
      schedulableProposals(db, tenantId()),
    ]);
    const reader = readerOf(request, members);
    return sendPersonalPage(
      reply,
      <SessionPage
        ctx={personalContext(request, reply)}
        session={session}
        members={members}
        items={items}
        schedulable={reader.manage ? schedulable : []}
        reader={reader}
        addState={addState}
        notice={takeNotice(request)}
      />,
      status,
    );
  }

  localized(app, 'GET', '/staff/headquarters/:id', async (request, reply) => {
    await enter(request);
    return sessionPage(request, reply, await sessionOf(request));
  });

  localized(app, 'POST', '/staff/headquarters/:id/items', async (request, reply) => {
    await enterToManage(request);
    const session = await sessionOf(request);
    const t = messagesOf(request);
    const form = readHqForm(addForm, request.body, t);
    if (!form.ok) {
      return sessionPage(request, reply, session, form.state, 400);
    }
    const result = await addToAgenda(
      processEnvOf(request),
      processActorOf(request),
      session.id,
      Number(form.data.proposalId),
      form.data.note,
    );
    if (!result.ok) {
      const code = result.refusal === 'notFound' ? 'proposalChoose' : result.refusal;
      const state = { values: form.values, errors: { proposalId: problemText(t, code) } };
      return sessionPage(request, reply, session, state, 400);
    }
    setNotice(request, t.headquarters.added);
    return redirectTo(request, reply, sessionPath(session.id));
  });

  localized(app, 'POST', '/staff/headquarters/:id/items/:itemId/remove', async (request, reply) => {
    await enterToManage(request);
    const session = await sessionOf(request);
    const itemId = idFrom(request, 'itemId');
    const t = messagesOf(request);
    const result = await removeItem(
      processEnvOf(request),
      processActorOf(request),
      session.id,
      itemId,
    );
    if (!result.ok) {
      if (result.refusal === 'notFound') {
        throw new NotFound();
      }
      setNotice(request, problemText(t, result.refusal));
      return redirectTo(request, reply, sessionPath(session.id));
    }
    for (const key of result.fileKeys) {
      // The records are gone; a file left behind is only space, so a failure is logged.
      await store.remove(key).catch((error: unknown) => {
        request.log.warn({ err: error }, 'expert opinion file not removed');
      });
    }
    setNotice(request, t.headquarters.removed);
    return redirectTo(request, reply, sessionPath(session.id));
  });

  localized(app, 'POST', '/staff/headquarters/:id/items/:itemId/move', async (request, reply) => {
    await enterToManage(request);
    const session = await sessionOf(request);
    const itemId = idFrom(request, 'itemId');
    const form = moveForm.safeParse(formValues(request.body, ['direction']));
    if (!form.success) {
      return redirectTo(request, reply, sessionPath(session.id));
    }
    const env = processEnvOf(request);
    const by = processActorOf(request);
    const result = await moveItem(env, by, session.id, itemId, form.data.direction);
    if (!result.ok) {
      throw new NotFound();
    }
    setNotice(request, messagesOf(request).headquarters.moved);
    return redirectTo(request, reply, sessionPath(session.id));
  });

  registerHeadquartersItemRoutes(app);
  registerHeadquartersPapers(app);
}
