import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildChallenge } from '../support/factories.ts';
import { count } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';
import { testDatabaseKinds } from '../support/database.ts';

for (const kind of testDatabaseKinds()) {
  describe(`feeds and open data (${kind} database)`, () => {
    let gate: TestGate;
    const get = (url: string) => gate.app.inject({ method: 'GET', url });

    before(async () => {
      gate = await startGate(kind);
      await buildChallenge(gate.database.db, {
        title_ja: '=HYPERLINK("http://evil.example","クリック")',
        title_en: 'Commas, "quotes" and\nline breaks',
      });
      await buildChallenge(gate.database.db, {
        title_ja: '雪の<script>alert(1)</script>対策 &amp; 除雪',
      });
      await gate.app.gate.refresh();
    });
    after(() => gate.close());

    it('publishes an Atom feed of challenges in each language with absolute links', async () => {
      const ja = await get('/challenges/feed.atom');
      assert.equal(ja.statusCode, 200);
      assert.match(ja.headers['content-type'] as string, /^application\/atom\+xml/);
      assert.match(ja.body, /^<\?xml/);
      assert.match(ja.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      assert.equal(count(ja.body, /<entry>/), 9);
      // Plain text stays text for feed readers: markup typed into a title is escaped.
      assert.doesNotMatch(ja.body, /<script>/);
      assert.match(ja.body, /雪の&lt;script&gt;alert\(1\)&lt;\/script&gt;対策 &amp;amp; 除雪/);
      assert.match(ja.body, /<link href="http:\/\/gate.test\/challenges\/\d+"/);
      const en = await get('/en/challenges/feed.atom');
      assert.match(en.body, /<link href="http:\/\/gate.test\/en\/challenges\/\d+"/);
      assert.match(en.body, /Commas, &quot;quotes&quot;|Commas, "quotes"/);
    });

    it('publishes only the city’s own and wide-area cases in the case feed', async () => {
      const feed = await get('/cases/feed.atom');
      assert.equal(count(feed.body, /<entry>/), 14);
      assert.doesNotMatch(feed.body, /横浜市/);
    });

    it('writes CSV in UTF-8 with a byte-order mark, CRLF rows and RFC 4180 quoting', async () => {
      const response = await get('/open-data/challenges.csv');
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
      assert.match(response.headers['content-disposition'] as string, /attachment/);
      const bytes = response.rawPayload;
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      assert.match(text, /^id,url,status,title_ja,title_en,/);
      assert.match(text, /\r\n/);
      assert.match(text, /"Commas, ""quotes"" and\nline breaks"/);
    });

    it('neutralises cells that a spreadsheet would run as formulas', async () => {
      const text = (await get('/open-data/challenges.csv')).body;
      assert.match(text, /"'=HYPERLINK\(""http:\/\/evil.example"",""クリック""\)"/);
      assert.doesNotMatch(text, /,"?=HYPERLINK/);
    });

    it('offers the same records as JSON, with the fields and concepts as codes', async () => {
      const response = await get('/open-data/challenges.json');
      assert.match(response.headers['content-type'] as string, /^application\/json/);
      const data = JSON.parse(response.body) as {
        count: number;
        records: { title_ja: string; fields: string[]; theme_call_status: string | null }[];
      };
      assert.equal(data.count, 9);
      const calls = data.records.filter((r) => r.theme_call_status === 'open');
      assert.equal(calls.length, 2);
      assert.ok(data.records.some((r) => r.fields.includes('community')));
    });

    it('marks every case in the open data with its origin and municipality', async () => {
      const data = JSON.parse((await get('/open-data/cases.json')).body) as {
        count: number;
        records: { origin: string; municipality_ja: string }[];
      };
      assert.equal(data.count, 45);
      const other = data.records.filter((r) => r.origin === 'other-city');
      assert.equal(other.length, 31);
      assert.ok(other.every((r) => !r.municipality_ja.startsWith('札幌市')));
      const csv = (await get('/open-data/cases.csv')).body;
      assert.match(csv, /origin,municipality_ja/);
    });
  });
}
