import { can } from '../../domain/policy.ts';
import { bumpContentVersion } from '../../db/queries/tenant.ts';
import { textArray } from '../../db/text-array.ts';
import type { ProcessActor } from '../process/env.ts';
import { caseTerms } from '../search-index.ts';
import { isComplete } from './approval.ts';
import { confidentialInCase } from './confidential.ts';
import { auditCase, caseAccess, lockCase, type CaseEnv } from './env.ts';

export type PublishResult =
  | { ok: true }
  | {
      ok: false;
      refusal:
        | 'notFound'
        | 'notAllowed'
        | 'published'
        /** A case from a project goes on the portal only with its partner's approval. */
        | 'approvalRequired'
        | 'incomplete'
        | 'changed'
        /** The texts hold a sentence of the proposal's confidential sections. */
        | 'confidentialText';
    };

export type ArchiveResult =
  { ok: true } | { ok: false; refusal: 'notFound' | 'notAllowed' | 'notPublished' };

/**
 * Puts a case on the portal (gate staff). A case from a verified project needs its partner's
 * approval of the current text; a case entered directly is the gate's own word. The search
 * terms are refreshed and the public pages, feeds and open data follow the content version.
 */
export async function publishCase(
  env: CaseEnv,
  by: ProcessActor,
  id: number,
  seenVersion: number,
): Promise<PublishResult> {
  return env.db.transaction().execute(async (trx): Promise<PublishResult> => {
    const row = await lockCase(trx, env.tenantId, id);
    if (!row) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!can(by.actor, 'case', 'publish', caseAccess(row))) {
      return { ok: false, refusal: 'notAllowed' };
    }
    if (row.status === 'published') {
      return { ok: false, refusal: 'published' };
    }
    if (row.version !== seenVersion) {
      return { ok: false, refusal: 'changed' };
    }
    if (row.organisation_id !== null && row.approval !== 'approved') {
      return { ok: false, refusal: 'approvalRequired' };
    }
    if (!isComplete(row)) {
      return { ok: false, refusal: 'incomplete' };
    }
    if ((await confidentialInCase(trx, env.tenantId, row)).length > 0) {
      return { ok: false, refusal: 'confidentialText' };
    }
    const now = env.clock.now();
    await trx
      .updateTable('case')
      .set({
        status: 'published',
        published_at: row.published_at ?? now,
        search_terms: textArray(caseTerms(row)),
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await bumpContentVersion(trx, env.tenantId);
    await auditCase(trx, env, by, 'case.published', row, { approval: row.approval });
    return { ok: true };
  });
}

/** Takes a published case off the portal (gate staff); it may then be edited again. */
export async function archiveCase(
  env: CaseEnv,
  by: ProcessActor,
  id: number,
): Promise<ArchiveResult> {
  return env.db.transaction().execute(async (trx): Promise<ArchiveResult> => {
    const row = await lockCase(trx, env.tenantId, id);
    if (!row) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!can(by.actor, 'case', 'publish', caseAccess(row))) {
      return { ok: false, refusal: 'notAllowed' };
    }
    if (row.status !== 'published') {
      return { ok: false, refusal: 'notPublished' };
    }
    await trx
      .updateTable('case')
      .set({ status: 'archived', updated_at: env.clock.now(), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await bumpContentVersion(trx, env.tenantId);
    await auditCase(trx, env, by, 'case.archived', row);
    return { ok: true };
  });
}
