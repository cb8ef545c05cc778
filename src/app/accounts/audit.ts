import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Database } from '../../db/schema.ts';

/** Everything the audit log records. */
export const auditActions = [
  'signIn.success',
  'signIn.failure',
  'signIn.throttled',
  'signOut',
  'session.revoked',
  'secondFactor.success',
  'secondFactor.failure',
  'secondFactor.enabled',
  'secondFactor.disabled',
  'secondFactor.recoveryCodeUsed',
  'secondFactor.recoveryCodesRegenerated',
  'password.changed',
  'password.reset',
  'email.verified',
  'email.changed',
  'account.created',
  'account.setupLinkIssued',
  'account.activated',
  'account.disabled',
  'account.enabled',
  'role.granted',
  'role.revoked',
  'department.created',
  'department.updated',
  'department.archived',
  'timeTargets.changed',
  'organisation.created',
  'member.invited',
  'member.joined',
  'member.invitationCancelled',
  'member.removed',
  'access.denied',
  'proposal.confidentialRead',
  'attachment.downloaded',
  'challenge.created',
  'challenge.updated',
  'challenge.submitted',
  'challenge.returned',
  'challenge.published',
  'challenge.closed',
  'challenge.archived',
  'challenge.themeCallSaved',
  'challenge.questionAnswered',
  'challenge.referred',
  'challenge.shared',
  'challengeCall.created',
  'challengeCall.reminded',
  'proposal.moved',
  'proposal.assigned',
  'proposal.assessed',
  'headquarters.decided',
  'dialogue.messagePosted',
  'dialogue.noteWritten',
  'dialogue.meetingScheduled',
  'dialogue.minutesRecorded',
  'delivery.selectionRecorded',
  'delivery.openCallOpened',
  'delivery.agreementRecorded',
  'delivery.projectUpdated',
  'delivery.verificationRecorded',
  'case.drafted',
  'case.created',
  'case.updated',
  'case.approvalRequested',
  'case.approved',
  'case.returned',
  'case.published',
  'case.archived',
  'fairness.thresholdChanged',
  'budget.fundCreated',
  'budget.fundChanged',
  'budget.requested',
  'budget.allocated',
  'budget.declined',
  'budget.withdrawn',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Where a request came from, for the record. */
export interface AuditOrigin {
  clientAddress: string | null;
  requestId: string | null;
}

export interface AuditRecord extends Partial<AuditOrigin> {
  tenantId: number;
  action: AuditAction;
  actorUserId?: number | null;
  actorEmail?: string | null;
  targetKind?: string | null;
  targetId?: string | number | null;
  targetLabel?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one record to the audit log. Records are never changed or deleted. */
export async function recordAudit(
  db: Kysely<Database>,
  clock: Clock,
  record: AuditRecord,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      tenant_id: record.tenantId,
      at: clock.now(),
      action: record.action,
      actor_user_id: record.actorUserId ?? null,
      actor_email: record.actorEmail ?? null,
      target_kind: record.targetKind ?? null,
      target_id:
        record.targetId === null || record.targetId === undefined ? null : String(record.targetId),
      target_label: record.targetLabel ?? null,
      client_address: record.clientAddress ?? null,
      request_id: record.requestId ?? null,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute();
}
