import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createStaffUser, revokeRole, setAccountDisabled } from '../../src/app/accounts/staff.ts';
import { totpCode } from '../../src/app/accounts/totp.ts';
import { loadConfig } from '../../src/config/config.ts';
import { buildServer } from '../../src/web/server.ts';
import {
  accountEnv,
  createStaff,
  goodPassword,
  linkIn,
  proposerVisitor,
  queuedMails,
  someDepartment,
  staffVisitor,
  tokenOf,
  Visitor,
} from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { langOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

const minute = 60_000;
const hour = 60 * minute;

/** Moves the gate's clock forward. */
function advance(gate: TestGate, ms: number): void {
  gate.clock.set(new Date(gate.clock.now().getTime() + ms));
}

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** The page without what differs on every response (CSRF tokens, nonces). */
function stable(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
}

/** The message shown beside a field. */
function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="error-${field}">([^<]*)</p>`).exec(html)?.[1];
}

/** The error summary at the top of a form page. */
function errorSummary(html: string): string {
  return /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
}

/** The value an input was rendered with. */
function inputValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return input && /value="([^"]*)"/.exec(input)?.[1];
}

function signUpFields(email: string, overrides: Record<string, string> = {}) {
  return {
    organisationName: 'Kita Robotics',
    organisationKind: 'company',
    corporateNumber: '7000012050002',
    address: '札幌市北区北1条西1丁目',
    website: 'https://kita-robotics.example.jp',
    name: 'Hanako Kita',
    email,
    password: goodPassword,
    passwordConfirm: goodPassword,
    consent: 'yes',
    ...overrides,
  };
}

async function userByEmail(gate: TestGate, email: string) {
  return gate.database.db
    .selectFrom('user_account')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
}

async function countRows(gate: TestGate, table: 'user_account' | 'organisation') {
  const row = await gate.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A six-digit code that is not valid for `secret` around `at`. */
function wrongCode(secret: string, at: Date): string {
  const valid = [-1, 0, 1].map((step) => totpCode(secret, new Date(at.getTime() + step * 30_000)));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!valid.includes(code)) {
      return code;
    }
  }
}

/** A cookie header made of a visitor's cookies (for requests made by hand). */
function cookieHeader(visitor: Visitor): string {
  return [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A new visitor holding a copy of another's cookies: the same browser, replayed. */
function replay(gate: TestGate, cookies: Map<string, string>): Visitor {
  const copy = new Visitor(gate.app);
  for (const [name, value] of cookies) {
    copy.cookies.set(name, value);
  }
  return copy;
}

/** Expects a redirect to the sign-in page (in Japanese), optionally with the time-out flag. */
function assertSentToSignIn(response: LightMyRequestResponse, timeout = false): void {
  assert.equal(response.statusCode, 303, `expected a redirect, got ${response.statusCode}`);
  assert.equal(location(response), timeout ? '/signin?timeout=1' : '/signin');
}

const throttledJa = /ログインの失敗が続いたため、しばらく受け付けを止めています。約(\d+)分後/;

for (const kind of testDatabaseKinds()) {
  describe(`sign-up and e-mail verification (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('refuses bad sign-up input with messages beside the fields and in a summary, keeping what was typed', async () => {
      const visitor = new Visitor(gate.app);
      const before = await countRows(gate, 'user_account');
      const response = await visitor.submit(
        '/signup',
        signUpFields('kita@example.jp', {
          corporateNumber: '7000012050003',
          name: '',
          password: 'password1234',
          passwordConfirm: 'password1234',
          consent: '',
        }),
      );
      assert.equal(response.statusCode, 400);
      const html = response.body;
      assert.match(
        fieldError(html, 'corporateNumber') ?? '',
        /確認用の数字（先頭の1桁）が合いません/,
      );
      assert.match(fieldError(html, 'name') ?? '', /入力してください/);
      assert.match(fieldError(html, 'password') ?? '', /よく使われており/);
      assert.match(fieldError(html, 'consent') ?? '', /チェックを入れてください/);
      const summary = errorSummary(html);
      assert.match(summary, /入力内容を確認してください/);
      assert.match(summary, /4件の項目に誤りがあります/);
      for (const field of ['corporateNumber', 'name', 'password', 'consent']) {
        assert.match(summary, new RegExp(`href="#field-${field}"`), field);
      }
      assert.equal(inputValue(html, 'organisationName'), 'Kita Robotics');
      assert.equal(inputValue(html, 'email'), 'kita@example.jp');
      assert.equal(inputValue(html, 'corporateNumber'), '7000012050003');
      assert.match(html, /<input[^>]*id="field-corporateNumber"[^>]*aria-invalid="true"/);
      assert.equal(await countRows(gate, 'user_account'), before);
      assert.equal((await queuedMails(gate, 'verifyEmail', 'kita@example.jp')).length, 0);
    });

    it('accepts a corporate number with the right check digit, or none, and refuses a wrong one', async () => {
      const visitor = new Visitor(gate.app);
      // Another field in error keeps the sign-up from going through.
      for (const [number, ok] of [
        ['7000012050002', true],
        ['７０００－０１２０－５０００２', true],
        ['', true],
        ['7000012050003', false],
        ['700001205000', false],
      ] as const) {
        const response = await visitor.submit(
          '/signup',
          signUpFields('number@example.jp', { corporateNumber: number, organisationName: '' }),
        );
        assert.equal(response.statusCode, 400, number);
        assert.equal(fieldError(response.body, 'corporateNumber') === undefined, ok, number);
      }
    });

    it('refuses a common password, and a confirmation that does not match', async () => {
      const visitor = new Visitor(gate.app);
      for (const common of ['password1234', 'Qwerty123', '12345678']) {
        const response = await visitor.submit(
          '/en/signup',
          signUpFields('common@example.jp', { password: common, passwordConfirm: common }),
        );
        assert.equal(response.statusCode, 400, common);
        assert.match(fieldError(response.body, 'password') ?? '', /one of the most common/, common);
      }
      const mismatch = await visitor.submit(
        '/en/signup',
        signUpFields('common@example.jp', { passwordConfirm: `${goodPassword}!` }),
      );
      assert.equal(mismatch.statusCode, 400);
      assert.equal(fieldError(mismatch.body, 'password'), undefined);
      assert.match(fieldError(mismatch.body, 'passwordConfirm') ?? '', /same password again/);
      assert.match(errorSummary(mismatch.body), /Password again: Enter the same password/);
      assert.equal(await userByEmail(gate, 'common@example.jp'), undefined);
    });

    it('never sends a typed password back in the page', async () => {
      const visitor = new Visitor(gate.app);
      const response = await visitor.submit(
        '/signup',
        signUpFields('echo@example.jp', { organisationName: '' }),
      );
      assert.equal(response.statusCode, 400);
      assert.doesNotMatch(response.body, new RegExp(goodPassword));
    });

    it('registers an organisation, tells where the mail went, and queues a confirmation in Japanese', async () => {
      const visitor = new Visitor(gate.app);
      const response = await visitor.submit('/signup', signUpFields('Sato@Example.jp'));
      assert.equal(response.statusCode, 303);
      assert.equal(location(response), '/signup/sent');
      const sent = await visitor.get('/signup/sent');
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /sato@example\.jp あてに確認のメールをお送りしました/);
      const user = await userByEmail(gate, 'sato@example.jp');
      assert.ok(user);
      assert.equal(user.email_verified_at, null);
      const mails = await queuedMails(gate, 'verifyEmail', 'sato@example.jp');
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.lang, 'ja');
      assert.match(String(mails[0]!.params.link), /^http:\/\/gate\.test\/verify\?token=.{20,}/);
    });

    it('queues the confirmation in English for a sign-up made in English', async () => {
      const visitor = new Visitor(gate.app);
      const response = await visitor.submit('/en/signup', signUpFields('brown@example.com'));
      assert.equal(response.statusCode, 303);
      assert.equal(location(response), '/en/signup/sent');
      const sent = await visitor.get('/en/signup/sent');
      assert.equal(langOf(sent.body), 'en');
      assert.match(sent.body, /We have sent a confirmation e-mail to brown@example\.com/);
      const [mail] = await queuedMails(gate, 'verifyEmail', 'brown@example.com');
      assert.ok(mail);
      assert.equal(mail.lang, 'en');
      assert.match(String(mail.params.link), /^http:\/\/gate\.test\/en\/verify\?token=/);
    });

    it('answers a sign-up with a registered address exactly like a new one, and only tells the owner', async () => {
      const first = new Visitor(gate.app);
      const fresh = await first.submit('/signup', signUpFields('twice@example.jp'));
      const freshPage = await first.get(location(fresh));
      const users = await countRows(gate, 'user_account');
      const organisations = await countRows(gate, 'organisation');

      const second = new Visitor(gate.app);
      const again = await second.submit(
        '/signup',
        signUpFields('twice@example.jp', {
          organisationName: 'Someone Else Ltd.',
          password: 'another long passphrase 77',
          passwordConfirm: 'another long passphrase 77',
        }),
      );
      assert.equal(again.statusCode, fresh.statusCode);
      assert.equal(location(again), location(fresh));
      const againPage = await second.get(location(again));
      assert.equal(againPage.statusCode, freshPage.statusCode);
      assert.equal(stable(againPage.body), stable(freshPage.body));

      assert.equal(await countRows(gate, 'user_account'), users);
      assert.equal(await countRows(gate, 'organisation'), organisations);
      assert.equal((await queuedMails(gate, 'verifyEmail', 'twice@example.jp')).length, 1);
      const exists = await queuedMails(gate, 'accountExists', 'twice@example.jp');
      assert.equal(exists.length, 1);
      // The account keeps its first password.
      const signIn = await new Visitor(gate.app).signIn('twice@example.jp');
      assert.equal(location(signIn), '/account');
    });

    it('confirms an address only when the button is pressed, and only once', async () => {
      const visitor = new Visitor(gate.app);
      await visitor.submit('/signup', signUpFields('verify@example.jp'));
      const link = await linkIn(gate, 'verifyEmail', 'verify@example.jp');

      const opened = await visitor.get(`/verify?token=${encodeURIComponent(tokenOf(link))}`);
      assert.equal(opened.statusCode, 200);
      assert.equal((opened.body.match(/<form method="post"/g) ?? []).length, 1);
      assert.match(opened.body, /<form method="post" action="\/verify"/);
      assert.equal(inputValue(opened.body, 'token'), tokenOf(link));
      assert.equal((await userByEmail(gate, 'verify@example.jp'))!.email_verified_at, null);
      // Opening the link again (a mail scanner, a second click) still changes nothing.
      await visitor.get(`/verify?token=${encodeURIComponent(tokenOf(link))}`);
      assert.equal((await userByEmail(gate, 'verify@example.jp'))!.email_verified_at, null);

      const confirmed = await visitor.post('/verify', { token: tokenOf(link) });
      assert.equal(confirmed.statusCode, 200);
      assert.match(confirmed.body, /メールアドレスを確認しました/);
      assert.notEqual((await userByEmail(gate, 'verify@example.jp'))!.email_verified_at, null);

      // A used link no longer offers its button; a form posted anyway is refused.
      const reopened = await new Visitor(gate.app).get(
        `/verify?token=${encodeURIComponent(tokenOf(link))}`,
      );
      assert.equal(reopened.statusCode, 410);
      const reused = await new Visitor(gate.app).submit(
        '/signin',
        { token: tokenOf(link) },
        '/verify',
      );
      assert.equal(reused.statusCode, 410);
      assert.match(reused.body, /このリンクは使えません/);
      const english = await new Visitor(gate.app).submit(
        '/en/signin',
        { token: tokenOf(link) },
        '/en/verify',
      );
      assert.equal(english.statusCode, 410);
      assert.match(english.body, /This link cannot be used/);
    });

    it('refuses a confirmation link older than 24 hours', async () => {
      const visitor = new Visitor(gate.app);
      await visitor.submit('/signup', signUpFields('late@example.jp'));
      const link = await linkIn(gate, 'verifyEmail', 'late@example.jp');
      advance(gate, 24 * hour + minute);
      const late = await new Visitor(gate.app).submit(
        '/signin',
        { token: tokenOf(link) },
        '/verify',
      );
      assert.equal(late.statusCode, 410);
      assert.match(late.body, /このリンクは使えません/);
      assert.equal((await userByEmail(gate, 'late@example.jp'))!.email_verified_at, null);
    });
  });

  describe(`password reset and set-up links (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('answers the same for a known and an unknown address, and mails only the known one', async () => {
      await proposerVisitor(gate, 'known@example.jp');
      const known = new Visitor(gate.app);
      const knownAnswer = await known.submit('/password/forgot', { email: 'known@example.jp' });
      const unknown = new Visitor(gate.app);
      const unknownAnswer = await unknown.submit('/password/forgot', {
        email: 'nobody@example.jp',
      });
      assert.equal(knownAnswer.statusCode, 303);
      assert.equal(unknownAnswer.statusCode, knownAnswer.statusCode);
      assert.equal(location(knownAnswer), '/password/forgot/sent');
      assert.equal(location(unknownAnswer), location(knownAnswer));
      const knownPage = await known.get(location(knownAnswer));
      const unknownPage = await unknown.get(location(unknownAnswer));
      assert.equal(knownPage.statusCode, 200);
      assert.equal(unknownPage.statusCode, 200);
      assert.equal(stable(unknownPage.body), stable(knownPage.body));

      assert.equal((await queuedMails(gate, 'passwordReset', 'known@example.jp')).length, 1);
      assert.equal((await queuedMails(gate, 'passwordReset', 'nobody@example.jp')).length, 0);
    });

    it('resets a password through its link once, and ends the sessions signed in before', async () => {
      const before = await proposerVisitor(gate, 'reset@example.jp');
      assert.equal((await before.get('/account')).statusCode, 200);

      await new Visitor(gate.app).submit('/password/forgot', { email: 'reset@example.jp' });
      const link = await linkIn(gate, 'passwordReset', 'reset@example.jp');
      const path = link.replace('http://gate.test', '');
      const visitor = new Visitor(gate.app);
      const page = await visitor.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /reset@example\.jp/);
      // The same link, open in a second tab.
      const secondTab = new Visitor(gate.app);
      assert.equal((await secondTab.get(path)).statusCode, 200);

      const newPassword = 'a brand new morning tide 9';
      const done = await visitor.post('/password/reset', {
        token: tokenOf(link),
        password: newPassword,
        passwordConfirm: newPassword,
      });
      assert.equal(done.statusCode, 303);
      assert.equal(location(done), '/signin');

      assertSentToSignIn(await before.get('/account'));
      assert.equal((await new Visitor(gate.app).signIn('reset@example.jp')).statusCode, 401);
      const signedIn = await new Visitor(gate.app).signIn('reset@example.jp', newPassword);
      assert.equal(location(signedIn), '/account');
      assert.equal((await queuedMails(gate, 'passwordChanged', 'reset@example.jp')).length, 1);

      const again = await secondTab.post('/password/reset', {
        token: tokenOf(link),
        password: 'yet another passphrase 31',
        passwordConfirm: 'yet another passphrase 31',
      });
      assert.equal(again.statusCode, 410);
      assert.match(again.body, /このリンクは使えません/);
      assert.equal((await new Visitor(gate.app).get(path)).statusCode, 410);
    });

    it('lets a reset link expire after 30 minutes', async () => {
      await proposerVisitor(gate, 'slow@example.jp');
      await new Visitor(gate.app).submit('/password/forgot', { email: 'slow@example.jp' });
      const link = await linkIn(gate, 'passwordReset', 'slow@example.jp');
      const path = link.replace('http://gate.test', '');
      advance(gate, 29 * minute);
      const visitor = new Visitor(gate.app);
      assert.equal((await visitor.get(path)).statusCode, 200);
      // The form stays open past the half hour before it is sent.
      advance(gate, 2 * minute);
      const posted = await visitor.post('/password/reset', {
        token: tokenOf(link),
        password: 'a brand new morning tide 9',
        passwordConfirm: 'a brand new morning tide 9',
      });
      assert.equal(posted.statusCode, 410);
      assert.match(posted.body, /このリンクは使えません/);
      assert.equal((await new Visitor(gate.app).get(path)).statusCode, 410);
      assert.equal(location(await new Visitor(gate.app).signIn('slow@example.jp')), '/account');
    });

    it('does not revive an expired staff set-up link through a password reset', async () => {
      const { setupLink } = await createStaffUser(accountEnv(gate), {
        email: 'new.staff@city.example.jp',
        name: 'New Staff',
        lang: 'ja',
        roles: [{ role: 'gateStaff', departmentId: null }],
        sendMail: false,
      });
      advance(gate, 72 * hour + minute);
      const visitor = new Visitor(gate.app);
      const answer = await visitor.submit('/password/forgot', {
        email: 'new.staff@city.example.jp',
      });
      assert.equal(answer.statusCode, 303);
      assert.equal(location(answer), '/password/forgot/sent');
      assert.equal(
        (await queuedMails(gate, 'passwordReset', 'new.staff@city.example.jp')).length,
        0,
      );
      const setupPath = setupLink.replace('http://gate.test', '');
      const opened = await visitor.get(setupPath);
      assert.equal(opened.statusCode, 410);
      assert.match(opened.body, /このリンクは使えません/);
      const posted = await visitor.post('/account/setup', {
        token: tokenOf(setupLink),
        password: goodPassword,
        passwordConfirm: goodPassword,
      });
      assert.equal(posted.statusCode, 410);
      const user = await userByEmail(gate, 'new.staff@city.example.jp');
      assert.equal(user!.password_hash, null);
    });
  });

  describe(`sessions: sign-out, roles, second factor and time-outs (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('kills the old cookie on sign-out', async () => {
      const visitor = await proposerVisitor(gate, 'leaving@example.jp');
      assert.equal((await visitor.get('/account')).statusCode, 200);
      const old = new Map(visitor.cookies);
      const out = await visitor.post('/signout');
      assert.equal(out.statusCode, 303);
      assert.equal(location(out), '/signin?signedout=1');
      const notice = await visitor.get(location(out));
      assert.match(notice.body, /ログアウトしました/);
      assertSentToSignIn(await replay(gate, old).get('/account'));
      assertSentToSignIn(await visitor.get('/account'));
    });

    it('ends the sessions of a staff member whose role is revoked', async () => {
      const department = await someDepartment(gate);
      const { user, visitor } = await staffVisitor(gate, 'revoked@city.example.jp', [
        { role: 'departmentStaff', departmentId: department },
      ]);
      assert.equal((await visitor.get('/staff')).statusCode, 200);
      const role = await gate.database.db
        .selectFrom('staff_role')
        .select('id')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.equal(await revokeRole(gate.database.db, accountEnv(gate), user, role.id), true);
      const next = await visitor.get('/staff');
      assertSentToSignIn(next);
    });

    it('stops a removed role from working on the next request', async () => {
      const { user, visitor } = await staffVisitor(gate, 'gate.staff@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      const staffPage = await visitor.get('/staff');
      assert.equal(staffPage.statusCode, 200);
      assert.match(staffPage.body, /窓口職員/);
      // The role disappears by any means, without the sessions being ended.
      await gate.database.db.deleteFrom('staff_role').where('user_id', '=', user.id).execute();
      const next = await visitor.get('/staff');
      assert.notEqual(next.statusCode, 200, 'a staff member without any role entered /staff');
      assert.ok([303, 404].includes(next.statusCode), `status ${next.statusCode}`);
    });

    it('ends the session of a disabled account at once', async () => {
      const { user, visitor } = await staffVisitor(gate, 'disabled@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      assert.equal((await visitor.get('/staff')).statusCode, 200);
      await setAccountDisabled(gate.database.db, accountEnv(gate), user, true);
      assertSentToSignIn(await visitor.get('/staff'));
      // Disabled by any means: the next request is no longer signed in either.
      const other = await staffVisitor(gate, 'disabled2@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      assert.equal((await other.visitor.get('/account')).statusCode, 200);
      await gate.database.db
        .updateTable('user_account')
        .set({ status: 'disabled' })
        .where('id', '=', other.user.id)
        .execute();
      assertSentToSignIn(await other.visitor.get('/account'));
      // A disabled account cannot sign in again.
      const again = await new Visitor(gate.app).signIn('disabled@city.example.jp');
      assert.equal(again.statusCode, 401);
    });

    it('keeps the staff area closed until the second factor is done', async () => {
      await createStaff(gate, 'enrol@city.example.jp', [{ role: 'gateStaff', departmentId: null }]);
      const visitor = new Visitor(gate.app);
      const password = await visitor.signIn('enrol@city.example.jp');
      assert.equal(password.statusCode, 303);
      assert.equal(location(password), '/signin/enrol');
      assertSentToSignIn(await visitor.get('/staff'));
      assertSentToSignIn(await visitor.get('/account'));
      assertSentToSignIn(await visitor.get('/account/sessions'));
      const enrol = await visitor.get('/signin/enrol');
      assert.equal(enrol.statusCode, 200);
      assert.match(enrol.body, /<h1>2段階認証の設定<\/h1>/);
      assert.match(enrol.body, /data-secret="[A-Z2-7]{16,}"/);
      assert.match(enrol.body, /<img class="qr-code" src="data:image\/svg\+xml;base64,/);

      const secret = /data-secret="([A-Z2-7]+)"/.exec(enrol.body)![1]!;
      const wrong = await visitor.post('/signin/enrol', {
        code: wrongCode(secret, gate.clock.now()),
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(fieldError(wrong.body, 'code') ?? '', /確認コードが正しくない/);
      assertSentToSignIn(await visitor.get('/staff'));

      const done = await visitor.post('/signin/enrol', {
        code: totpCode(secret, gate.clock.now()),
      });
      assert.equal(done.statusCode, 303);
      assert.equal(location(done), '/account/recovery-codes');
      const codes = await visitor.get('/account/recovery-codes');
      assert.equal(
        (codes.body.match(/<li><code>[a-z2-9]{5}-[a-z2-9]{5}<\/code><\/li>/g) ?? []).length,
        10,
      );
      assert.equal((await visitor.get('/staff')).statusCode, 200);
    });

    it('asks an enrolled staff member for a code, refuses a wrong one and a replayed one', async () => {
      const { secret } = await staffVisitor(gate, 'codes@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      advance(gate, 30_000);
      const first = new Visitor(gate.app);
      const password = await first.signIn('codes@city.example.jp');
      assert.equal(location(password), '/signin/verify');
      assertSentToSignIn(await first.get('/staff'));
      const page = await first.get('/signin/verify');
      assert.equal(page.statusCode, 200);

      const wrong = await first.post('/signin/verify', {
        code: wrongCode(secret, gate.clock.now()),
      });
      assert.equal(wrong.statusCode, 401);
      assert.match(fieldError(wrong.body, 'code') ?? '', /確認コードが正しくない/);
      assertSentToSignIn(await first.get('/staff'));

      const code = totpCode(secret, gate.clock.now());
      const ok = await first.post('/signin/verify', { code });
      assert.equal(ok.statusCode, 303);
      assert.equal(location(ok), '/staff');
      assert.equal((await first.get('/staff')).statusCode, 200);

      // Someone who saw the code types it within the same 30 seconds.
      const second = new Visitor(gate.app);
      await second.signIn('codes@city.example.jp');
      await second.get('/signin/verify');
      const replayed = await second.post('/signin/verify', { code });
      assert.equal(replayed.statusCode, 401);
      assert.match(fieldError(replayed.body, 'code') ?? '', /確認コードが正しくない/);
      assertSentToSignIn(await second.get('/staff'));
    });

    it('signs a proposer out after 2 hours without activity, with a message', async () => {
      const visitor = await proposerVisitor(gate, 'idle@example.jp');
      advance(gate, 119 * minute);
      assert.equal((await visitor.get('/account')).statusCode, 200);
      advance(gate, 2 * hour + minute);
      const timedOut = await visitor.get('/account');
      assertSentToSignIn(timedOut, true);
      const page = await visitor.get(location(timedOut));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /一定の時間操作がなかったため、安全のためログアウトしました/);
      assertSentToSignIn(await visitor.get('/account'));
    });

    it('signs a staff member out after 30 minutes without activity, not before', async () => {
      const { visitor } = await staffVisitor(gate, 'idle@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      advance(gate, 29 * minute);
      assert.equal((await visitor.get('/staff')).statusCode, 200);
      advance(gate, 29 * minute);
      assert.equal((await visitor.get('/staff')).statusCode, 200);
      advance(gate, 31 * minute);
      assertSentToSignIn(await visitor.get('/staff'), true);
    });

    it('signs anyone out 12 hours after signing in, however active', async () => {
      const visitor = await proposerVisitor(gate, 'busy@example.jp');
      for (let step = 0; step < 6; step += 1) {
        advance(gate, 110 * minute);
        assert.equal((await visitor.get('/account')).statusCode, 200, `after ${step + 1} steps`);
      }
      advance(gate, 59 * minute); // 11 h 59 min after signing in
      assert.equal((await visitor.get('/account')).statusCode, 200);
      advance(gate, 2 * minute);
      assertSentToSignIn(await visitor.get('/account'), true);

      const { visitor: staff } = await staffVisitor(gate, 'busy@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      for (let step = 0; step < 28; step += 1) {
        advance(gate, 25 * minute);
        assert.equal((await staff.get('/staff')).statusCode, 200, `after ${step + 1} steps`);
      }
      advance(gate, 25 * minute); // 12 h 05 min
      assertSentToSignIn(await staff.get('/staff'), true);
    });

    it('changes a password only with the current one, ending the other sessions but not this one', async () => {
      const visitor = await proposerVisitor(gate, 'change@example.jp');
      const elsewhere = new Visitor(gate.app);
      await elsewhere.signIn('change@example.jp');
      assert.equal((await elsewhere.get('/account')).statusCode, 200);
      const newPassword = 'a quieter river at dusk 2027';

      const wrong = await visitor.submit('/account/password', {
        currentPassword: 'not my password at all',
        password: newPassword,
        passwordConfirm: newPassword,
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(fieldError(wrong.body, 'currentPassword'), 'パスワードが正しくありません。');
      assert.match(errorSummary(wrong.body), /現在のパスワード/);
      assert.equal((await queuedMails(gate, 'passwordChanged', 'change@example.jp')).length, 0);
      assert.equal((await elsewhere.get('/account')).statusCode, 200);

      const changed = await visitor.submit('/account/password', {
        currentPassword: goodPassword,
        password: newPassword,
        passwordConfirm: newPassword,
      });
      assert.equal(changed.statusCode, 303);
      assert.equal(location(changed), '/account');
      const account = await visitor.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /パスワードを変更しました。ほかの端末のログインは終了しました。/);
      assertSentToSignIn(await elsewhere.get('/account'));
      assert.equal((await queuedMails(gate, 'passwordChanged', 'change@example.jp')).length, 1);

      assert.equal((await new Visitor(gate.app).signIn('change@example.jp')).statusCode, 401);
      const fresh = await new Visitor(gate.app).signIn('change@example.jp', newPassword);
      assert.equal(location(fresh), '/account');
    });
  });

  describe(`throttling (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('pauses sign-in after five wrong passwords, even for the right one, then lets it through', async () => {
      await proposerVisitor(gate, 'guessed@example.jp');
      const visitor = new Visitor(gate.app);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const wrong = await visitor.signIn('guessed@example.jp', `wrong guess number ${attempt}`);
        assert.equal(wrong.statusCode, 401, `attempt ${attempt}`);
        assert.match(wrong.body, /メールアドレスまたはパスワードが正しくありません/);
      }
      const paused = await visitor.signIn('guessed@example.jp');
      assert.equal(paused.statusCode, 429);
      assert.match(paused.body, throttledJa);
      assert.equal(inputValue(paused.body, 'email'), 'guessed@example.jp');
      assertSentToSignIn(await visitor.get('/account'));
      advance(gate, 20_000);
      assert.equal((await visitor.signIn('guessed@example.jp')).statusCode, 429);

      advance(gate, 11_000); // 31 s after the fifth failure
      const through = await visitor.signIn('guessed@example.jp');
      assert.equal(through.statusCode, 303);
      assert.equal(location(through), '/account');
      // Signing in forgets the failures: one more mistake is not paused.
      const mistake = await new Visitor(gate.app).signIn('guessed@example.jp', 'typo');
      assert.equal(mistake.statusCode, 401);
      assert.equal((await new Visitor(gate.app).signIn('guessed@example.jp')).statusCode, 303);
    });

    it('never locks an account out for good: at most a 15-minute pause', async () => {
      advance(gate, 2 * hour); // a new hour for this client address
      await proposerVisitor(gate, 'stubborn@example.jp');
      const visitor = new Visitor(gate.app);
      let longest = 0;
      for (let failure = 1; failure <= 12; failure += 1) {
        const wrong = await visitor.signIn('stubborn@example.jp', 'still the wrong password');
        assert.equal(wrong.statusCode, 401, `failure ${failure}`);
        if (failure < 5) {
          continue;
        }
        // Even the right password waits.
        const paused = await visitor.signIn('stubborn@example.jp');
        assert.equal(paused.statusCode, 429, `after failure ${failure}`);
        const minutes = Number(throttledJa.exec(paused.body)?.[1]);
        assert.ok(minutes >= longest && minutes <= 15, `a pause of ${minutes} minutes`);
        longest = minutes;
        // Wait out the pause (the message rounds up to whole minutes).
        advance(gate, minutes * minute + 1000);
      }
      assert.equal(longest, 15);
      const more = await visitor.signIn('stubborn@example.jp', 'still the wrong password');
      assert.equal(more.statusCode, 401); // one more failure counted: paused again
      assert.equal((await visitor.signIn('stubborn@example.jp')).statusCode, 429);
      advance(gate, 16 * minute);
      const through = await visitor.signIn('stubborn@example.jp');
      assert.equal(through.statusCode, 303);
      assert.equal(location(through), '/account');
    });

    it('throttles second-factor codes too', async () => {
      advance(gate, 2 * hour);
      const { secret } = await staffVisitor(gate, 'totp.guess@city.example.jp', [
        { role: 'gateStaff', departmentId: null },
      ]);
      advance(gate, 30_000);
      const visitor = new Visitor(gate.app);
      assert.equal(location(await visitor.signIn('totp.guess@city.example.jp')), '/signin/verify');
      await visitor.get('/signin/verify');
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const wrong = await visitor.post('/signin/verify', {
          code: wrongCode(secret, gate.clock.now()),
        });
        assert.equal(wrong.statusCode, 401, `attempt ${attempt}`);
      }
      const paused = await visitor.post('/signin/verify', {
        code: totpCode(secret, gate.clock.now()),
      });
      assert.equal(paused.statusCode, 429);
      assert.match(paused.body, throttledJa);
      assertSentToSignIn(await visitor.get('/staff'));
      // Recovery codes share the same counter.
      const recovery = await visitor.post('/signin/recovery', { recoveryCode: 'abcde-fghjk' });
      assert.equal(recovery.statusCode, 429);

      advance(gate, 31_000);
      const through = await visitor.post('/signin/verify', {
        code: totpCode(secret, gate.clock.now()),
      });
      assert.equal(through.statusCode, 303);
      assert.equal((await visitor.get('/staff')).statusCode, 200);
    });
  });

  describe(`forms, cookies and headers (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    /** POSTs a form by hand with the visitor's cookies and no `_csrf` field at all. */
    const postWithoutToken = (visitor: Visitor, url: string, fields: Record<string, string>) =>
      gate.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: cookieHeader(visitor),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams(fields).toString(),
      });

    function assertFormExpired(response: LightMyRequestResponse, what: string) {
      assert.equal(response.statusCode, 403, what);
      assert.match(response.body, /送信をやり直してください/, what);
      assert.match(response.body, /もう一度送信してください/, what);
      assert.equal(langOf(response.body), 'ja', what);
    }

    it('refuses a sign-in without a valid form token, and signs nobody in', async () => {
      await proposerVisitor(gate, 'csrf.signin@example.jp');
      const visitor = new Visitor(gate.app);
      await visitor.get('/signin');
      const fields = { email: 'csrf.signin@example.jp', password: goodPassword };
      assertFormExpired(await postWithoutToken(visitor, '/signin', fields), 'no token');
      assertFormExpired(await visitor.post('/signin', { ...fields, _csrf: 'forged' }), 'forged');
      const stranger = new Visitor(gate.app);
      assertFormExpired(await postWithoutToken(stranger, '/signin', fields), 'no session');
      assertSentToSignIn(await visitor.get('/account'));
      const english = await postWithoutToken(visitor, '/en/signin', fields);
      assert.equal(english.statusCode, 403);
      assert.match(english.body, /Please send the form again/);
    });

    it('refuses a sign-up without a valid form token, and creates nothing', async () => {
      const visitor = new Visitor(gate.app);
      await visitor.get('/signup');
      const fields = signUpFields('csrf.signup@example.jp');
      assertFormExpired(await postWithoutToken(visitor, '/signup', fields), 'no token');
      assertFormExpired(await visitor.post('/signup', { ...fields, _csrf: 'forged' }), 'forged');
      assert.equal(await userByEmail(gate, 'csrf.signup@example.jp'), undefined);
      assert.equal((await queuedMails(gate, 'verifyEmail', 'csrf.signup@example.jp')).length, 0);
    });

    it('refuses a sign-out without a valid form token, and stays signed in', async () => {
      const visitor = await proposerVisitor(gate, 'csrf.signout@example.jp');
      await visitor.get('/account');
      assertFormExpired(await postWithoutToken(visitor, '/signout', {}), 'no token');
      assertFormExpired(await visitor.post('/signout', { _csrf: 'forged' }), 'forged');
      assert.equal((await visitor.get('/account')).statusCode, 200);
    });

    it('refuses a password change without a valid form token, and keeps the password', async () => {
      const visitor = await proposerVisitor(gate, 'csrf.password@example.jp');
      await visitor.get('/account/password');
      const before = await userByEmail(gate, 'csrf.password@example.jp');
      const fields = {
        currentPassword: goodPassword,
        password: 'a quieter river at dusk 2027',
        passwordConfirm: 'a quieter river at dusk 2027',
      };
      assertFormExpired(await postWithoutToken(visitor, '/account/password', fields), 'no token');
      assertFormExpired(
        await visitor.post('/account/password', { ...fields, _csrf: 'forged' }),
        'forged',
      );
      const after = await userByEmail(gate, 'csrf.password@example.jp');
      assert.equal(after!.password_hash, before!.password_hash);
      assert.equal(
        (await queuedMails(gate, 'passwordChanged', 'csrf.password@example.jp')).length,
        0,
      );
      assert.equal((await visitor.get('/account')).statusCode, 200);
    });

    it('keeps the session in an HttpOnly, SameSite=Lax cookie for the whole site', async () => {
      const response = await gate.app.inject({ method: 'GET', url: '/signin' });
      const cookie = [response.headers['set-cookie'] ?? []]
        .flat()
        .find((header) => header.startsWith('gate-session='));
      assert.ok(cookie, 'a session cookie');
      assert.match(cookie, /;\s*HttpOnly/i);
      assert.match(cookie, /;\s*SameSite=Lax/i);
      assert.match(cookie, /;\s*Path=\/(;|$)/);
      assert.doesNotMatch(cookie, /;\s*(Max-Age|Expires|Domain)=/i);
    });

    it('uses a Secure __Host- cookie when the gate is served over HTTPS', async () => {
      const config = loadConfig({
        PUBLIC_URL: 'https://gate.example.jp',
        DATA_DIR: gate.database.dataDir,
        LOG_LEVEL: 'silent',
      });
      const app = await buildServer({
        config,
        database: gate.database,
        clock: gate.clock,
        refreshInterval: 0,
      });
      await app.ready();
      try {
        const https = { 'x-forwarded-proto': 'https' };
        const page = await app.inject({ method: 'GET', url: '/signin', headers: https });
        assert.equal(page.statusCode, 200);
        const cookie = [page.headers['set-cookie'] ?? []]
          .flat()
          .find((header) => header.startsWith('__Host-gate-session='));
        assert.ok(cookie, `a __Host- session cookie: ${String(page.headers['set-cookie'])}`);
        assert.match(cookie, /;\s*Secure/i);
        assert.match(cookie, /;\s*HttpOnly/i);
        assert.match(cookie, /;\s*SameSite=Lax/i);
        assert.match(cookie, /;\s*Path=\/(;|$)/);
        assert.doesNotMatch(cookie, /;\s*Domain=/i);

        // Signing in works with that cookie.
        await proposerVisitor(gate, 'https@example.jp');
        const jar = cookie.split(';')[0]!;
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
        const signIn = await app.inject({
          method: 'POST',
          url: '/signin',
          headers: {
            ...https,
            cookie: jar,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams({
            _csrf: csrf,
            email: 'https@example.jp',
            password: goodPassword,
          }).toString(),
        });
        assert.equal(signIn.statusCode, 303);
        assert.equal(location(signIn), '/account');
        const signedIn = [signIn.headers['set-cookie'] ?? []]
          .flat()
          .find((header) => header.startsWith('__Host-gate-session='));
        assert.ok(signedIn);
        const account = await app.inject({
          method: 'GET',
          url: '/account',
          headers: { ...https, cookie: signedIn.split(';')[0]! },
        });
        assert.equal(account.statusCode, 200);
      } finally {
        await app.close();
      }
    });

    it('sends account pages with a strict content security policy and no caching', async () => {
      const visitor = await proposerVisitor(gate, 'headers@example.jp');
      const first = await visitor.get('/account');
      const second = await visitor.get('/account/password');
      for (const response of [first, second]) {
        assert.equal(response.statusCode, 200);
        const csp = String(response.headers['content-security-policy'] ?? '');
        assert.match(csp, /(^|;)\s*script-src [^;]*'nonce-[A-Za-z0-9+/=_-]{16,}'/);
        assert.doesNotMatch(csp, /script-src [^;]*'unsafe-inline'/);
        assert.match(csp, /(^|;)\s*frame-ancestors 'none'/);
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
        assert.match(
          String(response.headers['referrer-policy'] ?? ''),
          /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
        );
        assert.match(String(response.headers['cache-control'] ?? ''), /no-store/);
      }
      const nonce = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))?.[1];
      assert.notEqual(
        nonce(first.headers['content-security-policy']),
        nonce(second.headers['content-security-policy']),
      );
    });
  });
}
