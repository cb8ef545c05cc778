import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAttachments } from '../../app/proposals/attachments.ts';
import { loadProposal } from '../../app/proposals/drafts.ts';
import { localize } from '../../domain/language.ts';
import type { PolicyObjects } from '../../domain/policy.ts';
import { proposalAccess } from '../../db/queries/proposal-access.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { authorize, NotFound } from '../auth.ts';
import type { ProposalBundle } from '../views/proposals/parts.tsx';

/** A record id from the path: a positive integer that fits the column, else "not found". */
const positiveId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));

export function idFrom(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, unknown> | undefined)?.[name];
  const parsed = positiveId.safeParse(raw);
  if (!parsed.success) {
    throw new NotFound();
  }
  return parsed.data;
}

/** A proposal with its content and what the policy knows of it (assignments, escalation). */
type LoadedProposal = NonNullable<Awaited<ReturnType<typeof loadProposal>>>;
export type ProposalRecord = LoadedProposal & { access: PolicyObjects['proposal'] };

/** A proposal by id that the actor may view, else "not found" (the denial is audited). */
export async function viewableProposal(
  request: FastifyRequest,
  id: number,
): Promise<ProposalRecord> {
  const db = request.server.gate.database.db;
  const record = await loadProposal(db, request.server.gate.tenant().id, id);
  if (!record) {
    throw new NotFound();
  }
  const access = await proposalAccess(db, record.proposal);
  await authorize(request, 'proposal', 'view', access, {
    id,
    label: record.proposal.receipt_number ?? undefined,
  });
  return { ...record, access };
}

/** Everything a page shows of a proposal; the proposer's history holds only what is theirs. */
export async function proposalBundle(
  request: FastifyRequest,
  record: LoadedProposal,
  forProposer: boolean,
): Promise<ProposalBundle> {
  const db = request.server.gate.database.db;
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
  const [organisation, challenge, attachments, eventRows, taxonomies, grounds] = await Promise.all([
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
