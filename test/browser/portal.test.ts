import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { startGate, type TestGate } from '../support/server.ts';
import { portalPages } from '../support/pages.ts';

describe('portal in Chromium', () => {
  let gate: TestGate;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  before(async () => {
    gate = await startGate('embedded');
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
    // The injected axe script is inline; the page's own CSP would refuse it.
    context = await browser.newContext({ bypassCSP: true });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await gate?.close();
  });

  const urls = portalPages.flatMap((path) => [path, path === '/' ? '/en' : `/en${path}`]);

  for (const url of urls) {
    it(`${url}: right language, no axe violations, no sideways scrolling at 320 px`, async () => {
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        const response = await page.goto(base + url);
        assert.equal(response?.status(), 200);
        const lang = await page.evaluate(() => document.documentElement.lang);
        assert.equal(lang, url.startsWith('/en') ? 'en' : 'ja');
        assert.equal(await page.locator('h1').count(), 1);

        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

        // 320 CSS pixels is the reflow width of WCAG 1.4.10 (and 1280 px at 400% zoom).
        await page.setViewportSize({ width: 320, height: 640 });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      } finally {
        await page.close();
      }
    });
  }

  it('offers the skip link as the first stop of the keyboard, and it moves focus to the content', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/challenges`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(first, '本文へ移動');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'main');
    await page.close();
  });

  it('filters challenges with JavaScript turned off, by keyboard alone', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(`${base}/en/challenges`);
    await page.focus('#filter-field');
    await page.selectOption('#filter-field', 'community');
    await page.focus('#filter-call');
    await page.keyboard.press('Space');
    await page.focus('button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/field=community/);
    assert.match(page.url(), /call=open/);
    assert.match((await page.textContent('.result-count')) ?? '', /^1 result$/);
    assert.equal(await page.locator('#filter-field').inputValue(), 'community');
    await noScript.close();
  });

  it('keeps the page usable at 200% zoom: navigation and filters stay within the screen', async () => {
    const zoomed = await browser.newContext({
      deviceScaleFactor: 2,
      viewport: { width: 640, height: 800 },
    });
    const page = await zoomed.newPage();
    await page.goto(`${base}/cases`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0);
    assert.ok(await page.locator('nav.site-nav a[href="/process"]').isVisible());
    await zoomed.close();
  });
});
