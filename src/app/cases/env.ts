import type { Selectable, Transaction } from 'kysely';
import type { PolicyObjects } from '../../domain/policy.ts';
import type { CaseTable, Database } from '../../db/schema.ts';
import type { AuditAction } from '../accounts/audit.ts';
import type { ProcessActor, ProcessEnv } from '../process/env.ts';
import { auditStep } from '../process/audit.ts';

/** A case as stored. */
export type CaseRow = Selectable<CaseTable>;

/** What the case commands need: the process's environment (database, clock, tenant, origin). */
export type CaseEnv = ProcessEnv;

/** A refusal every case command may give: the case is missing or out of the actor's reach. */
export type CaseRefusal = 'notFound';

/** What the policy knows of a case. */
export function caseAccess(row: CaseRow): PolicyObjects['case'] {
  return {
    tenantId: row.tenant_id,
    published: row.status === 'published',
    organisationId: row.organisation_id,
  };
}

/** A case of the tenant locked for a change, in the transaction. */
export async function lockCase(
  trx: Transaction<Database>,
  tenantId: number,
  id: number,
): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('case')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Appends the audit record of a step on a case, in the caller's transaction. */
export async function auditCase(
  trx: Transaction<Database>,
  env: CaseEnv,
  by: ProcessActor,
  action: AuditAction,
  row: Pick<CaseRow, 'id' | 'title_ja'>,
  details: Record<string, unknown> = {},
): Promise<void> {
  await auditStep(trx, env, by, {
    action,
    targetKind: 'case',
    targetId: row.id,
    targetLabel: row.title_ja.slice(0, 200),
    details,
  });
}
