import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.ts';

describe('accessibility checker', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  it('reports the faults it is meant to find, so a clean page means something', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(
      '<html><head><title>x</title></head><body><main><img src="a.png">' +
        '<input type="text"><p style="color:#aaa;background:#fff">faint</p></main></body></html>',
    );
    const ids = (await axeViolations(page)).map((v) => v.id).sort();
    assert.deepEqual(ids, ['color-contrast', 'html-has-lang', 'image-alt', 'label']);
    await context.close();
  });
});
