import type { Insertable, Transaction } from 'kysely';
import type { PolicyObjects } from '../../domain/policy.ts';
import type { ProposalState } from '../../domain/proposal-state.ts';
import type { Database, Proposal } from '../../db/schema.ts';
import type { AuditAction } from '../accounts/audit.ts';
import type { FileStore } from '../files/storage.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { lockProposalFor } from '../process/move.ts';
import { auditStep } from '../process/audit.ts';

/**
 * What the delivery stage shares: the commands that record how the implementer was chosen,
 * the agreement, the project and its verification. Each locks the proposal, asks the policy
 * and checks the state first, then writes its records and its audit event in one
 * transaction.
 */

/** What the delivery commands need: the process environment and, for files, the store. */
export interface DeliveryEnv extends ProcessEnv {
  store: FileStore;
}

export type DeliveryRefusal =
  /** No such proposal, or one outside the actor's reach. */
  | 'notFound'
  /** The proposal can be seen, but this person may not record its delivery. */
  | 'notPermitted'
  /** The record belongs to another state (someone may have moved the proposal on). */
  | 'wrongState'
  /** The record was saved by someone else since the page was opened. */
  | 'conflict';

export type DeliveryResult = { ok: true } | { ok: false; refusal: DeliveryRefusal };

/** The proposal, locked, once the actor may record its delivery in one of `states`. */
export async function lockForDelivery(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposalId: number,
  states: readonly ProposalState[],
): Promise<
  | { ok: true; proposal: Proposal; access: PolicyObjects['proposal'] }
  | { ok: false; refusal: DeliveryRefusal }
> {
  const locked = await lockProposalFor(trx, env, by, proposalId, 'deliver');
  if (locked.ok && !states.includes(locked.proposal.state)) {
    return { ok: false, refusal: 'wrongState' };
  }
  return locked;
}

/** Appends the audit event of a delivery command, in its transaction. */
export async function auditDelivery(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  proposal: Proposal,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<void> {
  await auditStep(trx, env, by, {
    action,
    targetKind: 'proposal',
    targetId: proposal.id,
    targetLabel: proposal.receipt_number,
    details,
  });
}

/** The delivery records kept one to a proposal and revised under a version number. */
export type RevisedRecord = 'selection_record' | 'agreement' | 'verification';

/**
 * What a command writes into a revised record, stamped with the time of the save; the rest
 * the revision fills in.
 */
export type RevisionValues<T extends RevisedRecord> = Omit<
  Insertable<Database[T]>,
  'id' | 'tenant_id' | 'proposal_id' | 'recorded_by' | 'recorded_at' | 'version'
> & { updated_at: Date };

/**
 * Writes `values` into a proposal's record in `table`, seen at `version` (0 when there was
 * none): a new record, or the next version of the current one. A save over a newer record is
 * refused as a conflict, so two staff saving at once never overwrite each other unseen.
 */
export async function saveRevision<T extends RevisedRecord>(
  trx: Transaction<Database>,
  env: ProcessEnv,
  by: ProcessActor,
  table: T,
  proposalId: number,
  version: number,
  values: RevisionValues<T>,
): Promise<{ ok: true; id: number; created: boolean } | { ok: false; refusal: 'conflict' }> {
  // `values` was checked against `table` in the signature; below, Kysely sees the columns
  // that the three tables share.
  const records = table as RevisedRecord;
  const stamped: { updated_at: Date } = values;
  const current = await trx
    .selectFrom(records)
    .select(['id', 'version'])
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
  if ((current?.version ?? 0) !== version) {
    return { ok: false, refusal: 'conflict' };
  }

  if (current) {
    await trx
      .updateTable(records)
      .set({ ...values, version: current.version + 1 })
      .where('id', '=', current.id)
      .execute();
    return { ok: true, id: current.id, created: false };
  }

  const row = await trx
    .insertInto(records)
    .values({
      tenant_id: env.tenantId,
      proposal_id: proposalId,
      recorded_by: by.actor.userId,
      recorded_at: stamped.updated_at,
      ...stamped,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ok: true, id: row.id, created: true };
}

/** Runs a command that stores uploaded files; when it is refused or fails, the files go. */
export async function keepingFilesOnlyIfDone<R extends { ok: boolean }>(
  store: FileStore,
  keys: readonly string[],
  run: () => Promise<R>,
): Promise<R> {
  const discard = () => Promise.all(keys.map((key) => store.remove(key)));
  try {
    const result = await run();
    if (!result.ok) {
      await discard();
    }
    return result;
  } catch (error) {
    await discard();
    throw error;
  }
}
