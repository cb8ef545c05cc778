import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditActions } from '../../src/app/accounts/audit.ts';
import { adminEn } from '../../src/web/i18n/admin-en.ts';
import { adminJa } from '../../src/web/i18n/admin-ja.ts';
import { proposerVisitor, someDepartment, staffVisitor, Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { count } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

/** Posts a form whose fields may repeat (checkboxes), with the visitor's cookies and token. */
async function postRepeated(
  gate: TestGate,
  visitor: Visitor,
  url: string,
  fields: [string, string][],
) {
  const cookie = [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return gate.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', visitor.csrf], ...fields]).toString(),
  });
}

function location(response: { headers: Record<string, unknown> }): string {
  return String(response.headers.location ?? '');
}

describe('admin catalogues', () => {
  it('name every audit action in Japanese and English', () => {
    for (const action of auditActions) {
      assert.ok(adminJa.actions[action], `ja label for ${action}`);
      assert.ok(adminEn.actions[action], `en label for ${action}`);
    }
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`administration (${kind} database)`, () => {
    let gate: TestGate;
    let admin: Awaited<ReturnType<typeof staffVisitor>>;
    let gateStaff: Awaited<ReturnType<typeof staffVisitor>>;
    const sessionsOf = async (userId: number) =>
      (
        await gate.database.db
          .selectFrom('user_session')
          .select('id_hash')
          .where('user_id', '=', userId)
          .execute()
      ).length;

    before(async () => {
      gate = await startGate(kind);
      admin = await staffVisitor(gate, 'admin@city.test', [
        { role: 'tenantAdmin', departmentId: null },
      ]);
      gateStaff = await staffVisitor(gate, 'gate@city.test', [
        { role: 'gateStaff', departmentId: null },
      ]);
    });
    after(() => gate.close());

    it('sends a visitor to sign in', async () => {
      const visitor = new Visitor(gate.app);
      for (const url of ['/admin', '/admin/users', '/admin/departments', '/admin/audit']) {
        const response = await visitor.get(url);
        assert.equal(response.statusCode, 303, url);
        assert.equal(location(response), '/signin');
      }
      const english = await visitor.get('/en/admin/users/new');
      assert.equal(english.statusCode, 303);
      assert.equal(location(english), '/en/signin');
    });

    it('answers "not found" to staff who are not admins, and records the refusal', async () => {
      const urls = [
        '/admin',
        '/admin/users',
        '/admin/users/new',
        `/admin/users/${admin.user.id}`,
        '/admin/departments',
        '/admin/departments/1',
        '/admin/audit',
        '/en/admin',
      ];
      for (const url of urls) {
        const response = await gateStaff.visitor.get(url);
        assert.equal(response.statusCode, 404, url);
      }
      // A page of theirs with a form, for a valid CSRF token.
      await gateStaff.visitor.get('/account/recovery-codes');
      assert.ok(gateStaff.visitor.csrf);
      const post = await gateStaff.visitor.post('/admin/departments', {
        kind: 'bureau',
        code: 'sneaky',
        nameJa: 'こっそり局',
      });
      assert.equal(post.statusCode, 404);
      const denied = await gate.database.db
        .selectFrom('audit_event')
        .select('target_kind')
        .where('action', '=', 'access.denied')
        .where('actor_user_id', '=', gateStaff.user.id)
        .execute();
      assert.ok(denied.length >= urls.length);
      const created = await gate.database.db
        .selectFrom('department')
        .select('id')
        .where('code', '=', 'sneaky')
        .executeTakeFirst();
      assert.equal(created, undefined);
    });

    it('shows the admin the overview with its three parts, one h1, in both languages', async () => {
      const page = await admin.visitor.get('/admin');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(count(page.body, /<h1[ >]/), 1);
      assert.match(page.body, /href="\/admin\/users"/);
      assert.match(page.body, /href="\/admin\/departments"/);
      assert.match(page.body, /href="\/admin\/audit"/);
      const english = await admin.visitor.get('/en/admin');
      assert.match(english.body, /<h1>Administration<\/h1>/);
      assert.match(english.body, /href="\/en\/admin\/audit"/);
    });

    it('lists staff accounts with status, roles and two-step verification, and filters them', async () => {
      const list = await admin.visitor.get('/admin/users');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /admin@city\.test/);
      assert.match(list.body, /gate@city\.test/);
      assert.match(list.body, /システム管理者/);
      assert.match(list.body, /窓口職員/);
      assert.match(list.body, /設定済み/);
      assert.match(list.body, /<th scope="col">/);
      const filtered = await admin.visitor.get('/admin/users?q=GATE%40');
      assert.match(filtered.body, /gate@city\.test/);
      assert.doesNotMatch(filtered.body, /admin@city\.test/);
      const invited = await admin.visitor.get('/admin/users?status=invited');
      assert.doesNotMatch(invited.body, /gate@city\.test/);
    });

    it('creates a staff account, e-mails the set-up link and shows it once', async () => {
      await admin.visitor.get('/admin/users/new');
      const response = await postRepeated(gate, admin.visitor, '/admin/users/new', [
        ['name', '札幌 花子'],
        ['email', 'Hanako@City.Test'],
        ['lang', 'ja'],
        ['roles', 'gateStaff'],
        ['roles', 'headquartersMember'],
        ['departmentId', ''],
      ]);
      assert.equal(response.statusCode, 303);
      const created = await gate.database.db
        .selectFrom('user_account')
        .selectAll()
        .where('email', '=', 'hanako@city.test')
        .executeTakeFirstOrThrow();
      assert.equal(created.status, 'invited');
      assert.equal(location(response), `/admin/users/${created.id}`);
      const mail = await gate.database.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('to_address', '=', 'hanako@city.test')
        .execute();
      assert.equal(mail.length, 1);
      assert.equal(mail[0]!.template, 'staffSetup');
      const page = await admin.visitor.get(location(response));
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<code class="setup-link">http:\/\/gate\.test\/account\/setup\?token=/,
      );
      assert.match(page.body, /窓口職員/);
      assert.match(page.body, /推進本部会議の構成員/);
      assert.match(page.body, /設定用のリンクを再送する/);
      const again = await admin.visitor.get(location(response));
      assert.doesNotMatch(again.body, /class="setup-link"/);
      const roles = await gate.database.db
        .selectFrom('staff_role')
        .select('role')
        .where('user_id', '=', created.id)
        .execute();
      assert.deepEqual(roles.map((row) => row.role).sort(), ['gateStaff', 'headquartersMember']);
    });

    it('refuses a department role without a department and keeps what was typed', async () => {
      await admin.visitor.get('/admin/users/new');
      const response = await postRepeated(gate, admin.visitor, '/admin/users/new', [
        ['name', '北 太郎'],
        ['email', 'taro@city.test'],
        ['lang', 'en'],
        ['roles', 'departmentStaff'],
        ['departmentId', ''],
      ]);
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /class="error-summary"/);
      assert.match(response.body, /href="#field-departmentId"/);
      assert.match(response.body, /「部署職員」または「部署の決裁者」には、部署を選んでください。/);
      assert.match(response.body, /value="北 太郎"/);
      assert.match(response.body, /value="taro@city\.test"/);
      assert.match(response.body, /value="departmentStaff" checked/);
      assert.match(response.body, /value="en" checked/);
      const none = await admin.visitor.post('/admin/users/new', {
        name: '北 太郎',
        email: 'taro@city.test',
        lang: 'ja',
      });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /役割を一つ以上選んでください。/);
      const taken = await admin.visitor.post('/admin/users/new', {
        name: '重複',
        email: 'gate@city.test',
        lang: 'ja',
        roles: 'gateStaff',
      });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /このメールアドレスのアカウントはすでにあります。/);
      const stored = await gate.database.db
        .selectFrom('user_account')
        .select('id')
        .where('email', '=', 'taro@city.test')
        .executeTakeFirst();
      assert.equal(stored, undefined);
    });

    it('adds and removes roles; removing one ends that person’s sessions', async () => {
      const departmentId = await someDepartment(gate, 2);
      const member = await staffVisitor(gate, 'member@city.test', [
        { role: 'departmentStaff', departmentId },
      ]);
      assert.ok((await sessionsOf(member.user.id)) > 0);
      const page = await admin.visitor.get(`/admin/users/${member.user.id}`);
      assert.equal(page.statusCode, 200);
      const roleId = /name="roleId" value="(\d+)"/.exec(page.body)?.[1];
      assert.ok(roleId);
      const removed = await admin.visitor.post(`/admin/users/${member.user.id}/roles/remove`, {
        roleId,
      });
      assert.equal(removed.statusCode, 303);
      assert.equal(await sessionsOf(member.user.id), 0);
      const signedOut = await member.visitor.get('/admin');
      assert.equal(signedOut.statusCode, 303);
      const after = await admin.visitor.get(`/admin/users/${member.user.id}`);
      assert.match(after.body, /役割を外しました。/);
      assert.match(after.body, /役割なし/);

      const missing = await admin.visitor.post(`/admin/users/${member.user.id}/roles`, {
        role: 'departmentApprover',
        departmentId: '',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /部署を選んでください/);
      const added = await admin.visitor.post(`/admin/users/${member.user.id}/roles`, {
        role: 'departmentApprover',
        departmentId: String(departmentId),
      });
      assert.equal(added.statusCode, 303);
      const audit = await gate.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_id', '=', String(member.user.id))
        .where('action', 'in', ['role.granted', 'role.revoked'])
        .where('actor_user_id', '=', admin.user.id)
        .execute();
      assert.deepEqual(audit.map((row) => row.action).sort(), ['role.granted', 'role.revoked']);
    });

    it('lets an admin disable others but never themselves', async () => {
      const own = await admin.visitor.get(`/admin/users/${admin.user.id}`);
      assert.equal(own.statusCode, 200);
      assert.doesNotMatch(own.body, /\/disable"/);
      assert.doesNotMatch(own.body, /「システム管理者」の役割を外す/);
      assert.match(own.body, /ご自身のアカウントは停止できません。/);
      const refused = await admin.visitor.post(`/admin/users/${admin.user.id}/disable`);
      assert.equal(refused.statusCode, 404);

      const other = await staffVisitor(gate, 'other@city.test', [
        { role: 'gateStaff', departmentId: null },
      ]);
      const page = await admin.visitor.get(`/admin/users/${other.user.id}`);
      assert.match(page.body, /アカウントを停止する/);
      const disabled = await admin.visitor.post(`/admin/users/${other.user.id}/disable`);
      assert.equal(disabled.statusCode, 303);
      const row = await gate.database.db
        .selectFrom('user_account')
        .select('status')
        .where('id', '=', other.user.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'disabled');
      assert.equal(await sessionsOf(other.user.id), 0);
      const enabled = await admin.visitor.submit(
        `/admin/users/${other.user.id}`,
        {},
        `/admin/users/${other.user.id}/enable`,
      );
      assert.equal(enabled.statusCode, 303);
    });

    it('answers "not found" for a proposer account and an unknown id', async () => {
      await proposerVisitor(gate, 'proposer@example.jp');
      const proposer = await gate.database.db
        .selectFrom('user_account')
        .select('id')
        .where('email', '=', 'proposer@example.jp')
        .executeTakeFirstOrThrow();
      for (const url of [`/admin/users/${proposer.id}`, '/admin/users/999999', '/admin/users/x']) {
        const response = await admin.visitor.get(url);
        assert.equal(response.statusCode, 404, url);
      }
    });

    it('shows the department tree, adds departments and refuses a code already used', async () => {
      const tree = await admin.visitor.get('/admin/departments');
      assert.equal(tree.statusCode, 200);
      assert.equal(count(tree.body, /<li class="department">/), 29);
      assert.match(tree.body, /<code>general-affairs<\/code>/);
      assert.match(tree.body, /総務局/);

      const bureau = await gate.database.db
        .selectFrom('department')
        .select('id')
        .where('code', '=', 'general-affairs')
        .executeTakeFirstOrThrow();
      const duplicate = await admin.visitor.post('/admin/departments', {
        kind: 'department',
        parentId: String(bureau.id),
        code: 'General-Affairs',
        nameJa: '総務部',
        nameEn: '',
      });
      assert.equal(duplicate.statusCode, 400);
      assert.match(duplicate.body, /href="#field-code"/);
      assert.match(duplicate.body, /このコードはほかの部署で使われています。/);
      assert.match(duplicate.body, /value="総務部"/);

      const wrongParent = await admin.visitor.post('/admin/departments', {
        kind: 'section',
        parentId: String(bureau.id),
        code: 'soumu-ka',
        nameJa: '総務課',
      });
      assert.equal(wrongParent.statusCode, 400);
      assert.match(wrongParent.body, /上位の部署の種別が合いません。/);

      const added = await admin.visitor.post('/admin/departments', {
        kind: 'department',
        parentId: String(bureau.id),
        code: 'general-affairs-dept',
        nameJa: '総務部',
        nameEn: 'General Affairs Department',
      });
      assert.equal(added.statusCode, 303);
      const after = await admin.visitor.get('/admin/departments');
      assert.match(after.body, /「総務部」を追加しました。/);
      assert.match(after.body, /<code>general-affairs-dept<\/code>/);
      assert.equal(count(after.body, /<ul class="department-tree">/), 2);
      const audit = await gate.database.db
        .selectFrom('audit_event')
        .select('target_label')
        .where('action', '=', 'department.created')
        .execute();
      assert.equal(audit.length, 1);
    });

    it('renames, moves and archives a department; an archived one takes no new roles', async () => {
      const [first, second] = await gate.database.db
        .selectFrom('department')
        .select(['id', 'code'])
        .where('kind', '=', 'bureau')
        .orderBy('sort')
        .limit(2)
        .execute();
      await admin.visitor.get('/admin/departments');
      const created = await admin.visitor.post('/admin/departments', {
        kind: 'department',
        parentId: String(first!.id),
        code: 'planning',
        nameJa: '企画部',
      });
      assert.equal(created.statusCode, 303);
      const department = await gate.database.db
        .selectFrom('department')
        .selectAll()
        .where('code', '=', 'planning')
        .executeTakeFirstOrThrow();
      const edit = await admin.visitor.get(`/admin/departments/${department.id}`);
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /value="planning"/);
      const moved = await admin.visitor.post(`/admin/departments/${department.id}`, {
        parentId: String(second!.id),
        code: 'planning',
        nameJa: '政策企画部',
        nameEn: 'Policy Planning Department',
      });
      assert.equal(moved.statusCode, 303);
      const row = await gate.database.db
        .selectFrom('department')
        .selectAll()
        .where('id', '=', department.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.parent_id, second!.id);
      assert.equal(row.name_ja, '政策企画部');
      const taken = await admin.visitor.post(`/admin/departments/${department.id}`, {
        parentId: String(second!.id),
        code: first!.code,
        nameJa: '政策企画部',
      });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /このコードはほかの部署で使われています。/);

      const archived = await admin.visitor.post(`/admin/departments/${department.id}/archive`);
      assert.equal(archived.statusCode, 303);
      const tree = await admin.visitor.get('/admin/departments');
      assert.match(tree.body, /class="department department-archived"/);
      assert.match(tree.body, /<span class="tag tag-archived">廃止<\/span>/);

      // General affairs still has the active department added in the test before.
      const blocked = await admin.visitor.post(`/admin/departments/${second!.id}/archive`);
      assert.equal(blocked.statusCode, 400);
      assert.match(blocked.body, /廃止していない部署があるため、廃止できません。/);

      const member = await gate.database.db
        .selectFrom('user_account')
        .select('id')
        .where('email', '=', 'gate@city.test')
        .executeTakeFirstOrThrow();
      await admin.visitor.get(`/admin/users/${member.id}`);
      const grant = await admin.visitor.post(`/admin/users/${member.id}/roles`, {
        role: 'departmentStaff',
        departmentId: String(department.id),
      });
      assert.equal(grant.statusCode, 400);
      assert.match(grant.body, /選んだ部署は廃止されたか、見つかりません。/);
    });

    it('shows the audit log newest first in Japan time, filtered by action', async () => {
      const all = await admin.visitor.get('/admin/audit');
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /2026-12-03 10:00:\d\d/);
      assert.match(all.body, /<th scope="col">リクエストID<\/th>/);
      const filtered = await admin.visitor.get('/admin/audit?action=account.created');
      assert.equal(filtered.statusCode, 200);
      const rows = count(filtered.body, /<tr><th scope="row">/);
      assert.ok(rows >= 3);
      assert.equal(count(filtered.body, /<td>アカウントの作成<\/td>/), rows);
      assert.doesNotMatch(filtered.body, /<td>ログイン<\/td>/);
      const byActor = await admin.visitor.get(
        '/admin/audit?actor=ADMIN%40city&action=role.revoked',
      );
      assert.equal(count(byActor.body, /<td>役割の解除<\/td>/), 1);
      const english = await admin.visitor.get('/en/admin/audit?action=account.created');
      assert.match(english.body, /<td>Account created<\/td>/);
      const day = await admin.visitor.get('/admin/audit?from=2026-12-03&to=2026-12-03');
      assert.ok(count(day.body, /<tr><th scope="row">/) > 0);
      const before = await admin.visitor.get('/admin/audit?to=2026-12-02');
      assert.match(before.body, /条件に合う記録はありません。/);
    });

    it('answers an impossible date with 400 and a message, not an error page', async () => {
      const response = await admin.visitor.get('/admin/audit?from=2026-02-30&to=soon');
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /href="#field-from"/);
      assert.match(response.body, /日付は「2026-12-03」の形で、実在する日を入力してください。/);
      assert.match(response.body, /value="2026-02-30"/);
      const reversed = await admin.visitor.get('/en/admin/audit?from=2026-12-03&to=2026-12-01');
      assert.equal(reversed.statusCode, 400);
      assert.match(reversed.body, /The end date must be the same as or after the start date\./);
    });
  });
}
