import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createChallenge } from '../../src/app/challenges/drafting.ts';
import type { ChallengeEnv } from '../../src/app/challenges/env.ts';
import { stepChallenge } from '../../src/app/challenges/review.ts';
import { answerQuestion, saveThemeCall } from '../../src/app/challenges/theme-calls.ts';
import { challengeTextColumns, type ChallengeStep } from '../../src/domain/challenge.ts';
import {
  createStaff,
  proposerVisitor,
  queuedMails,
  tokenOf,
  Visitor,
} from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { startGate, type TestGate } from '../support/server.ts';

/** The paths through which a visitor can learn of a challenge, in both languages. */
const publicPaths = (id: number, word: string) =>
  ['', '/en'].flatMap((prefix) => [
    `${prefix}/`,
    `${prefix}/challenges`,
    `${prefix}/challenges?q=${encodeURIComponent(word)}`,
    `${prefix}/challenges/feed.atom`,
    `${prefix}/challenges/${id}`,
  ]);
const sharedPaths = ['/open-data/challenges.json', '/open-data/challenges.csv', '/sitemap.xml'];

for (const kind of testDatabaseKinds()) {
  describe(`challenges on public paths (${kind} database)`, () => {
    let gate: TestGate;
    let env: ChallengeEnv;
    let departmentId: number;

    before(async () => {
      gate = await startGate(kind);
      const staff = await createStaff(gate, 'office@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      env = {
        db: gate.database.db,
        clock: gate.clock,
        tenantId: gate.app.gate.tenant().id,
        timeZone: 'Asia/Tokyo',
        publicUrl: 'http://gate.test',
        origin: { clientAddress: null, requestId: null },
        actor: { userId: staff.id, email: staff.email },
      };
      const row = await gate.database.db
        .selectFrom('department')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      departmentId = row.id;
    });
    after(async () => gate?.close());

    async function challengeIn(word: string, steps: ChallengeStep[]): Promise<number> {
      const texts = Object.fromEntries(challengeTextColumns.map((c) => [c, ''])) as Record<
        (typeof challengeTextColumns)[number],
        string
      >;
      const id = await createChallenge(env, {
        departmentId,
        challengeCallId: null,
        texts: {
          ...texts,
          title_ja: `課題 ${word}`,
          title_en: `Challenge ${word}`,
          wanted_ja: `${word} を解決したい`,
          situation_ja: `${word} の現状`,
        },
        fieldIds: [],
        conceptIds: [],
      });
      for (const step of steps) {
        const result = await stepChallenge(
          env,
          id,
          step,
          step === 'return' ? '直してください' : null,
        );
        assert.ok(result.ok, `${word}: ${step}`);
      }
      return id;
    }

    async function bodyOf(url: string): Promise<{ status: number; body: string }> {
      const response = await gate.app.inject({ url });
      return { status: response.statusCode, body: response.body };
    }

    it('draft, submitted, returned and archived challenges appear on no public path', async () => {
      const hidden: [string, ChallengeStep[]][] = [
        ['zqxdraft', []],
        ['zqxsubmitted', ['submit']],
        ['zqxreturned', ['submit', 'return']],
        ['zqxarchived', ['publish', 'archive']],
      ];
      const visibleId = await challengeIn('zqxpublished', ['publish']);
      const closedId = await challengeIn('zqxclosed', ['publish', 'close']);
      for (const [word, steps] of hidden) {
        const id = await challengeIn(word, steps);
        for (const url of [...publicPaths(id, word), ...sharedPaths]) {
          const { status, body } = await bodyOf(url);
          // The search page repeats the words searched for; the challenge's texts must not appear.
          for (const text of [`課題 ${word}`, `Challenge ${word}`, `${word} を解決したい`]) {
            assert.ok(!body.includes(text), `${word} appears on ${url}`);
          }
          if (url.endsWith(`/challenges/${id}`)) {
            assert.equal(status, 404, `${url} answers ${status}`);
          } else {
            assert.equal(status, 200, `${url} answers ${status}`);
          }
          if (url === '/sitemap.xml') {
            assert.ok(!body.includes(`/challenges/${id}<`), `${word} is in the sitemap`);
          }
        }
      }
      // The control: a published and a closed challenge are on each of those paths.
      for (const [word, id] of [
        ['zqxpublished', visibleId],
        ['zqxclosed', closedId],
      ] as const) {
        for (const url of [
          ...publicPaths(id, word).filter((u) => !u.endsWith('/')),
          ...sharedPaths,
        ]) {
          const { body } = await bodyOf(url);
          const found =
            url === '/sitemap.xml'
              ? body.includes(`/challenges/${id}<`)
              : body.includes(`課題 ${word}`) || body.includes(`Challenge ${word}`);
          assert.ok(found, `${word} is missing from ${url}`);
        }
      }
    });

    it('questions: a proposer asks until the deadline, the answer is public without the asker, subscribers are told', async () => {
      const id = await challengeIn('zqxquestions', ['publish']);
      await saveThemeCall(env, id, {
        opensOn: '2026-12-01',
        closesOn: '2026-12-20',
        questionDeadline: '2026-12-10',
        conditionsJa: null,
        conditionsEn: null,
        criteriaJa: null,
        criteriaEn: null,
      });

      // A subscriber to every challenge, confirmed by the link in the first mail.
      const reader = new Visitor(gate.app);
      const refused = await reader.submit('/subscriptions', {
        email: 'not-an-address',
        topic: 'all',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /not-an-address/);
      await reader.submit('/subscriptions', { email: 'reader@example.jp', topic: 'all' });
      const [confirm] = await queuedMails(gate, 'subscriptionConfirm', 'reader@example.jp');
      const confirmToken = tokenOf(String(confirm!.params.link));
      // Opening the link only asks; nobody is subscribed by a mail filter following it.
      const opened = await reader.get(`/subscriptions/confirm?token=${confirmToken}`);
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /登録を確定する/);
      const pending = await gate.database.db
        .selectFrom('challenge_subscription')
        .select('confirmed_at')
        .where('email', '=', 'reader@example.jp')
        .executeTakeFirstOrThrow();
      assert.equal(pending.confirmed_at, null);
      const confirmed = await reader.post('/subscriptions/confirm', { token: confirmToken });
      assert.equal(confirmed.statusCode, 200);
      assert.match(confirmed.body, /登録が完了しました/);

      const visitorPage = await bodyOf(`/challenges/${id}`);
      assert.match(
        visitorPage.body,
        /質問するには、事業者・団体のアカウントでログインしてください。/,
      );

      const proposer = await proposerVisitor(gate, 'asker@kita-lab.example.jp', 'Kita Lab Secret');
      await proposer.get(`/challenges/${id}`);
      const empty = await proposer.post(`/challenges/${id}/questions`, { question: '' });
      assert.equal(empty.statusCode, 400);
      const asked = await proposer.post(`/challenges/${id}/questions`, {
        question: '実証実験の期間はどのくらいを想定していますか。',
      });
      assert.equal(asked.statusCode, 303);
      // The same question sent again (a second tab, or Back and send) is asked once.
      const again = await proposer.post(`/challenges/${id}/questions`, {
        question: '実証実験の期間はどのくらいを想定していますか。',
      });
      assert.equal(again.statusCode, 303);
      const copies = await gate.database.db
        .selectFrom('theme_question')
        .select('id')
        .where('question', '=', '実証実験の期間はどのくらいを想定していますか。')
        .execute();
      assert.equal(copies.length, 1);

      const question = await gate.database.db
        .selectFrom('theme_question')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await answerQuestion(env, question.id, {
        ja: '半年程度を想定しています。',
        en: 'About six months.',
      });
      await gate.app.gate.refresh();

      for (const url of [`/challenges/${id}`, `/en/challenges/${id}`]) {
        const { body } = await bodyOf(url);
        assert.match(body, /実証実験の期間はどのくらいを想定していますか。/);
        assert.match(
          body,
          url.startsWith('/en') ? /About six months\./ : /半年程度を想定しています。/,
        );
        assert.ok(!body.includes('Kita Lab Secret'), 'the organisation is named');
        assert.ok(!body.includes('asker@kita-lab.example.jp'), 'the asker is named');
        assert.ok(!body.includes('Member asker'), 'the member is named');
      }
      const told = await queuedMails(gate, 'questionAnswered', 'reader@example.jp');
      assert.equal(told.length, 1);
      assert.match(String(told[0]!.params.unsubscribeLink), /\/subscriptions\/unsubscribe\?token=/);
      assert.equal(
        (await queuedMails(gate, 'questionAnswered', 'asker@kita-lab.example.jp')).length,
        1,
      );

      // After the question deadline the form is gone and a late question is refused clearly.
      gate.clock.set(new Date('2026-12-11T01:00:00Z'));
      assert.match((await bodyOf(`/challenges/${id}`)).body, /質問の受付期限を過ぎたため/);
      await proposer.signIn('asker@kita-lab.example.jp');
      const closedPage = await proposer.get(`/challenges/${id}`);
      assert.ok(!closedPage.body.includes('name="question"'), 'the form is still offered');
      const late = await proposer.post(`/challenges/${id}/questions`, {
        question: '追加の質問です。',
      });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /質問の受付期限を過ぎたため/);
      assert.match(late.body, /追加の質問です。/);

      // One click ends the subscription: by the link, or by the RFC 8058 POST without a form.
      const token = tokenOf(String(told[0]!.params.unsubscribeLink));
      const oneClick = await gate.app.inject({
        method: 'POST',
        url: `/subscriptions/unsubscribe?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.statusCode, 200);
      const row = await gate.database.db
        .selectFrom('challenge_subscription')
        .select('unsubscribed_at')
        .where('email', '=', 'reader@example.jp')
        .executeTakeFirstOrThrow();
      assert.ok(row.unsubscribed_at);
      assert.equal((await bodyOf(`/subscriptions/unsubscribe?token=${token}`)).status, 404);
      // The next day after the close, the cached page says the call has closed by itself.
      gate.clock.set(new Date('2026-12-21T01:00:00Z'));
      const closed = await bodyOf(`/challenges/${id}`);
      assert.match(closed.body, /テーマ型募集: 募集終了/);
      assert.ok(!closed.body.includes(`/proposals/new?challenge=${id}`));
      gate.clock.set(new Date('2026-12-03T01:00:00Z'));
    });

    it('a new challenge is mailed to its subscribers with a one-click unsubscribe header', async () => {
      const reader = new Visitor(gate.app);
      await reader.submit('/en/subscriptions', { email: 'fieldfan@example.jp', topic: 'all' });
      const [confirm] = await queuedMails(gate, 'subscriptionConfirm', 'fieldfan@example.jp');
      assert.equal(confirm!.lang, 'en');
      await reader.get(`/en/subscriptions/confirm?token=${tokenOf(String(confirm!.params.link))}`);
      await reader.post('/en/subscriptions/confirm', {
        token: tokenOf(String(confirm!.params.link)),
      });
      const id = await challengeIn('zqxnews', ['publish']);
      const [news] = await queuedMails(gate, 'newChallenge', 'fieldfan@example.jp');
      assert.equal(news?.params.link, `http://gate.test/en/challenges/${id}`);
      assert.match(
        String(news?.params.unsubscribeLink),
        /^http:\/\/gate\.test\/en\/subscriptions\/unsubscribe\?token=/,
      );
    });
  });
}
