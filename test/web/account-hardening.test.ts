import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { goodPassword, proposerVisitor, Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { startGate, type TestGate } from '../support/server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`odd input and signed-in public pages (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('answers a repeated token in a link with the "link cannot be used" page, not an error', async () => {
      for (const path of ['/verify', '/password/reset', '/account/setup', '/join', '/en/verify']) {
        const response = await new Visitor(gate.app).get(`${path}?token=a&token=b`);
        assert.equal(response.statusCode, 410, path);
      }
    });

    it('drops NUL and other control characters from what is typed instead of failing', async () => {
      const visitor = new Visitor(gate.app);
      const signUp = await visitor.submit('/signup', {
        organisationName: 'Null\u0000 Works',
        organisationKind: 'company',
        corporateNumber: '',
        address: '',
        website: '',
        name: 'Nul\u0000 Person',
        email: 'nul@example.jp',
        password: goodPassword,
        passwordConfirm: goodPassword,
        consent: 'yes',
      });
      assert.equal(signUp.statusCode, 303);
      const organisation = await gate.database.db
        .selectFrom('organisation')
        .select('name')
        .where('name', 'like', 'Null%')
        .executeTakeFirstOrThrow();
      assert.equal(organisation.name, 'Null Works');

      const signIn = await new Visitor(gate.app).submit('/signin', {
        email: 'a\u0000b@example.jp',
        password: 'whatever it is',
      });
      assert.equal(signIn.statusCode, 401);
    });

    it('refuses a name made only of invisible characters, and strips direction overrides', async () => {
      const visitor = new Visitor(gate.app);
      const blank = await visitor.submit('/signup', {
        organisationName: '\u200b\u200b',
        organisationKind: 'company',
        name: '山田\u202e太郎',
        email: 'invisible@example.jp',
        password: goodPassword,
        passwordConfirm: goodPassword,
        consent: 'yes',
      });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /id="error-organisationName"/);

      const stored = await visitor.submit('/signup', {
        organisationName: 'Visible Co.',
        organisationKind: 'company',
        name: '山田\u202e太郎',
        email: 'invisible@example.jp',
        password: goodPassword,
        passwordConfirm: goodPassword,
        consent: 'yes',
      });
      assert.equal(stored.statusCode, 303);
      const user = await gate.database.db
        .selectFrom('user_account')
        .select('name')
        .where('email', '=', 'invisible@example.jp')
        .executeTakeFirstOrThrow();
      assert.equal(user.name, '山田太郎');
    });

    it('shows a signed-in person their own header on public pages, never cached for others', async () => {
      const proposer = await proposerVisitor(gate, 'header@example.jp', 'Header Co.');
      const mine = await proposer.get('/challenges');
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /ログアウト/);
      assert.equal(mine.headers['cache-control'], 'no-store');

      const anonymous = await gate.app.inject({ method: 'GET', url: '/challenges' });
      assert.doesNotMatch(anonymous.body, /ログアウト/);
      assert.match(anonymous.body, /ログイン/);
      const again = await gate.app.inject({ method: 'GET', url: '/challenges' });
      assert.doesNotMatch(again.body, /header@example\.jp|ログアウト/);

      const missing = await proposer.get('/challenges/999999');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /ログアウト/);
    });

    it('forbids framing with both headers browsers know', async () => {
      const response = await new Visitor(gate.app).get('/signin');
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.match(String(response.headers['content-security-policy']), /font-src 'self'/);
    });
  });
}
