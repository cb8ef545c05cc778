import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { ProposalContent } from '../../domain/proposal.ts';
import type { Database, Proposal } from '../../db/schema.ts';
import { emptyContent, readContent, writeContent, type ProposalRecord } from './content.ts';

export interface ProposalEnv {
  db: Kysely<Database>;
  clock: Clock;
  tenantId: number;
}

/** The member who acts, and their organisation. */
export interface Author {
  userId: number;
  organisationId: number;
}

/** A proposal of the tenant by id, or undefined. Access is decided by the caller's policy. */
export async function findProposal(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<Proposal | undefined> {
  return db
    .selectFrom('proposal')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A proposal with its content. */
export async function loadProposal(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<ProposalRecord | undefined> {
  const proposal = await findProposal(db, tenantId, id);
  return proposal && { proposal, content: await readContent(db, proposal) };
}

/** The draft a blank form already made (the same `draftKey`), if any. */
export async function findByDraftKey(
  env: Pick<ProposalEnv, 'db' | 'tenantId'>,
  organisationId: number,
  draftKey: string,
): Promise<number | undefined> {
  const row = await env.db
    .selectFrom('proposal')
    .select('id')
    .where('tenant_id', '=', env.tenantId)
    .where('organisation_id', '=', organisationId)
    .where('draft_key', '=', draftKey)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Starts a draft for the author's organisation: free, or on the theme call of a challenge
 * (the caller checks that the call is open today). Returns the new draft's id. With a
 * `draftKey` from the blank form, a second request from that form (a double click, a
 * retry) gets the same draft instead of a new one.
 */
export async function createDraft(
  env: ProposalEnv,
  author: Author,
  start:
    { kind: 'free' } | { kind: 'theme'; challengeId: number; themeCallId: number; title: string },
  content: ProposalContent = emptyContent(),
  draftKey: string | null = null,
): Promise<number> {
  if (draftKey) {
    const existing = await findByDraftKey(env, author.organisationId, draftKey);
    if (existing !== undefined) {
      return existing;
    }
  }
  const now = env.clock.now();
  return env.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('proposal')
      .values({
        tenant_id: env.tenantId,
        organisation_id: author.organisationId,
        draft_key: draftKey,
        kind: start.kind,
        challenge_id: start.kind === 'theme' ? start.challengeId : null,
        theme_call_id: start.kind === 'theme' ? start.themeCallId : null,
        created_by: author.userId,
        updated_by: author.userId,
        created_at: now,
        updated_at: now,
      })
      // Two requests racing with one key: the second finds the first's draft below.
      .onConflict((conflict) =>
        conflict
          .columns(['organisation_id', 'draft_key'])
          .where('draft_key', 'is not', null)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      return (await findByDraftKey(
        { db: trx, tenantId: env.tenantId },
        author.organisationId,
        draftKey!,
      ))!;
    }
    await writeContent(trx, row.id, content, now);
    return row.id;
  });
}

export type SaveResult =
  | { ok: true; version: number }
  /** Someone else saved since this copy was opened; nothing was written. */
  | { ok: false; reason: 'conflict'; currentVersion: number }
  /** The proposal is no longer a draft (or not one its organisation may edit). */
  | { ok: false; reason: 'notEditable' };

/** States in which the organisation edits its own text. */
const editable = new Set(['draft', 'infoRequested']);

/**
 * Saves a draft over the version the author opened. When another member saved in between,
 * nothing is written and the caller shows the conflict: never a silent overwrite.
 */
export async function saveDraft(
  env: ProposalEnv,
  author: Author,
  proposalId: number,
  openedVersion: number,
  content: ProposalContent,
): Promise<SaveResult> {
  const now = env.clock.now();
  return env.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('proposal')
      .select(['version', 'state', 'organisation_id'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!current || current.organisation_id !== author.organisationId) {
      return { ok: false, reason: 'notEditable' } as const;
    }
    if (!editable.has(current.state)) {
      return { ok: false, reason: 'notEditable' } as const;
    }
    if (current.version !== openedVersion) {
      return { ok: false, reason: 'conflict', currentVersion: current.version } as const;
    }
    await writeContent(trx, proposalId, content, now);
    const updated = await trx
      .updateTable('proposal')
      .set({ version: openedVersion + 1, updated_at: now, updated_by: author.userId })
      .where('id', '=', proposalId)
      .returning('version')
      .executeTakeFirstOrThrow();
    return { ok: true, version: updated.version } as const;
  });
}

/** The organisation's proposals, newest change first. */
export async function listOrganisationProposals(
  db: Kysely<Database>,
  tenantId: number,
  organisationId: number,
) {
  return db
    .selectFrom('proposal')
    .select([
      'id',
      'kind',
      'state',
      'title',
      'receipt_number',
      'submitted_at',
      'updated_at',
      'challenge_id',
    ])
    .where('tenant_id', '=', tenantId)
    .where('organisation_id', '=', organisationId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
