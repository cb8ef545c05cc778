import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { proposerVisitor, staffVisitor, type Visitor } from '../support/accounts.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { completedProposal, confidentialSentence, disclosableSentence } from '../support/cases.ts';
import { authorOf, deliveryCast } from '../support/delivery.ts';
import { startGate, type TestGate } from '../support/server.ts';

/**
 * A completed proposal's case in Chromium: drafted on the work page, edited (once with a
 * mistake), sent to the partner, approved in the partner's own area and published; every page
 * checked with axe in Japanese and English.
 */
describe('cases in Chromium, from the completed project to the portal', () => {
  let gate: TestGate;
  let browser: Browser;
  let base: string;
  let proposalId: number;
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};

  async function browserOf(name: string, visitor: Visitor): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies(
      [...visitor.cookies].map(([cookie, value]) => ({ name: cookie, value, url: base })),
    );
    contexts.push(context);
    const page = await context.newPage();
    pages[name] = page;
    return page;
  }

  /** Zero axe violations on the page as it is, and on its English version. */
  async function accessible(page: Page, label: string): Promise<void> {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
    const url = new URL(page.url());
    if (url.pathname.startsWith('/en/')) {
      return;
    }
    await page.goto(`${base}/en${url.pathname}`);
    const english = await axeViolations(page);
    assert.deepEqual(english, [], `${label} (en): ${JSON.stringify(english, null, 2)}`);
    await page.goto(`${base}${url.pathname}`);
  }

  async function open(page: Page, path: string): Promise<void> {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response?.status(), 200, path);
    await accessible(page, path);
  }

  async function clickButton(page: Page, label: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: label }).click(),
    ]);
  }

  before(async () => {
    gate = await startGate('embedded');
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
    await browserOf('partner', await proposerVisitor(gate, 'p@example.jp', 'P Co.'));
    const { visitor } = await staffVisitor(gate, 'case-gate@city.example.jp', [
      { role: 'gateStaff', departmentId: null },
    ]);
    await browserOf('gate', visitor);
    const cast = await deliveryCast(gate, 'browser');
    proposalId = await completedProposal(
      gate,
      cast,
      await authorOf(gate, 'p@example.jp'),
      '冬の除雪の効率化',
    );
  });

  after(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    await gate?.close();
  });

  it('drafts, edits, asks, approves and publishes a case by keyboard-reachable forms', async () => {
    const staff = pages.gate!;
    await open(staff, `/staff/proposals/${proposalId}`);
    await clickButton(staff, '事例の下書きを作成する');
    const caseUrl = new URL(staff.url()).pathname;
    assert.match(caseUrl, /^\/staff\/cases\/\d+$/);
    await accessible(staff, 'case page (draft)');

    // A mistake first: the page says what to do and keeps the rest.
    await staff.fill('input[name="year"]', '20x7');
    await clickButton(staff, '保存する');
    assert.match(await staff.title(), /^エラー: /);
    assert.equal(await staff.inputValue('input[name="year"]'), '20x7');
    await accessible(staff, 'case page (error)');
    await staff.fill('input[name="year"]', '2027');
    await staff.fill('input[name="titleEn"]', 'Faster snow clearing');
    await clickButton(staff, '保存する');
    await clickButton(staff, '連携先に承認を依頼する');
    await open(staff, '/staff/cases');

    const partner = pages.partner!;
    await open(partner, '/my/cases');
    await open(partner, caseUrl.replace('/staff/', '/my/'));
    assert.ok((await partner.content()).includes(disclosableSentence));
    await clickButton(partner, 'この内容での公開を承認する');

    await staff.goto(`${base}${caseUrl}`);
    await clickButton(staff, '公開する');
    await gate.app.gate.refresh();
    const visitorContext = await browser.newContext({ bypassCSP: true });
    contexts.push(visitorContext);
    const visitor = await visitorContext.newPage();
    await open(visitor, caseUrl.replace('/staff/', '/'));
    const english = await visitor.goto(`${base}/en${caseUrl.replace('/staff/', '/')}`);
    const text = (await english?.text()) ?? '';
    assert.match(text, /awaiting translation/);
    assert.ok(!text.includes(confidentialSentence));
  });

  it('shows the direct entry form and its errors without violations', async () => {
    const staff = pages.gate!;
    await open(staff, '/staff/cases/new');
    await staff.fill('input[name="titleJa"]', '公園の清掃協定');
    await clickButton(staff, '登録する');
    assert.match(await staff.title(), /^エラー: /);
    assert.equal(await staff.inputValue('input[name="titleJa"]'), '公園の清掃協定');
    await accessible(staff, 'direct entry (error)');
  });
});
