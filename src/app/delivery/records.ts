import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  agreementOf,
  deliveryFilesOf,
  type AgreementView,
  type DeliveryFileView,
} from './agreement.ts';
import { projectOf, type ProjectView } from './project.ts';
import { selectionOf, type SelectionView } from './selection.ts';
import { verificationOf, type VerificationView } from './verification.ts';

/** Everything recorded of a proposal's delivery, for its pages. */
export interface DeliveryRecords {
  selection: SelectionView | undefined;
  agreement: AgreementView | undefined;
  agreementFiles: DeliveryFileView[];
  project: ProjectView;
  projectFiles: DeliveryFileView[];
  verification: VerificationView | undefined;
}

/** Reads every delivery record of a proposal at once. */
export async function deliveryOf(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<DeliveryRecords> {
  const [selection, agreement, agreementFiles, project, projectFiles, verification] =
    await Promise.all([
      selectionOf(db, tenantId, proposalId),
      agreementOf(db, tenantId, proposalId),
      deliveryFilesOf(db, tenantId, proposalId, 'agreement'),
      projectOf(db, tenantId, proposalId),
      deliveryFilesOf(db, tenantId, proposalId, 'project'),
      verificationOf(db, tenantId, proposalId),
    ]);
  return { selection, agreement, agreementFiles, project, projectFiles, verification };
}
