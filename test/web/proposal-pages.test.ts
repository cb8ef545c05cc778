import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createFileStore } from '../../src/app/files/storage.ts';
import { contentDisposition } from '../../src/app/files/file-name.ts';
import { attachFile } from '../../src/app/proposals/attachments.ts';
import { emptyContent } from '../../src/app/proposals/content.ts';
import { createDraft } from '../../src/app/proposals/drafts.ts';
import { submitProposal } from '../../src/app/proposals/submit.ts';
import { withdrawProposal } from '../../src/app/proposals/withdraw.ts';
import {
  proposalSections,
  type DisclosureMark,
  type ProposalContent,
} from '../../src/domain/proposal.ts';
import { proposerVisitor, staffVisitor, type Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { langOf, titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const evilName = '<svg onload=alert(1)>.pdf';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

for (const kind of testDatabaseKinds()) {
  describe(`proposal pages (${kind} database)`, () => {
    let gate: TestGate;
    let alpha: Visitor;
    let beta: Visitor;
    let alphaAuthor: { userId: number; organisationId: number };
    let alphaDraft: number;
    let alphaSubmitted: number;
    let alphaReceipt: string;
    let alphaAttachment: number;
    let alphaOpenAttachment: number;
    let betaDraft: number;

    const env = () => ({
      db: gate.database.db,
      clock: gate.clock,
      tenantId: gate.app.gate.tenant().id,
    });
    const store = () => createFileStore({ dataDir: gate.database.dataDir });

    async function authorOf(email: string) {
      const row = await gate.database.db
        .selectFrom('user_account as u')
        .innerJoin('organisation_member as m', 'm.user_id', 'u.id')
        .select(['u.id', 'm.organisation_id'])
        .where('u.email', '=', email)
        .executeTakeFirstOrThrow();
      return { userId: row.id, organisationId: row.organisation_id };
    }

    /** A proposal that may be submitted: every section written and marked. */
    async function completeContent(title: string): Promise<ProposalContent> {
      const db = gate.database.db;
      const tenantId = gate.app.gate.tenant().id;
      const [field] = await db
        .selectFrom('field')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .execute();
      const [method] = await db
        .selectFrom('partnership_method')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .execute();
      const grounds = await db
        .selectFrom('eligibility_ground')
        .select('code')
        .where('tenant_id', '=', tenantId)
        .execute();
      const disclosure = Object.fromEntries(
        proposalSections.map((section) => [
          section,
          section === 'approach'
            ? { mark: 'confidential' as DisclosureMark, reason: '独自のノウハウを含むため' }
            : { mark: 'disclosable' as DisclosureMark, reason: '' },
        ]),
      );
      return {
        ...emptyContent(),
        title,
        summary: '公園の落ち葉を堆肥にして地域で使います。',
        sections: {
          problem: '落ち葉の処理に費用がかかっています。',
          approach: '秘密の発酵手法 <b>太字ではない</b>',
          effects: '処理費用を減らします。',
          contribution: '機材と人手を提供します。',
        },
        disclosure,
        cityRequests: ['venue'],
        burdenKind: 'estimate',
        burden: [
          { fiscalYear: 2027, amountYen: 1_200_000, upkeep: false, note: '' },
          { fiscalYear: 2028, amountYen: 300_000, upkeep: true, note: '維持管理' },
        ],
        indicators: [{ name: '堆肥の量', target: '10', unit: 'トン' }],
        methodIds: method ? [method.id] : [],
        fieldIds: field ? [field.id] : [],
        eligibility: grounds.map((g) => g.code),
        privacyNoticeAccepted: true,
      };
    }

    async function submitted(author: { userId: number; organisationId: number }, title: string) {
      const id = await createDraft(env(), author, { kind: 'free' }, await completeContent(title));
      return id;
    }

    async function submit(author: { userId: number; organisationId: number }, id: number) {
      const codes = (
        await gate.database.db.selectFrom('eligibility_ground').select('code').execute()
      ).map((row) => row.code);
      const result = await submitProposal(
        { ...env(), timeZone: 'Asia/Tokyo', publicUrl: 'http://gate.test' },
        { ...author, email: 'x@example.jp', name: 'X', lang: 'ja' },
        id,
        codes,
      );
      assert.ok(result.ok, JSON.stringify(result));
      return result.receiptNumber;
    }

    async function attach(
      author: { userId: number; organisationId: number },
      id: number,
      fileName: string,
      content: Buffer | Readable = pdf,
      disclosure: DisclosureMark = 'confidential',
    ) {
      return attachFile({ ...env(), store: store() }, author, id, {
        fileName,
        stream: Buffer.isBuffer(content) ? Readable.from([content]) : content,
        disclosure,
        reason: disclosure === 'confidential' ? '図面を含むため' : '',
      });
    }

    async function auditCount(action: string, targetId: number): Promise<number> {
      const rows = await gate.database.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', action)
        .where('target_id', '=', String(targetId))
        .execute();
      return rows.length;
    }

    before(async () => {
      gate = await startGate(kind);
      alpha = await proposerVisitor(gate, 'alpha@example.jp', 'Alpha Leaves Co.');
      beta = await proposerVisitor(gate, 'beta@example.jp', 'Beta Works Inc.');
      alphaAuthor = await authorOf('alpha@example.jp');
      const betaAuthor = await authorOf('beta@example.jp');

      alphaDraft = await createDraft(env(), alphaAuthor, { kind: 'free' });
      alphaSubmitted = await submitted(alphaAuthor, '落ち葉の堆肥化事業');
      const file = await attach(alphaAuthor, alphaSubmitted, evilName);
      assert.ok(file.ok, JSON.stringify(file));
      alphaAttachment = file.attachment.id;
      const open = await attach(alphaAuthor, alphaSubmitted, 'leaflet.pdf', pdf, 'disclosable');
      assert.ok(open.ok);
      alphaOpenAttachment = open.attachment.id;
      alphaReceipt = await submit(alphaAuthor, alphaSubmitted);
      betaDraft = await createDraft(
        env(),
        betaAuthor,
        { kind: 'free' },
        {
          ...emptyContent(),
          title: 'ベータ社の下書き',
        },
      );
    });
    after(() => gate.close());

    it('lists the organisation’s proposals, drafts included, with a link to start one', async () => {
      const page = await alpha.get('/my/proposals');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /（無題の下書き）/);
      assert.match(page.body, /落ち葉の堆肥化事業/);
      assert.match(page.body, new RegExp(alphaReceipt));
      assert.match(page.body, /フリー型/);
      assert.match(page.body, /受付済み/);
      assert.match(page.body, /href="\/proposals\/new"/);
      assert.match(page.body, new RegExp(`href="/my/proposals/${alphaDraft}"`));
      assert.doesNotMatch(page.body, /ベータ社の下書き/, 'another organisation’s draft');

      const english = await alpha.get('/en/my/proposals');
      assert.equal(langOf(english.body), 'en');
      assert.match(english.body, /\(Untitled draft\)/);
      assert.match(english.body, /href="\/en\/proposals\/new"/);
    });

    it('shows an empty list to an organisation without proposals', async () => {
      const gamma = await proposerVisitor(gate, 'gamma@example.jp', 'Gamma NPO');
      const page = await gamma.get('/my/proposals');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /まだ提案はありません。/);
    });

    it('shows the whole proposal to its organisation, names escaped', async () => {
      const page = await alpha.get(`/my/proposals/${alphaSubmitted}`);
      assert.equal(page.statusCode, 200);
      const html = page.body;
      assert.match(titleOf(html) ?? '', /落ち葉の堆肥化事業/);
      assert.match(html, new RegExp(alphaReceipt));
      assert.match(html, /提案の内容と実施方法/);
      assert.match(html, /非開示/);
      assert.match(html, /独自のノウハウを含むため/);
      assert.match(html, /秘密の発酵手法 &lt;b>太字ではない&lt;\/b>|秘密の発酵手法 &lt;b&gt;/);
      assert.match(html, /1,200,000円/);
      assert.match(html, /維持管理費/);
      assert.match(html, /令和9年度/);
      assert.match(html, /堆肥の量/);
      assert.match(html, /2026-12-03/, 'the privacy notice version');
      assert.match(html, /下書き → 受付済み/);
      assert.match(html, new RegExp(`/proposals/${alphaSubmitted}/attachments/${alphaAttachment}`));
      assert.match(html, /&lt;svg onload=alert\(1\)>\.pdf|&lt;svg onload=alert\(1\)&gt;\.pdf/);
      assert.doesNotMatch(html, /<svg/);
      assert.match(html, new RegExp(`/my/proposals/${alphaSubmitted}/print`));
      assert.match(html, /name="reason"/, 'the withdraw form');
      assert.doesNotMatch(html, new RegExp(`/proposals/${alphaSubmitted}/edit`));

      const draft = await alpha.get(`/my/proposals/${alphaDraft}`);
      assert.equal(draft.statusCode, 200);
      assert.match(draft.body, new RegExp(`href="/proposals/${alphaDraft}/edit"`));
      assert.doesNotMatch(draft.body, /name="reason"/, 'a draft is not withdrawn');

      const print = await alpha.get(`/my/proposals/${alphaSubmitted}/print`);
      assert.equal(print.statusCode, 200);
      assert.equal(langOf(print.body), 'ja');
      assert.match(titleOf(print.body) ?? '', /印刷用/);
      assert.match(print.body, /<h1>落ち葉の堆肥化事業<\/h1>/);
      assert.match(print.body, /<link rel="stylesheet" href="\/assets\/site-[0-9a-f]+\.css"/);
      assert.match(print.body, /&lt;svg/);
      assert.doesNotMatch(print.body, /<svg/);
      assert.doesNotMatch(print.body, /<form/);

      const english = await alpha.get(`/en/my/proposals/${alphaSubmitted}/print`);
      assert.equal(langOf(english.body), 'en');
      assert.match(english.body, /FY2027/);
    });

    it('answers 404 for another organisation’s proposal, draft and file, as for missing ones', async () => {
      const missing = await beta.get('/my/proposals/999999');
      assert.equal(missing.statusCode, 404);
      const missingEn = await beta.get('/en/my/proposals/999999');
      assert.equal(missingEn.statusCode, 404);
      for (const url of [
        `/my/proposals/${alphaSubmitted}`,
        `/my/proposals/${alphaDraft}`,
        `/my/proposals/${alphaSubmitted}/print`,
        `/my/proposals/${alphaDraft}/print`,
        `/proposals/${alphaSubmitted}/attachments/${alphaAttachment}`,
        `/en/proposals/${alphaSubmitted}/attachments/${alphaOpenAttachment}`,
        `/my/proposals/abc`,
        `/my/proposals/0`,
        `/proposals/${alphaSubmitted}/attachments/99999999`,
        `/proposals/${alphaSubmitted}/attachments/-1`,
      ]) {
        const response = await beta.get(url);
        assert.equal(response.statusCode, 404, url);
        const expected = url.startsWith('/en/') ? missingEn : missing;
        assert.equal(titleOf(response.body), titleOf(expected.body), url);
        assert.equal(response.headers['content-disposition'], undefined, url);
      }
      // An attachment asked for under another proposal's id.
      const wrong = await alpha.get(`/proposals/${alphaDraft}/attachments/${alphaAttachment}`);
      assert.equal(wrong.statusCode, 404);
      const list = await beta.get('/my/proposals');
      assert.doesNotMatch(list.body, /落ち葉の堆肥化事業/);
      assert.ok((await auditCount('access.denied', alphaSubmitted)) > 0, 'denials are audited');

      const own = await alpha.get(`/my/proposals/${betaDraft}`);
      assert.equal(own.statusCode, 404);
      const withdraw = await beta.submit(
        '/my/proposals',
        { reason: 'やめます' },
        `/my/proposals/${alphaSubmitted}/withdraw`,
      );
      assert.equal(withdraw.statusCode, 404);
    });

    it('sends a file with safe headers to its organisation', async () => {
      const response = await alpha.get(
        `/proposals/${alphaSubmitted}/attachments/${alphaAttachment}`,
      );
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.equal(response.headers['content-disposition'], contentDisposition(evilName));
      assert.match(
        String(response.headers['content-disposition']),
        /filename\*=UTF-8''%3Csvg%20onload%3Dalert%281%29%3E\.pdf$/,
      );
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['cache-control'], 'private, no-store');
      assert.equal(response.headers['content-length'], String(pdf.length));
      assert.deepEqual(response.rawPayload, pdf);
      assert.equal(await auditCount('attachment.downloaded', alphaSubmitted), 0);

      const visitor = await gate.app.inject({
        method: 'GET',
        url: `/proposals/${alphaSubmitted}/attachments/${alphaAttachment}`,
      });
      assert.equal(visitor.statusCode, 303, 'a visitor is sent to sign in');
      assert.equal(visitor.headers['content-disposition'], undefined);
    });

    it('refuses a disguised file, a file too large and an eleventh file', async () => {
      const draft = await createDraft(env(), alphaAuthor, { kind: 'free' });
      const html = Buffer.from(
        '<!doctype html><html><body><script>alert(1)</script></body></html>',
      );
      const disguised = await attach(alphaAuthor, draft, 'report.pdf', html);
      assert.equal(disguised.ok, false);
      assert.equal(!disguised.ok && disguised.reason, 'mismatch');

      const folder = path.join(gate.database.dataDir, 'files');
      const filesBefore = await filesUnder(folder);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      chunk.write('%PDF-1.7\n');
      const huge = Readable.from(
        (function* () {
          for (let i = 0; i < 21; i++) {
            yield chunk;
          }
        })(),
      );
      const tooLarge = await attach(alphaAuthor, draft, 'huge.pdf', huge);
      assert.equal(!tooLarge.ok && tooLarge.reason, 'tooLarge');
      assert.deepEqual(await filesUnder(folder), filesBefore, 'nothing left in DATA_DIR/files');

      for (let i = 1; i <= 10; i++) {
        const result = await attach(alphaAuthor, draft, `part-${i}.pdf`);
        assert.ok(result.ok, `file ${i}`);
      }
      const eleventh = await attach(alphaAuthor, draft, 'part-11.pdf');
      assert.equal(!eleventh.ok && eleventh.reason, 'tooMany');
      const filesAfter = await filesUnder(folder);
      assert.equal(filesAfter.length, filesBefore.length + 10);
    });

    it('withdraws a proposal only with a reason, and records it', async () => {
      const id = await submitted(alphaAuthor, '取り下げる提案');
      await submit(alphaAuthor, id);
      const action = `/my/proposals/${id}/withdraw`;

      const empty = await alpha.submit(`/my/proposals/${id}`, { reason: '   ' }, action);
      assert.equal(empty.statusCode, 400);
      assert.match(titleOf(empty.body) ?? '', /^エラー: /);
      assert.match(empty.body, /class="error-summary"/);
      assert.match(empty.body, /<p class="field-error" id="error-reason">入力してください。<\/p>/);

      const long = 'と'.repeat(2001);
      const tooLong = await alpha.post(action, { reason: long });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, new RegExp(`>${long}</textarea>`), 'the typed reason is kept');

      const version = (
        await gate.database.db
          .selectFrom('proposal')
          .select('version')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).version;
      const done = await alpha.post(action, { reason: '社内の体制が変わったため' });
      assert.equal(done.statusCode, 303);
      assert.equal(location(done), `/my/proposals/${id}`);
      const page = await alpha.get(location(done));
      assert.match(page.body, /提案を取り下げました。/);
      assert.match(page.body, /社内の体制が変わったため/);
      assert.match(page.body, /受付済み → 取り下げ/);
      assert.doesNotMatch(page.body, /name="reason"/);

      const row = await gate.database.db
        .selectFrom('proposal')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'withdrawn');
      assert.equal(row.withdrawal_reason, '社内の体制が変わったため');
      assert.ok(row.withdrawn_at);
      assert.equal(row.version, version + 1);
      // Regression: a withdrawn proposal kept its screening due date and state time.
      assert.equal(row.due_on, null);
      assert.equal(row.phase_started_at, null);
      assert.deepEqual(row.state_changed_at, row.withdrawn_at);
      const events = await gate.database.db
        .selectFrom('proposal_event')
        .selectAll()
        .where('proposal_id', '=', id)
        .where('to_state', '=', 'withdrawn')
        .execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]!.reason, '社内の体制が変わったため');
      assert.equal(events[0]!.from_state, 'submitted');
      const mails = await gate.database.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'params'])
        .where('template', '=', 'proposalWithdrawn')
        .execute();
      assert.ok(
        mails.some(
          (m) =>
            m.to_address === 'alpha@example.jp' &&
            JSON.stringify(m.params).includes('社内の体制が変わったため'),
        ),
        'the proposer is told by e-mail',
      );

      const again = await withdrawProposal(env(), alphaAuthor, id, 'もう一度');
      assert.deepEqual(again, { ok: false, reason: 'notWithdrawable' });
      const draftResult = await withdrawProposal(env(), alphaAuthor, alphaDraft, '下書き');
      assert.deepEqual(draftResult, { ok: false, reason: 'notWithdrawable' });
      const noReason = await withdrawProposal(env(), alphaAuthor, alphaSubmitted, ' ');
      assert.deepEqual(noReason, { ok: false, reason: 'reasonRequired' });
    });

    it('shows gate staff the submitted proposals, never drafts, and logs confidential reads', async () => {
      const { visitor: staff } = await staffVisitor(gate, 'gate-staff@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      const list = await staff.get('/staff');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /落ち葉の堆肥化事業/);
      assert.match(list.body, /Alpha Leaves Co\./);
      assert.match(list.body, new RegExp(alphaReceipt));
      assert.doesNotMatch(list.body, /ベータ社の下書き/);
      assert.doesNotMatch(list.body, /（無題の下書き）/);
      assert.doesNotMatch(list.body, new RegExp(`/staff/proposals/${alphaDraft}"`));

      assert.equal(await auditCount('proposal.confidentialRead', alphaSubmitted), 0);
      const page = await staff.get(`/staff/proposals/${alphaSubmitted}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /秘密の発酵手法/);
      assert.doesNotMatch(page.body, /<svg/);
      assert.equal(await auditCount('proposal.confidentialRead', alphaSubmitted), 1);

      const draft = await staff.get(`/staff/proposals/${betaDraft}`);
      assert.equal(draft.statusCode, 404);
      const myPages = await staff.get('/my/proposals');
      assert.equal(myPages.statusCode, 404);

      const file = await staff.get(`/proposals/${alphaSubmitted}/attachments/${alphaAttachment}`);
      assert.equal(file.statusCode, 200);
      assert.equal(await auditCount('attachment.downloaded', alphaSubmitted), 1);
      const open = await staff.get(
        `/proposals/${alphaSubmitted}/attachments/${alphaOpenAttachment}`,
      );
      assert.equal(open.statusCode, 200);
      assert.equal(await auditCount('attachment.downloaded', alphaSubmitted), 1);

      const proposerStaffList = await alpha.get('/staff/proposals');
      assert.equal(proposerStaffList.statusCode, 404);
    });

    it('gives a tenant administrator without proposal rights nothing of the proposals', async () => {
      const { visitor: admin } = await staffVisitor(gate, 'it-admin@city.example.jp', [
        { role: 'tenantAdmin', departmentId: null },
      ]);
      const list = await admin.get('/staff');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /条件に合う提案はありません。/);
      assert.doesNotMatch(list.body, /落ち葉の堆肥化事業/);
      const page = await admin.get(`/staff/proposals/${alphaSubmitted}`);
      assert.equal(page.statusCode, 404);
      const file = await admin.get(`/proposals/${alphaSubmitted}/attachments/${alphaAttachment}`);
      assert.equal(file.statusCode, 404);
    });
  });
}
