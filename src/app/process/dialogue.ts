import type { Kysely, Transaction } from 'kysely';
import { limits as fileLimits } from '../files/kinds.ts';
import type { StoredUpload } from '../files/checked-upload.ts';
import type { FileStore } from '../files/storage.ts';
import { limits } from '../../domain/limits.ts';
import { can } from '../../domain/policy.ts';
import type { Database, MessageKind, Proposal } from '../../db/schema.ts';
import type { ProcessActor, ProcessEnv } from './env.ts';
import { lockProposal, moveWithin } from './move.ts';
import {
  notifyMessage,
  pagePath,
  proposerRecipients,
  staffRecipients,
  type Recipient,
} from './notify.ts';
import { auditStep } from './audit.ts';

export {
  meetingsOf,
  recordMinutes,
  scheduleMeeting,
  type MeetingInput,
  type MeetingResult,
  type MeetingView,
  type MinutesInput,
} from './meetings.ts';

/**
 * The dialogue of the guideline's feasibility stage: messages between the proposer and the
 * city, internal notes the proposer never sees, and the proposer's answer to the gate's
 * questions. Each command is one transaction that asks the access policy first; a proposal
 * outside the actor's reach is 'notFound', exactly like a missing one.
 */

/** What the dialogue commands need: the process environment and the file store. */
export interface DialogueEnv extends ProcessEnv {
  /** Where uploaded files live; files of a refused post are removed from it. */
  store: FileStore;
}

/** The longest message, note or answer: the shared limit of long texts. */
export const MAX_MESSAGE_BODY = limits.text;
/** The most files one message carries. */
export const MAX_MESSAGE_FILES = fileLimits.maxFiles;

export type DialogueRefusal =
  /** No such proposal, or one outside the actor's reach. */
  | 'notFound'
  /** The proposal can be seen, but this person may not do this to it. */
  | 'notPermitted'
  /** The text is empty once trimmed. */
  | 'empty'
  | 'tooLong'
  | 'tooManyFiles'
  /** An answer to a proposal that no longer waits for one (answered in another tab, say). */
  | 'notInfoRequested';

export type PostResult =
  { ok: true; messageId: number; already?: boolean } | { ok: false; refusal: DialogueRefusal };

export interface PostInput {
  kind: 'message' | 'note';
  body: string;
  files: readonly StoredUpload[];
  /** The form's key: the same form sent twice posts once. */
  postKey?: string | undefined;
}

function bodyProblem(body: string, files: readonly StoredUpload[]): DialogueRefusal | null {
  const text = body.trim();
  if (text === '') {
    return 'empty';
  }
  if (text.length > MAX_MESSAGE_BODY) {
    return 'tooLong';
  }
  return files.length > MAX_MESSAGE_FILES ? 'tooManyFiles' : null;
}

/** Removes the stored files of a post that was refused or failed: nothing stays behind. */
async function discard(store: FileStore, files: readonly StoredUpload[]): Promise<void> {
  await Promise.all(files.map((file) => store.remove(file.key)));
}

/** Runs a post that stores `files`; when it is refused or fails, the files go. */
async function keepingFilesOnlyIfDone(
  env: DialogueEnv,
  files: readonly StoredUpload[],
  run: () => Promise<PostResult>,
): Promise<PostResult> {
  try {
    const result = await run();
    if (!result.ok) {
      await discard(env.store, files);
    }
    return result;
  } catch (error) {
    await discard(env.store, files);
    throw error;
  }
}

async function insertMessage(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  message: {
    kind: MessageKind;
    body: string;
    files: readonly StoredUpload[];
    postKey?: string | undefined;
  },
): Promise<number> {
  const now = env.clock.now();
  const row = await trx
    .insertInto('proposal_message')
    .values({
      tenant_id: env.tenantId,
      proposal_id: proposalId,
      author_id: by.actor.userId,
      kind: message.kind,
      from_proposer: by.actor.kind === 'proposer',
      body: message.body.trim(),
      created_at: now,
      post_key: message.postKey ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const file of message.files) {
    await trx
      .insertInto('message_attachment')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        message_id: row.id,
        storage_key: file.key,
        file_name: file.fileName,
        media_type: file.mediaType,
        size_bytes: file.size,
        sha256: file.sha256,
        uploaded_by: by.actor.userId,
        created_at: now,
      })
      .execute();
  }
  await auditStep(trx, env, by, {
    action: message.kind === 'note' ? 'dialogue.noteWritten' : 'dialogue.messagePosted',
    targetKind: 'proposal',
    targetId: proposalId,
    details: { messageId: row.id, kind: message.kind, files: message.files.length },
  });
  return row.id;
}

/**
 * The city's side of a proposal: the gate's staff and the staff and approvers of every
 * assigned department, each once, without `except` (the author).
 */
export async function citySideRecipients(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  except?: number,
): Promise<Recipient[]> {
  const departments = await db
    .selectFrom('proposal_assignment')
    .select('department_id')
    .where('proposal_id', '=', proposalId)
    .execute();
  const lists = await Promise.all([
    staffRecipients(db, tenantId, ['gateStaff']),
    ...departments.map((row) =>
      staffRecipients(db, tenantId, ['departmentStaff', 'departmentApprover'], row.department_id),
    ),
  ]);
  const byId = new Map<number, Recipient>();
  for (const person of lists.flat()) {
    if (person.userId !== except) {
      byId.set(person.userId, person);
    }
  }
  return [...byId.values()].sort((a, b) => a.userId - b.userId);
}

/**
 * Posts a message (proposer or staff) or an internal note (staff only) on a proposal, with
 * its files, and tells the other side that something waits on the page. A note is told only
 * to the city's side: the proposer never hears of it, not even that one exists.
 */
export async function postMessage(
  env: DialogueEnv,
  by: ProcessActor,
  proposalId: number,
  input: PostInput,
): Promise<PostResult> {
  return keepingFilesOnlyIfDone(env, input.files, () =>
    env.db.transaction().execute(async (trx): Promise<PostResult> => {
      const locked = await lockProposal(trx, env.tenantId, proposalId);
      if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
        return { ok: false, refusal: 'notFound' };
      }
      const { access, proposal } = locked;
      const allowed =
        input.kind === 'note'
          ? by.actor.kind === 'staff' &&
            can(by.actor, 'proposal', 'writeInternalNote', access) &&
            can(by.actor, 'proposal', 'readInternalNotes', access)
          : can(by.actor, 'proposal', 'message', access);
      if (!allowed) {
        return { ok: false, refusal: 'notPermitted' };
      }
      const problem = bodyProblem(input.body, input.files);
      if (problem) {
        return { ok: false, refusal: problem };
      }
      if (input.postKey) {
        // The proposal is locked: a second copy of the same form waits here and finds the first.
        const earlier = await trx
          .selectFrom('proposal_message')
          .select('id')
          .where('proposal_id', '=', proposalId)
          .where('post_key', '=', input.postKey)
          .executeTakeFirst();
        if (earlier) {
          await discard(env.store, input.files);
          return { ok: true, messageId: earlier.id, already: true };
        }
      }
      const messageId = await insertMessage(trx, env, by, proposalId, input);
      await tellOtherSide(trx, env, by, proposal, input.kind);
      return { ok: true, messageId };
    }),
  );
}

async function tellOtherSide(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposal: Proposal,
  kind: MessageKind,
): Promise<void> {
  const toProposer = by.actor.kind === 'staff' && kind !== 'note';
  if (toProposer) {
    const people = await proposerRecipients(trx, proposal);
    await notifyMessage(trx, env, proposal, people, pagePath(proposal.id, true));
    return;
  }
  const city = await citySideRecipients(trx, env.tenantId, proposal.id, by.actor.userId);
  await notifyMessage(trx, env, proposal, city, pagePath(proposal.id, false));
}

/**
 * The proposer's answer to the gate's questions: stored as an 'infoResponse' in the thread,
 * and the proposal goes back to 'submitted' for screening, in the same transaction. The
 * receipt number stays; the questions and the answer both stay in the thread. The gate's
 * staff are told.
 */
export async function answerInformationRequest(
  env: DialogueEnv,
  by: ProcessActor,
  proposalId: number,
  input: { body: string; files: readonly StoredUpload[] },
): Promise<PostResult> {
  return keepingFilesOnlyIfDone(env, input.files, () =>
    env.db.transaction().execute(async (trx): Promise<PostResult> => {
      const locked = await lockProposal(trx, env.tenantId, proposalId);
      if (!locked || !can(by.actor, 'proposal', 'view', locked.access)) {
        return { ok: false, refusal: 'notFound' };
      }
      if (by.actor.kind !== 'proposer') {
        return { ok: false, refusal: 'notPermitted' };
      }
      if (locked.proposal.state !== 'infoRequested') {
        return { ok: false, refusal: 'notInfoRequested' };
      }
      const problem = bodyProblem(input.body, input.files);
      if (problem) {
        return { ok: false, refusal: problem };
      }
      const moved = await moveWithin(trx, env, by, proposalId, 'submitted', '');
      if (!moved.ok) {
        return { ok: false, refusal: moved.refusal === 'notFound' ? 'notFound' : 'notPermitted' };
      }
      const messageId = await insertMessage(trx, env, by, proposalId, {
        kind: 'infoResponse',
        body: input.body,
        files: input.files,
      });
      const gate = await staffRecipients(trx, env.tenantId, ['gateStaff']);
      await notifyMessage(trx, env, moved.proposal, gate, pagePath(proposalId, false));
      return { ok: true, messageId };
    }),
  );
}

/** How the thread names an author. */
export type ThreadAuthor =
  | { side: 'proposer'; name: string }
  | {
      side: 'city';
      /** The staff member's name; null on the proposer's side (see `threadOf`). */
      name: string | null;
      /** The assigned department the author works in, or null for the gate office. */
      department: { ja: string; en: string | null } | null;
    };

export interface ThreadFile {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
}

export interface ThreadEntry {
  id: number;
  kind: MessageKind;
  body: string;
  createdAt: Date;
  author: ThreadAuthor;
  files: ThreadFile[];
}

/**
 * A proposal's dialogue, oldest first, with each entry's author and files. The proposer's
 * view never holds internal notes or their files. On that side, staff are named by their
 * unit (the assigned department they work in, else the gate office), not by name: the
 * proposer deals with the city, staff change over a proposal's life, and a name invites
 * contact outside the recorded dialogue. Staff see every author's name.
 */
export async function threadOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  options: { proposerView: boolean },
): Promise<ThreadEntry[]> {
  let query = db
    .selectFrom('proposal_message as m')
    .innerJoin('user_account as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.kind', 'm.body', 'm.created_at', 'm.from_proposer', 'm.author_id'])
    .select('u.name')
    .where('m.tenant_id', '=', tenantId)
    .where('m.proposal_id', '=', proposalId);
  if (options.proposerView) {
    query = query.where('m.kind', '<>', 'note');
  }
  const rows = await query.orderBy('m.created_at').orderBy('m.id').execute();
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((row) => row.id);
  const [files, units] = await Promise.all([
    db
      .selectFrom('message_attachment')
      .select(['id', 'message_id', 'file_name', 'media_type', 'size_bytes'])
      .where('message_id', 'in', ids)
      .orderBy('id')
      .execute(),
    staffUnits(db, proposalId, [...new Set(rows.map((row) => row.author_id))]),
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    body: row.body,
    createdAt: row.created_at,
    author: row.from_proposer
      ? { side: 'proposer', name: row.name }
      : {
          side: 'city',
          name: options.proposerView ? null : row.name,
          department: units.get(row.author_id) ?? null,
        },
    files: files
      .filter((file) => file.message_id === row.id)
      .map((file) => ({
        id: file.id,
        fileName: file.file_name,
        mediaType: file.media_type,
        size: file.size_bytes,
      })),
  }));
}

/**
 * The assigned department each staff author works in (the lead one first); gate staff and
 * staff of no assigned department are absent: they speak for the gate office.
 */
async function staffUnits(
  db: Kysely<Database>,
  proposalId: number,
  userIds: number[],
): Promise<Map<number, { ja: string; en: string | null }>> {
  const rows = await db
    .selectFrom('staff_role as r')
    .innerJoin('proposal_assignment as a', (join) =>
      join.onRef('a.department_id', '=', 'r.department_id').on('a.proposal_id', '=', proposalId),
    )
    .innerJoin('department as d', 'd.id', 'r.department_id')
    .select(['r.user_id', 'a.role', 'd.name_ja', 'd.name_en'])
    .where('r.user_id', 'in', userIds)
    .orderBy('r.user_id')
    .orderBy('a.role')
    .execute();
  const gate = await db
    .selectFrom('staff_role')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('role', '=', 'gateStaff')
    .execute();
  const gateIds = new Set(gate.map((row) => row.user_id));
  const units = new Map<number, { ja: string; en: string | null }>();
  // 'lead' sorts before 'supporting'; the first department found wins.
  for (const row of rows) {
    if (!gateIds.has(row.user_id) && !units.has(row.user_id)) {
      units.set(row.user_id, { ja: row.name_ja, en: row.name_en });
    }
  }
  return units;
}

/** A file of a message, as the download needs it. */
export interface MessageFile {
  id: number;
  messageId: number;
  kind: MessageKind;
  storageKey: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/**
 * A file of a message of the proposal, or undefined when there is none, it belongs to
 * another proposal, or it is a note's file asked for on the proposer's side. The caller has
 * checked that the actor may view the proposal, and for a note's file on the staff side,
 * that they may read internal notes.
 */
export async function messageFileFor(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  fileId: number,
  proposerView: boolean,
): Promise<MessageFile | undefined> {
  const row = await db
    .selectFrom('message_attachment as f')
    .innerJoin('proposal_message as m', 'm.id', 'f.message_id')
    .select(['f.id', 'f.message_id', 'm.kind', 'f.storage_key', 'f.file_name', 'f.media_type'])
    .select('f.size_bytes')
    .where('f.tenant_id', '=', tenantId)
    .where('f.proposal_id', '=', proposalId)
    .where('m.proposal_id', '=', proposalId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
  if (!row || (proposerView && row.kind === 'note')) {
    return undefined;
  }
  return {
    id: row.id,
    messageId: row.message_id,
    kind: row.kind,
    storageKey: row.storage_key,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size_bytes,
  };
}
