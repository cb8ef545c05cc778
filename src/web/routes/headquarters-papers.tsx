import type { FastifyInstance } from 'fastify';
import { createFileStore } from '../../app/files/storage.ts';
import { loadProposal } from '../../app/proposals/drafts.ts';
import { can } from '../../domain/policy.ts';
import {
  agendaOf,
  leadAssessments,
  opinionsOf,
  sessionMembers,
} from '../../db/queries/headquarters.ts';
import { proposalAccess } from '../../db/queries/proposal-access.ts';
import { audit, NotFound } from '../auth.ts';
import { sendStoredFile } from '../file-download.ts';
import { PacketPage, packetSections, type PacketItem } from '../views/headquarters/packet.tsx';
import { enter, itemOf, sessionOf } from './headquarters-common.ts';
import { idFrom, proposalBundle } from './proposal-records.ts';
import { localized, personalContext, sendPersonalPage } from './localized.ts';

/** The meeting's papers: the printable packet and the experts' files. */
export function registerHeadquartersPapers(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const store = createFileStore({ dataDir: gate.config.dataDir });

  localized(
    app,
    'GET',
    '/staff/headquarters/:id/items/:itemId/opinions/:opinionId/file',
    async (request, reply) => {
      await enter(request);
      const session = await sessionOf(request);
      const { item } = await itemOf(request, session);
      const [opinion] = (await opinionsOf(db, [item.id])).filter(
        (row) => row.id === idFrom(request, 'opinionId'),
      );
      if (!opinion?.storage_key || !opinion.file_name) {
        throw new NotFound();
      }
      const download = {
        storageKey: opinion.storage_key,
        fileName: opinion.file_name,
        mediaType: opinion.media_type ?? 'application/octet-stream',
        size: opinion.size_bytes ?? 0,
      };
      const missing = {
        fields: { opinionId: opinion.id },
        message: 'expert opinion file missing from the store',
      };
      return sendStoredFile(request, reply, store, download, missing, {
        targetKind: 'headquarters',
        targetId: session.id,
        targetLabel: session.title,
        details: { itemId: item.id, opinionId: opinion.id, fileName: opinion.file_name },
      });
    },
  );

  // The printable packet

  localized(app, 'GET', '/staff/headquarters/:id/packet', async (request, reply) => {
    await enter(request);
    const session = await sessionOf(request);
    const [members, items] = await Promise.all([
      sessionMembers(db, session.id),
      agendaOf(db, tenantId(), session.id),
    ]);
    const opinions = await opinionsOf(
      db,
      items.map((item) => item.id),
    );
    const entries: PacketItem[] = [];
    for (const item of items) {
      const record = await loadProposal(db, tenantId(), item.proposal_id);
      const access = record && (await proposalAccess(db, record.proposal));
      if (!record || !access || !can(request.actor, 'proposal', 'view', access)) {
        continue; // out of this reader's reach: not in their papers
      }
      const showConfidential = can(request.actor, 'proposal', 'viewConfidential', access);
      const confidential = packetSections.some(
        (section) => record.content.disclosure[section]?.mark === 'confidential',
      );
      if (showConfidential && confidential) {
        // Every staff read of confidential content is on record, as on the proposal's page.
        await audit(request, {
          action: 'proposal.confidentialRead',
          targetKind: 'proposal',
          targetId: record.proposal.id,
          targetLabel: record.proposal.receipt_number,
          details: { url: request.url.slice(0, 500) },
        });
      }
      entries.push({
        item,
        bundle: await proposalBundle(request, record, false),
        showConfidential,
        assessments: await leadAssessments(db, item.proposal_id),
        opinions: opinions.filter((opinion) => opinion.item_id === item.id),
      });
    }
    return sendPersonalPage(
      reply,
      <PacketPage
        ctx={personalContext(request, reply)}
        session={session}
        members={members}
        entries={entries}
      />,
    );
  });
}
