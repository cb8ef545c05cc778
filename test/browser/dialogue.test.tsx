import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  meetingsOf,
  postMessage,
  scheduleMeeting,
  threadOf,
} from '../../src/app/process/dialogue.ts';
import type { ProcessActor } from '../../src/app/process/env.ts';
import { localized, personalContext, sendPersonalPage } from '../../src/web/routes/localized.ts';
import { Layout } from '../../src/web/views/layout.tsx';
import {
  MeetingList,
  MinutesForm,
  ScheduleMeetingForm,
} from '../../src/web/views/process/meetings.tsx';
import { PostForm, Thread } from '../../src/web/views/process/thread.tsx';
import { goodPassword, proposerVisitor, someDepartment } from '../support/accounts.ts';
import { axeViolations, launchBrowser, tabTo, typeInto } from '../support/browser.ts';
import {
  assign,
  dialogueEnv,
  moveThrough,
  proposerActor,
  staffActor,
  storedPdf,
  submittedProposal,
} from '../support/dialogue.ts';
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

async function press(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, 400);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

let proposalId = 0;
let viewerId = 0;

/**
 * A page with the staff's parts of the dialogue (the staff pages are built elsewhere), so
 * that the components are checked with axe as they will be used, errors included.
 */
function staffPartsPage(app: FastifyInstance): void {
  localized(app, 'GET', '/test/dialogue-staff-parts', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const db = app.gate.database.db;
    const tenantId = app.gate.tenant().id;
    const [thread, meetings] = await Promise.all([
      threadOf(db, tenantId, proposalId, { proposerView: false }),
      meetingsOf(db, tenantId, proposalId, { userId: viewerId, proposerView: false }),
    ]);
    const withErrors = (request.query as { errors?: string }).errors === 'yes';
    const errors = (fields: Record<string, string>) => (withErrors ? fields : {});
    return sendPersonalPage(
      reply,
      <Layout ctx={ctx} title="dialogue parts" error={withErrors}>
        <Thread ctx={ctx} proposalId={proposalId} entries={thread} proposerView={false} />
        <PostForm
          ctx={ctx}
          action="/test/post"
          csrf={ctx.csrf!}
          offerNote
          maxFiles={10}
          state={{ values: { body: 'typed', kind: 'note' }, errors: errors({ body: 'x' }) }}
        />
        <MeetingList ctx={ctx} meetings={meetings} proposerView={false} />
        <ScheduleMeetingForm
          ctx={ctx}
          action="/test/meetings"
          csrf={ctx.csrf!}
          state={{ values: { attendees: String(viewerId) }, errors: errors({ date: 'x' }) }}
          attendees={[
            { userId: viewerId, name: 'Writer', side: 'proposer' },
            { userId: viewerId + 1000, name: 'Staff', side: 'city' },
          ]}
        />
        {meetings.map((meeting) => (
          <MinutesForm
            ctx={ctx}
            action="/test/minutes"
            csrf={ctx.csrf!}
            state={{ values: {}, errors: errors({ minutes: 'x' }) }}
            meeting={meeting}
          />
        ))}
      </Layout>,
    );
  });
}

describe('the dialogue in Chromium', () => {
  let gate: TestGate;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let writer: ProcessActor;
  let gateStaff: ProcessActor;

  before(async () => {
    gate = await startGate('embedded', { before: staffPartsPage });
    await gate.app.listen({ port: 0, host: '127.0.0.1' });
    const address = gate.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await proposerVisitor(gate, 'writer@kita-lab.example.jp', 'Kita Lab');
    writer = await proposerActor(gate, 'writer@kita-lab.example.jp');
    viewerId = writer.actor.userId;
    gateStaff = await staffActor(gate, 'gate@city.example.jp', [
      { role: 'gateStaff', departmentId: null },
    ]);
    const lead = await someDepartment(gate, 1);
    const leadStaff = await staffActor(gate, 'lead@city.example.jp', [
      { role: 'departmentStaff', departmentId: lead },
    ]);
    const proposal = await submittedProposal(gate, writer, '地中熱で歩道を温める提案');
    proposalId = proposal.id;
    await assign(gate, proposalId, lead, gateStaff);
    await moveThrough(gate, gateStaff, proposalId, ['screening']);
    const env = dialogueEnv(gate);
    await postMessage(env, leadStaff, proposalId, {
      kind: 'message',
      body: '資料をお送りください。',
      files: [await storedPdf(gate, 'guide.pdf')],
    });
    await postMessage(env, leadStaff, proposalId, { kind: 'note', body: 'メモ', files: [] });
    await scheduleMeeting(env, leadStaff, proposalId, {
      startsAt: new Date('2026-12-10T05:00:00Z'),
      place: '本庁舎 5階 会議室A',
      onlineUrl: 'https://meet.example.jp/room-42',
      purpose: '実施体制の確認',
      attendeeUserIds: [viewerId, leadStaff.actor.userId],
      otherAttendees: '顧問（外部）',
    });
    await moveThrough(gate, gateStaff, proposalId, ['infoRequested'], '体制を教えてください。');
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await gate?.close();
  });

  it('a proposer reads the thread, replies and answers the request by keyboard', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/signin`);
    await typeInto(page, '#field-email', 'writer@kita-lab.example.jp');
    await typeInto(page, '#field-password', goodPassword);
    await press(page, 'form.form button[type=submit]');

    const url = `${base}/my/proposals/${proposalId}`;
    await page.goto(url);
    await expectAccessible(page, 'proposer page, information requested');
    await page.goto(`${base}/en/my/proposals/${proposalId}`);
    await expectAccessible(page, 'proposer page in English');

    await page.goto(url);
    await press(page, '#post button[type=submit]');
    assert.match(await page.title(), /^エラー: /);
    await expectAccessible(page, 'reply form with an error');

    await typeInto(page, '#field-body', '資料は来週お送りします。', 400);
    await press(page, '#post button[type=submit]');
    assert.match(await page.content(), /メッセージを送信しました。/);

    await typeInto(page, '#field-answer', '5名の体制で実施します。', 400);
    await press(page, '#answer button[type=submit]');
    const html = await page.content();
    assert.match(html, /回答を送り、提案を再提出しました。/);
    assert.match(html, /5名の体制で実施します。/);
    await expectAccessible(page, 'proposer page after the answer');
    await page.close();
  });

  it('the staff parts (thread with notes, post, meetings, scheduling, minutes) pass axe', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const path of ['/test/dialogue-staff-parts', '/en/test/dialogue-staff-parts']) {
      await page.goto(`${base}${path}`);
      assert.match(await page.content(), /庁内メモ|Internal note/);
      await expectAccessible(page, path);
      await page.goto(`${base}${path}?errors=yes`);
      await expectAccessible(page, `${path} with errors`);
    }
    await page.close();
  });
});
