import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDate } from '../../src/domain/calendar.ts';
import type { Lang } from '../../src/domain/language.ts';
import { messages } from '../../src/web/i18n/index.ts';
import { goodPassword, proposerVisitor, staffVisitor, type Visitor } from '../support/accounts.ts';
import { axeViolations, launchBrowser, tabTo, typeInto } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { startGate, type TestGate } from '../support/server.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.ts';

/**
 * The Done-when of the challenge workflow, by keyboard in Chromium, in each language: the
 * gate opens a call; two departments submit; one is returned with a comment, the other
 * published with a theme call; a proposer asks; the gate answers; the answer is public
 * without the asker and reaches an e-mail subscriber; after the closing date the theme
 * proposal is refused with a clear message. Every page on the way has no axe violation.
 */

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

/** Presses a button or link with the keyboard and waits for the next page. */
async function press(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 600);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Ticks a checkbox with Tab and Space. */
async function tick(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 600);
  if (!(await page.locator(selector).isChecked())) {
    await page.keyboard.press('Space');
  }
}

async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.locator('body').focus();
  await typeInto(page, selector, text, 600);
}

for (const [kind, lang] of testDatabaseKinds().flatMap((k) =>
  (['ja', 'en'] as const satisfies readonly Lang[]).map((l) => [k, l] as const),
)) {
  describe(`challenge workflow in Chromium (${lang}, ${kind} database)`, () => {
    const t = messages(lang);
    const m = t.challenge;
    const p = lang === 'en' ? '/en' : '';
    let gate: TestGate;
    let sink: SmtpSink;
    let browser: Browser;
    let base: string;
    const contexts: BrowserContext[] = [];
    const bureaus: number[] = [];
    const staff: Record<'office' | 'north' | 'south' | 'east', Visitor> = {} as never;

    before(async () => {
      sink = await startSmtpSink();
      gate = await startGate(kind, { env: { SMTP_URL: sink.url } });
      await gate.app.listen({ port: 0, host: '127.0.0.1' });
      const address = gate.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const rows = await gate.database.db
        .selectFrom('department')
        .select('id')
        .where('parent_id', 'is', null)
        .orderBy('id')
        .limit(3)
        .execute();
      bureaus.push(...rows.map((row) => row.id));
      // Staff sign in with their second factor through the routes (tested with the
      // accounts); the browser takes over their sessions.
      staff.office = (
        await staffVisitor(gate, 'office@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
      for (const [name, index] of [
        ['north', 0],
        ['south', 1],
        ['east', 2],
      ] as const) {
        staff[name] = (
          await staffVisitor(gate, `${name}@city.example.jp`, [
            { role: 'departmentStaff', departmentId: bureaus[index]! },
          ])
        ).visitor;
      }
      await proposerVisitor(gate, 'asker@kita-lab.example.jp', 'Kita Lab Secret');
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

    async function pageAs(visitor?: Visitor): Promise<Page> {
      const context = await browser.newContext({ bypassCSP: true });
      contexts.push(context);
      if (visitor) {
        await context.addCookies(
          [...visitor.cookies].map(([name, value]) => ({ name, value, url: base })),
        );
      }
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      return page;
    }

    async function mailTo(to: string, test: (mail: ReceivedMail) => boolean) {
      for (let i = 0; i < 100; i += 1) {
        const found = sink.received.find((mail) => mail.recipients.includes(to) && test(mail));
        if (found) {
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no such mail to ${to}`);
    }

    /** The link of a mail, pointed at the test server instead of the public address. */
    function linkIn(mail: ReceivedMail, path: string): string {
      const link = new RegExp(`http://gate\\.test[^\\s]*${path}[^\\s]*`).exec(mail.text)?.[0];
      assert.ok(link, `no ${path} link in: ${mail.text}`);
      return link.replace('http://gate.test', base);
    }

    async function idOf(title: string): Promise<number> {
      const row = await gate.database.db
        .selectFrom('challenge')
        .select('id')
        .where('title_ja', '=', title)
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it('runs from the call to the refused late proposal', async () => {
      // A visitor subscribes to every new challenge and confirms by the link.
      const reader = await pageAs();
      await reader.goto(`${base}${p}/subscriptions`);
      await expectAccessible(reader, 'subscribe');
      await fill(reader, '#field-email', 'reader@example.jp');
      await press(reader, 'form.form button[type=submit]');
      assert.match((await reader.textContent('h1')) ?? '', new RegExp(m.subscribeSentTitle));
      const confirm = await mailTo('reader@example.jp', (mail) => mail.text.includes('/confirm'));
      await reader.goto(linkIn(confirm, '/subscriptions/confirm'));
      await expectAccessible(reader, 'subscription to confirm');
      await press(reader, 'main form button[type=submit]');
      await expectAccessible(reader, 'subscription confirmed');
      assert.equal(await reader.textContent('h1'), m.confirmedTitle);

      // The gate opens a call to three departments.
      const office = await pageAs(staff.office);
      await office.goto(`${base}${p}/staff/challenge-calls/new`);
      await expectAccessible(office, 'new call');
      await fill(office, '#field-title', '令和9年度 課題照会');
      await typeInto(office, '#field-instructions', '解決したい課題を提出してください。');
      await typeInto(office, '#field-deadline', '2026-12-20');
      for (const id of bureaus) {
        await tick(office, `#field-departments-${id}`);
      }
      await press(office, 'form.form button[type=submit]');
      assert.match(office.url(), /\/staff\/challenge-calls\/\d+$/);
      const callUrl = office.url();
      await expectAccessible(office, 'call');

      // Two departments answer with a challenge each and submit it.
      for (const [name, title] of [
        ['north', '歩道の凍結対策'],
        ['south', '公園の利活用'],
      ] as const) {
        const department = await pageAs(staff[name]);
        const invitation = await mailTo(`${name}@city.example.jp`, (mail) =>
          mail.text.includes('/staff/challenge-calls/'),
        );
        await department.goto(
          linkIn(invitation, '/staff/challenge-calls/').replace(
            /^(http:\/\/[^/]+)(\/staff)/,
            `$1${p}$2`,
          ),
        );
        await expectAccessible(department, `call seen by ${name}`);
        await press(department, 'a[href*="/staff/challenges/new?call="]');
        await expectAccessible(department, 'challenge form');
        await fill(department, '#field-title_ja', title);
        await typeInto(
          department,
          '#field-wanted_ja',
          `${title}について、民間の知恵を借りたい。`,
          600,
        );
        await typeInto(department, '#field-situation_ja', `${title}の現状です。`, 600);
        await press(department, 'form.form button[type=submit]');
        await expectAccessible(department, 'challenge draft');
        await press(department, 'form:has(input[value="submit"]) button');
        assert.ok((await department.content()).includes(m.stepDone.submit), m.stepDone.submit);
      }

      // The gate sees who answered and reminds the third department.
      await office.goto(callUrl);
      assert.ok((await office.content()).includes(m.answeredCount(2, 3)), m.answeredCount(2, 3));
      await press(office, 'form[action$="/remind"] button');
      assert.ok((await office.content()).includes(m.reminded(1)), m.reminded(1));
      await mailTo('east@city.example.jp', (mail) => mail.text.includes('/staff/challenge-calls/'));
      const eastMails = sink.received.filter((mail) =>
        mail.recipients.includes('east@city.example.jp'),
      );
      assert.equal(eastMails.length >= 1, true);

      // One goes back with a comment; the department is told.
      const northId = await idOf('歩道の凍結対策');
      await office.goto(`${base}${p}/staff/challenges/${northId}`);
      await expectAccessible(office, 'submitted challenge');
      await fill(office, '#field-comment', '目指す成果を数字で書いてください。');
      await press(office, 'form:has(input[value="return"]) button');
      assert.ok((await office.content()).includes(m.stepDone.return), m.stepDone.return);
      const returned = await mailTo('north@city.example.jp', (mail) =>
        mail.text.includes('目指す成果を数字で書いてください。'),
      );
      assert.ok(returned);

      // The other one gets a theme call and is published.
      const southId = await idOf('公園の利活用');
      await office.goto(`${base}${p}/staff/challenges/${southId}`);
      await fill(office, '#field-opensOn', '2026-12-01');
      await typeInto(office, '#field-closesOn', '2026-12-04');
      await typeInto(office, '#field-questionDeadline', '2026-12-04');
      await typeInto(office, '#field-conditions_ja', '札幌市内で実証できること');
      await press(office, 'form[action$="/theme-call"] button');
      assert.ok((await office.content()).includes(m.themeCallSaved), m.themeCallSaved);
      await press(office, 'form:has(input[value="publish"]) button');
      assert.ok((await office.content()).includes(m.publishedNotified(1)), m.publishedNotified(1));
      await expectAccessible(office, 'published challenge');
      await mailTo('reader@example.jp', (mail) => mail.text.includes(`/challenges/${southId}`));

      // A proposer signs in, asks a question and starts a theme proposal.
      const proposer = await pageAs();
      await proposer.goto(`${base}${p}/signin`);
      await fill(proposer, '#field-email', 'asker@kita-lab.example.jp');
      await typeInto(proposer, '#field-password', goodPassword);
      await press(proposer, 'form.form button[type=submit]');
      await proposer.goto(`${base}${p}/challenges/${southId}`);
      await expectAccessible(proposer, 'challenge page with the question form');
      await fill(proposer, '#field-question', '実証実験の期間はどのくらいを想定していますか。');
      await press(proposer, 'form[action$="/questions"] button');
      assert.ok((await proposer.content()).includes(m.asked), m.asked);
      await proposer.goto(`${base}${p}/proposals/new?challenge=${southId}`);
      await press(proposer, 'form button[value=save]');
      assert.match(proposer.url(), /\/proposals\/\d+\/edit$/);
      const draftUrl = proposer.url();

      // The gate answers; the answer is public without the asker; the subscriber is told.
      const question = await gate.database.db
        .selectFrom('theme_question')
        .select('id')
        .executeTakeFirstOrThrow();
      await office.goto(`${base}${p}/staff/challenges/${southId}`);
      await fill(office, `#field-answer_ja_${question.id}`, '半年程度を想定しています。');
      await typeInto(office, `#field-answer_en_${question.id}`, 'About six months.');
      await press(office, `form[action$="/questions/${question.id}/answer"] button`);
      assert.ok((await office.content()).includes(m.answered), m.answered);

      const answer = lang === 'ja' ? '半年程度を想定しています。' : 'About six months.';
      await reader.goto(`${base}${p}/challenges/${southId}`);
      await expectAccessible(reader, 'challenge page with the answer');
      const publicPage = await reader.content();
      assert.match(publicPage, /実証実験の期間はどのくらいを想定していますか。/);
      assert.ok(publicPage.includes(answer));
      assert.ok(!publicPage.includes('Kita Lab Secret'), 'the organisation is named');
      assert.ok(!publicPage.includes('asker@kita-lab.example.jp'), 'the asker is named');
      const told = await mailTo('reader@example.jp', (mail) => mail.text.includes(answer));
      assert.match(
        told.headers.get('list-unsubscribe') ?? '',
        /^<http:\/\/gate\.test(\/en)?\/subscriptions\/unsubscribe\?token=[\w-]+>$/,
      );
      assert.equal(told.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');

      // After the closing date, the draft started earlier cannot be submitted, and says why.
      gate.clock.set(new Date('2026-12-05T01:00:00Z'));
      await proposer.goto(`${base}${p}/signin`);
      await fill(proposer, '#field-email', 'asker@kita-lab.example.jp');
      await typeInto(proposer, '#field-password', goodPassword);
      await press(proposer, 'form.form button[type=submit]');
      await proposer.goto(draftUrl);
      await press(proposer, 'form button[value=submit]');
      const refused = await proposer.content();
      const closedOn = formatDate('2026-12-04', lang);
      assert.ok(refused.includes(m.callClosedOn(closedOn)), 'no clear refusal');
      await expectAccessible(proposer, 'refused late proposal');
      const stored = await gate.database.db
        .selectFrom('proposal')
        .select(['state', 'receipt_number'])
        .executeTakeFirstOrThrow();
      assert.equal(stored.state, 'draft');
      assert.equal(stored.receipt_number, null);
    });

    it('has no axe violations on the other challenge pages, with and without errors', async () => {
      // Back before the close, with a fresh session (the first test ran the clock ahead).
      gate.clock.set(new Date('2026-12-03T03:00:00Z'));
      const fresh = await staffVisitor(gate, 'office2@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      const office = await pageAs(fresh.visitor);
      const anyone = await pageAs();
      const checks: [Page, string, (page: Page) => Promise<void>][] = [
        [office, '/staff/challenges', async () => undefined],
        [office, '/staff/challenge-calls', async () => undefined],
        [office, '/staff/challenges/new', async () => undefined],
        [
          office,
          '/staff/challenge-calls/new',
          // Sent empty: the page comes back with its error summary.
          async (page) => press(page, 'form.form button[type=submit]'),
        ],
        [
          office,
          '/staff/challenges/new',
          async (page) => press(page, 'form.form button[type=submit]'),
        ],
        [anyone, '/challenges?scope=wide-area', async () => undefined],
        [anyone, '/subscriptions', async (page) => press(page, 'form.form button[type=submit]')],
        [anyone, '/subscriptions/unsubscribe?token=not-a-real-token-at-all', async () => undefined],
      ];
      for (const [page, path, act] of checks) {
        await page.goto(`${base}${p}${path}`);
        assert.ok(page.url().endsWith(`${p}${path}`), `${path} led to ${page.url()}`);
        await act(page);
        await expectAccessible(
          page,
          `${path} after ${act.toString().length > 30 ? 'sending' : 'opening'}`,
        );
      }
      const [challenge] = await gate.database.db
        .selectFrom('challenge')
        .select('id')
        .where('title_ja', '=', '公園の利活用')
        .execute();
      // The hand-over of a free proposal to a partner program, recorded on its own page.
      const asker = await gate.database.db
        .selectFrom('user_account as u')
        .innerJoin('organisation_member as om', 'om.user_id', 'u.id')
        .select(['u.id', 'om.organisation_id'])
        .where('u.email', '=', 'asker@kita-lab.example.jp')
        .executeTakeFirstOrThrow();
      const now = gate.clock.now();
      const free = await gate.database.db
        .insertInto('proposal')
        .values({
          tenant_id: gate.app.gate.tenant().id,
          organisation_id: asker.organisation_id,
          kind: 'free',
          state: 'submitted',
          title: 'AIで除雪の経路を最適化する実証',
          receipt_number: '2026-9001',
          created_by: asker.id,
          updated_by: asker.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await office.goto(`${base}${p}/staff/partner-referrals/proposals/${free.id}`);
      await expectAccessible(office, 'proposal hand-over');
      await tabTo(office, '#field-program', 600);
      await office.keyboard.press('ArrowDown');
      await typeInto(office, '#field-note', 'DXラボの実証枠へ');
      await press(office, 'form.form button[type=submit]');
      assert.ok((await office.content()).includes(m.referred));
      await expectAccessible(office, 'proposal hand-over recorded');

      await office.goto(`${base}${p}/staff/challenges/${challenge!.id}`);
      await press(office, 'form[action$="/referral"] button');
      assert.match((await office.title()) ?? '', /^(エラー|Error)/);
      await expectAccessible(office, 'challenge page with a referral error');
    });
  });
}
