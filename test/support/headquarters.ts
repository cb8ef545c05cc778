import assert from 'node:assert/strict';
import { recordAssessment } from '../../src/app/process/assessment.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { moveProposal } from '../../src/app/process/move.ts';
import { emptyContent } from '../../src/app/proposals/content.ts';
import { createDraft } from '../../src/app/proposals/drafts.ts';
import { submitProposal } from '../../src/app/proposals/submit.ts';
import type { RoleGrant } from '../../src/domain/policy.ts';
import { proposalSections, type ProposalContent } from '../../src/domain/proposal.ts';
import type { ProposalState } from '../../src/domain/proposal-state.ts';
import { createStaff } from './accounts.ts';
import { authorOf, processEnv } from './proposals.ts';
import type { TestGate } from './server.ts';

export { authorOf, processEnv };

/** A staff account as the process commands see it. */
export async function processStaff(
  gate: TestGate,
  email: string,
  roles: RoleGrant[],
): Promise<ProcessActor> {
  const user = await createStaff(gate, email, roles);
  const tenantId = gate.app.gate.tenant().id;
  return { actor: { kind: 'staff', userId: user.id, tenantId, roles }, email };
}

/** Content complete enough to submit; the approach is marked confidential. */
async function completeContent(gate: TestGate, title: string): Promise<ProposalContent> {
  const db = gate.database.db;
  const tenantId = gate.app.gate.tenant().id;
  const grounds = await db
    .selectFrom('eligibility_ground')
    .select('code')
    .where('tenant_id', '=', tenantId)
    .execute();
  const field = await db
    .selectFrom('field')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return {
    ...emptyContent(),
    title,
    summary: `${title}の概要です。`,
    sections: {
      problem: '除雪の担い手が不足しています。',
      approach: '秘密の配車アルゴリズムを使います。',
      effects: '除雪の時間を短くします。',
      contribution: '車両と運転手を提供します。',
    },
    disclosure: Object.fromEntries(
      proposalSections.map((section) => [
        section,
        section === 'approach'
          ? { mark: 'confidential' as const, reason: '独自の技術を含むため' }
          : { mark: 'disclosable' as const, reason: '' },
      ]),
    ),
    burdenKind: 'estimate',
    burden: [{ fiscalYear: 2027, amountYen: 2_500_000, upkeep: false, note: '' }],
    indicators: [{ name: '除雪の所要時間', target: '20', unit: '％短縮' }],
    fieldIds: [field.id],
    eligibility: grounds.map((g) => g.code),
    privacyNoticeAccepted: true,
  };
}

/** The people who take a proposal through the process up to the headquarters. */
export interface ProcessCast {
  gateStaff: ProcessActor;
  approver: ProcessActor;
  departmentId: number;
}

/** Gate staff and an approver of a department, for `escalatedProposal`. */
export async function processCast(gate: TestGate, prefix: string): Promise<ProcessCast> {
  const departmentId = (
    await gate.database.db
      .selectFrom('department')
      .select('id')
      .where('tenant_id', '=', gate.app.gate.tenant().id)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const gateStaff = await processStaff(gate, `${prefix}-gate@city.example.jp`, [
    { role: 'gateStaff', departmentId: null },
  ]);
  const approver = await processStaff(gate, `${prefix}-approver@city.example.jp`, [
    { role: 'departmentApprover', departmentId },
  ]);
  return { gateStaff, approver, departmentId };
}

/**
 * A submitted proposal taken by the process commands to `until` (escalated by default):
 * screened, referred to the cast's department, reviewed, talked through, assessed and
 * escalated with the reason given.
 */
export async function escalatedProposal(
  gate: TestGate,
  cast: ProcessCast,
  author: Awaited<ReturnType<typeof authorOf>>,
  title: string,
  options: { until?: ProposalState; escalationReason?: string } = {},
): Promise<number> {
  const env = processEnv(gate);
  const id = await createDraft(env, author, { kind: 'free' }, await completeContent(gate, title));
  const codes = (
    await gate.database.db.selectFrom('eligibility_ground').select('code').execute()
  ).map((row) => row.code);
  const submitted = await submitProposal(env, { ...author, lang: 'ja' }, id, codes);
  assert.ok(submitted.ok, JSON.stringify(submitted));
  const steps: [ProposalState, ProcessActor, string, object?][] = [
    ['screening', cast.gateStaff, ''],
    ['referred', cast.gateStaff, '', { referTo: cast.departmentId }],
    ['review', cast.gateStaff, ''],
    ['dialogue', cast.gateStaff, ''],
    ['decision', cast.approver, ''],
    ['escalated', cast.approver, options.escalationReason ?? '全庁的な調整が必要なため'],
  ];
  for (const [to, by, reason, extras] of steps) {
    if (to === 'decision') {
      const assessed = await recordAssessment(env, cast.approver, id, {
        departmentId: cast.departmentId,
        contributionRating: 'high',
        contribution: '課題の解決に大きく役立ちます。',
        feasibilityRating: 'medium',
        feasibility: '冬季の体制づくりが必要です。',
        strategyFitRating: 'high',
        strategyFit: '冬のみちづくりプランに合っています。',
        resources: '職員1名',
        outcomeTargets: '除雪時間を2割短縮',
        concerns: '',
        conflict: 'none',
        conflictNote: '',
      });
      assert.ok(assessed.ok, JSON.stringify(assessed));
    }
    const moved = await moveProposal(env, by, id, to, reason, extras);
    assert.ok(moved.ok, `${to}: ${JSON.stringify(moved)}`);
    if (to === options.until) {
      break;
    }
  }
  return id;
}
