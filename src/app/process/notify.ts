import type { Kysely } from 'kysely';
import type { Lang } from '../../domain/language.ts';
import { localize } from '../../domain/language.ts';
import type { ProposalState } from '../../domain/proposal-state.ts';
import type { Database, StaffRoleName } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { ProcessEnv } from './env.ts';

/** A person a message goes to, in their own language. */
export interface Recipient {
  userId: number;
  email: string;
  name: string;
  lang: Lang;
}

interface ProposalFacts {
  id: number;
  organisation_id: number;
  submitted_by: number | null;
  title: string;
  receipt_number: string | null;
}

function proposalLink(env: ProcessEnv, lang: Lang, path: string): string {
  return `${env.publicUrl}${lang === 'en' ? '/en' : ''}${path}`;
}

/**
 * Who hears about a proposal on the proposer's side: the member who submitted it while still
 * in the organisation, otherwise every active member.
 */
export async function proposerRecipients(
  db: Kysely<Database>,
  proposal: ProposalFacts,
): Promise<Recipient[]> {
  const members = await db
    .selectFrom('organisation_member as m')
    .innerJoin('user_account as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'u.lang'])
    .where('m.organisation_id', '=', proposal.organisation_id)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  const submitter = members.find((member) => member.userId === proposal.submitted_by);
  return submitter ? [submitter] : members;
}

/** The active staff holding one of `roles`, in `departmentId` when given. */
export async function staffRecipients(
  db: Kysely<Database>,
  tenantId: number,
  roles: readonly StaffRoleName[],
  departmentId?: number,
): Promise<Recipient[]> {
  let query = db
    .selectFrom('staff_role as r')
    .innerJoin('user_account as u', 'u.id', 'r.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'u.lang'])
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', 'in', [...roles])
    .where('u.status', '=', 'active');
  if (departmentId !== undefined) {
    query = query.where('r.department_id', '=', departmentId);
  }
  return query.orderBy('u.id').execute();
}

/** Tells the proposer that their proposal moved, with the reason the city gave. */
export async function notifyStateChange(
  db: Kysely<Database>,
  env: ProcessEnv,
  proposal: ProposalFacts,
  state: ProposalState,
  reason: string,
): Promise<void> {
  for (const to of await proposerRecipients(db, proposal)) {
    await enqueueMail(db, {
      tenantId: env.tenantId,
      template: 'proposalStateChanged',
      lang: to.lang,
      to: to.email,
      params: {
        name: to.name,
        title: proposal.title,
        receiptNumber: proposal.receipt_number ?? '',
        state,
        reason,
        link: proposalLink(env, to.lang, `/my/proposals/${proposal.id}`),
      },
    });
  }
}

/** Tells each recipient that a message waits on the proposal's page, without its text. */
export async function notifyMessage(
  db: Kysely<Database>,
  env: ProcessEnv,
  proposal: ProposalFacts,
  recipients: readonly Recipient[],
  path: string,
): Promise<void> {
  for (const to of recipients) {
    await enqueueMail(db, {
      tenantId: env.tenantId,
      template: 'proposalMessage',
      lang: to.lang,
      to: to.email,
      params: {
        name: to.name,
        title: proposal.title,
        receiptNumber: proposal.receipt_number ?? '',
        link: proposalLink(env, to.lang, path),
      },
    });
  }
}

/** Tells a department's staff and approvers that a proposal is now theirs. */
export async function notifyAssignment(
  db: Kysely<Database>,
  env: ProcessEnv,
  proposal: ProposalFacts,
  departmentId: number,
  lead: boolean,
): Promise<void> {
  const department = await db
    .selectFrom('department')
    .select(['name_ja', 'name_en'])
    .where('id', '=', departmentId)
    .executeTakeFirstOrThrow();
  const people = await staffRecipients(
    db,
    env.tenantId,
    ['departmentStaff', 'departmentApprover'],
    departmentId,
  );
  for (const to of people) {
    await enqueueMail(db, {
      tenantId: env.tenantId,
      template: 'proposalAssigned',
      lang: to.lang,
      to: to.email,
      params: {
        name: to.name,
        title: proposal.title,
        receiptNumber: proposal.receipt_number ?? '',
        department: localize({ ja: department.name_ja, en: department.name_en }, to.lang).text,
        lead,
        link: proposalLink(env, to.lang, `/staff/proposals/${proposal.id}`),
      },
    });
  }
}

/** The link to a proposal's page for one side. */
export function pagePath(proposalId: number, proposerSide: boolean): string {
  return proposerSide ? `/my/proposals/${proposalId}` : `/staff/proposals/${proposalId}`;
}
