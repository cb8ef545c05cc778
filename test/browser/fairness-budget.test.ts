import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createFund } from '../../src/app/budget/funds.ts';
import { fileRequest } from '../../src/app/budget/requests.ts';
import type { RoleGrant } from '../../src/domain/policy.ts';
import { proposerVisitor, staffVisitor } from '../support/accounts.ts';
import { exclusiveArrangement } from '../support/arrangements.ts';
import { axeViolations, launchBrowser, tabTo } from '../support/browser.ts';
import { adoptedProposal, authorOf, deliveryCast, processEnv } from '../support/delivery.ts';
import { startGate, type TestGate } from '../support/server.ts';

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label}: ${overflow}px wider than a 320px screen`);
}

describe('fairness monitor and partnership budget in Chromium', () => {
  let gate: TestGate;
  let browser: Browser;
  let base: string;
  let gateStaff: BrowserContext;
  let admin: BrowserContext;
  let department: BrowserContext;
  let proposalId: number;
  let requestId: number;

  async function contextOf(email: string, roles: RoleGrant[]): Promise<BrowserContext> {
    const { visitor } = await staffVisitor(gate, email, roles);
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies(
      [...visitor.cookies].map(([name, value]) => ({ name, value, url: base })),
    );
    return context;
  }

  before(async () => {
    gate = await startGate('embedded');
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
    await proposerVisitor(gate, 'snow@example.jp', 'Snow Works Co.');
    const author = await authorOf(gate, 'snow@example.jp');
    const cast = await deliveryCast(gate, 'browser');
    proposalId = await adoptedProposal(gate, cast, author, '除雪車の配車');
    const other = await adoptedProposal(gate, cast, author, '公園の雪像づくり');
    await exclusiveArrangement(gate, cast, proposalId, author.organisationId, '2027-03-31');
    await exclusiveArrangement(gate, cast, other, author.organisationId, null);
    const env = processEnv(gate);
    assert.ok(
      (await createFund(env, cast.gateStaff, { fiscalYear: 2026, amountYen: 3_000_000, note: '' }))
        .ok,
    );
    const filed = await fileRequest(env, cast.departmentStaff, other, {
      fiscalYear: 2026,
      amountYen: 800_000,
      purpose: '雪像の材料',
    });
    assert.ok(filed.ok);
    requestId = filed.requestId;
    gateStaff = await contextOf('b-gate@city.example.jp', [
      { role: 'gateStaff', departmentId: null },
    ]);
    admin = await contextOf('b-admin@city.example.jp', [
      { role: 'tenantAdmin', departmentId: null },
    ]);
    department = await contextOf('b-dept@city.example.jp', [
      { role: 'departmentStaff', departmentId: cast.departmentId },
    ]);
  });

  after(async () => {
    await gateStaff?.close();
    await admin?.close();
    await department?.close();
    await browser?.close();
    await gate?.close();
  });

  it('has accessible pages in both languages', async () => {
    const pages: [BrowserContext, string][] = [
      [gateStaff, '/staff/fairness'],
      [admin, '/staff/fairness'],
      [gateStaff, '/staff/budget'],
      [gateStaff, '/staff/budget/2026'],
      [department, `/staff/proposals/${proposalId}`],
    ];
    for (const [context, path] of pages) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const prefix of ['', '/en']) {
        const response = await page.goto(`${base}${prefix}${path}`);
        assert.equal(response?.status(), 200, `${prefix}${path}`);
        await expectAccessible(page, `${prefix}${path}`);
      }
      await page.close();
    }
  });

  it('shows accessible errors on the threshold, request and allocation forms', async () => {
    const page = await admin.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/staff/fairness`);
    await page.fill('#field-months', '601');
    await Promise.all([
      page.waitForNavigation(),
      page.click('button[type="submit"]:has-text("月数を変更する")'),
    ]);
    assert.match(await page.title(), /^エラー: /);
    await expectAccessible(page, 'threshold error');
    await page.close();

    const work = await department.newPage();
    await work.setViewportSize({ width: 1280, height: 900 });
    await work.goto(`${base}/en/staff/proposals/${proposalId}`);
    await tabTo(work, '#field-budgetAmount');
    await work.keyboard.type('1.5 million');
    await Promise.all([work.waitForNavigation(), work.keyboard.press('Enter')]);
    assert.match(await work.title(), /^Error: /);
    assert.equal(await work.inputValue('#field-budgetAmount'), '1.5 million');
    await expectAccessible(work, 'request error');
    await work.close();

    const year = await gateStaff.newPage();
    await year.setViewportSize({ width: 1280, height: 900 });
    await year.goto(`${base}/staff/budget/2026`);
    await year.fill(`#field-allocate-${requestId}-amount`, '900,000');
    await Promise.all([
      year.waitForNavigation(),
      year.click('button[type="submit"]:has-text("配分する")'),
    ]);
    assert.match(await year.title(), /^エラー: /);
    await expectAccessible(year, 'allocation error');
    await year.fill(`#field-allocate-${requestId}-amount`, '800,000');
    await Promise.all([
      year.waitForNavigation(),
      year.click('button[type="submit"]:has-text("配分する")'),
    ]);
    assert.match(await year.locator('.notice').innerText(), /予算を配分しました。/);
    await expectAccessible(year, 'after allocation');
    await year.close();
  });
});
