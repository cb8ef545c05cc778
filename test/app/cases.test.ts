import { confidentialInCase } from '../../src/app/cases/confidential.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { answerApproval, requestApproval } from '../../src/app/cases/approval.ts';
import { draftCaseFromProposal } from '../../src/app/cases/draft.ts';
import { createDirectCase, updateCase, type CaseInput } from '../../src/app/cases/edit.ts';
import { loadCase } from '../../src/app/cases/lists.ts';
import { archiveCase, publishCase } from '../../src/app/cases/publish.ts';
import { renderMail } from '../../src/app/mail/templates.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { findPublicCase } from '../../src/db/queries/cases.ts';
import { proposerVisitor, queuedMails } from '../support/accounts.ts';
import { completedProposal, confidentialSentence, disclosableSentence } from '../support/cases.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { adoptedProposal, authorOf, deliveryCast, type DeliveryCast } from '../support/delivery.ts';
import { proposerActor } from '../support/dialogue.ts';
import { processEnv } from '../support/proposals.ts';
import { startGate, type TestGate } from '../support/server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`cases from verified projects (${kind} database)`, () => {
    let gate: TestGate;
    let cast: DeliveryCast;
    let author: Awaited<ReturnType<typeof authorOf>>;
    let partner: ProcessActor;
    let stranger: ProcessActor;
    let gateStaff: ProcessActor;
    let serial = 0;

    const env = () => processEnv(gate);
    const load = async (id: number) =>
      (await loadCase(gate.database.db, gate.app.gate.tenant().id, id))!;

    /** The case's current texts as the edit form would post them back, with changes. */
    async function inputOf(id: number, changes: Partial<CaseInput> = {}): Promise<CaseInput> {
      const row = await load(id);
      return {
        titleJa: row.title_ja,
        titleEn: row.title_en ?? '',
        summaryJa: row.summary_ja,
        summaryEn: row.summary_en ?? '',
        activitiesJa: row.activities_ja ?? '',
        activitiesEn: row.activities_en ?? '',
        resultsJa: row.results_ja ?? '',
        resultsEn: row.results_en ?? '',
        periodJa: row.period_ja ?? '',
        periodEn: row.period_en ?? '',
        partnersJa: row.partners_ja,
        partnersEn: row.partners_en ?? '',
        year: row.year,
        fieldIds: row.fieldIds,
        methodIds: row.methodIds,
        translationPending: row.translation_pending,
        ...changes,
      };
    }

    async function draftedCase(): Promise<number> {
      serial += 1;
      const proposal = await completedProposal(gate, cast, author, `除雪の効率化 ${serial}`);
      const drafted = await draftCaseFromProposal(env(), gateStaff, proposal);
      assert.ok(drafted.ok, JSON.stringify(drafted));
      return drafted.caseId;
    }

    async function approvedCase(): Promise<number> {
      const id = await draftedCase();
      const asked = await requestApproval(env(), gateStaff, id, (await load(id)).version);
      assert.ok(asked.ok, JSON.stringify(asked));
      const approved = await answerApproval(
        env(),
        partner,
        id,
        { approve: true },
        (await load(id)).version,
      );
      assert.ok(approved.ok, JSON.stringify(approved));
      return id;
    }

    before(async () => {
      gate = await startGate(kind);
      await proposerVisitor(gate, 'p@example.jp', 'P Co.');
      await proposerVisitor(gate, 'q@example.jp', 'Q Co.');
      author = await authorOf(gate, 'p@example.jp');
      partner = await proposerActor(gate, 'p@example.jp');
      stranger = await proposerActor(gate, 'q@example.jp');
      cast = await deliveryCast(gate, 'cases');
      gateStaff = cast.gateStaff;
    });

    after(async () => {
      await gate.close();
    });

    it('drafts a case from disclosable content only, then publishes it once approved', async () => {
      const id = await draftedCase();
      const draft = await load(id);
      assert.equal(draft.status, 'draft');
      assert.equal(draft.approval, null);
      assert.equal(draft.organisation_id, author.organisationId);
      assert.equal(draft.translation_pending, true);
      assert.equal(draft.period_ja, '2027年4月1日〜2028年3月31日');
      assert.match(draft.results_ja!, /目標 20％短縮、実績 18％短縮（2027年度）/);
      assert.equal(draft.partners_ja, '札幌市、P Co.');
      assert.ok(draft.fieldIds.length > 0, 'the proposal’s fields are kept');
      const texts = JSON.stringify(draft);
      assert.ok(!texts.includes(confidentialSentence), 'no confidential text in the draft');
      assert.ok(draft.activities_ja!.includes(disclosableSentence), draft.activities_ja!);

      const edited = await updateCase(
        env(),
        gateStaff,
        id,
        await inputOf(id, { summaryJa: '除雪の時間を2割短くした取組です。' }),
        draft.version,
      );
      assert.ok(edited.ok, JSON.stringify(edited));

      const asked = await requestApproval(env(), gateStaff, id, (await load(id)).version);
      assert.deepEqual(asked, { ok: true, notified: 1 });
      const [mail] = await queuedMails(gate, 'caseApprovalRequested', 'p@example.jp');
      assert.equal(mail?.params.link, `http://gate.test/my/cases/${id}`);
      assert.equal((await load(id)).approval, 'pending');

      const early = await publishCase(env(), gateStaff, id, (await load(id)).version);
      assert.deepEqual(early, { ok: false, refusal: 'approvalRequired' });

      const approved = await answerApproval(
        env(),
        partner,
        id,
        { approve: true },
        (await load(id)).version,
      );
      assert.deepEqual(approved, { ok: true });
      assert.equal((await load(id)).approved_by, partner.actor.userId);
      const [told] = await queuedMails(gate, 'caseAnswered', gateStaff.email);
      assert.equal(told?.params.approved, true);
      assert.equal(told?.params.link, `http://gate.test/staff/cases/${id}`);

      const published = await publishCase(env(), gateStaff, id, (await load(id)).version);
      assert.deepEqual(published, { ok: true });
      const row = await findPublicCase(gate.database.db, gate.app.gate.tenant().id, id);
      assert.equal(row?.summary_ja, '除雪の時間を2割短くした取組です。');
      const stored = await load(id);
      assert.ok(stored.search_terms.length > 0, 'search terms are written');
      const audit = await gate.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_kind', '=', 'case')
        .where('target_id', '=', String(id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        [
          'case.drafted',
          'case.updated',
          'case.approvalRequested',
          'case.approved',
          'case.published',
        ],
      );
    });

    it('makes one case per proposal and only from a completed one', async () => {
      const id = await draftedCase();
      const proposalId = (await load(id)).proposal_id!;
      const again = await draftCaseFromProposal(env(), gateStaff, proposalId);
      assert.deepEqual(again, { ok: false, refusal: 'exists', caseId: id });
      const adopted = await adoptedProposal(gate, cast, author, '採択されたばかりの提案');
      assert.deepEqual(await draftCaseFromProposal(env(), gateStaff, adopted), {
        ok: false,
        refusal: 'notCompleted',
      });
      assert.deepEqual(await draftCaseFromProposal(env(), cast.departmentStaff, proposalId), {
        ok: false,
        refusal: 'notAllowed',
      });
    });

    it('keeps the partner’s comment when it returns the draft, and asks again after edits', async () => {
      const id = await draftedCase();
      await requestApproval(env(), gateStaff, id, (await load(id)).version);
      const version = (await load(id)).version;
      assert.deepEqual(
        await answerApproval(env(), partner, id, { approve: false, comment: '  ' }, version),
        { ok: false, refusal: 'commentRequired' },
      );
      const returned = await answerApproval(
        env(),
        partner,
        id,
        { approve: false, comment: '事業者名を正式名称にしてください。' },
        version,
      );
      assert.deepEqual(returned, { ok: true });
      const row = await load(id);
      assert.equal(row.approval, 'returned');
      const [told] = await queuedMails(gate, 'caseAnswered', gateStaff.email);
      assert.equal(told?.params.approved, false);
      assert.equal(told?.params.comment, '事業者名を正式名称にしてください。');
      assert.equal(row.approval_comment, '事業者名を正式名称にしてください。');
      assert.deepEqual(await publishCase(env(), gateStaff, id, row.version), {
        ok: false,
        refusal: 'approvalRequired',
      });
      assert.deepEqual(await answerApproval(env(), partner, id, { approve: true }, row.version), {
        ok: false,
        refusal: 'notPending',
      });
      await updateCase(
        env(),
        gateStaff,
        id,
        await inputOf(id, { partnersJa: '札幌市、P株式会社' }),
        row.version,
      );
      assert.equal((await load(id)).approval, 'returned', 'the comment stays until asked again');
      const asked = await requestApproval(env(), gateStaff, id, (await load(id)).version);
      assert.ok(asked.ok);
    });

    it('publishes no case that repeats a sentence of the proposal’s confidential sections', async () => {
      const id = await draftedCase();
      const draft = await load(id);
      const pasted = `${draft.activities_ja}\n${confidentialSentence}`;
      const edited = await updateCase(
        env(),
        gateStaff,
        id,
        await inputOf(id, { activitiesJa: pasted }),
        draft.version,
      );
      assert.ok(edited.ok, JSON.stringify(edited));
      assert.ok((await requestApproval(env(), gateStaff, id, (await load(id)).version)).ok);
      const approved = await answerApproval(
        env(),
        partner,
        id,
        { approve: true },
        (await load(id)).version,
      );
      assert.deepEqual(approved, { ok: true });
      // Even with the partner's approval, the confidential sentence keeps it off the portal.
      assert.deepEqual(await publishCase(env(), gateStaff, id, (await load(id)).version), {
        ok: false,
        refusal: 'confidentialText',
      });
      assert.deepEqual(
        await confidentialInCase(gate.database.db, gate.app.gate.tenant().id, await load(id)),
        [confidentialSentence],
      );
      assert.equal(
        await findPublicCase(gate.database.db, gate.app.gate.tenant().id, id),
        undefined,
      );
    });

    it('withdraws an approval when the text changes afterwards', async () => {
      const id = await approvedCase();
      const before = await load(id);
      assert.equal(before.approval, 'approved');
      const edited = await updateCase(
        env(),
        gateStaff,
        id,
        await inputOf(id, { titleJa: '除雪の効率化（改訂）' }),
        before.version,
      );
      assert.ok(edited.ok);
      const after = await load(id);
      assert.equal(after.approval, null);
      assert.equal(after.approved_by, null);
      assert.deepEqual(await publishCase(env(), gateStaff, id, after.version), {
        ok: false,
        refusal: 'approvalRequired',
      });
    });

    it('refuses an edit made on a version someone else has saved since', async () => {
      const id = await draftedCase();
      const seen = (await load(id)).version;
      assert.ok((await updateCase(env(), gateStaff, id, await inputOf(id), seen)).ok);
      assert.deepEqual(await updateCase(env(), gateStaff, id, await inputOf(id), seen), {
        ok: false,
        refusal: 'changed',
      });
    });

    it('refuses the partner an answer on words the gate changed while it was reading', async () => {
      const id = await draftedCase();
      await requestApproval(env(), gateStaff, id, (await load(id)).version);
      const read = (await load(id)).version;
      await updateCase(
        env(),
        gateStaff,
        id,
        await inputOf(id, { summaryJa: '別の要約です。' }),
        read,
      );
      assert.deepEqual(await answerApproval(env(), partner, id, { approve: true }, read), {
        ok: false,
        refusal: 'notPending',
      });
    });

    it('gives another organisation’s member nothing', async () => {
      const id = await draftedCase();
      await requestApproval(env(), gateStaff, id, (await load(id)).version);
      const version = (await load(id)).version;
      assert.deepEqual(await answerApproval(env(), stranger, id, { approve: true }, version), {
        ok: false,
        refusal: 'notFound',
      });
      assert.deepEqual(
        await answerApproval(env(), cast.departmentStaff, id, { approve: true }, version),
        { ok: false, refusal: 'notFound' },
      );
      assert.equal((await load(id)).approval, 'pending');
      assert.equal((await queuedMails(gate, 'caseApprovalRequested', 'q@example.jp')).length, 0);
    });

    it('publishes a case entered directly on the gate’s word, and unpublishes it', async () => {
      const created = await createDirectCase(env(), gateStaff, {
        titleJa: '公園の清掃協定',
        titleEn: '',
        summaryJa: '地域の企業と公園の清掃に関する協定を結びました。',
        summaryEn: '',
        activitiesJa: '月に一度、公園を清掃しました。',
        activitiesEn: '',
        resultsJa: '',
        resultsEn: '',
        periodJa: '2025年度',
        periodEn: 'FY2025',
        partnersJa: '札幌市、R株式会社',
        partnersEn: '',
        year: 2025,
        fieldIds: [],
        methodIds: [],
        translationPending: true,
      });
      assert.ok(created.ok);
      const id = created.caseId;
      const row = await load(id);
      assert.equal(row.proposal_id, null);
      assert.equal(row.municipality_ja, gate.app.gate.tenant().name_ja);
      assert.deepEqual(await requestApproval(env(), gateStaff, id, row.version), {
        ok: false,
        refusal: 'noPartner',
      });
      const version = gate.app.gate.tenant().content_version;
      assert.deepEqual(await publishCase(env(), gateStaff, id, row.version), { ok: true });
      const tenant = await gate.database.db
        .selectFrom('tenant')
        .select('content_version')
        .where('id', '=', gate.app.gate.tenant().id)
        .executeTakeFirstOrThrow();
      assert.ok(tenant.content_version > version, 'the public pages are refreshed');
      assert.deepEqual(await publishCase(env(), gateStaff, id, (await load(id)).version), {
        ok: false,
        refusal: 'published',
      });
      assert.deepEqual(await archiveCase(env(), gateStaff, id), { ok: true });
      const tenantId = gate.app.gate.tenant().id;
      assert.equal(await findPublicCase(gate.database.db, tenantId, id), undefined);
    });

    it('makes one case when the gate asks for it several times at once', async () => {
      serial += 1;
      const proposal = await completedProposal(gate, cast, author, `同時の作成 ${serial}`);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => draftCaseFromProposal(env(), gateStaff, proposal)),
      );
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      const rows = await gate.database.db
        .selectFrom('case')
        .select('id')
        .where('proposal_id', '=', proposal)
        .execute();
      assert.equal(rows.length, 1);
    });

    it('writes the request to the partner in the member’s language', () => {
      const params = { organisation: 'P Co.', title: '除雪', link: 'http://gate.test/my/cases/1' };
      const signature = { gateName: 'Gate', cityName: 'City', office: 'Office', siteUrl: 'x' };
      const ja = renderMail('caseApprovalRequested', 'ja', params, signature);
      assert.match(ja.subject, /「除雪」の公開内容のご確認のお願い/);
      assert.ok(ja.text.includes(params.link));
      const en = renderMail('caseApprovalRequested', 'en', params, signature);
      assert.match(en.subject, /Please review the case "除雪"/);
      assert.ok(en.text.includes(params.link));
      const answer = { name: 'Staff', title: '除雪', organisation: 'P Co.', link: params.link };
      const returned = renderMail(
        'caseAnswered',
        'ja',
        { ...answer, approved: false, comment: '社名を直してください。' },
        signature,
      );
      assert.match(returned.subject, /差し戻されました/);
      assert.ok(returned.text.includes('社名を直してください。'));
      const approved = renderMail(
        'caseAnswered',
        'en',
        { ...answer, approved: true, comment: '' },
        signature,
      );
      assert.match(approved.subject, /was approved for publication/);
    });

    it('keeps drafts and cases awaiting approval off the portal', async () => {
      const id = await draftedCase();
      const tenantId = gate.app.gate.tenant().id;
      assert.equal(await findPublicCase(gate.database.db, tenantId, id), undefined);
      await requestApproval(env(), gateStaff, id, (await load(id)).version);
      assert.equal(await findPublicCase(gate.database.db, tenantId, id), undefined);
    });
  });
}
