import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { proposerVisitor, queuedMails, staffVisitor, type Visitor } from '../support/accounts.ts';
import { completedProposal, confidentialSentence, disclosableSentence } from '../support/cases.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { authorOf, deliveryCast, type DeliveryCast } from '../support/delivery.ts';
import { titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** The version the page's form carries. */
function versionIn(html: string): string {
  const found = /name="version" value="(\d+)"/.exec(html)?.[1];
  assert.ok(found, 'the page has no version');
  return found;
}

/** Every field of the case form, filled in. */
function caseFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    titleJa: '公園の清掃協定',
    titleEn: '',
    summaryJa: '地域の企業と公園の清掃に関する協定を結びました。',
    summaryEn: '',
    activitiesJa: '月に一度、公園を清掃しました。',
    activitiesEn: '',
    resultsJa: 'ごみの量が半分になりました。',
    resultsEn: '',
    periodJa: '2025年度',
    periodEn: '',
    partnersJa: '札幌市、R株式会社',
    partnersEn: '',
    year: '2025',
    translationPending: 'yes',
    ...overrides,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`case pages (${kind} database)`, () => {
    let gate: TestGate;
    let cast: DeliveryCast;
    let partner: Visitor;
    let stranger: Visitor;
    let gateStaff: Visitor;
    let departmentStaff: Visitor;
    let proposalId: number;
    let caseId: number;

    before(async () => {
      gate = await startGate(kind);
      partner = await proposerVisitor(gate, 'p@example.jp', 'P Co.');
      stranger = await proposerVisitor(gate, 'q@example.jp', 'Q Co.');
      cast = await deliveryCast(gate, 'pages');
      gateStaff = (
        await staffVisitor(gate, 'case-gate@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
      departmentStaff = (
        await staffVisitor(gate, 'case-dept@city.example.jp', [
          { role: 'departmentStaff', departmentId: cast.departmentId },
        ])
      ).visitor;
      const author = await authorOf(gate, 'p@example.jp');
      proposalId = await completedProposal(gate, cast, author, '冬の除雪の効率化');
    });

    after(async () => {
      await gate.close();
    });

    it('drafts the case from the completed proposal’s work page, once', async () => {
      const work = await gateStaff.get(`/staff/proposals/${proposalId}`);
      assert.match(work.body, /事例の下書きを作成する/);
      const drafted = await gateStaff.post(`/staff/proposals/${proposalId}/case`);
      assert.equal(drafted.statusCode, 303);
      const match = /^\/staff\/cases\/(\d+)$/.exec(location(drafted));
      assert.ok(match, location(drafted));
      caseId = Number(match[1]);

      const page = await gateStaff.get(`/staff/cases/${caseId}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(disclosableSentence));
      assert.ok(!page.body.includes(confidentialSentence));

      const again = await gateStaff.get(`/staff/proposals/${proposalId}`);
      assert.match(again.body, new RegExp(`href="/staff/cases/${caseId}"`));
      assert.doesNotMatch(again.body, /事例の下書きを作成する/);
      const twice = await gateStaff.post(`/staff/proposals/${proposalId}/case`);
      assert.equal(location(twice), `/staff/cases/${caseId}`);
      const count = await gate.database.db
        .selectFrom('case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('proposal_id', '=', proposalId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });

    it('shows the edit form again with its problems in either language, keeping what was typed', async () => {
      const page = await gateStaff.get(`/staff/cases/${caseId}`);
      const typed = caseFields({ titleJa: '', year: '20x7', summaryJa: '入力途中の概要です。' });
      const ja = await gateStaff.post(`/staff/cases/${caseId}`, {
        ...typed,
        version: versionIn(page.body),
      });
      assert.equal(ja.statusCode, 400);
      assert.match(titleOf(ja.body) ?? '', /^エラー: /);
      assert.match(ja.body, /入力してください。/);
      assert.match(ja.body, /年は西暦4桁の数字で入力してください/);
      assert.match(ja.body, /入力途中の概要です。/);
      assert.match(ja.body, /value="20x7"/);

      await gateStaff.get(`/en/staff/cases/${caseId}`);
      const en = await gateStaff.post(`/en/staff/cases/${caseId}`, {
        ...typed,
        version: versionIn(page.body),
      });
      assert.equal(en.statusCode, 400);
      assert.match(titleOf(en.body) ?? '', /^Error: /);
      assert.match(en.body, /Enter the year as four digits/);
      assert.match(en.body, /入力途中の概要です。/);
    });

    it('refuses a save made on a page older than the last save', async () => {
      const page = await gateStaff.get(`/staff/cases/${caseId}`);
      const version = versionIn(page.body);
      const fields = (summary: string) => ({
        ...caseFields({ titleJa: '冬の除雪の効率化', summaryJa: summary }),
        partnersJa: '札幌市、P Co.',
        version,
      });
      const first = await gateStaff.post(
        `/staff/cases/${caseId}`,
        fields('除雪の時間を短くしました。'),
      );
      assert.equal(first.statusCode, 303);
      const second = await gateStaff.post(
        `/staff/cases/${caseId}`,
        fields('古いページからの保存です。'),
      );
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /ほかの職員がこの事例を更新しました/);
      assert.match(second.body, /古いページからの保存です。/);
    });

    it('keeps cases to the gate and the partner’s members', async () => {
      assert.match((await gateStaff.get('/staff')).body, /href="\/staff\/cases"/);
      assert.doesNotMatch((await departmentStaff.get('/staff')).body, /href="\/staff\/cases"/);
      assert.equal((await departmentStaff.get('/staff/cases')).statusCode, 404);
      assert.equal((await departmentStaff.get(`/staff/cases/${caseId}`)).statusCode, 404);
      assert.equal((await partner.get('/staff/cases')).statusCode, 404);
      assert.equal((await stranger.get(`/my/cases/${caseId}`)).statusCode, 404);
      assert.equal(
        (await stranger.post(`/my/cases/${caseId}/approve`, { version: '1' })).statusCode,
        404,
      );
      assert.equal((await departmentStaff.get(`/my/cases/${caseId}`)).statusCode, 404);
      const list = await stranger.get('/my/cases');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, new RegExp(`/my/cases/${caseId}"`));
      assert.equal((await gateStaff.get('/cases/' + caseId)).statusCode, 404);
    });

    it('asks the partner, who returns the draft with a comment it must write', async () => {
      const page = await gateStaff.get(`/staff/cases/${caseId}`);
      const asked = await gateStaff.post(`/staff/cases/${caseId}/approval`, {
        version: versionIn(page.body),
      });
      assert.equal(asked.statusCode, 303);
      assert.equal((await queuedMails(gate, 'caseApprovalRequested', 'p@example.jp')).length, 1);

      const refused = await gateStaff.post(`/staff/cases/${caseId}/publish`, {
        version: versionIn((await gateStaff.get(`/staff/cases/${caseId}`)).body),
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /連携先の承認を得てから公開できます/);

      assert.match((await partner.get('/my/proposals')).body, /href="\/my\/cases"/);
      const list = await partner.get('/my/cases');
      assert.match(list.body, new RegExp(`/my/cases/${caseId}"`));
      assert.match(list.body, /ご確認をお待ちしています/);
      const mine = await partner.get(`/my/cases/${caseId}`);
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /除雪の時間を短くしました。/);
      assert.ok(!mine.body.includes(confidentialSentence));

      const blank = await partner.post(`/my/cases/${caseId}/return`, {
        comment: '   ',
        version: versionIn(mine.body),
      });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /コメントを入力してください/);
      await partner.get(`/en/my/cases/${caseId}`);
      const blankEn = await partner.post(`/en/my/cases/${caseId}/return`, {
        comment: '',
        version: versionIn(mine.body),
      });
      assert.equal(blankEn.statusCode, 400);
      assert.match(blankEn.body, /Enter a comment saying what should change/);

      const returned = await partner.post(`/my/cases/${caseId}/return`, {
        comment: '社名は「P株式会社」と表記してください。',
        version: versionIn(mine.body),
      });
      assert.equal(returned.statusCode, 303);
      const staffList = await gateStaff.get('/staff/cases');
      assert.match(staffList.body, /連携先から差し戻された事例（1件）/);
      assert.match(staffList.body, /社名は「P株式会社」と表記してください。/);
    });

    it('tells the gate when a case repeats a confidential sentence of its proposal', async () => {
      const page = await gateStaff.get(`/staff/cases/${caseId}`);
      const pasted = await gateStaff.post(`/staff/cases/${caseId}`, {
        ...caseFields({ activitiesJa: confidentialSentence }),
        version: versionIn(page.body),
      });
      assert.equal(pasted.statusCode, 303);
      const warned = await gateStaff.get(`/staff/cases/${caseId}`);
      assert.match(warned.body, /非開示の内容が含まれています/);
      assert.ok(warned.body.includes(confidentialSentence));
      const english = await gateStaff.get(`/en/staff/cases/${caseId}`);
      assert.match(english.body, /Confidential content found/);
    });

    it('publishes after approval, and the confidential approach reaches no public output', async () => {
      const page = await gateStaff.get(`/staff/cases/${caseId}`);
      const saved = await gateStaff.post(`/staff/cases/${caseId}`, {
        ...caseFields({ titleJa: '冬の除雪の効率化', summaryJa: '除雪の時間を短くしました。' }),
        activitiesJa: `${disclosableSentence}\n\n市の役割：道路の情報を提供します。`,
        partnersJa: '札幌市、P株式会社',
        periodJa: '2027年4月1日〜2028年3月31日',
        version: versionIn(page.body),
      });
      assert.equal(saved.statusCode, 303);
      await gateStaff.post(`/staff/cases/${caseId}/approval`, {
        version: versionIn((await gateStaff.get(`/staff/cases/${caseId}`)).body),
      });
      const mine = await partner.get(`/my/cases/${caseId}`);
      const approved = await partner.post(`/my/cases/${caseId}/approve`, {
        version: versionIn(mine.body),
      });
      assert.equal(approved.statusCode, 303);
      const published = await gateStaff.post(`/staff/cases/${caseId}/publish`, {
        version: versionIn((await gateStaff.get(`/staff/cases/${caseId}`)).body),
      });
      assert.equal(published.statusCode, 303);
      await gate.app.gate.refresh();

      const visitor = (url: string) => gate.app.inject({ method: 'GET', url });
      const ja = await visitor(`/cases/${caseId}`);
      assert.equal(ja.statusCode, 200);
      assert.match(ja.body, /取組の内容/);
      assert.match(ja.body, /2027年4月1日〜2028年3月31日/);
      assert.doesNotMatch(ja.body, /英語版は翻訳中です/);
      const en = await visitor(`/en/cases/${caseId}`);
      assert.match(en.body, /The English version of this case is awaiting translation/);
      assert.match(en.body, /What was done/);

      const outputs = {
        'case page': ja.body,
        'English case page': en.body,
        feed: (await visitor('/cases/feed.atom')).body,
        'English feed': (await visitor('/en/cases/feed.atom')).body,
        csv: (await visitor('/open-data/cases.csv')).body,
        json: (await visitor('/open-data/cases.json')).body,
      };
      for (const [name, body] of Object.entries(outputs)) {
        assert.ok(body.includes(disclosableSentence), `${name} lacks the disclosable sentence`);
        assert.ok(!body.includes(confidentialSentence), `${name} has the confidential approach`);
      }
      const record = (
        JSON.parse(outputs.json) as { records: { id: number; period_ja: string | null }[] }
      ).records.find((r) => r.id === caseId);
      assert.equal(record?.period_ja, '2027年4月1日〜2028年3月31日');
      assert.match(outputs.csv.split('\r\n')[0]!, /activities_ja/);
    });

    it('enters a case directly, with errors kept, and publishes it without a partner', async () => {
      await gateStaff.get('/staff/cases/new');
      const bad = await gateStaff.post(
        '/staff/cases/new',
        caseFields({ partnersJa: '', summaryJa: '' }),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /公園の清掃協定/);
      assert.match(bad.body, /入力してください。/);
      await gateStaff.get('/en/staff/cases/new');
      const badEn = await gateStaff.post('/en/staff/cases/new', caseFields({ year: '1' }));
      assert.equal(badEn.statusCode, 400);
      assert.match(badEn.body, /Enter the year as four digits/);

      // A year typed in full-width digits is the same year.
      const created = await gateStaff.post('/staff/cases/new', caseFields({ year: '２０２５' }));
      assert.equal(created.statusCode, 303);
      const id = Number(/(\d+)$/.exec(location(created))![1]);
      const stored = await gate.database.db
        .selectFrom('case')
        .select('year')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.year, 2025);
      const page = await gateStaff.get(`/staff/cases/${id}`);
      assert.match(page.body, /連携先の承認は必要ありません/);
      const published = await gateStaff.post(`/staff/cases/${id}/publish`, {
        version: versionIn(page.body),
      });
      assert.equal(published.statusCode, 303);
      await gate.app.gate.refresh();
      const shown = await gate.app.inject({ method: 'GET', url: `/cases/${id}` });
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /ごみの量が半分になりました。/);

      const archived = await gateStaff.post(`/staff/cases/${id}/archive`);
      assert.equal(archived.statusCode, 303);
      await gate.app.gate.refresh();
      assert.equal((await gate.app.inject({ method: 'GET', url: `/cases/${id}` })).statusCode, 404);
    });
  });
}
