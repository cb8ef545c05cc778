import { bumpContentVersion } from '../../db/queries/tenant.ts';
import { lockChallenge } from './drafting.ts';
import { auditChallenge, type ChallengeEnv } from './env.ts';

/**
 * Hands a challenge to a partner program (Sapporo DX Lab, Local Innovation Challenge
 * HOKKAIDO) when it suits a digital or startup demonstration experiment, and records the
 * hand-over with the gate's note.
 */
export async function referChallenge(
  env: ChallengeEnv,
  challengeId: number,
  programId: number,
  note: string,
): Promise<{ ok: boolean }> {
  return env.db.transaction().execute(async (trx) => {
    const challenge = await lockChallenge(trx, env.tenantId, challengeId);
    const program = await trx
      .selectFrom('partner_program')
      .select(['id', 'code'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', programId)
      .executeTakeFirst();
    if (!challenge || !program) {
      return { ok: false };
    }
    await trx
      .insertInto('challenge_referral')
      .values({
        tenant_id: env.tenantId,
        challenge_id: challengeId,
        partner_program_id: programId,
        note,
        referred_by: env.actor.userId,
        referred_at: env.clock.now(),
      })
      .execute();
    await auditChallenge(trx, env, {
      action: 'challenge.referred',
      targetKind: 'challenge',
      targetId: challengeId,
      targetLabel: challenge.title_ja,
      details: { program: program.code },
    });
    return { ok: true };
  });
}

/**
 * Sets the partner cities a published challenge is shared with: the portal then shows it as
 * a wide-area challenge. Cities of another tenant are ignored.
 */
export async function shareChallenge(
  env: ChallengeEnv,
  challengeId: number,
  cityIds: number[],
): Promise<{ ok: boolean }> {
  return env.db.transaction().execute(async (trx) => {
    const challenge = await lockChallenge(trx, env.tenantId, challengeId);
    // Only what the portal shows can be shown as a wide-area challenge.
    if (!challenge || challenge.status !== 'published') {
      return { ok: false };
    }
    const cities =
      cityIds.length === 0
        ? []
        : await trx
            .selectFrom('partner_city')
            .select(['id', 'code'])
            .where('tenant_id', '=', env.tenantId)
            .where('id', 'in', cityIds)
            .where(({ eb, selectFrom }) =>
              eb('code', '!=', selectFrom('tenant').select('slug').where('id', '=', env.tenantId)),
            )
            .execute();
    await trx.deleteFrom('challenge_share').where('challenge_id', '=', challengeId).execute();
    if (cities.length > 0) {
      await trx
        .insertInto('challenge_share')
        .values(
          cities.map((city) => ({
            tenant_id: env.tenantId,
            challenge_id: challengeId,
            partner_city_id: city.id,
            shared_by: env.actor.userId,
            shared_at: env.clock.now(),
          })),
        )
        .execute();
    }
    await bumpContentVersion(trx, env.tenantId);
    await auditChallenge(trx, env, {
      action: 'challenge.shared',
      targetKind: 'challenge',
      targetId: challengeId,
      targetLabel: challenge.title_ja,
      details: { cities: cities.map((city) => city.code) },
    });
    return { ok: true };
  });
}

/**
 * Hands a free proposal to a partner program (a demonstration experiment with a digital or
 * startup angle) and records the hand-over with the gate's note. A draft, or a proposal
 * answering a theme call, is not handed over: the call has its own selection.
 */
export async function referProposal(
  env: ChallengeEnv,
  proposalId: number,
  programId: number,
  note: string,
): Promise<{ ok: boolean }> {
  return env.db.transaction().execute(async (trx) => {
    const proposal = await trx
      .selectFrom('proposal')
      .select(['id', 'kind', 'state', 'title', 'receipt_number'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    const program = await trx
      .selectFrom('partner_program')
      .select(['id', 'code'])
      .where('tenant_id', '=', env.tenantId)
      .where('id', '=', programId)
      .executeTakeFirst();
    if (!proposal || !program || proposal.kind !== 'free' || proposal.state === 'draft') {
      return { ok: false };
    }
    await trx
      .insertInto('challenge_referral')
      .values({
        tenant_id: env.tenantId,
        proposal_id: proposalId,
        partner_program_id: programId,
        note,
        referred_by: env.actor.userId,
        referred_at: env.clock.now(),
      })
      .execute();
    await auditChallenge(trx, env, {
      action: 'challenge.referred',
      targetKind: 'proposal',
      targetId: proposalId,
      targetLabel: proposal.receipt_number ?? proposal.title,
      details: { program: program.code },
    });
    return { ok: true };
  });
}
