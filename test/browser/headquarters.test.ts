import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ProcessActor } from '../../src/app/process/env.ts';
import {
  addExpertOpinion,
  addToAgenda,
  createSession,
} from '../../src/app/process/headquarters.ts';
import type { RoleGrant } from '../../src/domain/policy.ts';
import { proposerVisitor, staffVisitor, type Visitor } from '../support/accounts.ts';
import { axeViolations, launchBrowser, tabTo, typeInto } from '../support/browser.ts';
import { authorOf, escalatedProposal, processCast, processEnv } from '../support/headquarters.ts';
import { startGate, type TestGate } from '../support/server.ts';

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
  // 320 CSS pixels is a 1280-pixel window at 400%; 200% zoom is well inside it.
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label}: ${overflow}px wider than a 320px screen`);
}

describe('headquarters meeting in Chromium', () => {
  let gate: TestGate;
  let browser: Browser;
  let base: string;
  let secretariat: BrowserContext;
  let member: BrowserContext;
  let sessionId: number;
  let itemId: number;

  /** A browser context carrying the session of a visitor signed in through inject. */
  async function contextOf(visitor: Visitor): Promise<BrowserContext> {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies(
      [...visitor.cookies].map(([name, value]) => ({ name, value, url: base })),
    );
    return context;
  }

  async function staff(email: string, roles: RoleGrant[]) {
    const { user, visitor } = await staffVisitor(gate, email, roles);
    const tenantId = gate.app.gate.tenant().id;
    const actor: ProcessActor = {
      actor: { kind: 'staff', userId: user.id, tenantId, roles },
      email,
    };
    return { actor, context: await contextOf(visitor) };
  }

  before(async () => {
    gate = await startGate('embedded');
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
    await proposerVisitor(gate, 'snow@example.jp', 'Snow Works Co.');
    const author = await authorOf(gate, 'snow@example.jp');
    const cast = await processCast(gate, 'browser');
    const proposalId = await escalatedProposal(gate, cast, author, '雪たい積場の共同利用');
    const gateStaff = await staff('secretariat@city.example.jp', [
      { role: 'gateStaff', departmentId: null },
    ]);
    const hq = await staff('member@city.example.jp', [
      { role: 'headquartersMember', departmentId: null },
    ]);
    secretariat = gateStaff.context;
    member = hq.context;
    const env = processEnv(gate);
    const session = await createSession(env, gateStaff.actor, {
      heldOn: '2026-12-03',
      title: '第3回官民連携推進本部会議',
      place: '本庁舎18階',
      memberIds: [hq.actor.actor.userId],
    });
    assert.ok(session.ok);
    sessionId = session.sessionId;
    const item = await addToAgenda(env, gateStaff.actor, sessionId, proposalId, '資料は事前配布');
    assert.ok(item.ok);
    itemId = item.itemId;
    const opinion = await addExpertOpinion(env, gateStaff.actor, sessionId, itemId, {
      expertName: '北 太郎',
      affiliation: '北海道大学',
      body: '範囲を区切った実証を勧めます。',
      file: null,
    });
    assert.ok(opinion.ok);
    // A second escalated proposal, so the add-to-agenda form has something to offer.
    await escalatedProposal(gate, cast, author, '除雪車の位置情報の公開');
  });
  after(async () => {
    await secretariat?.close();
    await member?.close();
    await browser?.close();
    await gate?.close();
  });

  it('has accessible secretariat pages in both languages, forms with errors included', async () => {
    const page = await secretariat.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const prefix of ['', '/en']) {
      for (const path of [
        '/staff/headquarters',
        '/staff/headquarters/new',
        `/staff/headquarters/${sessionId}`,
        `/staff/headquarters/${sessionId}/edit`,
        `/staff/headquarters/${sessionId}/items/${itemId}`,
        `/staff/headquarters/${sessionId}/packet`,
      ]) {
        const response = await page.goto(`${base}${prefix}${path}`);
        assert.equal(response?.status(), 200, `${prefix}${path}`);
        await expectAccessible(page, `${prefix}${path}`);
      }
    }
    await page.goto(`${base}/staff/headquarters/new`);
    await typeInto(page, '#field-heldOn', '2026-02-30');
    await tabTo(page, 'form.form button[type=submit]', 40);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.title(), /^エラー: /);
    assert.equal(await page.inputValue('#field-heldOn'), '2026-02-30');
    await expectAccessible(page, 'new session with errors');
    await page.close();
  });

  it('lets a member record a decision by keyboard alone', async () => {
    const page = await member.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/staff/headquarters/${sessionId}/items/${itemId}`);
    await expectAccessible(page, 'item page for a member');
    await tabTo(page, 'form.form button[type=submit]', 200);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.title(), /^エラー: /);
    await expectAccessible(page, 'decision with errors');

    await tabTo(page, 'input[type=radio][name="outcome"]', 200);
    await page.keyboard.press('Space');
    assert.ok(await page.locator('input[name="outcome"][value="adopted"]').isChecked());
    await typeInto(page, '#field-reason', '全庁で取り組む価値があると判断しました。', 40);
    await tabTo(page, 'form.form button[type=submit]', 40);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.content(), /決定を記録しました。/);
    await expectAccessible(page, 'item page after the decision');
    await page.close();
  });
});
