import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { storeCheckedUpload, type StoredUpload } from '../../src/app/files/checked-upload.ts';
import { createFileStore } from '../../src/app/files/storage.ts';
import type { DialogueEnv } from '../../src/app/process/dialogue.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { moveProposal } from '../../src/app/process/move.ts';
import { emptyContent } from '../../src/app/proposals/content.ts';
import { createDraft } from '../../src/app/proposals/drafts.ts';
import { submitProposal } from '../../src/app/proposals/submit.ts';
import type { RoleGrant } from '../../src/domain/policy.ts';
import { proposalSections, type ProposalContent } from '../../src/domain/proposal.ts';
import type { ProposalState } from '../../src/domain/proposal-state.ts';
import { createStaff } from './accounts.ts';
import { tinyPdf } from './multipart.ts';
import type { TestGate } from './server.ts';

/** What the dialogue commands need, outside a request. */
export function dialogueEnv(gate: TestGate): DialogueEnv {
  return {
    db: gate.database.db,
    clock: gate.clock,
    tenantId: gate.app.gate.tenant().id,
    timeZone: 'Asia/Tokyo',
    publicUrl: 'http://gate.test',
    origin: { clientAddress: null, requestId: null },
    store: createFileStore({ dataDir: gate.database.dataDir }),
  };
}

/** The member with `email` (signed up through `proposerVisitor`) as the commands name them. */
export async function proposerActor(gate: TestGate, email: string): Promise<ProcessActor> {
  const row = await gate.database.db
    .selectFrom('user_account as u')
    .innerJoin('organisation_member as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.email', 'm.organisation_id', 'm.role'])
    .where('u.email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    actor: {
      kind: 'proposer',
      userId: row.id,
      tenantId: gate.app.gate.tenant().id,
      organisationId: row.organisation_id,
      organisationAdmin: row.role === 'admin',
      verified: true,
    },
    email: row.email,
  };
}

/** A new staff account with `roles`, as the commands name it. */
export async function staffActor(
  gate: TestGate,
  email: string,
  roles: RoleGrant[],
): Promise<ProcessActor> {
  const user = await createStaff(gate, email, roles);
  return {
    actor: { kind: 'staff', userId: user.id, tenantId: gate.app.gate.tenant().id, roles },
    email,
  };
}

function completeContent(title: string, codes: string[], fieldId: number): ProposalContent {
  return {
    ...emptyContent(),
    title,
    summary: '要約です。',
    sections: {
      problem: '課題です。',
      approach: '方法です。',
      effects: '効果です。',
      contribution: '提供するものです。',
    },
    disclosure: Object.fromEntries(
      proposalSections.map((section) => [section, { mark: 'disclosable' as const, reason: '' }]),
    ),
    burdenKind: 'none',
    indicators: [{ name: '利用者数', target: '100', unit: '人' }],
    fieldIds: [fieldId],
    eligibility: codes,
    privacyNoticeAccepted: true,
  };
}

/** A free proposal of the proposer's organisation, submitted; returns its id and receipt. */
export async function submittedProposal(gate: TestGate, by: ProcessActor, title: string) {
  assert.equal(by.actor.kind, 'proposer');
  const author = {
    userId: by.actor.userId,
    organisationId: (by.actor as { organisationId: number }).organisationId,
  };
  const env = dialogueEnv(gate);
  const codes = (
    await gate.database.db.selectFrom('eligibility_ground').select('code').execute()
  ).map((row) => row.code);
  const field = await gate.database.db
    .selectFrom('field')
    .select('id')
    .where('tenant_id', '=', env.tenantId)
    .executeTakeFirstOrThrow();
  const content = completeContent(title, codes, field.id);
  const id = await createDraft(env, author, { kind: 'free' }, content);
  const result = await submitProposal(
    env,
    { ...author, email: by.email, name: 'Member', lang: 'ja' },
    id,
    codes,
  );
  assert.ok(result.ok, JSON.stringify(result));
  return { id, receiptNumber: result.receiptNumber };
}

/** Assigns a proposal to a department, directly (the matching page is tested elsewhere). */
export async function assign(
  gate: TestGate,
  proposalId: number,
  departmentId: number,
  by: ProcessActor,
  role: 'lead' | 'supporting' = 'lead',
): Promise<void> {
  await gate.database.db
    .insertInto('proposal_assignment')
    .values({
      tenant_id: gate.app.gate.tenant().id,
      proposal_id: proposalId,
      department_id: departmentId,
      role,
      assigned_by: by.actor.userId,
      assigned_at: gate.clock.now(),
    })
    .execute();
}

/** Moves a proposal through `states` in order, as `by`, each with `reason`. */
export async function moveThrough(
  gate: TestGate,
  by: ProcessActor,
  proposalId: number,
  states: ProposalState[],
  reason = '理由です。',
): Promise<void> {
  for (const to of states) {
    const result = await moveProposal(dialogueEnv(gate), by, proposalId, to, reason);
    assert.ok(result.ok, `${to}: ${JSON.stringify(result)}`);
  }
}

/** Stores a small PDF the way an upload does. */
export async function storedPdf(gate: TestGate, fileName = 'memo.pdf'): Promise<StoredUpload> {
  const result = await storeCheckedUpload(dialogueEnv(gate).store, {
    fileName,
    stream: Readable.from([tinyPdf]),
  });
  assert.ok(result.ok);
  return result.file;
}
