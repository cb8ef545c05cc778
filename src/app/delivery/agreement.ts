import type { Kysely, Transaction } from 'kysely';
import type { AgreementKind, Database } from '../../db/schema.ts';
import type { StoredUpload } from '../files/checked-upload.ts';
import type { ProcessActor } from '../process/env.ts';
import {
  auditDelivery,
  keepingFilesOnlyIfDone,
  lockForDelivery,
  saveRevision,
  type DeliveryEnv,
  type DeliveryResult,
} from './common.ts';

/**
 * The agreement of a partnership (guideline 8): an agreement, a contract or a memorandum
 * between the city and the implementer, each party with its roles and responsibilities, the
 * dates, and the signed documents.
 */

export const agreementKinds: readonly AgreementKind[] = ['agreement', 'contract', 'memorandum'];

/** The most parties one agreement names. */
export const MAX_PARTIES = 8;

export interface AgreementInput {
  kind: AgreementKind;
  title: string;
  parties: { name: string; responsibilities: string }[];
  cityRoles: string;
  partnerRoles: string;
  signedOn: string | null;
  startsOn: string;
  endsOn: string | null;
  /** Signed documents uploaded with this save. */
  files: readonly StoredUpload[];
  /** Documents to take off the agreement. */
  removeFileIds: readonly number[];
}

export interface DeliveryFileView {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: Date;
}

/** The agreement as the pages show it: what was saved, without the files of the save. */
export interface AgreementView extends Omit<AgreementInput, 'files' | 'removeFileIds'> {
  version: number;
  updatedAt: Date;
}

/** Stores the files of a delivery record, in the caller's transaction. */
export async function insertDeliveryFiles(
  trx: Transaction<Database>,
  env: DeliveryEnv,
  by: ProcessActor,
  proposalId: number,
  purpose: 'agreement' | 'project',
  files: readonly StoredUpload[],
): Promise<void> {
  const now = env.clock.now();
  for (const file of files) {
    await trx
      .insertInto('delivery_file')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        purpose,
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
}

/**
 * Records (or revises) the agreement of a proposal in `agreement`, seen at `version` (0 when
 * there was none), with its parties and documents. A save over a newer one is refused, and
 * the files it brought are removed again.
 */
export async function recordAgreement(
  env: DeliveryEnv,
  by: ProcessActor,
  proposalId: number,
  version: number,
  input: AgreementInput,
): Promise<DeliveryResult> {
  return keepingFilesOnlyIfDone(
    env.store,
    input.files.map((file) => file.key),
    () =>
      env.db.transaction().execute(async (trx): Promise<DeliveryResult> => {
        const locked = await lockForDelivery(trx, env, by, proposalId, ['agreement']);
        if (!locked.ok) {
          return locked;
        }
        const { proposal } = locked;
        const now = env.clock.now();
        const saved = await saveRevision(trx, env, by, 'agreement', proposalId, version, {
          kind: input.kind,
          title: input.title,
          city_roles: input.cityRoles,
          partner_roles: input.partnerRoles,
          signed_on: input.signedOn,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          updated_at: now,
        });
        if (!saved.ok) {
          return saved;
        }
        const agreementId = saved.id;
        if (!saved.created) {
          await trx.deleteFrom('agreement_party').where('agreement_id', '=', agreementId).execute();
        }
        const implementer = await trx
          .selectFrom('selection_record as s')
          .innerJoin('organisation as o', 'o.id', 's.implementer_organisation_id')
          .select(['o.id', 'o.name'])
          .where('s.proposal_id', '=', proposalId)
          .executeTakeFirst();
        let position = 0;
        for (const party of input.parties) {
          position += 1;
          await trx
            .insertInto('agreement_party')
            .values({
              tenant_id: env.tenantId,
              agreement_id: agreementId,
              position,
              name: party.name,
              responsibilities: party.responsibilities,
              organisation_id: implementer?.name === party.name ? implementer.id : null,
            })
            .execute();
        }
        if (input.removeFileIds.length > 0) {
          await trx
            .updateTable('delivery_file')
            .set({ removed_at: now })
            .where('proposal_id', '=', proposalId)
            .where('purpose', '=', 'agreement')
            .where('id', 'in', [...input.removeFileIds])
            .where('removed_at', 'is', null)
            .execute();
        }
        await insertDeliveryFiles(trx, env, by, proposalId, 'agreement', input.files);
        await auditDelivery(trx, env, by, proposal, 'delivery.agreementRecorded', {
          kind: input.kind,
          signed: input.signedOn !== null,
          files: input.files.length,
          removed: input.removeFileIds.length,
        });
        return { ok: true };
      }),
  );
}

/** The agreement of a proposal with its parties, or undefined while there is none. */
export async function agreementOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<AgreementView | undefined> {
  const row = await db
    .selectFrom('agreement')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const parties = await db
    .selectFrom('agreement_party')
    .select(['name', 'responsibilities'])
    .where('agreement_id', '=', row.id)
    .orderBy('position')
    .execute();
  return {
    version: row.version,
    kind: row.kind,
    title: row.title,
    parties,
    cityRoles: row.city_roles,
    partnerRoles: row.partner_roles,
    signedOn: row.signed_on,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    updatedAt: row.updated_at,
  };
}

/** The current files of a proposal's agreement or project, oldest first. */
export async function deliveryFilesOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  purpose: 'agreement' | 'project',
): Promise<DeliveryFileView[]> {
  const rows = await db
    .selectFrom('delivery_file')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('proposal_id', '=', proposalId)
    .where('purpose', '=', purpose)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size_bytes),
    createdAt: row.created_at,
  }));
}

/** One current delivery file of a proposal, for its download. */
export async function deliveryFileFor(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
  fileId: number,
) {
  return db
    .selectFrom('delivery_file')
    .select(['id', 'purpose', 'storage_key', 'file_name', 'media_type', 'size_bytes'])
    .where('tenant_id', '=', tenantId)
    .where('proposal_id', '=', proposalId)
    .where('id', '=', fileId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}
