import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../../src/app/accounts/totp.ts';
import { userCommand } from '../../src/cli/user.ts';
import { axeViolations, launchBrowser, tabTo, typeInto } from '../support/browser.ts';
import { startGate, type TestGate } from '../support/server.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.ts';

const password = 'snow falls softly on odori park';

/** Waits for a message to `to` whose subject matches, as the SMTP sink received it. */
async function mailTo(sink: SmtpSink, to: string, subject: RegExp): Promise<ReceivedMail> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const mail = sink.received.find((m) => m.recipients.includes(to) && subject.test(m.subject));
    if (mail) {
      return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} matching ${subject}`);
}

/** The first link in a mail that goes to `path`, moved to the test server's address. */
function linkIn(mail: ReceivedMail, path: string, base: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.includes(`${path}?token=`));
  assert.ok(link, `no ${path} link in:\n${mail.text}`);
  return link.replace('http://gate.test', base);
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
  await page.setViewportSize({ width: 320, height: 640 });
  const { overflow, wide } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The widest elements that stick out, to say what to fix.
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter(
        (el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-scroll *'),
      )
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { overflow: document.documentElement.scrollWidth - width, wide };
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label}: ${overflow}px wider than a 320px screen: ${wide.join(', ')}`);
}

/** Submits the focused form with the keyboard: Tab to its button, press Enter. */
async function submitWith(page: Page, button: string): Promise<void> {
  await tabTo(page, button);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('accounts in Chromium, by keyboard alone', () => {
  let gate: TestGate;
  let sink: SmtpSink;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  /** The staff member's authenticator secret, once enrolled. */
  let staffSecret = '';

  before(async () => {
    sink = await startSmtpSink();
    gate = await startGate('embedded', { env: { SMTP_URL: sink.url } });
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    await gate?.close();
    await sink?.close();
  });

  /** A fresh browser profile; the injected axe script needs the page's CSP bypassed. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    return page;
  }

  it('an organisation signs up, confirms its address, signs in and brings in a colleague', async () => {
    const page = await newPage();
    await page.goto(`${base}/signup`);
    await expectAccessible(page, '/signup');

    // A first attempt with a mistake: the typed values stay (all but the password), and the
    // summary links to the field.
    await typeInto(page, '#field-organisationName', '株式会社さっぽろテック');
    await tabTo(page, '#field-organisationKind-first');
    await page.keyboard.press('Space');
    await typeInto(page, '#field-corporateNumber', '7000012050003');
    await typeInto(page, '#field-name', '北野 花子');
    await typeInto(page, '#field-email', 'hanako@sapporo-tech.example.jp');
    await typeInto(page, '#field-password', password);
    await typeInto(page, '#field-passwordConfirm', password);
    await tabTo(page, '#field-consent');
    await page.keyboard.press('Space');
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(await page.locator('.error-summary').innerText(), /法人番号/);
    assert.equal(await page.inputValue('#field-organisationName'), '株式会社さっぽろテック');
    assert.equal(await page.inputValue('#field-email'), 'hanako@sapporo-tech.example.jp');
    await expectAccessible(page, '/signup with errors');

    // Corrected: the summary's link takes the keyboard to the field.
    await tabTo(page, '.error-summary a');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-corporateNumber');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7000012050002');
    // A password is never sent back in a page: it is typed again.
    await typeInto(page, '#field-password', password);
    await typeInto(page, '#field-passwordConfirm', password);
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/signup\/sent$/);
    assert.match(await page.locator('main').innerText(), /hanako@sapporo-tech\.example\.jp/);
    await expectAccessible(page, '/signup/sent');

    const verify = await mailTo(sink, 'hanako@sapporo-tech.example.jp', /確認/);
    await page.goto(linkIn(verify, '/verify', base));
    await expectAccessible(page, '/verify');
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(await page.locator('h1').innerText(), /確認しました/);

    await page.goto(`${base}/signin`);
    await expectAccessible(page, '/signin');
    await typeInto(page, '#field-email', 'hanako@sapporo-tech.example.jp');
    await typeInto(page, '#field-password', password);
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/account$/);
    assert.match(await page.locator('main').innerText(), /株式会社さっぽろテック/);
    await expectAccessible(page, '/account');

    await page.goto(`${base}/account/organisation`);
    await expectAccessible(page, '/account/organisation');
    await typeInto(page, '#field-email', 'jiro@sapporo-tech.example.jp');
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(await page.locator('.notice').innerText(), /jiro@sapporo-tech\.example\.jp/);

    const invitation = await mailTo(sink, 'jiro@sapporo-tech.example.jp', /招待/);
    const colleague = await newPage();
    await colleague.goto(linkIn(invitation, '/join', base));
    await expectAccessible(colleague, '/join');
    await typeInto(colleague, '#field-name', '南 次郎');
    await typeInto(colleague, '#field-password', 'a colleague joins the gate');
    await typeInto(colleague, '#field-passwordConfirm', 'a colleague joins the gate');
    await submitWith(colleague, 'form.form button[type=submit]');
    assert.match(await colleague.locator('.notice').innerText(), /さっぽろテック/);
    await typeInto(colleague, '#field-email', 'jiro@sapporo-tech.example.jp');
    await typeInto(colleague, '#field-password', 'a colleague joins the gate');
    await submitWith(colleague, 'form.form button[type=submit]');
    assert.match(colleague.url(), /\/account$/);
    assert.match(await colleague.locator('main').innerText(), /メンバー/);

    await page.goto(`${base}/account/organisation`);
    assert.match(await page.locator('table').innerText(), /南 次郎/);
  });

  it('a staff member created on the command line sets a password, enrols TOTP and signs in', async () => {
    const output = await userCommand(
      [
        'user',
        'add',
        '--email',
        'kato@city.sapporo.example.jp',
        '--name',
        '加藤 一郎',
        '--role',
        'gate-staff',
        '--role',
        'tenant-admin',
      ],
      gate.app.gate.config,
      gate.database,
    );
    const link = /https?:\/\/\S+\/account\/setup\?token=\S+/.exec(output)?.[0];
    assert.ok(link, output);

    const page = await newPage();
    await page.goto(link.replace('http://gate.test', base));
    await expectAccessible(page, '/account/setup');
    await typeInto(page, '#field-password', password);
    await typeInto(page, '#field-passwordConfirm', password);
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/signin$/);

    await typeInto(page, '#field-email', 'kato@city.sapporo.example.jp');
    await typeInto(page, '#field-password', password);
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/signin\/enrol$/);
    await expectAccessible(page, '/signin/enrol');

    // Without the second factor, the staff pages stay shut.
    const early = await page.context().request.get(`${base}/staff`, { maxRedirects: 0 });
    assert.equal(early.status(), 303);

    const secret = await page.locator('.secret-key').getAttribute('data-secret');
    assert.ok(secret);
    staffSecret = secret;
    await typeInto(page, '#field-code', totpCode(secret, gate.clock.now()));
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/account\/recovery-codes$/);
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    await expectAccessible(page, '/account/recovery-codes');

    await tabTo(page, 'main a.button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(page.url(), /\/staff$/);
    assert.match(await page.locator('main').innerText(), /窓口職員/);
    await expectAccessible(page, '/staff');

    // Signing in again asks for the code from the app.
    await tabTo(page, '.account-links button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    gate.clock.set(new Date(gate.clock.now().getTime() + 60_000));
    await typeInto(page, '#field-email', 'kato@city.sapporo.example.jp');
    await typeInto(page, '#field-password', password);
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/signin\/verify$/);
    await expectAccessible(page, '/signin/verify');
    await typeInto(page, '#field-code', totpCode(secret, gate.clock.now()));
    await submitWith(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/staff$/);
  });

  it('every account page passes axe in both languages', async () => {
    // The proposer and the staff member of the tests above are signed in again here.
    const proposer = await newPage();
    await proposer.goto(`${base}/en/signin`);
    await typeInto(proposer, '#field-email', 'hanako@sapporo-tech.example.jp');
    await typeInto(proposer, '#field-password', password);
    await submitWith(proposer, 'form.form button[type=submit]');
    assert.match(proposer.url(), /\/en\/account$/);

    const pages = [
      '/account',
      '/account/password',
      '/account/email',
      '/account/two-factor',
      '/account/sessions',
      '/account/organisation',
      '/signup',
      '/password/forgot',
    ];
    for (const path of pages) {
      for (const url of [path, `/en${path}`]) {
        const response = await proposer.goto(base + url);
        assert.equal(response?.status(), 200, url);
        assert.equal(
          await proposer.evaluate(() => document.documentElement.lang),
          url.startsWith('/en') ? 'en' : 'ja',
        );
        await expectAccessible(proposer, url);
      }
    }

    // The staff and admin pages, signed in as the tenant admin of the test above.
    const staff = await newPage();
    await staff.goto(`${base}/en/signin`);
    await typeInto(staff, '#field-email', 'kato@city.sapporo.example.jp');
    await typeInto(staff, '#field-password', password);
    await submitWith(staff, 'form.form button[type=submit]');
    gate.clock.set(new Date(gate.clock.now().getTime() + 60_000));
    await typeInto(staff, '#field-code', totpCode(staffSecret, gate.clock.now()));
    await submitWith(staff, 'form.form button[type=submit]');
    assert.match(staff.url(), /\/en\/staff$/);
    const staffPages = [
      '/staff',
      '/admin',
      '/admin/users',
      '/admin/users/new',
      '/admin/departments',
      '/admin/time-targets',
      '/admin/audit',
      '/account/two-factor',
    ];
    for (const path of staffPages) {
      for (const url of [path, `/en${path}`]) {
        const response = await staff.goto(base + url);
        assert.equal(response?.status(), 200, url);
        await expectAccessible(staff, url);
      }
    }
    // One user's page and one department's page, followed from the lists by keyboard.
    await staff.goto(`${base}/admin/users`);
    await tabTo(staff, 'main a[href^="/admin/users/"]:not([href$="/new"])');
    await Promise.all([staff.waitForNavigation(), staff.keyboard.press('Enter')]);
    assert.match(staff.url(), /\/admin\/users\/\d+$/);
    await expectAccessible(staff, 'a user in the admin area');
    await staff.goto(`${base}/en/admin/departments`);
    await tabTo(staff, 'main a[href^="/en/admin/departments/"]');
    await Promise.all([staff.waitForNavigation(), staff.keyboard.press('Enter')]);
    assert.match(staff.url(), /\/admin\/departments\/\d+$/);
    await expectAccessible(staff, 'a department in the admin area');
    // The time targets with a mistake: the summary and the field's message pass axe too.
    await staff.goto(`${base}/admin/time-targets`);
    await tabTo(staff, '#field-dialogue');
    await staff.keyboard.press('Control+A');
    await staff.keyboard.type('０');
    await submitWith(staff, 'form.form button[type=submit]');
    assert.match(await staff.locator('.error-summary').innerText(), /対話の目標期間/);
    assert.equal(await staff.locator('#field-dialogue').inputValue(), '０');
    await expectAccessible(staff, '/admin/time-targets with errors');

    // An English form with errors.
    await proposer.goto(`${base}/en/account/password`);
    await typeInto(proposer, '#field-currentPassword', 'not my password');
    await typeInto(proposer, '#field-password', 'short');
    await submitWith(proposer, 'form.form button[type=submit]');
    assert.match(await proposer.locator('.error-summary').innerText(), /at least 8/);
    await expectAccessible(proposer, '/en/account/password with errors');
  });
});
