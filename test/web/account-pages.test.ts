import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  goodPassword,
  linkIn,
  proposerVisitor,
  queuedMails,
  staffVisitor,
  tokenOf,
  Visitor,
} from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { count, langOf, titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** The message shown beside a field. */
function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="error-${field}">([^<]*)</p>`).exec(html)?.[1];
}

async function userId(gate: TestGate, email: string): Promise<number> {
  const row = await gate.database.db
    .selectFrom('user_account')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

const inviteAction = '/account/organisation/invitations';
const removeAction = '/account/organisation/members/remove';

for (const kind of testDatabaseKinds()) {
  describe(`organisation members (${kind} database)`, () => {
    let gate: TestGate;

    before(async () => {
      gate = await startGate(kind);
    });
    after(() => gate.close());

    it('lets an organisation admin invite a colleague, who joins, signs in and sees the organisation', async () => {
      const admin = await proposerVisitor(gate, 'admin@minato.example.jp', 'Minato Design Co.');
      const invited = await admin.submit(
        '/account/organisation',
        { email: 'Colleague@Minato.example.jp' },
        inviteAction,
      );
      assert.equal(invited.statusCode, 303);
      assert.equal(location(invited), '/account/organisation');
      const page = await admin.get('/account/organisation');
      assert.match(page.body, /colleague@minato\.example\.jp あてに招待のメールをお送りしました。/);

      const [mail] = await queuedMails(gate, 'memberInvitation', 'colleague@minato.example.jp');
      assert.ok(mail, 'an invitation e-mail');
      assert.equal(mail.lang, 'ja');
      assert.equal(mail.params.organisation, 'Minato Design Co.');
      const link = String(mail.params.link);
      assert.match(link, /^http:\/\/gate\.test\/join\?token=/);

      const colleague = new Visitor(gate.app);
      const join = await colleague.get(link.replace('http://gate.test', ''));
      assert.equal(join.statusCode, 200);
      assert.match(join.body, /Minato Design Co\./);
      assert.match(join.body, /colleague@minato\.example\.jp/);
      const password = 'a new member passphrase 8';
      const joined = await colleague.post('/join', {
        token: tokenOf(link),
        name: 'Jiro Minato',
        password,
        passwordConfirm: password,
      });
      assert.equal(joined.statusCode, 303);
      assert.equal(location(joined), '/signin');
      const signInPage = await colleague.get('/signin');
      assert.match(signInPage.body, /Minato Design Co\./);

      const signedIn = await colleague.signIn('colleague@minato.example.jp', password);
      assert.equal(location(signedIn), '/account');
      const account = await colleague.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /<dd>Minato Design Co\.<\/dd>/);
      assert.match(account.body, /<dd>メンバー<\/dd>|<dd>Member<\/dd>/);
      const organisation = await colleague.get('/account/organisation');
      assert.equal(organisation.statusCode, 200);
      assert.match(organisation.body, /<dd>Minato Design Co\.<\/dd>/);
      assert.match(organisation.body, /admin@minato\.example\.jp/);
      assert.match(organisation.body, /Jiro Minato/);

      // The link works once.
      const again = await new Visitor(gate.app).get(link.replace('http://gate.test', ''));
      assert.equal(again.statusCode, 410);
    });

    it('does not let a plain member invite or remove anyone', async () => {
      const admin = await proposerVisitor(gate, 'admin@kita.example.jp', 'Kita Works');
      await admin.submit('/account/organisation', { email: 'plain@kita.example.jp' }, inviteAction);
      const link = await linkIn(gate, 'memberInvitation', 'plain@kita.example.jp');
      const member = new Visitor(gate.app);
      await member.submit(link.replace('http://gate.test', ''), {
        token: tokenOf(link),
        name: 'Plain Member',
        password: goodPassword,
        passwordConfirm: goodPassword,
      });
      await member.signIn('plain@kita.example.jp');

      const page = await member.get('/account/organisation');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, new RegExp(`action="${inviteAction}"`));
      assert.doesNotMatch(page.body, new RegExp(`action="${removeAction}"`));

      const invite = await member.post(inviteAction, { email: 'stranger@example.jp' });
      assert.equal(invite.statusCode, 404);
      assert.equal((await queuedMails(gate, 'memberInvitation', 'stranger@example.jp')).length, 0);

      const adminId = await userId(gate, 'admin@kita.example.jp');
      const remove = await member.post(removeAction, { user: String(adminId) });
      assert.equal(remove.statusCode, 404);
      assert.equal((await admin.get('/account')).statusCode, 200);
    });

    it('lets no mail go to strangers from an address nobody has confirmed', async () => {
      const admin = await proposerVisitor(gate, 'admin@tsuki.example.jp', 'Tsuki Works', {
        verified: false,
      });
      const page = await admin.get('/account/organisation');
      assert.match(page.body, /メールアドレスの確認が済んでいません/);
      assert.doesNotMatch(page.body, new RegExp(`action="${inviteAction}"`));
      const invite = await admin.post(inviteAction, { email: 'stranger@tsuki.example.jp' });
      assert.equal(invite.statusCode, 404);
      assert.equal(
        (await queuedMails(gate, 'memberInvitation', 'stranger@tsuki.example.jp')).length,
        0,
      );

      // The confirmation mail can be sent again, but only a few times in a row.
      const before = (await queuedMails(gate, 'verifyEmail', 'admin@tsuki.example.jp')).length;
      for (let i = 0; i < 8; i += 1) {
        await admin.submit('/account', {}, '/account/verification');
      }
      const after = (await queuedMails(gate, 'verifyEmail', 'admin@tsuki.example.jp')).length;
      assert.equal(after - before, 5);
      assert.match((await admin.get('/account')).body, /何度も再送できません/);
    });

    it('refuses to invite a current member, with a message beside the address', async () => {
      const admin = await proposerVisitor(gate, 'admin@nishi.example.jp', 'Nishi Lab');
      await admin.submit(
        '/account/organisation',
        { email: 'member@nishi.example.jp' },
        inviteAction,
      );
      const link = await linkIn(gate, 'memberInvitation', 'member@nishi.example.jp');
      await new Visitor(gate.app).submit(link.replace('http://gate.test', ''), {
        token: tokenOf(link),
        name: 'Nishi Member',
        password: goodPassword,
        passwordConfirm: goodPassword,
      });
      const before = (await queuedMails(gate, 'memberInvitation', 'member@nishi.example.jp'))
        .length;

      for (const email of ['member@nishi.example.jp', 'ADMIN@nishi.example.jp']) {
        const response = await admin.submit('/account/organisation', { email }, inviteAction);
        assert.equal(response.statusCode, 400, email);
        assert.equal(
          fieldError(response.body, 'email'),
          'このメールアドレスのかたは、すでに登録されています。',
          email,
        );
        assert.match(response.body, /<div class="error-summary"/);
        assert.match(response.body, new RegExp(`name="email"[^>]*value="${email}"`));
      }
      assert.equal(
        (await queuedMails(gate, 'memberInvitation', 'member@nishi.example.jp')).length,
        before,
      );
    });

    it('lets the admin remove a member, whose session ends at once', async () => {
      const admin = await proposerVisitor(gate, 'admin@higashi.example.jp', 'Higashi Farm');
      await admin.submit(
        '/account/organisation',
        { email: 'leaving@higashi.example.jp' },
        inviteAction,
      );
      const link = await linkIn(gate, 'memberInvitation', 'leaving@higashi.example.jp');
      const member = new Visitor(gate.app);
      await member.submit(link.replace('http://gate.test', ''), {
        token: tokenOf(link),
        name: 'Leaving Member',
        password: goodPassword,
        passwordConfirm: goodPassword,
      });
      await member.signIn('leaving@higashi.example.jp');
      assert.equal((await member.get('/account')).statusCode, 200);

      const memberId = await userId(gate, 'leaving@higashi.example.jp');
      const removed = await admin.submit(
        '/account/organisation',
        { user: String(memberId) },
        removeAction,
      );
      assert.equal(removed.statusCode, 303);
      assert.equal(location(removed), '/account/organisation');
      const page = await admin.get('/account/organisation');
      assert.match(page.body, /Leaving Member さんをメンバーから外しました。/);
      assert.doesNotMatch(page.body, /leaving@higashi\.example\.jp/);

      const next = await member.get('/account');
      assert.equal(next.statusCode, 303);
      assert.equal(location(next), '/signin');
      const again = await new Visitor(gate.app).signIn('leaving@higashi.example.jp');
      assert.equal(again.statusCode, 401);
    });

    it('does not let an admin remove a member of another organisation', async () => {
      const other = await proposerVisitor(gate, 'admin@minami.example.jp', 'Minami Inc.');
      assert.equal((await other.get('/account')).statusCode, 200);
      const admin = await proposerVisitor(gate, 'admin@kaigan.example.jp', 'Kaigan Ltd.');
      const otherId = await userId(gate, 'admin@minami.example.jp');
      const response = await admin.submit(
        '/account/organisation',
        { user: String(otherId) },
        removeAction,
      );
      assert.equal(response.statusCode, 404);
      assert.equal((await other.get('/account')).statusCode, 200);
    });
  });

  describe(`account pages in Japanese and English (${kind} database)`, () => {
    let gate: TestGate;
    let proposer: Visitor;
    let staff: Visitor;

    before(async () => {
      gate = await startGate(kind);
      proposer = await proposerVisitor(gate, 'pages@example.jp', 'Pages Co.');
      staff = (
        await staffVisitor(gate, 'pages@city.example.jp', [
          { role: 'gateStaff', departmentId: null },
        ])
      ).visitor;
    });
    after(() => gate.close());

    const titles: Record<string, { ja: string; en: string }> = {
      '/account': { ja: 'マイページ', en: 'My page' },
      '/account/password': { ja: 'パスワードの変更', en: 'Change password' },
      '/account/email': { ja: 'メールアドレスの変更', en: 'Change e-mail address' },
      '/account/two-factor': { ja: '2段階認証', en: 'Two-step verification' },
      '/account/sessions': { ja: 'ログイン中の端末', en: 'Where you are signed in' },
      '/account/organisation': {
        ja: '事業者・団体の情報とメンバー',
        en: 'Organisation and members',
      },
      '/staff': { ja: '職員用ページ', en: 'Staff pages' },
      '/signin': { ja: 'ログイン', en: 'Sign in' },
      '/signup': { ja: '事業者・団体の新規登録', en: 'Register your organisation' },
      '/password/forgot': { ja: 'パスワードの再設定', en: 'Reset your password' },
    };
    const common = [
      '/account',
      '/account/password',
      '/account/email',
      '/account/two-factor',
      '/account/sessions',
    ];
    const pages: [who: 'proposer' | 'staff' | 'visitor', paths: string[]][] = [
      ['proposer', [...common, '/account/organisation', '/password/forgot']],
      ['staff', [...common, '/staff', '/password/forgot']],
      ['visitor', ['/signin', '/signup', '/password/forgot']],
    ];

    for (const [who, paths] of pages) {
      for (const path of paths) {
        for (const lang of ['ja', 'en'] as const) {
          const url = lang === 'en' ? `/en${path}` : path;
          it(`shows ${url} to a ${who} in ${lang === 'ja' ? 'Japanese' : 'English'}`, async () => {
            const visitor =
              who === 'proposer' ? proposer : who === 'staff' ? staff : new Visitor(gate.app);
            const response = await visitor.get(url);
            assert.equal(response.statusCode, 200);
            assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
            assert.equal(langOf(response.body), lang);
            const title = titles[path]![lang];
            assert.ok(
              (titleOf(response.body) ?? '').startsWith(`${title} | `),
              `title: ${titleOf(response.body)}`,
            );
            assert.equal(count(response.body, /<h1[ >]/), 1);
            assert.match(response.body, new RegExp(`<h1>${title}</h1>`));
            const other = lang === 'ja' ? 'en' : 'ja';
            const otherUrl = lang === 'ja' ? `/en${path}` : path;
            assert.match(
              response.body,
              new RegExp(`class="lang-switch" href="${otherUrl}" lang="${other}"`),
            );
            if (who !== 'visitor') {
              // The header offers a sign-out in the page's language.
              const signOut = lang === 'en' ? '/en/signout' : '/signout';
              assert.match(response.body, new RegExp(`action="${signOut}"`));
              assert.match(response.body, lang === 'en' ? />Sign out</ : />ログアウト</);
            }
          });
        }
      }
    }

    it('sends a signed-in person from the sign-in and sign-up pages to their own page, in their language', async () => {
      for (const [visitor, home] of [
        [proposer, '/account'],
        [staff, '/staff'],
      ] as const) {
        for (const prefix of ['', '/en']) {
          for (const path of ['/signin', '/signup']) {
            const response = await visitor.get(`${prefix}${path}`);
            assert.equal(response.statusCode, 303, `${prefix}${path}`);
            const expected = path === '/signup' ? '/account' : home;
            assert.equal(location(response), `${prefix}${expected}`, `${prefix}${path}`);
          }
        }
      }
    });
  });
}
