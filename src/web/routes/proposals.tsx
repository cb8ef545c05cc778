import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAttachment, listAttachments } from '../../app/proposals/attachments.ts';
import {
  findProposal,
  listOrganisationProposals,
  loadProposal,
} from '../../app/proposals/drafts.ts';
import { MAX_WITHDRAWAL_REASON, withdrawProposal } from '../../app/proposals/withdraw.ts';
import { createFileStore, FileNotFoundError } from '../../app/files/storage.ts';
import { contentDisposition } from '../../app/files/file-name.ts';
import { localize } from '../../domain/language.ts';
import { can, type Actor, type PolicyObjects } from '../../domain/policy.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import type { Proposal } from '../../db/schema.ts';
import { audit, authorize, NotFound, requireSignedIn } from '../auth.ts';
import { emptyForm, readForm, requiredText, type FormState } from '../forms.ts';
import { MyProposalPage, StaffProposalPage } from '../views/proposals/detail.tsx';
import { MyProposalsPage, StaffProposalsPage } from '../views/proposals/lists.tsx';
import { hasConfidential, type ProposalBundle } from '../views/proposals/parts.tsx';
import { ProposalPrintPage } from '../views/proposals/print.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/** A record id from the path: a positive integer that fits the column, else "not found". */
const positiveId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));

function idFrom(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, unknown> | undefined)?.[name];
  const parsed = positiveId.safeParse(raw);
  if (!parsed.success) {
    throw new NotFound();
  }
  return parsed.data;
}

const withdrawForm = z.object({ reason: requiredText(MAX_WITHDRAWAL_REASON) });

/** What the policy knows of a proposal. Matching to departments does not exist yet. */
export function policyObject(proposal: Proposal): PolicyObjects['proposal'] {
  return {
    tenantId: proposal.tenant_id,
    organisationId: proposal.organisation_id,
    state: proposal.state,
    assignedDepartmentIds: [],
    escalated: false,
  };
}

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

  /** A proposal by id that the actor may view, else "not found" (the denial is audited). */
  async function viewable(request: FastifyRequest, id: number) {
    const record = await loadProposal(db, tenantId(), id);
    if (!record) {
      throw new NotFound();
    }
    await authorize(request, 'proposal', 'view', policyObject(record.proposal), {
      id,
      label: record.proposal.receipt_number ?? undefined,
    });
    return record;
  }

  /** Everything a page shows of a proposal. */
  async function bundleOf(
    request: FastifyRequest,
    record: NonNullable<Awaited<ReturnType<typeof loadProposal>>>,
    forProposer: boolean,
  ): Promise<ProposalBundle> {
    const { proposal } = record;
    const lang = request.lang;
    let events = db
      .selectFrom('proposal_event')
      .selectAll()
      .where('proposal_id', '=', proposal.id)
      .where('tenant_id', '=', proposal.tenant_id);
    if (forProposer) {
      events = events.where('visible_to_proposer', '=', true);
    }
    const [organisation, challenge, attachments, eventRows, taxonomies, grounds] =
      await Promise.all([
        db
          .selectFrom('organisation')
          .select('name')
          .where('id', '=', proposal.organisation_id)
          .executeTakeFirst(),
        proposal.challenge_id === null
          ? Promise.resolve(undefined)
          : db
              .selectFrom('challenge')
              .select(['title_ja', 'title_en'])
              .where('id', '=', proposal.challenge_id)
              .executeTakeFirst(),
        listAttachments({ db }, proposal.id),
        events.orderBy('at').orderBy('id').execute(),
        loadTaxonomies(db, proposal.tenant_id),
        db
          .selectFrom('eligibility_ground')
          .selectAll()
          .where('tenant_id', '=', proposal.tenant_id)
          .orderBy('sort')
          .execute(),
      ]);
    return {
      proposal,
      content: record.content,
      organisationName: organisation?.name ?? '',
      challengeTitle: challenge
        ? localize({ ja: challenge.title_ja, en: challenge.title_en }, lang).text
        : null,
      attachments,
      events: eventRows,
      taxonomies,
      grounds,
    };
  }

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

  async function proposerPage(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Proposer,
    id: number,
    withdrawState: FormState = emptyForm,
    status = 200,
  ) {
    const record = await viewable(request, id);
    const bundle = await bundleOf(request, record, true);
    const object = policyObject(record.proposal);
    return sendPersonalPage(
      reply,
      <MyProposalPage
        ctx={personalContext(request, reply)}
        bundle={bundle}
        editable={can(actor, 'proposal', 'update', object)}
        withdrawable={can(actor, 'proposal', 'withdraw', object)}
        withdrawState={withdrawState}
        reasonMax={MAX_WITHDRAWAL_REASON}
        notice={takeNotice(request)}
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
    const record = await viewable(request, idFrom(request, 'id'));
    const bundle = await bundleOf(request, record, true);
    return sendPersonalPage(
      reply,
      <ProposalPrintPage ctx={personalContext(request, reply)} bundle={bundle} />,
    );
  });

  localized(app, 'POST', '/my/proposals/:id/withdraw', async (request, reply) => {
    const actor = requireProposer(request);
    const id = idFrom(request, 'id');
    const record = await viewable(request, id);
    const t = gate.context(request).t;
    if (!can(actor, 'proposal', 'withdraw', policyObject(record.proposal))) {
      setNotice(request, t.proposal.notWithdrawable);
      return redirectTo(request, reply, `/my/proposals/${id}`);
    }
    const form = readForm(withdrawForm, request.body, t);
    if (!form.ok) {
      return proposerPage(request, reply, actor, id, form.state, 400);
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
        { values: form.values, errors: { reason: t.account.errors.required } },
        400,
      );
    }
    setNotice(request, t.proposal.withdrawn);
    return redirectTo(request, reply, `/my/proposals/${id}`);
  });

  // Staff pages

  localized(app, 'GET', '/staff/proposals', async (request, reply) => {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
    const rows = await db
      .selectFrom('proposal as p')
      .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
      .select([
        'p.id',
        'p.tenant_id',
        'p.organisation_id',
        'p.kind',
        'p.state',
        'p.title',
        'p.receipt_number',
        'p.submitted_at',
        'p.updated_at',
        'o.name as organisation_name',
      ])
      .where('p.tenant_id', '=', tenantId())
      .where('p.state', '!=', 'draft')
      .orderBy('p.submitted_at', 'desc')
      .orderBy('p.id', 'desc')
      .execute();
    const visible = rows.filter((row) =>
      can(request.actor, 'proposal', 'view', {
        tenantId: row.tenant_id,
        organisationId: row.organisation_id,
        state: row.state,
        assignedDepartmentIds: [],
        escalated: false,
      }),
    );
    return sendPersonalPage(
      reply,
      <StaffProposalsPage ctx={personalContext(request, reply)} rows={visible} />,
    );
  });

  localized(app, 'GET', '/staff/proposals/:id', async (request, reply) => {
    requireSignedIn(request);
    await authorize(request, 'staffArea', 'enter', { tenantId: tenantId() });
    const record = await viewable(request, idFrom(request, 'id'));
    const bundle = await bundleOf(request, record, false);
    const showConfidential = can(
      request.actor,
      'proposal',
      'viewConfidential',
      policyObject(record.proposal),
    );
    if (showConfidential && hasConfidential(bundle.content, bundle.attachments)) {
      // Every staff read of confidential content is on record.
      await audit(request, {
        action: 'proposal.confidentialRead',
        targetKind: 'proposal',
        targetId: record.proposal.id,
        targetLabel: record.proposal.receipt_number,
        details: { url: request.url.slice(0, 500) },
      });
    }
    return sendPersonalPage(
      reply,
      <StaffProposalPage
        ctx={personalContext(request, reply)}
        bundle={bundle}
        showConfidential={showConfidential}
      />,
    );
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
    const object = policyObject(proposal);
    // Recorded against the proposal, with the file's name.
    const target = { id: proposal.id, label: attachment.file_name };
    await authorize(request, 'proposal', 'view', object, target);
    const staff = request.actor.kind === 'staff';
    if (attachment.disclosure === 'confidential') {
      await authorize(request, 'proposal', 'viewConfidential', object, target);
    }
    let stream;
    try {
      stream = await store.get(attachment.storage_key);
    } catch (error) {
      if (error instanceof FileNotFoundError) {
        request.log.error({ attachmentId }, 'attached file missing from the store');
        throw new NotFound();
      }
      throw error;
    }
    if (staff && attachment.disclosure === 'confidential') {
      try {
        await audit(request, {
          action: 'attachment.downloaded',
          targetKind: 'proposal',
          targetId: proposal.id,
          targetLabel: proposal.receipt_number,
          details: { attachmentId: attachment.id, fileName: attachment.file_name },
        });
      } catch (error) {
        stream.destroy(); // no record, no file
        throw error;
      }
    }
    return reply
      .code(200)
      .header('content-type', attachment.media_type)
      .header('content-disposition', contentDisposition(attachment.file_name))
      .header('content-length', String(attachment.size_bytes))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
