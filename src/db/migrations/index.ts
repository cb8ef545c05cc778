import type { Migration } from 'kysely';
import * as createPortal from './2026-12-03-0001-create-tenant-taxonomies-challenges-cases.ts';
import * as indexListOrders from './2026-12-03-0002-index-public-list-orders.ts';
import * as createMailOutbox from './2026-12-03-0003-create-mail-outbox.ts';
import * as addSearchTerms from './2026-12-03-0004-add-search-terms.ts';
import * as createAccounts from './2026-12-03-0005-create-accounts.ts';
import * as createProposals from './2026-12-03-0006-create-proposals.ts';
import * as createChallengeWorkflow from './2026-12-04-0010-create-challenge-workflow.ts';
import * as createStaffWork from './2026-12-04-0007-create-staff-work.ts';
import * as addMessagePostKey from './2026-12-04-0011-add-message-post-key.ts';
import * as createDelivery from './2026-12-04-0012-create-delivery.ts';

/** Every migration, in order. Forward-only: a released migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-12-03-0001-create-tenant-taxonomies-challenges-cases': createPortal,
  '2026-12-03-0002-index-public-list-orders': indexListOrders,
  '2026-12-03-0003-create-mail-outbox': createMailOutbox,
  '2026-12-03-0004-add-search-terms': addSearchTerms,
  '2026-12-03-0005-create-accounts': createAccounts,
  '2026-12-03-0006-create-proposals': createProposals,
  '2026-12-04-0007-create-staff-work': createStaffWork,
  '2026-12-04-0010-create-challenge-workflow': createChallengeWorkflow,
  '2026-12-04-0011-add-message-post-key': addMessagePostKey,
  '2026-12-04-0012-create-delivery': createDelivery,
};
