import type { Readable } from 'node:stream';
import { storeCheckedUpload } from '../files/checked-upload.ts';
import { limits } from '../files/kinds.ts';
import type { FileStore } from '../files/storage.ts';
import type { DisclosureMark } from '../../domain/proposal.ts';
import type { ProposalAttachment } from '../../db/schema.ts';
import type { Author, ProposalEnv } from './drafts.ts';

export type AttachResult =
  | { ok: true; attachment: ProposalAttachment }
  | {
      ok: false;
      reason: 'tooLarge' | 'type' | 'mismatch' | 'empty' | 'tooMany' | 'notEditable';
      fileName: string;
    };

/** States in which the organisation may still change its attachments. */
const editable = new Set(['draft', 'infoRequested']);

/**
 * Stores an uploaded file and attaches it to a draft: at most 20 MB, at most 10 files per
 * proposal, and only a type we take, checked by its content as well as its name. A refused
 * file leaves nothing behind. The stream is always read to its end, so the rest of the
 * form that carried it can still be read.
 */
export async function attachFile(
  env: ProposalEnv & { store: FileStore },
  author: Author,
  proposalId: number,
  file: { fileName: string; stream: Readable; disclosure: DisclosureMark; reason: string },
): Promise<AttachResult> {
  const upload = await storeCheckedUpload(env.store, file);
  if (!upload.ok) {
    return upload;
  }
  const { key, fileName } = upload.file;
  const result = await env.db.transaction().execute(async (trx): Promise<AttachResult> => {
    const proposal = await trx
      .selectFrom('proposal')
      .select(['state', 'organisation_id'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!proposal || proposal.organisation_id !== author.organisationId) {
      return { ok: false, reason: 'notEditable', fileName };
    }
    if (!editable.has(proposal.state)) {
      return { ok: false, reason: 'notEditable', fileName };
    }
    const count = await trx
      .selectFrom('proposal_attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('proposal_id', '=', proposalId)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= limits.maxFiles) {
      return { ok: false, reason: 'tooMany', fileName };
    }
    const attachment = await trx
      .insertInto('proposal_attachment')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        storage_key: key,
        file_name: fileName,
        media_type: upload.file.mediaType,
        size_bytes: upload.file.size,
        sha256: upload.file.sha256,
        disclosure: file.disclosure,
        disclosure_reason: file.reason.trim() || null,
        uploaded_by: author.userId,
        created_at: env.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, attachment };
  });
  if (!result.ok) {
    await env.store.remove(key);
  }
  return result;
}

/** The attachments of a proposal that have not been removed, oldest first. */
export async function listAttachments(
  env: Pick<ProposalEnv, 'db'>,
  proposalId: number,
): Promise<ProposalAttachment[]> {
  return env.db
    .selectFrom('proposal_attachment')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** An attachment of the tenant with the proposal it belongs to; access is the caller's. */
export async function findAttachment(env: Pick<ProposalEnv, 'db' | 'tenantId'>, id: number) {
  return env.db
    .selectFrom('proposal_attachment')
    .selectAll()
    .where('tenant_id', '=', env.tenantId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Changes the marks of a draft's attachments and removes those asked for. The files of
 * removed attachments stay until the proposal itself goes: a removal is part of the record.
 */
export async function updateAttachments(
  env: ProposalEnv,
  author: Author,
  proposalId: number,
  changes: { id: number; disclosure: DisclosureMark; reason: string; remove: boolean }[],
): Promise<boolean> {
  return env.db.transaction().execute(async (trx) => {
    const proposal = await trx
      .selectFrom('proposal')
      .select(['state', 'organisation_id'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!proposal || proposal.organisation_id !== author.organisationId) {
      return false;
    }
    if (!editable.has(proposal.state)) {
      return false;
    }
    for (const change of changes) {
      await trx
        .updateTable('proposal_attachment')
        .set(
          change.remove
            ? { removed_at: env.clock.now() }
            : { disclosure: change.disclosure, disclosure_reason: change.reason.trim() || null },
        )
        .where('id', '=', change.id)
        .where('proposal_id', '=', proposalId)
        .where('removed_at', 'is', null)
        .execute();
    }
    return true;
  });
}
