import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createFileStore } from '../../src/app/files/storage.ts';
import { attachFile } from '../../src/app/proposals/attachments.ts';
import { emptyContent } from '../../src/app/proposals/content.ts';
import { createDraft } from '../../src/app/proposals/drafts.ts';
import { submitProposal } from '../../src/app/proposals/submit.ts';
import type { ProcessEnv } from '../../src/app/process/env.ts';
import {
  proposalSections,
  type DisclosureMark,
  type ProposalContent,
} from '../../src/domain/proposal.ts';
import type { TestGate } from './server.ts';

export interface Author {
  userId: number;
  organisationId: number;
  email: string;
  name: string;
}

/** The member with this address and their organisation. */
export async function authorOf(gate: TestGate, email: string): Promise<Author> {
  const row = await gate.database.db
    .selectFrom('user_account as u')
    .innerJoin('organisation_member as m', 'm.user_id', 'u.id')
    .select(['u.id', 'm.organisation_id', 'u.email', 'u.name'])
    .where('u.email', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
  return { userId: row.id, organisationId: row.organisation_id, email: row.email, name: row.name };
}

/** The process commands' environment for a test gate. */
export function processEnv(gate: TestGate): ProcessEnv {
  return {
    db: gate.database.db,
    clock: gate.clock,
    tenantId: gate.app.gate.tenant().id,
    timeZone: 'Asia/Tokyo',
    publicUrl: 'http://gate.test',
    origin: { clientAddress: null, requestId: null },
  };
}

/** A proposal that may be submitted: every section written, "approach" marked confidential. */
export async function completeContent(
  gate: TestGate,
  title: string,
  fieldCount = 1,
): Promise<ProposalContent> {
  const db = gate.database.db;
  const tenantId = gate.app.gate.tenant().id;
  const fields = await db
    .selectFrom('field')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const grounds = await db
    .selectFrom('eligibility_ground')
    .select('code')
    .where('tenant_id', '=', tenantId)
    .execute();
  const disclosure = Object.fromEntries(
    proposalSections.map((section) => [
      section,
      section === 'approach'
        ? { mark: 'confidential' as DisclosureMark, reason: '独自のノウハウを含むため' }
        : { mark: 'disclosable' as DisclosureMark, reason: '' },
    ]),
  );
  return {
    ...emptyContent(),
    title,
    summary: '公園の落ち葉を堆肥にして地域で使います。',
    sections: {
      problem: '落ち葉の処理に費用がかかっています。',
      approach: '秘密の発酵手法',
      effects: '処理費用を減らします。',
      contribution: '機材と人手を提供します。',
    },
    disclosure,
    burdenKind: 'none',
    indicators: [{ name: '堆肥の量', target: '10', unit: 'トン' }],
    fieldIds: fields.slice(0, fieldCount).map((f) => f.id),
    eligibility: grounds.map((g) => g.code),
    privacyNoticeAccepted: true,
  };
}

/** A minimal PDF, for attachments. */
export const tinyPdfFile = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');

/**
 * Writes and submits a free proposal for `author` (with a confidential PDF attached when
 * asked); returns its id, receipt number and the attachment's id.
 */
export async function submittedProposal(
  gate: TestGate,
  author: Author,
  title: string,
  options: { attachment?: boolean } = {},
): Promise<{ id: number; receiptNumber: string; attachmentId?: number }> {
  const env = processEnv(gate);
  const id = await createDraft(env, author, { kind: 'free' }, await completeContent(gate, title));
  let attachmentId: number | undefined;
  if (options.attachment) {
    const store = createFileStore({ dataDir: gate.database.dataDir });
    const file = await attachFile({ ...env, store }, author, id, {
      fileName: 'plan.pdf',
      stream: Readable.from([tinyPdfFile]),
      disclosure: 'confidential',
      reason: '図面を含むため',
    });
    assert.ok(file.ok, JSON.stringify(file));
    attachmentId = file.attachment.id;
  }
  const codes = (
    await gate.database.db.selectFrom('eligibility_ground').select('code').execute()
  ).map((row) => row.code);
  const result = await submitProposal(env, { ...author, name: 'Member', lang: 'ja' }, id, codes);
  assert.ok(result.ok, JSON.stringify(result));
  return { id, receiptNumber: result.receiptNumber, ...(attachmentId ? { attachmentId } : {}) };
}
