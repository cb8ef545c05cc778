import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { proposerVisitor, Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { tinyPdf } from '../support/multipart.ts';
import { startGate, type TestGate } from '../support/server.ts';

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

/** The fields of a complete proposal, as the form posts them. */
async function completeFields(gate: TestGate, title: string): Promise<[string, string][]> {
  const db = gate.database.db;
  const field = await db.selectFrom('field').select('id').executeTakeFirstOrThrow();
  const grounds = await db.selectFrom('eligibility_ground').select('code').execute();
  return [
    ['version', '1'],
    ['title', title],
    ['summary', '雪の歩道を温めます。'],
    ['section-problem', '冬の転倒事故が多いこと'],
    ['section-approach', '地中熱を使います'],
    ['section-effects', '転倒が減ります'],
    ['section-contribution', '機器と技術者を出します'],
    ...sections.flatMap((s): [string, string][] => [
      [`disclosure-${s}`, s === 'approach' ? 'confidential' : 'disclosable'],
      [`disclosureReason-${s}`, s === 'approach' ? '独自の施工方法のため' : ''],
    ]),
    ['indicator-0-name', '転倒件数'],
    ['indicator-0-target', '30'],
    ['indicator-0-unit', '%減'],
    ['indicator-1-name', '除雪費用'],
    ['indicator-1-target', '10'],
    ['indicator-1-unit', '%減'],
    ['burdenKind', 'none'],
    ['fields', String(field.id)],
    ...grounds.map((g): [string, string] => ['eligibility', g.code]),
    ['privacy', 'yes'],
  ];
}

for (const kind of testDatabaseKinds()) {
  describe(`the proposal form (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('keeps a new draft with its files, then submits it and gives a receipt number', async () => {
      const proposer = await proposerVisitor(gate, 'form@example.jp', 'Form Co.');
      const page = await proposer.get('/proposals/new');
      assert.equal(page.statusCode, 200);
      const fields = await completeFields(gate, '歩道の融雪');
      const saved = await proposer.postMultipart(
        '/proposals/new',
        [
          ...fields,
          ['upload-0-disclosure', 'confidential'],
          ['upload-1-disclosure', 'disclosable'],
          ['action', 'save'],
        ],
        [
          {
            name: 'upload-0-file',
            filename: '技術資料.pdf',
            content: tinyPdf,
            type: 'application/pdf',
          },
          {
            name: 'upload-1-file',
            filename: 'overview.pdf',
            content: tinyPdf,
            type: 'application/pdf',
          },
        ],
      );
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
      const editUrl = String(saved.headers.location);
      assert.match(editUrl, /^\/proposals\/\d+\/edit$/);
      const edit = await proposer.get(editUrl);
      assert.match(edit.body, /技術資料\.pdf/);
      assert.match(edit.body, /overview\.pdf/);
      assert.match(edit.body, /value="歩道の融雪"/);
      const marks = await gate.database.db
        .selectFrom('proposal_attachment')
        .select(['file_name', 'disclosure'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        marks
          .filter((m) => m.file_name.endsWith('.pdf'))
          .map((m) => m.disclosure)
          .slice(-2),
        ['confidential', 'disclosable'],
      );

      const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '0';
      const submitted = await proposer.postMultipart(editUrl, [
        ...fields.map(([k, v]): [string, string] => (k === 'version' ? [k, version] : [k, v])),
        ['action', 'submit'],
      ]);
      assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 800));
      const view = await proposer.get(String(submitted.headers.location));
      assert.match(view.body, /2026-\d{4}/);
    });

    it('refuses a file that is too large or not what its name says, keeping everything typed', async () => {
      const proposer = await proposerVisitor(gate, 'files@example.jp', 'Files Co.');
      await proposer.get('/proposals/new');
      const response = await proposer.postMultipart(
        '/proposals/new',
        [
          ['version', '1'],
          ['title', 'ファイルの確認'],
          ['section-problem', '残してほしい文章'],
          ['action', 'save'],
        ],
        [
          {
            name: 'upload-0-file',
            filename: 'big.pdf',
            content: Buffer.concat([tinyPdf, Buffer.alloc(21 * 1024 * 1024)]),
          },
          {
            name: 'upload-1-file',
            filename: 'page.pdf',
            content: Buffer.from('<html><script>x</script></html>'),
          },
        ],
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /big\.pdf/);
      assert.match(response.body, /page\.pdf/);
      assert.match(response.body, /value="ファイルの確認"/);
      assert.match(response.body, /残してほしい文章/);
      const files = await fs
        .readdir(path.join(gate.database.dataDir, 'files'), { recursive: true })
        .catch(() => []);
      const stored = await gate.database.db
        .selectFrom('proposal_attachment')
        .select('storage_key')
        .execute();
      // Only files that were accepted are on disk (none of these two).
      assert.equal(files.filter((f) => /[0-9a-f-]{36}$/.test(String(f))).length, stored.length);
    });

    it('tells a second member that the draft changed since they opened it, and keeps their text', async () => {
      const proposer = await proposerVisitor(gate, 'conflict@example.jp', 'Conflict Co.');
      await proposer.get('/proposals/new');
      const created = await proposer.postMultipart('/proposals/new', [
        ['version', '1'],
        ['title', 'first'],
        ['action', 'save'],
      ]);
      const editUrl = String(created.headers.location);
      await proposer.get(editUrl);
      const first = await proposer.postMultipart(editUrl, [
        ['version', '2'],
        ['title', 'saved by a colleague'],
        ['action', 'save'],
      ]);
      assert.equal(first.statusCode, 303);
      const second = await proposer.postMultipart(editUrl, [
        ['version', '2'],
        ['title', 'my own words'],
        ['action', 'save'],
      ]);
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /value="my own words"/);
    });

    it('refuses a theme proposal after its call has closed, saying why', async () => {
      const proposer = await proposerVisitor(gate, 'theme@example.jp', 'Theme Co.');
      const call = await gate.database.db
        .selectFrom('theme_call')
        .select(['challenge_id', 'closes_on'])
        .orderBy('closes_on', 'desc')
        .executeTakeFirstOrThrow();
      const page = await proposer.get(`/proposals/new?challenge=${call.challenge_id}`);
      assert.equal(page.statusCode, 200);
      const fields = await completeFields(gate, 'テーマ型の提案');
      const saved = await proposer.postMultipart('/proposals/new', [
        ['challenge', String(call.challenge_id)],
        ...fields,
        ['action', 'save'],
      ]);
      assert.equal(saved.statusCode, 303);
      const editUrl = String(saved.headers.location);
      const edit = await proposer.get(editUrl);
      const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '0';

      // The call closes (its last day was yesterday) while the draft waits.
      const callId = await gate.database.db
        .selectFrom('theme_call')
        .select(['id', 'opens_on', 'question_deadline'])
        .where('challenge_id', '=', call.challenge_id)
        .where('closes_on', '=', call.closes_on)
        .executeTakeFirstOrThrow();
      await gate.database.db
        .updateTable('theme_call')
        .set({ opens_on: '2026-11-01', closes_on: '2026-12-02', question_deadline: null })
        .where('id', '=', callId.id)
        .execute();
      try {
        const late = await proposer.postMultipart(editUrl, [
          ...fields.map(([k, v]): [string, string] => (k === 'version' ? [k, version] : [k, v])),
          ['action', 'submit'],
        ]);
        assert.equal(late.statusCode, 409);
        assert.match(late.body, /受け付けていません/);
        assert.match(late.body, /value="テーマ型の提案"/);
        const again = await proposer.get(`/proposals/new?challenge=${call.challenge_id}`);
        assert.equal(again.statusCode, 410);
      } finally {
        await gate.database.db
          .updateTable('theme_call')
          .set({
            opens_on: callId.opens_on,
            closes_on: call.closes_on,
            question_deadline: callId.question_deadline,
          })
          .where('id', '=', callId.id)
          .execute();
      }
    });

    it('saves a draft in the background for the script, and answers it with the new version', async () => {
      const proposer = await proposerVisitor(gate, 'autosave@example.jp', 'Autosave Co.');
      await proposer.get('/proposals/new');
      const first = await proposer.postMultipart('/proposals/new', [
        ['version', '1'],
        ['title', 'typed a moment ago'],
        ['action', 'autosave'],
      ]);
      assert.equal(first.statusCode, 200);
      const body = JSON.parse(first.body) as { version: number; action: string };
      assert.equal(body.version, 2);
      assert.match(body.action, /^\/proposals\/\d+\/edit$/);
      const page = await proposer.get(body.action);
      assert.match(page.body, /value="typed a moment ago"/);

      const stale = await proposer.postMultipart(body.action, [
        ['version', '1'],
        ['title', 'from an old tab'],
        ['action', 'autosave'],
      ]);
      assert.equal(stale.statusCode, 409);
      assert.ok((JSON.parse(stale.body) as { message: string }).message.length > 0);
    });

    it('saves nothing of a form with mistakes, makes no empty draft, and answers odd requests with 400 or 404', async () => {
      const proposer = await proposerVisitor(gate, 'mistakes@example.jp', 'Mistakes Co.');
      await proposer.get('/proposals/new');
      const before = (await gate.database.db.selectFrom('proposal').select('id').execute()).length;
      const response = await proposer.postMultipart('/proposals/new', [
        ['version', '0'],
        ['title', 'あ'.repeat(201)],
        ['summary', '残る文章'],
        ['burdenKind', 'estimate'],
        ['burden-0-amount', '1000000'],
        ['action', 'save'],
      ]);
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /残る文章/);
      const after = (await gate.database.db.selectFrom('proposal').select('id').execute()).length;
      assert.equal(after, before);

      const huge = await proposer.get('/proposals/99999999999/edit');
      assert.equal(huge.statusCode, 404);
      const hex = await proposer.get('/proposals/0x10/edit');
      assert.equal(hex.statusCode, 404);
      const broken = await gate.app.inject({
        method: 'POST',
        url: '/proposals/new',
        headers: {
          cookie: [...proposer.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': 'multipart/form-data; boundary=xyz',
        },
        payload: `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${proposer.csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="upload-0-file"; filename="a.pdf"\r\n\r\n%PDF-1.7 cut off`,
      });
      assert.equal(broken.statusCode, 400);
    });

    it('makes one proposal of a blank form sent twice (a double click on submit)', async () => {
      const proposer = await proposerVisitor(gate, 'double@example.jp', 'Double Co.');
      const page = await proposer.get('/proposals/new');
      const draftKey = /name="draftKey" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(draftKey);
      const fields: [string, string][] = [
        ['draftKey', draftKey],
        ...(await completeFields(gate, '二度押しの提案')),
        ['action', 'submit'],
      ];
      const [first, second] = await Promise.all([
        proposer.postMultipart('/proposals/new', fields),
        proposer.postMultipart('/proposals/new', fields),
      ]);
      assert.equal(first.statusCode, 303);
      assert.equal(second.statusCode, 303);
      assert.equal(first.headers.location, second.headers.location);
      const rows = await gate.database.db
        .selectFrom('proposal')
        .select(['receipt_number'])
        .where('title', '=', '二度押しの提案')
        .execute();
      assert.equal(rows.length, 1);
      assert.match(String(rows[0]!.receipt_number), /^2026-\d{4}$/);
    });

    it('refuses a form with files that has no CSRF token, keeping no file', async () => {
      const proposer = await proposerVisitor(gate, 'csrf@example.jp', 'Csrf Co.');
      await proposer.get('/proposals/new');
      const before = await gate.database.db.selectFrom('proposal').select('id').execute();
      const response = await proposer.postMultipart(
        '/proposals/new',
        [
          ['version', '1'],
          ['title', 'x'],
          ['action', 'save'],
        ],
        [{ name: 'upload-0-file', filename: 'a.pdf', content: tinyPdf }],
        { csrf: false },
      );
      assert.equal(response.statusCode, 403);
      const after = await gate.database.db.selectFrom('proposal').select('id').execute();
      assert.equal(after.length, before.length);
    });

    it('asks an unconfirmed member to confirm the address first, and sends staff away', async () => {
      const unverified = await proposerVisitor(gate, 'unverified@example.jp', 'Later Co.', {
        verified: false,
      });
      const page = await unverified.get('/proposals/new');
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /メールアドレスの確認が済んでいません/);
      const visitor = await new Visitor(gate.app).get('/proposals/new');
      assert.equal(visitor.statusCode, 303);
    });
  });
}
