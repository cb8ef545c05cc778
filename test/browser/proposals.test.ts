import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { goodPassword, proposerVisitor } from '../support/accounts.ts';
import { axeViolations, launchBrowser, tabTo, typeInto } from '../support/browser.ts';
import { tinyPdf } from '../support/multipart.ts';
import { startGate, type TestGate } from '../support/server.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const sections = [
  'summary',
  'problem',
  'approach',
  'effects',
  'contribution',
  'cityRequests',
  'burden',
  'period',
  'occupancy',
  'trackRecord',
];

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

/** Presses a button with the keyboard and waits for the next page. */
async function press(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 400);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/**
 * Ticks a checkbox (Tab, Space) or chooses a radio button (Tab into its group, then the
 * arrow keys, as a radio group is used from the keyboard).
 */
async function choose(page: Page, selector: string): Promise<void> {
  const target = page.locator(selector);
  if ((await target.getAttribute('type')) === 'radio') {
    const name = await target.getAttribute('name');
    await tabTo(page, `input[type=radio][name="${name}"]`, 400);
    for (let i = 0; i < 5 && !(await target.isChecked()); i += 1) {
      await page.keyboard.press('ArrowRight');
    }
    assert.ok(await target.isChecked(), `${selector} cannot be chosen with the arrow keys`);
    return;
  }
  await tabTo(page, selector, 400);
  if (!(await target.isChecked())) {
    await page.keyboard.press('Space');
  }
}

describe('proposals in Chromium', () => {
  let gate: TestGate;
  let sink: SmtpSink;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  before(async () => {
    sink = await startSmtpSink();
    gate = await startGate('embedded', { env: { SMTP_URL: sink.url } });
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // A verified member of an organisation (sign-up itself is tested with the accounts).
    await proposerVisitor(gate, 'writer@kita-lab.example.jp', 'Kita Lab');
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await gate?.close();
    await sink?.close();
  });

  async function signIn(page: Page, prefix = ''): Promise<void> {
    await page.goto(`${base}${prefix}/signin`);
    await typeInto(page, '#field-email', 'writer@kita-lab.example.jp');
    await typeInto(page, '#field-password', goodPassword);
    await press(page, 'form.form button[type=submit]');
  }

  /** Fills what a complete proposal needs, in the order of the form, by keyboard. */
  async function fillRest(page: Page): Promise<void> {
    if ((await page.inputValue('#field-summary')) === '') {
      await typeInto(page, '#field-summary', '地中熱で歩道の凍結を防ぐ実証実験です。', 400);
    }
    for (const section of sections) {
      if (
        section !== 'summary' &&
        ['problem', 'approach', 'effects', 'contribution'].includes(section)
      ) {
        const field = `#field-section-${section}`;
        if ((await page.inputValue(field)) === '') {
          await typeInto(page, field, `${section} の説明`);
        }
      }
      await choose(
        page,
        `#field-disclosure-${section}-${section === 'approach' ? 'confidential' : 'disclosable'}`,
      );
    }
    const field = await gate.database.db.selectFrom('field').select('id').executeTakeFirstOrThrow();
    await choose(page, `#field-fields-${field.id}`);
    const grounds = await gate.database.db
      .selectFrom('eligibility_ground')
      .select('code')
      .execute();
    for (const ground of grounds) {
      await choose(page, `#field-eligibility-${ground.code}`);
    }
    await choose(page, '#field-privacy');
  }

  it('a proposer saves a free proposal with files, comes back later, submits it and gets a receipt', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page);
    await page.goto(`${base}/my/proposals`);
    await expectAccessible(page, '/my/proposals (empty)');
    await page.goto(`${base}/proposals/new`);
    await expectAccessible(page, '/proposals/new');

    await typeInto(page, '#field-title', '冬の歩道を温める実証実験', 400);
    await typeInto(page, '#field-section-problem', '冬の歩道で転倒する人が多いこと。', 400);
    await typeInto(page, '#field-indicator-0-name', '転倒による救急搬送', 400);
    await typeInto(page, '#field-indicator-0-target', '30', 400);
    await typeInto(page, '#field-indicator-0-unit', '%減', 400);
    await typeInto(page, '#field-indicator-1-name', '除雪にかかる費用', 400);
    await typeInto(page, '#field-indicator-1-target', '10', 400);
    await typeInto(page, '#field-indicator-1-unit', '%減', 400);
    await page.setInputFiles('#field-upload-0-file', {
      name: '施工方法（社外秘）.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf,
    });
    await choose(page, '#field-upload-0-disclosure-confidential');
    await page.setInputFiles('#field-upload-1-file', {
      name: 'overview.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf,
    });
    await choose(page, '#field-upload-1-disclosure-disclosable');
    await press(page, 'form button[value=save]');
    assert.match(page.url(), /\/proposals\/\d+\/edit$/);
    const editUrl = page.url();
    assert.match(await page.locator('main').innerText(), /施工方法（社外秘）\.pdf/);
    await expectAccessible(page, 'the saved draft');

    // Signing out and in again: the draft is still there, with its files.
    await tabTo(page, '.account-links button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await signIn(page);
    await page.goto(`${base}/my/proposals`);
    await expectAccessible(page, '/my/proposals');
    await page.goto(editUrl);
    assert.equal(await page.inputValue('#field-title'), '冬の歩道を温める実証実験');
    assert.match(await page.locator('main').innerText(), /overview\.pdf/);

    // Submitting too early names what is missing.
    await press(page, 'form button[value=submit]');
    assert.ok(await page.locator('.error-summary a[href="#field-summary"]').count());
    await expectAccessible(page, 'the draft with missing parts');

    await fillRest(page);
    await press(page, 'form button[value=submit]');
    assert.match(page.url(), /\/my\/proposals\/\d+$/);
    const receipt = /2026-\d{4}/.exec(await page.locator('main').innerText())?.[0];
    assert.ok(receipt, 'the receipt number is shown');
    await expectAccessible(page, 'the submitted proposal');

    for (let waited = 0; waited < 20_000; waited += 100) {
      if (sink.received.some((m) => m.subject.includes(receipt))) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mail = sink.received.find((m) => m.subject.includes(receipt));
    assert.ok(mail, 'the confirmation mail arrived');
    assert.deepEqual(mail.recipients, ['writer@kita-lab.example.jp']);

    const proposalUrl = page.url();
    await page.goto(`${proposalUrl}/print`);
    await expectAccessible(page, 'the printable proposal');

    // The same steps in English.
    const path = new URL(proposalUrl).pathname;
    for (const url of ['/en/my/proposals', '/en/proposals/new', `/en${path}`, `/en${path}/print`]) {
      const response = await page.goto(base + url);
      assert.equal(response?.status(), 200, url);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await expectAccessible(page, url);
    }
    await page.close();
  });

  it('a proposer answers an open theme call by keyboard only, in English', async () => {
    const call = await gate.database.db
      .selectFrom('theme_call')
      .select('challenge_id')
      .orderBy('closes_on', 'desc')
      .executeTakeFirstOrThrow();
    const fresh = await browser.newContext({ bypassCSP: true });
    const page = await fresh.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, '/en');
    await page.goto(`${base}/en/proposals/new?challenge=${call.challenge_id}`);
    await expectAccessible(page, '/en/proposals/new (theme)');
    assert.notEqual(await page.inputValue('#field-title'), '');
    await typeInto(page, '#field-summary', 'Student-run shops bring life back to the street.', 400);
    await typeInto(page, '#field-section-problem', 'Vacant shops on the main street.', 400);
    await typeInto(page, '#field-section-approach', 'Pop-up shops run by students.', 400);
    await typeInto(page, '#field-section-effects', 'More visitors on weekends.', 400);
    await typeInto(page, '#field-section-contribution', 'Staff and know-how.', 400);
    await typeInto(page, '#field-indicator-0-name', 'Weekend visitors', 400);
    await typeInto(page, '#field-indicator-0-target', '20', 400);
    await typeInto(page, '#field-indicator-0-unit', '% more', 400);
    await fillRest(page);
    await press(page, 'form button[value=submit]');
    assert.match(page.url(), /\/en\/my\/proposals\/\d+$/);
    assert.match(await page.locator('main').innerText(), /2026-\d{4}/);
    await expectAccessible(page, '/en/my/proposals/:id');
    await fresh.close();
  });
});
