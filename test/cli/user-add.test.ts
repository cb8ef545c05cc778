import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { cliDataDir, gate } from '../support/cli.ts';
import { openDatabase } from '../../src/db/database.ts';

describe('gate user add', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await cliDataDir();
  });
  after(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('creates a staff account waiting for set-up and prints its single-use link', async () => {
    const result = await gate(
      dataDir,
      'user',
      'add',
      '--email',
      'Suzuki@City.Example.jp',
      '--name',
      '鈴木 花',
      '--role',
      'department-approver',
      '--department',
      'general-affairs',
    );
    assert.equal(result.code, 0, result.stderr);
    const link = /http:\/\/localhost:3000\/account\/setup\?token=[\w-]+/.exec(result.stdout);
    assert.ok(link, result.stdout);

    const database = await openDatabase({ dataDir });
    try {
      const user = await database.db
        .selectFrom('user_account')
        .innerJoin('staff_role', 'staff_role.user_id', 'user_account.id')
        .innerJoin('department', 'department.id', 'staff_role.department_id')
        .select(['user_account.email', 'user_account.status', 'staff_role.role', 'department.code'])
        .where('user_account.email', '=', 'suzuki@city.example.jp')
        .executeTakeFirstOrThrow();
      assert.deepEqual(user, {
        email: 'suzuki@city.example.jp',
        status: 'invited',
        role: 'departmentApprover',
        code: 'general-affairs',
      });
    } finally {
      await database.close();
    }
  });

  it('refuses an unknown role, a missing department and a taken address with a message', async () => {
    const unknown = await gate(
      dataDir,
      'user',
      'add',
      '--email',
      'a@b.jp',
      '--name',
      'A',
      '--role',
      'mayor',
    );
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown role "mayor"/);

    const twoDepartments = await gate(
      dataDir,
      'user',
      'add',
      '--email',
      'c@b.jp',
      '--name',
      'C',
      '--role',
      'department-staff',
      '--department',
      'environment',
      '--department',
      'fire',
    );
    assert.equal(twoDepartments.code, 2);
    assert.match(twoDepartments.stderr, /Give one --department/);

    const noDepartment = await gate(
      dataDir,
      'user',
      'add',
      '--email',
      'b@b.jp',
      '--name',
      'B',
      '--role',
      'department-staff',
    );
    assert.equal(noDepartment.code, 2);
    assert.match(noDepartment.stderr, /--department/);

    const taken = await gate(
      dataDir,
      'user',
      'add',
      '--email',
      'suzuki@city.example.jp',
      '--name',
      'S',
      '--role',
      'gate-staff',
    );
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /already exists/);
  });
});
