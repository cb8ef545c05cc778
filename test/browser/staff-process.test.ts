import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoleGrant } from '../../src/domain/policy.ts';
import {
  proposerVisitor,
  queuedMails,
  someDepartment,
  staffVisitor,
  type Visitor,
} from '../support/accounts.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { authorOf, submittedProposal, type Author } from '../support/proposals.ts';
import { startGate, type TestGate } from '../support/server.ts';

/**
 * One proposal from the front door to the headquarters meeting's "adopt", and one to "not
 * adopted", each person acting in their own browser session, every page checked with axe in
 * Japanese and in English.
 */
describe('the staff work area in Chromium, from submission to decision', () => {
  let gate: TestGate;
  let browser: Browser;
  let base: string;
  let author: Author;
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};
  let deptA: number;
  let deptB: number;
  let hqUserId: number;
  const checked = new Set<string>();

  /** A browser of its own for someone signed in through inject. */
  async function browserOf(name: string, visitor: Visitor): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies(
      [...visitor.cookies].map(([cookie, value]) => ({ name: cookie, value, url: base })),
    );
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    pages[name] = page;
    return page;
  }

  async function staff(name: string, email: string, roles: RoleGrant[]) {
    const { visitor, user } = await staffVisitor(gate, email, roles);
    await browserOf(name, visitor);
    return user;
  }

  /**
   * Asserts zero axe violations on the page as it is, and once per path on its English
   * version too (then comes back), so every page visited is checked in both languages.
   */
  async function accessible(page: Page, label: string): Promise<void> {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
    const url = new URL(page.url());
    const path = url.pathname.replace(/^\/en(?=\/|$)/, '') || '/';
    const key = path.replace(/\d+/g, 'N');
    if (checked.has(key)) {
      return;
    }
    checked.add(key);
    await page.goto(`${base}/en${path}${url.search}`);
    const english = await axeViolations(page);
    assert.deepEqual(english, [], `${label} (en): ${JSON.stringify(english, null, 2)}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto(`${base}${path}${url.search}`);
  }

  async function open(page: Page, path: string, label = path): Promise<void> {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response?.status(), 200, label);
    await accessible(page, label);
  }

  /** Submits the form holding the field `name` and waits for the page it leads to. */
  async function submitFormOf(page: Page, name: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation(),
      page.locator(`form:has([name="${name}"]) button[type="submit"]`).first().click(),
    ]);
  }

  async function clickButton(page: Page, label: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: label }).click(),
    ]);
  }

  const stateOf = async (id: number) =>
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
    deptA = await someDepartment(gate, 3);
    deptB = await someDepartment(gate, 4);
    await browserOf('proposer', await proposerVisitor(gate, 'snow@example.jp', 'Snow Works'));
    author = await authorOf(gate, 'snow@example.jp');
    await staff('gate', 'gate@city.example.jp', [{ role: 'gateStaff', departmentId: null }]);
    await staff('lead', 'lead@city.example.jp', [{ role: 'departmentStaff', departmentId: deptA }]);
    await staff('support', 'support@city.example.jp', [
      { role: 'departmentStaff', departmentId: deptB },
    ]);
    await staff('approver', 'approver@city.example.jp', [
      { role: 'departmentApprover', departmentId: deptA },
    ]);
    const hq = await staff('hq', 'hq@city.example.jp', [
      { role: 'headquartersMember', departmentId: null },
    ]);
    hqUserId = hq.id;
  });
  after(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    await gate?.close();
  });

  /** Gate staff open the proposal from the inbox and start screening. */
  async function openAndScreen(id: number, title: string) {
    const page = pages.gate!;
    await open(page, '/staff', 'inbox');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: title }).click()]);
    assert.match(page.url(), new RegExp(`/staff/proposals/${id}$`));
    await accessible(page, 'work page (submitted)');
    await clickButton(page, '要件確認を始める');
    assert.equal(await stateOf(id), 'screening');
    await accessible(page, 'work page (screening)');
  }

  /** The lead department's staff write the assessment. */
  async function assess(page: Page) {
    for (const field of ['contribution', 'feasibility', 'strategyFit']) {
      await page.check(`input[name="${field}Rating"][value="high"]`);
      await page.fill(`textarea[name="${field}"]`, '市の計画に沿っており、実現できます。');
    }
    await page.fill('textarea[name="resources"]', '公園の一角と広報の協力');
    await page.fill('textarea[name="outcomeTargets"]', '参加者500人');
    await page.check('input[name="conflict"][value="none"]');
    await submitFormOf(page, 'outcomeTargets');
  }

  it('takes a proposal through information request, review, dialogue and the headquarters to adoption', async () => {
    const { id } = await submittedProposal(gate, author, '雪まつり雪像の再資源化');
    const work = `/staff/proposals/${id}`;
    await openAndScreen(id, '雪まつり雪像の再資源化');

    // Screening: more information is needed.
    const gatePage = pages.gate!;
    await gatePage.check('input[name="outcome"][value="infoRequested"]');
    await gatePage.fill('textarea[name="reason"]', '雪像の運搬費用の見込みを教えてください。');
    await submitFormOf(gatePage, 'outcome');
    assert.equal(await stateOf(id), 'infoRequested');

    // The proposer answers, which resubmits the proposal.
    const proposer = pages.proposer!;
    await open(proposer, `/my/proposals/${id}`, 'proposer page (information requested)');
    assert.match(await proposer.content(), /雪像の運搬費用の見込みを教えてください。/);
    await proposer.fill('textarea[name="answer"]', '運搬は1回あたり約5万円を見込んでいます。');
    await submitFormOf(proposer, 'answer');
    assert.equal(await stateOf(id), 'submitted');

    // Screening again: accepted for review; matching to a lead and a supporting department.
    await open(gatePage, work, 'work page (resubmitted)');
    assert.match(await gatePage.content(), /運搬は1回あたり約5万円を見込んでいます。/);
    await clickButton(gatePage, '要件確認を始める');
    await gatePage.check('input[name="outcome"][value="review"]');
    await submitFormOf(gatePage, 'outcome');
    assert.equal(await stateOf(id), 'review');
    await accessible(gatePage, 'work page (review)');
    await gatePage.selectOption('select[name="lead"]', String(deptA));
    await gatePage.locator('summary', { hasText: '協力部署' }).click();
    await gatePage.check(`input[name="supporting"][value="${deptB}"]`);
    await submitFormOf(gatePage, 'lead');
    assert.equal(
      (await queuedMails(gate, 'proposalAssigned', 'support@city.example.jp')).length,
      1,
    );

    // The lead department starts the dialogue and writes to the proposer.
    const lead = pages.lead!;
    await open(lead, work, 'work page (lead department)');
    await clickButton(lead, '対話を始める');
    assert.equal(await stateOf(id), 'dialogue');
    await lead.fill('textarea[name="body"]', '現地で雪像の保管場所をご説明いただけますか。');
    await submitFormOf(lead, 'body');
    await lead.check('input[name="kind"][value="note"]');
    await lead.fill('textarea[name="body"]', '庁内メモ：運搬費は環境局の予算で賄えるか確認中。');
    await submitFormOf(lead, 'body');
    await lead.fill('input[name="date"]', '2026-12-15');
    await lead.fill('input[name="time"]', '10:00');
    await lead.fill('input[name="place"]', '札幌市役所本庁舎12階');
    await lead.check(`input[name="attendees"][value="${author.userId}"]`);
    await submitFormOf(lead, 'date');
    // A second meeting at the same hour, and minutes of the first shared with the proposer.
    await lead.fill('input[name="date"]', '2026-12-15');
    await lead.fill('input[name="time"]', '10:00');
    await lead.fill('input[name="onlineUrl"]', 'https://meet.example.jp/room-42');
    await submitFormOf(lead, 'date');
    await lead
      .locator('textarea[name="minutes"]')
      .first()
      .fill('保管場所は北区の倉庫に決まりました。');
    await lead.locator('input[name="shared"]').first().check();
    await Promise.all([
      lead.waitForNavigation(),
      lead.locator('form:has(textarea[name="minutes"]) button[type="submit"]').first().click(),
    ]);
    await accessible(lead, 'work page (dialogue with meetings and minutes)');

    // The proposer replies; they see the message and the meeting, never the note.
    await open(proposer, `/my/proposals/${id}`, 'proposer page (dialogue)');
    const mine = await proposer.content();
    assert.match(mine, /現地で雪像の保管場所をご説明いただけますか。/);
    assert.match(mine, /札幌市役所本庁舎12階/);
    assert.match(mine, /保管場所は北区の倉庫に決まりました。/);
    assert.doesNotMatch(mine, /庁内メモ：/);
    await proposer.fill('textarea[name="body"]', 'はい、12月15日に伺います。');
    await submitFormOf(proposer, 'body');
    const notes = await gate.database.db.selectFrom('mail_outbox').select('params').execute();
    assert.ok(notes.every((mail) => !JSON.stringify(mail.params).includes('庁内メモ')));

    // Both departments assess; the lead asks its approver to decide.
    const support = pages.support!;
    await open(support, work, 'work page (supporting department)');
    assert.match(await support.content(), /はい、12月15日に伺います。/);
    await assess(support);
    await open(lead, work, 'work page (assessing)');
    await assess(lead);
    await clickButton(lead, '決裁者に判断を求める');
    assert.equal(await stateOf(id), 'decision');

    // The approver escalates it to the headquarters meeting.
    const approver = pages.approver!;
    await open(approver, work, 'work page (decision)');
    await approver.check('input[name="decision"][value="escalated"]');
    await approver.fill(
      'textarea[name="reason"]',
      '複数の局にまたがるため、本部会議で判断します。',
    );
    await submitFormOf(approver, 'decision');
    assert.equal(await stateOf(id), 'escalated');

    // The gate puts it on a meeting's agenda; a headquarters member decides to adopt it.
    await open(gatePage, '/staff/headquarters/new', 'new headquarters session');
    await gatePage.fill('input[name="heldOn"]', '2026-12-03');
    await gatePage.fill('input[name="title"]', '第4回官民連携推進本部会議');
    await gatePage.check(`input[name="members"][value="${hqUserId}"]`);
    await submitFormOf(gatePage, 'heldOn');
    await accessible(gatePage, 'headquarters session');
    await gatePage.selectOption('select[name="proposalId"]', String(id));
    await submitFormOf(gatePage, 'proposalId');
    const sessionPath = new URL(gatePage.url()).pathname;

    const hq = pages.hq!;
    await open(hq, sessionPath, 'headquarters session (member)');
    await Promise.all([hq.waitForNavigation(), hq.locator('a[href*="/items/"]').first().click()]);
    await accessible(hq, 'headquarters item');
    await hq.check('input[name="outcome"][value="adopted"]');
    await hq.fill('textarea[name="reason"]', '市の重点施策に合うため採用します。');
    await submitFormOf(hq, 'outcome');
    assert.equal(await stateOf(id), 'adopted');

    await open(proposer, `/my/proposals/${id}`, 'proposer page (adopted)');
    const adopted = await proposer.content();
    assert.match(adopted, /市の重点施策に合うため採用します。/);
    assert.match(adopted, /複数の局にまたがるため、本部会議で判断します。/);
  });

  it('takes a second proposal to "not adopted" with a reason the proposer reads', async () => {
    const { id } = await submittedProposal(gate, author, '除雪情報の地図アプリ');
    const work = `/staff/proposals/${id}`;
    await openAndScreen(id, '除雪情報の地図アプリ');
    const gatePage = pages.gate!;
    await gatePage.check('input[name="outcome"][value="review"]');
    await submitFormOf(gatePage, 'outcome');
    await gatePage.selectOption('select[name="lead"]', String(deptA));
    await submitFormOf(gatePage, 'lead');

    const lead = pages.lead!;
    await open(lead, work);
    await clickButton(lead, '対話を始める');
    await assess(lead);
    await clickButton(lead, '決裁者に判断を求める');

    const approver = pages.approver!;
    await open(approver, work);
    // No reason: the form says so and keeps the choice.
    // The page after a refused POST has no address of its own: each language posts once.
    for (const [prefix, message] of [
      ['/en', /Enter a reason\./],
      ['', /理由を入力してください。/],
    ] as const) {
      await approver.goto(`${base}${prefix}${work}`);
      await approver.check('input[name="decision"][value="notAdopted"]');
      await submitFormOf(approver, 'decision');
      const violations = await axeViolations(approver);
      assert.deepEqual(violations, [], `decision form with a problem${prefix}`);
      assert.match(await approver.content(), message);
      assert.ok(await approver.isChecked('input[name="decision"][value="notAdopted"]'));
    }
    await approver.fill(
      'textarea[name="reason"]',
      '既存の除雪情報サービスと重なるため、今回は見送ります。',
    );
    await submitFormOf(approver, 'decision');
    assert.equal(await stateOf(id), 'notAdopted');

    const proposer = pages.proposer!;
    await open(proposer, `/my/proposals/${id}`, 'proposer page (not adopted)');
    assert.match(
      await proposer.content(),
      /既存の除雪情報サービスと重なるため、今回は見送ります。/,
    );
  });
});
