import type { Transaction } from 'kysely';
import { localize } from '../../domain/language.ts';
import { can } from '../../domain/policy.ts';
import type { Database } from '../../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { ProcessActor } from '../process/env.ts';
import { auditCase, caseAccess, lockCase, type CaseEnv, type CaseRow } from './env.ts';

export type RequestResult =
  | { ok: true; notified: number }
  | {
      ok: false;
      refusal:
        | 'notFound'
        | 'notAllowed'
        /** A case entered directly has no partner to ask. */
        | 'noPartner'
        | 'published'
        /** Asked already, or approved: nothing to ask. */
        | 'alreadyAsked'
        | 'incomplete'
        | 'changed';
    };

export type AnswerResult =
  { ok: true } | { ok: false; refusal: 'notFound' | 'notPending' | 'changed' | 'commentRequired' };

/** The texts a case needs before anyone is asked to approve or publish it. */
export function isComplete(row: Pick<CaseRow, 'title_ja' | 'summary_ja' | 'partners_ja'>) {
  return [row.title_ja, row.summary_ja, row.partners_ja].every((text) => text.trim() !== '');
}

function caseLink(env: CaseEnv, lang: string, id: number): string {
  return `${env.publicUrl}${lang === 'en' ? '/en' : ''}/my/cases/${id}`;
}

/** Mails each active member of the partner organisation, in their own language. */
async function tellPartner(trx: Transaction<Database>, env: CaseEnv, row: CaseRow) {
  const members = await trx
    .selectFrom('organisation_member as m')
    .innerJoin('user_account as u', 'u.id', 'm.user_id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['u.email', 'u.lang', 'o.name as organisation'])
    .where('m.organisation_id', '=', row.organisation_id!)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  for (const member of members) {
    await enqueueMail(trx, {
      tenantId: env.tenantId,
      template: 'caseApprovalRequested',
      lang: member.lang,
      to: member.email,
      params: {
        organisation: member.organisation,
        title: localize({ ja: row.title_ja, en: row.title_en }, member.lang).text,
        link: caseLink(env, member.lang, row.id),
      },
    });
  }
  return members.length;
}

/** Mails the gate staff member who made the case, if still active, of the partner's answer. */
async function tellGate(
  trx: Transaction<Database>,
  env: CaseEnv,
  row: CaseRow,
  answer: { approve: true } | { approve: false; comment: string },
) {
  if (row.created_by === null || row.organisation_id === null) {
    return;
  }
  const [author, organisation] = await Promise.all([
    trx
      .selectFrom('user_account')
      .select(['name', 'email', 'lang', 'status'])
      .where('id', '=', row.created_by)
      .executeTakeFirst(),
    trx
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', row.organisation_id)
      .executeTakeFirstOrThrow(),
  ]);
  if (!author || author.status !== 'active') {
    return;
  }
  await enqueueMail(trx, {
    tenantId: env.tenantId,
    template: 'caseAnswered',
    lang: author.lang,
    to: author.email,
    params: {
      name: author.name,
      title: localize({ ja: row.title_ja, en: row.title_en }, author.lang).text,
      organisation: organisation.name,
      approved: answer.approve,
      comment: answer.approve ? '' : answer.comment.trim(),
      link: `${env.publicUrl}${author.lang === 'en' ? '/en' : ''}/staff/cases/${row.id}`,
    },
  });
}

/**
 * Asks the partner organisation to approve the case as it stands (gate staff); its members
 * are mailed. `seenVersion` is the version the gate looked at: the partner is asked about
 * exactly those words.
 */
export async function requestApproval(
  env: CaseEnv,
  by: ProcessActor,
  id: number,
  seenVersion: number,
): Promise<RequestResult> {
  return env.db.transaction().execute(async (trx): Promise<RequestResult> => {
    const row = await lockCase(trx, env.tenantId, id);
    if (!row) {
      return { ok: false, refusal: 'notFound' };
    }
    if (!can(by.actor, 'case', 'update', caseAccess(row))) {
      return { ok: false, refusal: 'notAllowed' };
    }
    if (row.organisation_id === null) {
      return { ok: false, refusal: 'noPartner' };
    }
    if (row.status === 'published') {
      return { ok: false, refusal: 'published' };
    }
    if (row.approval === 'pending' || row.approval === 'approved') {
      return { ok: false, refusal: 'alreadyAsked' };
    }
    if (row.version !== seenVersion) {
      return { ok: false, refusal: 'changed' };
    }
    if (!isComplete(row)) {
      return { ok: false, refusal: 'incomplete' };
    }
    await trx
      .updateTable('case')
      .set({ approval: 'pending', approved_by: null, approved_at: null })
      .where('id', '=', id)
      .execute();
    const notified = await tellPartner(trx, env, row);
    await auditCase(trx, env, by, 'case.approvalRequested', row, { notified });
    return { ok: true, notified };
  });
}

/**
 * The partner's answer to a case it was asked about, given by a member of the organisation:
 * approve the words it read (`seenVersion`), or return them with a comment saying what should
 * change. Anyone else finds nothing.
 */
export async function answerApproval(
  env: CaseEnv,
  by: ProcessActor,
  id: number,
  answer: { approve: true } | { approve: false; comment: string },
  seenVersion: number,
): Promise<AnswerResult> {
  return env.db.transaction().execute(async (trx): Promise<AnswerResult> => {
    const row = await lockCase(trx, env.tenantId, id);
    if (!row || !can(by.actor, 'case', 'approve', caseAccess(row))) {
      return { ok: false, refusal: 'notFound' };
    }
    if (row.approval !== 'pending') {
      return { ok: false, refusal: 'notPending' };
    }
    if (row.version !== seenVersion) {
      return { ok: false, refusal: 'changed' };
    }
    if (!answer.approve && answer.comment.trim() === '') {
      return { ok: false, refusal: 'commentRequired' };
    }
    const now = env.clock.now();
    await trx
      .updateTable('case')
      .set(
        answer.approve
          ? { approval: 'approved', approved_by: by.actor.userId, approved_at: now }
          : { approval: 'returned', approval_comment: answer.comment.trim() },
      )
      .where('id', '=', id)
      .execute();
    await auditCase(trx, env, by, answer.approve ? 'case.approved' : 'case.returned', row);
    await tellGate(trx, env, row, answer);
    return { ok: true };
  });
}
