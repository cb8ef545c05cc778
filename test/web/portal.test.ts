import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildChallenge } from '../support/factories.ts';
import { count, langOf, titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { portalPages } from '../support/pages.ts';

for (const kind of testDatabaseKinds()) {
  describe(`portal pages (${kind} database)`, () => {
    let gate: TestGate;
    const get = (url: string) => gate.app.inject({ method: 'GET', url });

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    for (const path of portalPages) {
      for (const [prefix, lang] of [
        ['', 'ja'],
        ['/en', 'en'],
      ] as const) {
        const url = prefix + (path === '/' && prefix ? '' : path);
        it(`answers ${url} in ${lang} with one h1 and a switch to the other language`, async () => {
          const response = await get(url);
          assert.equal(response.statusCode, 200);
          assert.match(response.headers['content-type'] as string, /^text\/html; charset=utf-8/);
          assert.equal(langOf(response.body), lang);
          assert.equal(count(response.body, /<h1[ >]/), 1);
          const other = lang === 'ja' ? 'en' : 'ja';
          assert.match(
            response.body,
            new RegExp(`class="lang-switch" href="[^"]*" lang="${other}"`),
          );
        });
      }
    }

    it('shows on the home page the open theme calls, the latest cases and how to propose', async () => {
      const home = await get('/');
      assert.match(home.body, /<h1>SAPPORO CO-CREATION GATE（札幌市官民連携窓口）<\/h1>/);
      assert.equal(count(home.body, /テーマ型募集: 募集中/), 2);
      assert.match(home.body, /提案の方法/);
      assert.match(home.body, /現在、予定しているイベントはありません。/);
      const english = await get('/en');
      assert.match(english.body, /How to propose/);
      assert.match(english.body, /No events are scheduled at the moment./);
    });

    it('describes the twelve partnership methods, the four stages and every proposal state', async () => {
      const methods = await get('/methods');
      assert.equal(count(methods.body, /<li class="card" id="method-/), 12);
      assert.match(methods.body, /ネーミングライツ/);
      assert.equal(count(methods.body, /独自の手続きで進めます/), 2);
      const process = await get('/en/process');
      assert.equal(count(process.body, /<li class="stage">/), 4);
      assert.equal(count(process.body, /<tr><th scope="row">/), 18);
      assert.match(process.body, /Escalated/);
    });

    it('names who may propose, the partner programmes and the partner cities', async () => {
      const about = await get('/about');
      assert.match(about.body, /個人からの提案/);
      assert.match(about.body, /札幌DXラボ/);
      assert.match(about.body, /小樽市/);
      assert.match(about.body, /2024年7月23日/);
      const statement = await get('/en/accessibility');
      assert.match(statement.body, /JIS X 8341-3:2016/);
    });

    it('lists the seven seeded challenges of Sapporo, two with an open theme call', async () => {
      const all = await get('/challenges');
      assert.match(all.body, /7件/);
      const calling = await get('/challenges?call=open');
      assert.match(calling.body, /2件/);
      assert.equal(count(calling.body, /テーマ型募集: 募集中/), 2);
    });

    it('filters challenges by field and shows a clear message when nothing matches', async () => {
      const economy = await get('/challenges?field=economy');
      assert.match(economy.body, /1件/);
      const closed = await get('/en/challenges?status=closed');
      assert.match(closed.body, /0 results/);
      assert.match(closed.body, /Nothing matches these filters/);
    });

    it('ignores bad list parameters instead of failing', async () => {
      const page = await get('/challenges?page=abc');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /7件/);
      const deep = await get('/challenges?page=999999999999');
      assert.equal(deep.statusCode, 200);
      const pastTheEnd = await get('/en/cases?scope=other-cities&page=3');
      assert.equal(pastTheEnd.statusCode, 404);
    });

    it('never reflects a script sent in a parameter', async () => {
      const response = await get(
        '/challenges?field=%3Cscript%3Ealert(1)%3C/script%3E&concept=%22%3E%3Cb%3E',
      );
      assert.equal(response.statusCode, 200);
      assert.doesNotMatch(response.body, /<script>alert/);
      assert.doesNotMatch(response.body, /"><b>/);
      const cases = await get('/cases?year=%3Cscript%3E&method=%3Cscript%3E');
      assert.equal(cases.statusCode, 200);
      assert.doesNotMatch(cases.body, /<script>/);
    });

    it('answers an unknown or malformed id with a 404 page in the visitor’s language', async () => {
      for (const url of ['/challenges/999999', '/challenges/abc', '/cases/0', '/nowhere']) {
        const response = await get(url);
        assert.equal(response.statusCode, 404, url);
        assert.equal(langOf(response.body), 'ja');
        assert.match(titleOf(response.body) ?? '', /^エラー: ページが見つかりません/);
      }
      const english = await get('/en/challenges/99999999999999');
      assert.equal(english.statusCode, 404);
      assert.equal(langOf(english.body), 'en');
      assert.match(titleOf(english.body) ?? '', /^Error: Page not found/);
    });

    it('shows a challenge with its theme call period in Japanese dates', async () => {
      const list = await get('/challenges?call=open');
      const id = /href="\/challenges\/(\d+)"/.exec(list.body)?.[1];
      const page = await get(`/challenges/${id}`);
      assert.match(page.body, /テーマ型募集: 募集中/);
      assert.match(page.body, /2026年11月19日から2027年2月1日まで/);
    });

    it('shows the Japanese text marked lang="ja" with a note when English is missing', async () => {
      const id = await buildChallenge(gate.database.db, {
        title_ja: '英語のない課題',
        title_en: null,
      });
      await gate.app.gate.refresh();
      const page = await get(`/en/challenges/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1><span lang="ja">英語のない課題<\/span>/);
      assert.match(page.body, /No English version yet/);
    });

    it('finds challenges and cases by keyword in either language, keeping what was typed', async () => {
      const part = await get('/challenges?q=' + encodeURIComponent('町内会'));
      assert.match(part.body, /1件/);
      assert.match(part.body, /町内会への参加/);
      assert.match(part.body, /name="q" value="町内会"/);
      const inside = await get('/challenges?q=' + encodeURIComponent('加入'));
      assert.match(inside.body, /1件/);
      const english = await get('/en/challenges?q=Neighbourhood%20associations');
      assert.match(english.body, /1 result</);
      assert.match(english.body, /Bring more people into neighbourhood associations/);
      const variant = await get('/challenges?q=' + encodeURIComponent('子供'));
      assert.match(variant.body, /[1-9]件/);
      const none = await get('/challenges?q=' + encodeURIComponent('存在しない語句'));
      assert.match(none.body, /0件/);
      const cases = await get('/cases?q=ANA');
      assert.match(cases.body, /[1-9]件/);
      const escaped = await get('/cases?q=' + encodeURIComponent('"><script>x</script>'));
      assert.equal(escaped.statusCode, 200);
      assert.doesNotMatch(escaped.body, /<script>x/);
    });

    it('keeps Sapporo’s cases apart from other cities’ examples', async () => {
      const own = await get('/cases');
      assert.match(own.body, /14件/);
      assert.doesNotMatch(own.body, /横浜市|福岡市|神戸市/);
      const others = await get('/cases?scope=other-cities');
      assert.match(others.body, /31件/);
      assert.match(others.body, /他都市の参考事例: 横浜市/);
      assert.match(others.body, /札幌市の事例ではありません/);
    });

    it('filters cases by field, method and year', async () => {
      const demos = await get('/en/cases?method=demonstration');
      assert.equal(demos.statusCode, 200);
      assert.match(demos.body, /[1-9]\d* results?/);
      const year = await get('/cases?year=2024');
      assert.match(year.body, /2024年/);
      assert.doesNotMatch(year.body, /card-meta">2023年/);
    });

    it('hides draft, returned and archived challenges from every public path', async () => {
      const db = gate.database.db;
      for (const status of ['draft', 'returned', 'archived'] as const) {
        await buildChallenge(db, {
          status,
          title_ja: `非公開の課題${status}`,
          fieldCode: 'economy',
        });
      }
      await gate.app.gate.refresh();
      const paths = [
        '/challenges',
        '/challenges?field=economy',
        '/en/challenges',
        '/',
        '/challenges/feed.atom',
        '/open-data/challenges.csv',
        '/open-data/challenges.json',
      ];
      for (const path of paths) {
        const response = await get(path);
        assert.doesNotMatch(response.body, /非公開の課題/, path);
      }
      const searched = await get('/challenges?q=' + encodeURIComponent('非公開の課題'));
      assert.match(searched.body, /0件/);
      const hidden = await db
        .selectFrom('challenge')
        .select('id')
        .where('title_ja', 'like', '非公開の課題%')
        .execute();
      for (const { id } of hidden) {
        assert.equal((await get(`/challenges/${id}`)).statusCode, 404);
      }
    });

    it('shows new content once the content version changes, and answers 304 to a fresh ETag', async () => {
      const first = await get('/challenges?status=open');
      const etag = first.headers.etag as string;
      assert.ok(etag);
      const again = await gate.app.inject({
        url: '/challenges?status=open',
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.statusCode, 304);
      await buildChallenge(gate.database.db, { title_ja: '新しく公開した課題' });
      await gate.app.gate.refresh();
      const fresh = await get('/challenges?status=open');
      assert.match(fresh.body, /新しく公開した課題/);
      assert.notEqual(fresh.headers.etag, etag);
    });

    it('sends security headers', async () => {
      const response = await get('/');
      const csp = response.headers['content-security-policy'] as string;
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    });
  });
}
