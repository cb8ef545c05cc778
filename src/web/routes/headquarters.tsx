import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isCalendarDate } from '../../app/accounts/audit-query.ts';
import { storeCheckedUpload, type UploadResult } from '../../app/files/checked-upload.ts';
import { contentDisposition } from '../../app/files/file-name.ts';
import { createFileStore, FileNotFoundError } from '../../app/files/storage.ts';
import {
  addExpertOpinion,
  addToAgenda,
  createSession,
  decideItem,
  moveItem,
  removeItem,
  updateSession,
  type HeadquartersRefusal,
  type SessionInput,
} from '../../app/process/headquarters.ts';
import { loadProposal } from '../../app/proposals/drafts.ts';
import { limits } from '../../domain/limits.ts';
import { can } from '../../domain/policy.ts';
import {
  agendaOf,
  findSession,
  headquartersMemberCandidates,
  leadAssessments,
  listSessions,
  opinionsOf,
  schedulableProposals,
  sessionMembers,
  type AgendaItem,
  type HeadquartersSession,
  type Person,
} from '../../db/queries/headquarters.ts';
import { proposalAccess } from '../../db/queries/proposal-access.ts';
import { audit, authorize, NotFound, requireSignedIn } from '../auth.ts';
import {
  emptyForm,
  errorText,
  formValues,
  optionalText,
  requiredText,
  type FormResult,
  type FormState,
} from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import { fieldOf, readMultipartForm } from '../multipart-form.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { ItemPage } from '../views/headquarters/item.tsx';
import { PacketPage, packetSections, type PacketItem } from '../views/headquarters/packet.tsx';
import { itemPath, sessionPath, type HeadquartersReader } from '../views/headquarters/parts.tsx';
import { SessionPage } from '../views/headquarters/session.tsx';
import { SessionFormPage, SessionsPage } from '../views/headquarters/sessions.tsx';
import { idFrom, proposalBundle } from './proposal-records.ts';
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

/** A date as people type it: full-width digits and slashes allowed, one-digit months padded. */
const dateField = z
  .string()
  .transform((value) => {
    const text = value.normalize('NFKC').trim().replace(/[/.]/g, '-');
    const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    return parts ? `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}` : text;
  })
  .pipe(z.string().min(1, 'required').refine(isCalendarDate, 'dateInvalid'));

const sessionForm = z.object({
  heldOn: dateField,
  title: requiredText(limits.title),
  place: optionalText(limits.name),
});

const addForm = z.object({
  proposalId: z.string().regex(/^[1-9]\d{0,9}$/, 'proposalChoose'),
  note: optionalText(limits.text),
});

const decisionForm = z.object({
  outcome: z.enum(['adopted', 'notAdopted'], 'outcomeChoose'),
  reason: requiredText(limits.text),
});

const opinionForm = z.object({
  expertName: requiredText(limits.name),
  affiliation: optionalText(limits.name),
  body: optionalText(limits.text),
});

const moveForm = z.object({ direction: z.enum(['up', 'down']) });

/** A message for an error code: the meeting's own codes first, then the shared ones. */
function problemText(t: Messages, code: string): string {
  return t.headquarters.errors[code] ?? errorText(t, code);
}

function readHqForm<S extends z.ZodObject>(
  schema: S,
  body: unknown,
  t: Messages,
): FormResult<z.output<S>> {
  const values = formValues(body, Object.keys(schema.shape));
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    return { ok: true, data: parsed.data, values };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    errors[String(issue.path[0] ?? '')] ??= problemText(t, issue.message);
  }
  return { ok: false, state: { values, errors } };
}

/** Every value posted for a repeated field (the member checkboxes). */
function postedList(body: unknown, field: string): string[] {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = source[field];
  return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
}

const uploadProblems: Record<Exclude<UploadResult, { ok: true }>['reason'], string> = {
  tooLarge: 'fileTooLarge',
  type: 'fileType',
  mismatch: 'fileMismatch',
  empty: 'fileEmpty',
};

export function registerHeadquartersRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const store = createFileStore({ dataDir: gate.config.dataDir });
  const messagesOf = (request: FastifyRequest) => gate.context(request).t;

  /** Gate staff and headquarters members get in; anyone else is told "not found". */
  async function enter(request: FastifyRequest): Promise<void> {
    requireSignedIn(request);
    await authorize(request, 'headquarters', 'view', { tenantId: tenantId() });
  }

  async function enterToManage(request: FastifyRequest): Promise<void> {
    await enter(request);
    await authorize(request, 'headquarters', 'manage', { tenantId: tenantId() });
  }

  async function sessionOf(request: FastifyRequest): Promise<HeadquartersSession> {
    const session = await findSession(db, tenantId(), idFrom(request, 'id'));
    if (!session) {
      throw new NotFound();
    }
    return session;
  }

  async function itemOf(request: FastifyRequest, session: HeadquartersSession) {
    const itemId = idFrom(request, 'itemId');
    const items = await agendaOf(db, tenantId(), session.id);
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) {
      throw new NotFound();
    }
    return { item: items[index]!, position: index + 1 };
  }

  function readerOf(request: FastifyRequest, members: readonly Person[]): HeadquartersReader {
    const object = { tenantId: tenantId() };
    const userId = request.signedIn?.user.id;
    return {
      manage: can(request.actor, 'headquarters', 'manage', object),
      decide:
        can(request.actor, 'headquarters', 'decide', object) &&
        members.some((member) => member.id === userId),
    };
  }

  /** Records the refusal like any other denied access, then answers "not found". */
  async function refuseAsNotFound(request: FastifyRequest, sessionId: number): Promise<never> {
    await audit(request, {
      action: 'access.denied',
      targetKind: 'headquarters',
      targetId: sessionId,
      details: { url: request.url.slice(0, 500) },
    });
    throw new NotFound();
  }

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
    const notice = problemText(t, refusal === 'decided' ? 'decided' : 'notDecidable');
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

  localized(
    app,
    'GET',
    '/staff/headquarters/:id/items/:itemId/opinions/:opinionId/file',
    async (request, reply) => {
      await enter(request);
      const session = await sessionOf(request);
      const { item } = await itemOf(request, session);
      const [opinion] = (await opinionsOf(db, [item.id])).filter(
        (row) => row.id === idFrom(request, 'opinionId'),
      );
      if (!opinion?.storage_key || !opinion.file_name) {
        throw new NotFound();
      }
      let stream;
      try {
        stream = await store.get(opinion.storage_key);
      } catch (error) {
        if (error instanceof FileNotFoundError) {
          request.log.error(
            { opinionId: opinion.id },
            'expert opinion file missing from the store',
          );
          throw new NotFound();
        }
        throw error;
      }
      try {
        await audit(request, {
          action: 'attachment.downloaded',
          targetKind: 'headquarters',
          targetId: session.id,
          targetLabel: session.title,
          details: { itemId: item.id, opinionId: opinion.id, fileName: opinion.file_name },
        });
      } catch (error) {
        stream.destroy(); // no record, no file
        throw error;
      }
      return reply
        .code(200)
        .header('content-type', opinion.media_type ?? 'application/octet-stream')
        .header('content-disposition', contentDisposition(opinion.file_name))
        .header('content-length', String(opinion.size_bytes ?? 0))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  // The printable packet

  localized(app, 'GET', '/staff/headquarters/:id/packet', async (request, reply) => {
    await enter(request);
    const session = await sessionOf(request);
    const [members, items] = await Promise.all([
      sessionMembers(db, session.id),
      agendaOf(db, tenantId(), session.id),
    ]);
    const opinions = await opinionsOf(
      db,
      items.map((item) => item.id),
    );
    const entries: PacketItem[] = [];
    for (const item of items) {
      const record = await loadProposal(db, tenantId(), item.proposal_id);
      const access = record && (await proposalAccess(db, record.proposal));
      if (!record || !access || !can(request.actor, 'proposal', 'view', access)) {
        continue; // out of this reader's reach: not in their papers
      }
      const showConfidential = can(request.actor, 'proposal', 'viewConfidential', access);
      const confidential = packetSections.some(
        (section) => record.content.disclosure[section]?.mark === 'confidential',
      );
      if (showConfidential && confidential) {
        // Every staff read of confidential content is on record, as on the proposal's page.
        await audit(request, {
          action: 'proposal.confidentialRead',
          targetKind: 'proposal',
          targetId: record.proposal.id,
          targetLabel: record.proposal.receipt_number,
          details: { url: request.url.slice(0, 500) },
        });
      }
      entries.push({
        item,
        bundle: await proposalBundle(request, record, false),
        showConfidential,
        assessments: await leadAssessments(db, item.proposal_id),
        opinions: opinions.filter((opinion) => opinion.item_id === item.id),
      });
    }
    return sendPersonalPage(
      reply,
      <PacketPage
        ctx={personalContext(request, reply)}
        session={session}
        members={members}
        entries={entries}
      />,
    );
  });
}
