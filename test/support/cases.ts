import assert from 'node:assert/strict';
import { moveProposal } from '../../src/app/process/move.ts';
import { adoptedProposal, authorOf, processEnv, type DeliveryCast } from './delivery.ts';
import type { TestGate } from './server.ts';

/** The disclosable sentence of the test proposal's contribution (see headquarters.ts). */
export const disclosableSentence = '車両と運転手を提供します。';
/** The confidential approach of the test proposal. */
export const confidentialSentence = '秘密の配車アルゴリズムを使います。';

/**
 * A proposal taken through delivery to completion, with the records each step needs written
 * directly: a selection naming the proposer's organisation, a signed agreement, one indicator
 * with two actual values, and a verification.
 */
export async function completedProposal(
  gate: TestGate,
  cast: DeliveryCast,
  author: Awaited<ReturnType<typeof authorOf>>,
  title: string,
): Promise<number> {
  const db = gate.database.db;
  const env = processEnv(gate);
  const tenantId = gate.app.gate.tenant().id;
  const now = gate.clock.now();
  const by = cast.departmentStaff;
  const id = await adoptedProposal(gate, cast, author, title, { selection: true });
  const move = async (to: 'agreement' | 'implementation' | 'verification' | 'completed') => {
    const moved = await moveProposal(env, by, id, to, '');
    assert.ok(moved.ok, `${to}: ${JSON.stringify(moved)}`);
  };
  const recorded = { recorded_by: by.actor.userId, recorded_at: now };

  await db
    .insertInto('selection_record')
    .values({
      tenant_id: tenantId,
      proposal_id: id,
      burden: JSON.stringify({ kind: 'none' }),
      exclusivity_time: 'low',
      exclusive_months: null,
      exclusivity_time_note: '',
      exclusivity_space: 'low',
      exclusivity_space_note: '',
      originality: JSON.stringify({ specialTechnology: '独自の配車技術' }),
      recommended_method: 'directSelection',
      recommended_reasons: JSON.stringify([]),
      method: 'directSelection',
      staff_reason: '',
      implementer_organisation_id: author.organisationId,
      implementer_name: '',
      budget_year: null,
      procedure: '',
      procedure_result: '',
      theme_call_id: null,
      ...recorded,
      updated_at: now,
    })
    .execute();
  await move('agreement');

  const agreement = await db
    .insertInto('agreement')
    .values({
      tenant_id: tenantId,
      proposal_id: id,
      kind: 'agreement',
      title: `${title}に関する協定`,
      city_roles: '道路の情報を提供します。',
      partner_roles: '除雪車両を運行します。',
      signed_on: '2027-03-20',
      starts_on: '2027-04-01',
      ends_on: '2028-03-31',
      ...recorded,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agreement_party')
    .values([
      {
        tenant_id: tenantId,
        agreement_id: agreement.id,
        position: 1,
        name: '札幌市',
        responsibilities: '',
      },
      {
        tenant_id: tenantId,
        agreement_id: agreement.id,
        position: 2,
        name: 'P Co.',
        responsibilities: '',
        organisation_id: author.organisationId,
      },
    ])
    .execute();
  await move('implementation');

  const indicator = await db
    .insertInto('project_indicator')
    .values({
      tenant_id: tenantId,
      proposal_id: id,
      position: 1,
      name: '除雪の所要時間',
      unit: '％短縮',
      target: 20,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('indicator_actual')
    .values([
      {
        tenant_id: tenantId,
        indicator_id: indicator.id,
        period: '2027年度',
        value: 18,
        note: '',
        ...recorded,
      },
      {
        tenant_id: tenantId,
        indicator_id: indicator.id,
        period: '2028年度',
        value: 24,
        note: '',
        ...recorded,
      },
    ])
    .execute();
  await move('verification');

  await db
    .insertInto('verification')
    .values({
      tenant_id: tenantId,
      proposal_id: id,
      indicator_results: JSON.stringify({ [indicator.id]: '2年目に目標を上回りました。' }),
      worked: '住民の協力が得られました。',
      fell_short: '初年度は車両が足りませんでした。',
      lessons: '早めの情報共有が大切です。',
      city_view: '継続する価値があります。',
      implementer_view: '改善して続けたいです。',
      continuation: 'continue',
      needs_city_money: false,
      ...recorded,
      updated_at: now,
    })
    .execute();
  await move('completed');
  return id;
}
