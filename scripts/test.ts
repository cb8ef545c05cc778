/**
 * `npm test`: prepares the template databases once, then runs every test file with Node's
 * test runner — domain, route and browser tests — on the embedded database, and on
 * PostgreSQL as well when TEST_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  prepareTemplate,
} from '../test/support/database.ts';

const root = path.resolve(import.meta.dirname, '..');

async function testFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return testFiles(full);
      }
      return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
    }),
  );
  return nested.flat().sort();
}

async function embeddedTemplate(): Promise<string> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gate-template-'));
  const handle = await openDatabase({ dataDir });
  await prepareTemplate(handle);
  await handle.close();
  return path.join(dataDir, 'db');
}

async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `gate_test_template_${process.pid}`;
  await dropDatabase(adminUrl, name);
  await createDatabase(adminUrl, name);
  const handle = await openDatabase({ url: databaseUrl(adminUrl, name), dataDir: '' });
  await prepareTemplate(handle);
  await handle.close();
  return name;
}

function run(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const filter = process.argv.slice(2);
  const chosen = filter.length > 0 ? files.filter((f) => filter.some((s) => f.includes(s))) : files;
  const args = ['--import', 'tsx', '--test', '--test-concurrency=2', ...chosen];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: root });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const files = await testFiles(path.join(root, 'test'));
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
env.GATE_TEST_TEMPLATE = await embeddedTemplate();
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  env.GATE_TEST_PG_TEMPLATE = await postgresTemplate(adminUrl);
}
const code = await run(files, env);
await fs.rm(path.dirname(env.GATE_TEST_TEMPLATE), { recursive: true, force: true });
if (adminUrl && env.GATE_TEST_PG_TEMPLATE) {
  await dropDatabase(adminUrl, env.GATE_TEST_PG_TEMPLATE);
}
process.exit(code);
