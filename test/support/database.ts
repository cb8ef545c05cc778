import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedTenant } from '../../src/app/seed.ts';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadSeed } from '../../src/seed/load.ts';
import { fixedClock } from './clock.ts';

/**
 * Test databases are copies of a template that `npm test` migrates and seeds once:
 * a copied data folder for the embedded engine, CREATE DATABASE … TEMPLATE on PostgreSQL.
 */

/** The databases the suite runs on: always embedded, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** Migrates and seeds a database the way the first `gate serve` does, at the tests' date. */
export async function prepareTemplate(handle: DatabaseHandle): Promise<void> {
  await migrateToLatest(handle.db as never);
  await seedTenant(handle.db, await loadSeed('sapporo'), fixedClock());
}

export interface TestDatabase extends DatabaseHandle {
  dataDir: string;
}

/** A fresh, seeded database of the given kind; close() removes it. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'embedded' ? copyEmbedded() : copyPostgres();
}

async function copyEmbedded(): Promise<TestDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gate-test-'));
  const template = process.env.GATE_TEST_TEMPLATE;
  if (template) {
    await fs.cp(template, path.join(dataDir, 'db'), { recursive: true });
  }
  const handle = await openDatabase({ dataDir });
  if (!template) {
    await prepareTemplate(handle);
  }
  return {
    ...handle,
    dataDir,
    async close() {
      await handle.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The URL of another database on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function copyPostgres(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const template = process.env.GATE_TEST_PG_TEMPLATE;
  const name = `gate_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await createDatabase(adminUrl, name, template);
  const handle = await openDatabase({ url: databaseUrl(adminUrl, name), dataDir: '' });
  if (!template) {
    await prepareTemplate(handle);
  }
  return {
    ...handle,
    dataDir: await fs.mkdtemp(path.join(os.tmpdir(), 'gate-test-')),
    async close() {
      await handle.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** Creates a database with C collation, like the embedded engine, optionally from a template. */
export async function createDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const from = template ? `template "${template}"` : 'template template0';
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(
          `create database "${name}" ${from} lc_collate 'C' lc_ctype 'C.UTF-8' encoding 'UTF8'`,
        );
        return;
      } catch (error) {
        // Two files copying the template at the same moment: PostgreSQL refuses one; retry.
        const busy = error instanceof Error && /being accessed by other users/.test(error.message);
        if (!busy || attempt >= 20) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
