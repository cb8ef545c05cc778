import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deliveryFileFor } from '../../app/delivery/agreement.ts';
import { deliveryOf } from '../../app/delivery/records.ts';
import { createFileStore } from '../../app/files/storage.ts';
import { NotFound, requireSignedIn } from '../auth.ts';
import { sendStoredFile } from '../file-download.ts';
import type { PageContext } from '../views/context.ts';
import { ProposerDelivery } from '../views/process/delivery-record.tsx';
import { localized } from './localized.ts';
import { idFrom, viewableProposal, type ProposalRecord } from './proposal-records.ts';

/**
 * The delivery records on the proposer's page, and the downloads of the delivery files: the
 * signed agreement documents for the staff who may see the proposal and for the proposer's
 * members; the project's attachments for the staff only.
 */

/** The delivery section of the proposer's page; null until something is recorded. */
export async function proposerDelivery(
  request: FastifyRequest,
  ctx: PageContext,
  record: ProposalRecord,
) {
  const gate = request.server.gate;
  const records = await deliveryOf(gate.database.db, gate.tenant().id, record.proposal.id);
  return <ProposerDelivery ctx={ctx} proposalId={record.proposal.id} records={records} />;
}

export function registerDeliveryFileRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const store = createFileStore({ dataDir: gate.config.dataDir });

  localized(app, 'GET', '/proposals/:id/delivery-files/:fileId', async (request, reply) => {
    requireSignedIn(request);
    const id = idFrom(request, 'id');
    const fileId = idFrom(request, 'fileId');
    const { proposal } = await viewableProposal(request, id);
    const file = await deliveryFileFor(gate.database.db, gate.tenant().id, id, fileId);
    const staff = request.actor.kind === 'staff';
    // The project's attachments are the city's working papers.
    if (!file || (!staff && file.purpose !== 'agreement')) {
      throw new NotFound();
    }
    const download = {
      storageKey: file.storage_key,
      fileName: file.file_name,
      mediaType: file.media_type,
      size: file.size_bytes,
    };
    const missing = { fields: { fileId }, message: 'delivery file missing from the store' };
    const audited = staff
      ? {
          targetKind: 'proposal',
          targetId: id,
          targetLabel: proposal.receipt_number,
          details: { deliveryFileId: file.id, fileName: file.file_name },
        }
      : undefined;
    return sendStoredFile(request, reply, store, download, missing, audited);
  });
}
