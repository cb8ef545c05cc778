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

describe('gate digest', () => {
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

  it('explains itself', async () => {
    const help = await gate(dataDir, 'digest', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /DIGEST_HOUR/);
  });

  it('runs the day’s digest at most once, however often it is called', async () => {
    // The real clock decides whether today's digest is due; either way it goes once at most.
    const first = await gate(dataDir, 'digest');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Overdue digest for \d{4}-\d{2}-\d{2}: /);
    const second = await gate(dataDir, 'digest');
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /queued/);

    const database = await openDatabase({ dataDir });
    try {
      const claims = await database.db.selectFrom('daily_run').selectAll().execute();
      assert.ok(claims.length <= 1);
      if (/queued/.test(first.stdout)) {
        assert.equal(claims.length, 1);
        assert.match(second.stdout, /already sent today/);
      }
    } finally {
      await database.close();
    }
  });
});
