import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordAgreement, type AgreementInput } from '../../src/app/delivery/agreement.ts';
import { openCallFromProposal } from '../../src/app/delivery/open-call.ts';
import { addIndicators, projectOf, recordActual } from '../../src/app/delivery/project.ts';
import { recordSelection, type SelectionInput } from '../../src/app/delivery/selection.ts';
import { recordVerification } from '../../src/app/delivery/verification.ts';
import { renderStoredMail } from '../../src/app/mail/templates.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { moveProposal } from '../../src/app/process/move.ts';
import { proposerVisitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  adoptedProposal,
  authorOf,
  deliveryCast,
  processEnv,
  type DeliveryCast,
} from '../support/delivery.ts';
import { dialogueEnv, storedPdf } from '../support/dialogue.ts';
import { processStaff } from '../support/headquarters.ts';
import { someDepartment } from '../support/accounts.ts';
import { testNow } from '../support/clock.ts';
import { startGate, type TestGate } from '../support/server.ts';

const secret = '秘密の配車アルゴリズム';

/** Facts of a project the city pays nothing for, that holds little and claims nothing. */
function facts(changes: Partial<SelectionInput> = {}): SelectionInput {
  return {
    burden: { kind: 'none' },
    exclusivityTime: 'low',
    exclusiveMonths: null,
    exclusivityTimeNote: '',
    exclusivitySpace: 'low',
    exclusivitySpaceNote: '',
    originality: {},
    method: null,
    staffReason: '',
    implementer: { kind: 'proposer' },
    budgetYear: null,
    procedure: '',
    procedureResult: '',
    ...changes,
  };
}

function agreementInput(changes: Partial<AgreementInput> = {}): AgreementInput {
  return {
    kind: 'agreement',
    title: '除雪の連携協定',
    parties: [
      { name: '札幌市', responsibilities: '除雪計画の共有' },
      { name: 'Snow Co.', responsibilities: '車両と運転手の提供' },
    ],
    cityRoles: '計画を共有します。',
    partnerRoles: '除雪を行います。',
    signedOn: '2026-12-01',
    startsOn: '2026-12-10',
    endsOn: null,
    files: [],
    removeFileIds: [],
    ...changes,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`delivery commands (${kind} database)`, () => {
    let gate: TestGate;
    let cast: DeliveryCast;
    let author: Awaited<ReturnType<typeof authorOf>>;
    let outsider: ProcessActor;
    const env = () => processEnv(gate);

    const stateOf = async (id: number) =>
      (
        await gate.database.db
          .selectFrom('proposal')
          .select('state')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).state;

    before(async () => {
      gate = await startGate(kind);
      await proposerVisitor(gate, 'snow@example.jp', 'Snow Co.');
      author = await authorOf(gate, 'snow@example.jp');
      cast = await deliveryCast(gate, 'delivery');
      outsider = await processStaff(gate, 'other-dept@city.example.jp', [
        { role: 'departmentStaff', departmentId: await someDepartment(gate, 4) },
      ]);
    });
    after(() => gate.close());

    it('stores the recommendation with its reasons, and wants a reason to choose otherwise', async () => {
      const id = await adoptedProposal(gate, cast, author, '除雪の連携', { selection: true });
      const paying = facts({
        burden: { kind: 'pays', years: [{ fiscalYear: 2027, amountYen: 2_500_000, upkeep: true }] },
      });
      const override = await recordSelection(env(), cast.departmentStaff, id, 0, {
        ...paying,
        method: 'directSelection',
      });
      assert.deepEqual(override, { ok: false, refusal: 'reasonRequired' });
      const evidenceless = await recordSelection(env(), cast.departmentStaff, id, 0, {
        ...paying,
        originality: { patent: '  ' },
      });
      assert.deepEqual(evidenceless, { ok: false, refusal: 'evidenceRequired' });
      const elsewhere = await recordSelection(env(), outsider, id, 0, paying);
      assert.deepEqual(elsewhere, { ok: false, refusal: 'notFound' });

      const saved = await recordSelection(env(), cast.departmentStaff, id, 0, {
        ...paying,
        method: 'directSelection',
        staffReason: '既存の契約の範囲で行えるため',
      });
      assert.ok(saved.ok, JSON.stringify(saved));
      const row = await gate.database.db
        .selectFrom('selection_record')
        .selectAll()
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.recommended_method, 'contractProcedure');
      assert.equal(row.method, 'directSelection');
      assert.equal(row.staff_reason, '既存の契約の範囲で行えるため');
      assert.deepEqual(row.recommended_reasons, [
        { kind: 'cityPays', totalYen: 2_500_000, upkeep: true },
        { kind: 'openSpecification' },
      ]);
      assert.equal(row.implementer_organisation_id, author.organisationId);

      // A save from a page opened before this one is refused, not applied over it.
      const stale = await recordSelection(env(), cast.gateStaff, id, 0, paying);
      assert.deepEqual(stale, { ok: false, refusal: 'conflict' });
      const fresh = await recordSelection(env(), cast.gateStaff, id, 1, {
        ...paying,
        implementer: { kind: 'other', name: '札幌除雪協同組合' },
      });
      assert.ok(fresh.ok);
      const other = await gate.database.db
        .selectFrom('selection_record')
        .select(['implementer_organisation_id', 'implementer_name', 'version'])
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(other, {
        implementer_organisation_id: null,
        implementer_name: '札幌除雪協同組合',
        version: 2,
      });
    });

    it('refuses one of two saves made at once from the same version', async () => {
      const id = await adoptedProposal(gate, cast, author, '同時の保存', { selection: true });
      const results = await Promise.all([
        recordSelection(env(), cast.departmentStaff, id, 0, facts({ staffReason: 'A' })),
        recordSelection(env(), cast.gateStaff, id, 0, facts({ staffReason: 'B' })),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      assert.deepEqual(
        results.find((r) => !r.ok),
        { ok: false, refusal: 'conflict' },
      );
    });

    it('opens a theme call from the disclosable content only, and tells the proposer', async () => {
      const id = await adoptedProposal(gate, cast, author, '公募する除雪', { selection: true });
      const fallbacks = { situation: '窓口の説明', wanted: '窓口の募集内容' };
      const early = await openCallFromProposal(env(), cast.gateStaff, id, 30, fallbacks);
      assert.deepEqual(early, { ok: false, refusal: 'notOpenCall' });
      const saved = await recordSelection(
        env(),
        cast.departmentStaff,
        id,
        0,
        facts({ exclusivityTime: 'high', exclusiveMonths: 60 }),
      );
      assert.ok(saved.ok && saved.method === 'openCall', JSON.stringify(saved));

      const opened = await openCallFromProposal(env(), cast.gateStaff, id, 30, fallbacks);
      assert.ok(opened.ok, JSON.stringify(opened));
      const db = gate.database.db;
      const challenge = await db
        .selectFrom('challenge')
        .selectAll()
        .where('id', '=', opened.challengeId)
        .executeTakeFirstOrThrow();
      assert.equal(challenge.status, 'published');
      assert.equal(challenge.department_id, cast.departmentId);
      assert.equal(challenge.title_ja, '公募する除雪');
      assert.equal(challenge.situation_ja, '除雪の担い手が不足しています。');
      assert.equal(challenge.outcome_ja, '除雪の時間を短くします。');
      assert.ok(!JSON.stringify(challenge).includes(secret), 'no confidential text');
      // The call is filed under the proposal's fields.
      const proposalFields = await db
        .selectFrom('proposal_field')
        .select('field_id')
        .where('proposal_id', '=', id)
        .execute();
      const challengeFields = await db
        .selectFrom('challenge_field')
        .select('field_id')
        .where('challenge_id', '=', opened.challengeId)
        .execute();
      assert.ok(proposalFields.length > 0);
      assert.deepEqual(challengeFields, proposalFields);
      const call = await db
        .selectFrom('theme_call')
        .selectAll()
        .where('id', '=', opened.themeCallId)
        .executeTakeFirstOrThrow();
      assert.equal(call.challenge_id, opened.challengeId);
      assert.equal(call.opens_on, '2026-12-03');
      assert.equal(call.closes_on, '2027-01-02');
      const record = await db
        .selectFrom('selection_record')
        .select('theme_call_id')
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(record.theme_call_id, opened.themeCallId);
      const mail = await db
        .selectFrom('mail_outbox')
        .select(['to_address', 'params'])
        .where('template', '=', 'openCallFromProposal')
        .execute();
      assert.deepEqual(
        mail.map((m) => m.to_address),
        ['snow@example.jp'],
      );
      assert.match(JSON.stringify(mail[0]!.params), /\/challenges\/\d+/);

      for (const lang of ['ja', 'en'] as const) {
        const rendered = renderStoredMail('openCallFromProposal', lang, mail[0]!.params, {
          gateName: 'GATE',
          cityName: 'City',
          office: 'Office',
          siteUrl: 'http://gate.test/',
        });
        assert.match(rendered.text, /\nhttp:\/\/gate\.test(\/en)?\/challenges\/\d+\n/);
        assert.match(rendered.text, lang === 'ja' ? /2027年1月2日/ : /2 January 2027/);
      }

      const again = await openCallFromProposal(env(), cast.gateStaff, id, 30, fallbacks);
      assert.deepEqual(again, { ok: false, refusal: 'alreadyOpened' });

      // The call's proposals decide the implementer: no agreement while it is still running.
      const tooEarly = await moveProposal(env(), cast.departmentStaff, id, 'agreement', '');
      assert.deepEqual(tooEarly, { ok: false, refusal: 'openCallPending' });
      gate.clock.set(new Date('2027-01-03T01:00:00Z'));
      try {
        const afterCall = await moveProposal(env(), cast.departmentStaff, id, 'agreement', '');
        assert.ok(afterCall.ok, JSON.stringify(afterCall));
      } finally {
        gate.clock.set(testNow);
      }
    });

    it('takes an agreement with its documents, a project and a verification to completion', async () => {
      const id = await adoptedProposal(gate, cast, author, '事業化まで', { selection: true });
      assert.equal(
        (await moveProposal(env(), cast.departmentStaff, id, 'agreement', '')).ok,
        false,
        'no agreement before the selection is recorded',
      );
      assert.ok((await recordSelection(env(), cast.departmentStaff, id, 0, facts())).ok);
      assert.ok((await moveProposal(env(), cast.departmentStaff, id, 'agreement', '')).ok);

      const store = dialogueEnv(gate).store;
      const denv = { ...env(), store };
      const signed = await storedPdf(gate, 'signed-agreement.pdf');
      const saved = await recordAgreement(denv, cast.departmentStaff, id, 0, {
        ...agreementInput(),
        files: [signed],
      });
      assert.ok(saved.ok, JSON.stringify(saved));
      const files = await gate.database.db
        .selectFrom('delivery_file')
        .select(['id', 'purpose', 'file_name', 'storage_key'])
        .where('proposal_id', '=', id)
        .execute();
      assert.deepEqual(
        files.map((f) => [f.purpose, f.file_name]),
        [['agreement', 'signed-agreement.pdf']],
      );
      assert.ok(await store.exists(signed.key));

      // A stale save keeps nothing of what it brought.
      const late = await storedPdf(gate, 'late.pdf');
      const stale = await recordAgreement(denv, cast.gateStaff, id, 0, {
        ...agreementInput(),
        files: [late],
      });
      assert.deepEqual(stale, { ok: false, refusal: 'conflict' });
      assert.equal(await store.exists(late.key), false);

      assert.ok((await moveProposal(env(), cast.departmentStaff, id, 'implementation', '')).ok);
      const added = await addIndicators(env(), cast.departmentStaff, id, [
        { name: '除雪の所要時間', unit: '％短縮', target: 20 },
      ]);
      assert.ok(added.ok);
      const indicatorId = (await projectOf(gate.database.db, gate.app.gate.tenant().id, id))
        .indicators[0]!.id;
      const first = await recordActual(env(), cast.departmentStaff, id, {
        indicatorId,
        period: '2027年度',
        value: 10,
        note: '',
      });
      assert.deepEqual(first, { ok: true, replaced: false });
      const second = await recordActual(env(), cast.departmentStaff, id, {
        indicatorId,
        period: '2027年度',
        value: 15,
        note: '集計を見直しました',
      });
      assert.deepEqual(second, { ok: true, replaced: true });
      await recordActual(env(), cast.departmentStaff, id, {
        indicatorId,
        period: '2028年度',
        value: 22,
        note: '',
      });
      const project = await projectOf(gate.database.db, gate.app.gate.tenant().id, id);
      assert.deepEqual(project.indicators[0]!.actuals, [
        { period: '2027年度', value: 15, note: '集計を見直しました' },
        { period: '2028年度', value: 22, note: '' },
      ]);

      assert.ok((await moveProposal(env(), cast.departmentStaff, id, 'verification', '')).ok);
      const unverified = await moveProposal(env(), cast.departmentStaff, id, 'completed', '');
      assert.deepEqual(unverified, { ok: false, refusal: 'verificationRequired' });
      assert.equal(await stateOf(id), 'verification');
      const verified = await recordVerification(env(), cast.departmentStaff, id, 0, {
        indicatorResults: { [String(indicatorId)]: '目標を上回りました。', '999999': '無関係' },
        worked: '早朝の出動',
        fellShort: '住民への周知',
        lessons: '周知は早めに',
        cityView: '効果がありました。',
        implementerView: '続けたいです。',
        continuation: 'continue',
        needsCityMoney: false,
      });
      assert.ok(verified.ok);
      const stored = await gate.database.db
        .selectFrom('verification')
        .select('indicator_results')
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(stored.indicator_results, { [String(indicatorId)]: '目標を上回りました。' });
      assert.ok((await moveProposal(env(), cast.departmentStaff, id, 'completed', '')).ok);
    });
  });
}
