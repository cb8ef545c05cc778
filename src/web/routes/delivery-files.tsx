import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deliveryFileFor } from '../../app/delivery/agreement.ts';
import { deliveryOf } from '../../app/delivery/records.ts';
import { contentDisposition } from '../../app/files/file-name.ts';
import { createFileStore, FileNotFoundError } from '../../app/files/storage.ts';
import { audit, NotFound, requireSignedIn } from '../auth.ts';
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
    const record = await viewableProposal(request, id);
    const file = await deliveryFileFor(gate.database.db, gate.tenant().id, id, fileId);
    const staff = request.actor.kind === 'staff';
    // The project's attachments are the city's working papers.
    if (!file || (!staff && file.purpose !== 'agreement')) {
      throw new NotFound();
    }
    let stream;
    try {
      stream = await store.get(file.storage_key);
    } catch (error) {
      if (error instanceof FileNotFoundError) {
        request.log.error({ fileId }, 'delivery file missing from the store');
        throw new NotFound();
      }
      throw error;
    }
    if (staff) {
      try {
        await audit(request, {
          action: 'attachment.downloaded',
          targetKind: 'proposal',
          targetId: id,
          targetLabel: record.proposal.receipt_number,
          details: { deliveryFileId: file.id, fileName: file.file_name },
        });
      } catch (error) {
        stream.destroy(); // no record, no file
        throw error;
      }
    }
    return reply
      .code(200)
      .header('content-type', file.media_type)
      .header('content-disposition', contentDisposition(file.file_name))
      .header('content-length', String(file.size_bytes))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
