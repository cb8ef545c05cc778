import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  answerInformationRequest,
  MAX_MESSAGE_FILES,
  meetingsOf,
  messageFileFor,
  postMessage,
  threadOf,
} from '../../app/process/dialogue.ts';
import { findAttachment } from '../../app/proposals/attachments.ts';
import { findProposal, listOrganisationProposals } from '../../app/proposals/drafts.ts';
import { MAX_WITHDRAWAL_REASON, withdrawProposal } from '../../app/proposals/withdraw.ts';
import { createFileStore } from '../../app/files/storage.ts';
import { can, type Actor } from '../../domain/policy.ts';
import { proposalAccess } from '../../db/queries/proposal-access.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { sendStoredFile } from '../file-download.ts';
import { emptyForm, readForm, requiredText, type FormState } from '../forms.ts';
import { readPostForm, refusedPost } from '../dialogue-form.ts';
import { processActorOf, processEnvOf } from '../process-env.ts';
import { messageFields } from '../views/process/thread.tsx';
import { answerFields, MyProposalPage } from '../views/proposals/mine.tsx';
import { MyProposalsPage } from '../views/proposals/lists.tsx';
import { ProposalPrintPage } from '../views/proposals/print.tsx';
import { proposerDelivery } from './delivery-files.tsx';
import { idFrom, proposalBundle, viewableProposal } from './proposal-records.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

const withdrawForm = z.object({ reason: requiredText(MAX_WITHDRAWAL_REASON) });

/** The signed-in proposer, or "not found" for anyone else (staff have no organisation). */
function requireProposer(request: FastifyRequest) {
  requireSignedIn(request);
  const actor = request.actor;
  if (actor.kind !== 'proposer') {
    throw new NotFound();
  }
  return actor;
}

type Proposer = Extract<Actor, { kind: 'proposer' }>;

export function registerProposalRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const store = createFileStore({ dataDir: gate.config.dataDir });

  // The proposer's pages

  localized(app, 'GET', '/my/proposals', async (request, reply) => {
    const actor = requireProposer(request);
    const rows = await listOrganisationProposals(db, tenantId(), actor.organisationId);
    return sendPersonalPage(
      reply,
      <MyProposalsPage
        ctx={personalContext(request, reply)}
        rows={rows}
        notice={takeNotice(request)}
      />,
    );
  });

  /** The forms of the proposer's page, as they should show: blank, or with their errors. */
  interface PageForms {
    withdraw?: FormState;
    post?: FormState;
    answer?: FormState;
  }

  async function proposerPage(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Proposer,
    id: number,
    forms: PageForms = {},
    status = 200,
  ) {
    const record = await viewableProposal(request, id);
    const bundle = await proposalBundle(request, record, true);
    const object = record.access;
    const [thread, meetings] = await Promise.all([
      threadOf(db, tenantId(), id, { proposerView: true }),
      meetingsOf(db, tenantId(), id, { userId: actor.userId, proposerView: true }),
    ]);
    const answerable =
      record.proposal.state === 'infoRequested' && can(actor, 'proposal', 'submit', object);
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <MyProposalPage
        ctx={ctx}
        bundle={bundle}
        editable={can(actor, 'proposal', 'update', object)}
        withdrawable={can(actor, 'proposal', 'withdraw', object)}
        withdrawState={forms.withdraw ?? emptyForm}
        reasonMax={MAX_WITHDRAWAL_REASON}
        dialogue={{
          thread,
          meetings,
          canMessage: can(actor, 'proposal', 'message', object),
          postState: forms.post ?? emptyForm,
          canAnswer: answerable,
          answerState: forms.answer ?? emptyForm,
          maxFiles: MAX_MESSAGE_FILES,
        }}
        notice={takeNotice(request)}
        delivery={await proposerDelivery(request, ctx, record)}
      />,
      status,
    );
  }

  localized(app, 'GET', '/my/proposals/:id', async (request, reply) => {
    const actor = requireProposer(request);
    return proposerPage(request, reply, actor, idFrom(request, 'id'));
  });

  localized(app, 'GET', '/my/proposals/:id/print', async (request, reply) => {
    requireProposer(request);
    const record = await viewableProposal(request, idFrom(request, 'id'));
    const bundle = await proposalBundle(request, record, true);
    return sendPersonalPage(
      reply,
      <ProposalPrintPage ctx={personalContext(request, reply)} bundle={bundle} />,
    );
  });

  localized(app, 'POST', '/my/proposals/:id/withdraw', async (request, reply) => {
    const actor = requireProposer(request);
    const id = idFrom(request, 'id');
    const record = await viewableProposal(request, id);
    const t = gate.context(request).t;
    if (!can(actor, 'proposal', 'withdraw', record.access)) {
      setNotice(request, t.proposal.notWithdrawable);
      return redirectTo(request, reply, `/my/proposals/${id}`);
    }
    const form = readForm(withdrawForm, request.body, t);
    if (!form.ok) {
      return proposerPage(request, reply, actor, id, { withdraw: form.state }, 400);
    }
    const result = await withdrawProposal(
      { db, clock: gate.clock, tenantId: tenantId() },
      { userId: actor.userId, organisationId: actor.organisationId },
      record.proposal.id,
      form.data.reason,
      {
        email: request.signedIn!.user.email,
        name: request.signedIn!.user.name,
        lang: request.signedIn!.user.lang,
      },
    );
    if (!result.ok) {
      if (result.reason === 'notFound') {
        throw new NotFound();
      }
      if (result.reason === 'notWithdrawable') {
        setNotice(request, t.proposal.notWithdrawable);
        return redirectTo(request, reply, `/my/proposals/${id}`);
      }
      return proposerPage(
        request,
        reply,
        actor,
        id,
        { withdraw: { values: form.values, errors: { reason: t.account.errors.required } } },
        400,
      );
    }
    setNotice(request, t.proposal.withdrawn);
    return redirectTo(request, reply, `/my/proposals/${id}`);
  });

  // The proposer's side of the dialogue

  localized(app, 'POST', '/my/proposals/:id/messages', async (request, reply) => {
    const actor = requireProposer(request);
    const id = idFrom(request, 'id');
    await viewableProposal(request, id);
    const t = gate.context(request).t;
    const posted = await readPostForm(request, store, messageFields, t);
    if (Object.keys(posted.errors).length > 0) {
      return proposerPage(request, reply, actor, id, { post: posted }, 400);
    }
    const result = await postMessage(
      { ...processEnvOf(request), store },
      processActorOf(request),
      id,
      { kind: 'message', body: posted.body, files: posted.files, postKey: posted.postKey },
    );
    if (!result.ok) {
      const state = refusedPost(t, posted, result.refusal, messageFields);
      if (!state) {
        throw new NotFound();
      }
      return proposerPage(request, reply, actor, id, { post: state }, 400);
    }
    setNotice(request, t.dialogue.posted);
    return redirectTo(request, reply, `/my/proposals/${id}`);
  });

  localized(app, 'POST', '/my/proposals/:id/answer', async (request, reply) => {
    const actor = requireProposer(request);
    const id = idFrom(request, 'id');
    await viewableProposal(request, id);
    const t = gate.context(request).t;
    const required = t.dialogue.errors.answerRequired;
    const posted = await readPostForm(request, store, answerFields, t, required);
    if (Object.keys(posted.errors).length > 0) {
      return proposerPage(request, reply, actor, id, { answer: posted }, 400);
    }
    const result = await answerInformationRequest(
      { ...processEnvOf(request), store },
      processActorOf(request),
      id,
      { body: posted.body, files: posted.files },
    );
    if (!result.ok) {
      const state = refusedPost(t, posted, result.refusal, answerFields);
      if (!state) {
        throw new NotFound();
      }
      if (result.refusal === 'notInfoRequested') {
        setNotice(request, t.dialogue.errors.notInfoRequested);
        return redirectTo(request, reply, `/my/proposals/${id}`);
      }
      return proposerPage(request, reply, actor, id, { answer: state }, 400);
    }
    setNotice(request, t.dialogue.answered);
    return redirectTo(request, reply, `/my/proposals/${id}`);
  });

  // Downloads, for the organisation's members and the staff who may see the proposal

  localized(app, 'GET', '/proposals/:id/attachments/:attachmentId', async (request, reply) => {
    requireSignedIn(request);
    const id = idFrom(request, 'id');
    const attachmentId = idFrom(request, 'attachmentId');
    const attachment = await findAttachment({ db, tenantId: tenantId() }, attachmentId);
    const proposal = attachment && (await findProposal(db, tenantId(), id));
    if (!attachment || !proposal || attachment.proposal_id !== proposal.id) {
      throw new NotFound();
    }
    const object = await proposalAccess(db, proposal);
    // Recorded against the proposal, with the file's name.
    const target = { id: proposal.id, label: attachment.file_name };
    await authorize(request, 'proposal', 'view', object, target);
    const staff = request.actor.kind === 'staff';
    if (attachment.disclosure === 'confidential') {
      await authorize(request, 'proposal', 'viewConfidential', object, target);
    }
    const download = {
      storageKey: attachment.storage_key,
      fileName: attachment.file_name,
      mediaType: attachment.media_type,
      size: attachment.size_bytes,
    };
    const missing = { fields: { attachmentId }, message: 'attached file missing from the store' };
    const audited =
      staff && attachment.disclosure === 'confidential'
        ? {
            targetKind: 'proposal',
            targetId: proposal.id,
            targetLabel: proposal.receipt_number,
            details: { attachmentId: attachment.id, fileName: attachment.file_name },
          }
        : undefined;
    return sendStoredFile(request, reply, store, download, missing, audited);
  });

  localized(
    app,
    'GET',
    '/proposals/:id/messages/:messageId/files/:fileId',
    async (request, reply) => {
      requireSignedIn(request);
      const id = idFrom(request, 'id');
      const messageId = idFrom(request, 'messageId');
      const fileId = idFrom(request, 'fileId');
      const record = await viewableProposal(request, id);
      const proposerView = request.actor.kind === 'proposer';
      const file = await messageFileFor(db, tenantId(), id, fileId, proposerView);
      if (!file || file.messageId !== messageId) {
        throw new NotFound();
      }
      const object = record.access;
      const target = { id, label: file.fileName };
      if (file.kind === 'note') {
        await authorize(request, 'proposal', 'readInternalNotes', object, target);
      }
      const download = {
        storageKey: file.storageKey,
        fileName: file.fileName,
        mediaType: file.mediaType,
        size: file.size,
      };
      const missing = { fields: { fileId }, message: 'message file missing from the store' };
      const audited = proposerView
        ? undefined
        : {
            targetKind: 'proposal',
            targetId: id,
            targetLabel: record.proposal.receipt_number,
            details: { messageId, messageFileId: file.id, fileName: file.fileName },
          };
      return sendStoredFile(request, reply, store, download, missing, audited);
    },
  );
}
