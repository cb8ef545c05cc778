import type { Kysely } from 'kysely';
import type { ChallengeStatus } from '../../domain/challenge.ts';
import type { Database } from '../schema.ts';

/** Queries of the staff pages about challenges (the public ones are in challenges.ts). */

/** Challenges of the given departments (all of the tenant's for the gate), newest change first. */
export async function listOfficeChallenges(
  db: Kysely<Database>,
  tenantId: number,
  filter: { departmentIds: number[] | 'all'; status?: ChallengeStatus | undefined },
) {
  if (filter.departmentIds !== 'all' && filter.departmentIds.length === 0) {
    return [];
  }
  let query = db
    .selectFrom('challenge')
    .innerJoin('department', 'department.id', 'challenge.department_id')
    .select([
      'challenge.id',
      'challenge.title_ja',
      'challenge.title_en',
      'challenge.status',
      'challenge.updated_at',
      'challenge.department_id',
      'department.name_ja as department_ja',
      'department.name_en as department_en',
    ])
    .where('challenge.tenant_id', '=', tenantId);
  if (filter.departmentIds !== 'all') {
    query = query.where('challenge.department_id', 'in', filter.departmentIds);
  }
  if (filter.status) {
    query = query.where('challenge.status', '=', filter.status);
  }
  return query
    .orderBy('challenge.updated_at', 'desc')
    .orderBy('challenge.id', 'desc')
    .limit(200)
    .execute();
}

/** A challenge with everything its staff page shows; undefined when missing. */
export async function loadOfficeChallenge(db: Kysely<Database>, tenantId: number, id: number) {
  const challenge = await db
    .selectFrom('challenge')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!challenge) {
    return undefined;
  }
  // Written by gate staff (or by nobody in particular, as seeded challenges are).
  const draftedByGate =
    challenge.created_by === null ||
    (await db
      .selectFrom('staff_role')
      .select('user_id')
      .where('user_id', '=', challenge.created_by)
      .where('role', '=', 'gateStaff')
      .executeTakeFirst()) !== undefined;
  const [fields, concepts, calls, questions, events, referrals, shares] = await Promise.all([
    db.selectFrom('challenge_field').select('field_id').where('challenge_id', '=', id).execute(),
    db
      .selectFrom('challenge_concept')
      .select('concept_id')
      .where('challenge_id', '=', id)
      .execute(),
    db
      .selectFrom('theme_call')
      .selectAll()
      .where('challenge_id', '=', id)
      .orderBy('opens_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('theme_question as q')
      .innerJoin('theme_call as c', 'c.id', 'q.theme_call_id')
      .innerJoin('organisation as o', 'o.id', 'q.organisation_id')
      .select([
        'q.id',
        'q.question',
        'q.asked_at',
        'q.answer_ja',
        'q.answer_en',
        'q.answered_at',
        'o.name as organisation',
      ])
      .where('c.challenge_id', '=', id)
      .orderBy('q.id')
      .execute(),
    db
      .selectFrom('challenge_event as e')
      .leftJoin('user_account as u', 'u.id', 'e.actor_user_id')
      .select(['e.id', 'e.at', 'e.from_status', 'e.to_status', 'e.comment', 'u.name as actor'])
      .where('e.challenge_id', '=', id)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('challenge_referral as r')
      .innerJoin('partner_program as p', 'p.id', 'r.partner_program_id')
      .leftJoin('user_account as u', 'u.id', 'r.referred_by')
      .select(['r.id', 'r.note', 'r.referred_at', 'p.name_ja', 'p.name_en', 'u.name as actor'])
      .where('r.challenge_id', '=', id)
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('challenge_share')
      .select('partner_city_id')
      .where('challenge_id', '=', id)
      .execute(),
  ]);
  return {
    challenge: { ...challenge, drafted_by_gate: draftedByGate },
    fieldIds: fields.map((row) => row.field_id),
    conceptIds: concepts.map((row) => row.concept_id),
    calls,
    questions,
    events,
    referrals,
    shareCityIds: shares.map((row) => row.partner_city_id),
  };
}

export type OfficeChallenge = NonNullable<Awaited<ReturnType<typeof loadOfficeChallenge>>>;

/** The answered questions of a challenge's theme calls, for its public page: no asker. */
export async function publicAnswers(db: Kysely<Database>, challengeId: number) {
  return db
    .selectFrom('theme_question as q')
    .innerJoin('theme_call as c', 'c.id', 'q.theme_call_id')
    .select(['q.id', 'q.question', 'q.answer_ja', 'q.answer_en', 'q.answered_at'])
    .where('c.challenge_id', '=', challengeId)
    .where('q.answered_at', 'is not', null)
    .orderBy('q.answered_at')
    .orderBy('q.id')
    .execute();
}

/** The partner cities a challenge is shared with, for its public page. */
export async function sharedCities(db: Kysely<Database>, challengeId: number) {
  return db
    .selectFrom('challenge_share as s')
    .innerJoin('partner_city as p', 'p.id', 's.partner_city_id')
    .select(['p.id', 'p.code', 'p.name_ja', 'p.name_en'])
    .where('s.challenge_id', '=', challengeId)
    .orderBy('p.sort')
    .execute();
}

/** Calls for challenges, newest first; only those asking `departmentIds` unless 'all'. */
export async function listChallengeCalls(
  db: Kysely<Database>,
  tenantId: number,
  departmentIds: number[] | 'all',
) {
  let query = db.selectFrom('challenge_call').selectAll().where('tenant_id', '=', tenantId);
  if (departmentIds !== 'all') {
    if (departmentIds.length === 0) {
      return [];
    }
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('challenge_call_department as d')
          .whereRef('d.challenge_call_id', '=', 'challenge_call.id')
          .where('d.department_id', 'in', departmentIds),
      ),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
}

/** One call for challenges of the tenant; undefined when missing. */
export async function findChallengeCall(db: Kysely<Database>, tenantId: number, id: number) {
  return db
    .selectFrom('challenge_call')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The partner programs and partner cities a challenge can be handed to or shared with. */
export async function partnerChoices(db: Kysely<Database>, tenantId: number) {
  const [programs, cities] = await Promise.all([
    db
      .selectFrom('partner_program')
      .select(['id', 'code', 'name_ja', 'name_en'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute(),
    // The city itself is in the list of its metropolitan area, but is nobody to share with.
    db
      .selectFrom('partner_city')
      .select(['id', 'code', 'name_ja', 'name_en'])
      .where('tenant_id', '=', tenantId)
      .where(({ eb, selectFrom }) =>
        eb('code', '!=', selectFrom('tenant').select('slug').where('id', '=', tenantId)),
      )
      .orderBy('sort')
      .execute(),
  ]);
  return { programs, cities };
}
