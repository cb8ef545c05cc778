import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { proposerVisitor, staffVisitor, type Visitor } from '../support/accounts.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { confidentialSentence, disclosableSentence } from '../support/cases.ts';
import { adoptedProposal, authorOf, deliveryCast } from '../support/delivery.ts';
import { tinyPdf } from '../support/multipart.ts';
import { startGate, type TestGate } from '../support/server.ts';

/**
 * An adopted proposal taken through the delivery and review stages in Chromium: its lead
 * department chooses the implementer directly on the ground of originality, records the
 * agreement with its signed document, the project with an actual value and the verification;
 * the gate drafts a case from it, the partner approves the case in its own area, and the gate
 * publishes it. Every page state is checked with axe in Japanese and English; the published
 * case carries none of the proposal's confidential text, on its page, in the Atom feeds or in
 * the open-data files.
 */
describe('the delivery stage in Chromium', () => {
  let gate: TestGate;
  let browser: Browser;
  let base: string;
  let id: number;
  const contexts: BrowserContext[] = [];
  let lead: Page;
  let gateStaff: Page;
  let proposer: Page;

  async function browserOf(visitor: Visitor): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies(
      [...visitor.cookies].map(([cookie, value]) => ({ name: cookie, value, url: base })),
    );
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    return page;
  }

  /** Zero axe violations on the page as it is, and on its English version. */
  async function accessible(page: Page, label: string): Promise<void> {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
    const path = new URL(page.url()).pathname;
    if (!path.startsWith('/en/') && !path.includes('/selection') && !path.includes('/move')) {
      await page.goto(`${base}/en${path}`);
      const english = await axeViolations(page);
      assert.deepEqual(english, [], `${label} (en): ${JSON.stringify(english, null, 2)}`);
      await page.goto(`${base}${path}`);
    }
  }

  async function click(page: Page, label: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: label, exact: true }).click(),
    ]);
  }

  const stateOf = async () =>
    (
      await gate.database.db
        .selectFrom('proposal')
        .select('state')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).state;

  before(async () => {
    gate = await startGate('embedded');
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
    proposer = await browserOf(await proposerVisitor(gate, 'p@example.jp', 'P Co.'));
    const cast = await deliveryCast(gate, 'browser');
    const { visitor } = await staffVisitor(gate, 'lead-browser@city.example.jp', [
      { role: 'departmentStaff', departmentId: cast.departmentId },
    ]);
    lead = await browserOf(visitor);
    gateStaff = await browserOf(
      (
        await staffVisitor(gate, 'gate-browser@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor,
    );
    id = await adoptedProposal(gate, cast, await authorOf(gate, 'p@example.jp'), '除雪の連携');
  });
  after(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    await gate?.close();
  });

  it('chooses the implementer directly on the ground of originality', async () => {
    await lead.goto(`${base}/staff/proposals/${id}`);
    await accessible(lead, 'work page (adopted)');
    await click(lead, '事業実施主体の選定を始める');
    assert.equal(await stateOf(), 'selection');
    await accessible(lead, 'work page (selection)');

    // The proposal estimated a cost; this project turns out to cost the city nothing.
    await lead.check('#field-burdenKind-first');
    await lead.fill('#field-burdenYear-0', '');
    await lead.fill('#field-burdenAmount-0', '');
    await lead.check('#field-exclusivityTime-first');
    await lead.check('#field-ground-specialTechnology');
    await click(lead, '選定の記録を保存する');
    assert.match(await lead.title(), /^エラー/);
    assert.match(await lead.content(), /この根拠の裏付けを入力してください。/);
    await accessible(lead, 'selection form with problems');

    await lead.check('#field-exclusivitySpace-first');
    await lead.fill('#field-evidence-specialTechnology', '独自の配車技術の特許出願中');
    await lead.check('#field-method-directSelection');
    await click(lead, '選定の記録を保存する');
    const saved = await lead.content();
    assert.match(saved, /推奨：公募によらない選定（随意）/);
    assert.match(saved, /独自性・独創性があります（特殊な技術・ノウハウ）/);
    await click(lead, '協定・契約の段階へ進める');
    assert.equal(await stateOf(), 'agreement');
  });

  it('records the agreement with its signed document, then runs the project', async () => {
    await accessible(lead, 'work page (agreement)');
    await lead.fill('#field-agreementTitle', '除雪の連携協定');
    await lead.fill('#field-partyRoles-0', '除雪計画の共有');
    await lead.fill('#field-partyRoles-1', '車両と運転手の提供');
    await lead.fill('#field-cityRoles', '計画を共有します。');
    await lead.fill('#field-partnerRoles', '除雪を行います。');
    await lead.fill('#field-signedOn', '2026-12-01');
    await lead.fill('#field-startsOn', '2026-12-10');
    await lead.setInputFiles('#field-agreementFiles', {
      name: 'signed.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf,
    });
    await click(lead, '協定・契約を保存する');
    assert.match(await lead.content(), /signed\.pdf/);
    await click(lead, '事業の実施を始める');
    assert.equal(await stateOf(), 'implementation');
    await accessible(lead, 'work page (implementation)');

    await click(lead, '提案の成果指標を引き継ぐ');
    await lead.fill('#field-actualPeriod', '2027年度');
    await lead.fill('#field-actualValue', '15');
    await click(lead, '実績を記録する');
    const table = lead.getByRole('table', { name: '成果指標の目標と実績' });
    assert.match((await table.textContent()) ?? '', /2027年度.*75%/);
    await accessible(lead, 'work page (implementation, with an actual value)');
  });

  it('verifies the project before completing it, and shows it all to the proposer', async () => {
    await click(lead, '効果検証へ進める');
    await click(lead, '事業を完了する');
    assert.match(await lead.content(), /効果検証を記録してから完了してください/);
    assert.equal(await stateOf(), 'verification');
    await accessible(lead, 'work page (verification refused)');

    await lead.fill('[name^="result-"]', '目標を上回りました。');
    await lead.fill('#field-worked', '早朝の出動');
    await lead.fill('#field-fellShort', '住民への周知');
    await lead.fill('#field-lessons', '周知は早めに');
    await lead.fill('#field-cityView', '効果がありました。');
    await lead.fill('#field-implementerView', '続けたいです。');
    await lead.check('#field-continuation-first');
    await lead.check('#field-needsCityMoney');
    await click(lead, '効果検証を保存する');
    assert.match(await lead.content(), /法令に基づく契約手続が必要です/);
    await click(lead, '事業を完了する');
    assert.equal(await stateOf(), 'completed');
    await accessible(lead, 'work page (completed)');

    await proposer.goto(`${base}/my/proposals/${id}`);
    const mine = await proposer.content();
    assert.match(mine, /公募によらない選定（随意）/);
    assert.match(mine, /車両と運転手の提供/);
    assert.match(mine, /早朝の出動/);
    await accessible(proposer, 'proposer page (completed)');
  });

  it('publishes a case from the verified project once the partner approves it', async () => {
    await gateStaff.goto(`${base}/staff/proposals/${id}`);
    await accessible(gateStaff, 'work page of the gate (completed)');
    await click(gateStaff, '事例の下書きを作成する');
    const casePath = new URL(gateStaff.url()).pathname;
    assert.match(casePath, /^\/staff\/cases\/\d+$/);
    const draft = await gateStaff.content();
    assert.ok(draft.includes(disclosableSentence), 'the draft uses the disclosable sections');
    assert.ok(!draft.includes(confidentialSentence), 'the draft leaves out confidential ones');
    await accessible(gateStaff, 'case draft');
    await click(gateStaff, '連携先に承認を依頼する');

    // The case cannot be published before the partner has approved it.
    assert.equal(await gateStaff.getByRole('button', { name: '公開する', exact: true }).count(), 0);

    const partnerPath = casePath.replace('/staff/', '/my/');
    await proposer.goto(`${base}${partnerPath}`);
    assert.ok((await proposer.content()).includes(disclosableSentence));
    await accessible(proposer, 'the partner reads the case draft');
    await click(proposer, 'この内容での公開を承認する');

    await gateStaff.goto(`${base}${casePath}`);
    await click(gateStaff, '公開する');
    await gate.app.gate.refresh();

    const publicPath = casePath.replace('/staff/', '/');
    const visitorContext = await browser.newContext({ bypassCSP: true });
    contexts.push(visitorContext);
    const visitor = await visitorContext.newPage();
    const caseId = publicPath.split('/').pop()!;
    for (const path of [publicPath, `/en${publicPath}`]) {
      const response = await visitor.goto(`${base}${path}`);
      assert.equal(response?.status(), 200, path);
      const html = await visitor.content();
      assert.ok(html.includes('除雪の連携'), `${path} shows the case`);
      assert.ok(html.includes(disclosableSentence), `${path} shows disclosable text`);
      assert.ok(!html.includes(confidentialSentence), `${path} shows no confidential text`);
      assert.deepEqual(await axeViolations(visitor), [], path);
    }
    for (const path of [
      '/cases/feed.atom',
      '/en/cases/feed.atom',
      '/open-data/cases.json',
      '/open-data/cases.csv',
    ]) {
      const response = await visitor.request.get(`${base}${path}`);
      assert.equal(response.status(), 200, path);
      const body = await response.text();
      assert.ok(body.includes('除雪の連携'), `${path} lists the published case`);
      assert.ok(body.includes(`/cases/${caseId}`) || body.includes(caseId), path);
      assert.ok(!body.includes(confidentialSentence), `${path} carries no confidential text`);
    }
  });
});
