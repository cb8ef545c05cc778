import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/db/database.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** Runs `gate …` as an operator would; resolves with the exit code and output. */
async function gate(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/gate.js', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('gate user add', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gate-cli-'));
    const template = process.env.GATE_TEST_TEMPLATE;
    if (template) {
      await fs.cp(template, path.join(dataDir, 'db'), { recursive: true });
    }
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
