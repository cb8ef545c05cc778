import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import type { DatabaseKind } from '../../src/db/database.ts';
import { buildServer } from '../../src/web/server.ts';
import { fixedClock } from './clock.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestGate {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/**
 * A gate on a fresh seeded database, not listening: tests call app.inject(), or
 * app.listen() for a browser. `before` runs before the server is ready, to add routes.
 */
export async function startGate(
  kind: DatabaseKind,
  options: {
    pageCache?: boolean;
    before?: (app: FastifyInstance) => void;
    /** More settings, such as SMTP_URL. */
    env?: Record<string, string>;
    /** Schedule the daily overdue digest as a real server does (off: tests run it). */
    overdueDigest?: boolean;
    /**
     * Deliver queued mail in the background as a real server does. On by default only when
     * SMTP_URL is given: a sent mail keeps no parameters, so tests reading the queue would
     * race the sender.
     */
    mailSender?: boolean;
  } = {},
): Promise<TestGate> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://gate.test',
    PAGE_CACHE: options.pageCache === false ? 'off' : 'on',
    ...options.env,
  });
  const clock = fixedClock();
  const app = await buildServer({
    config,
    database,
    clock,
    refreshInterval: 0,
    overdueDigest: options.overdueDigest ?? false,
    mailSender: options.mailSender ?? options.env?.SMTP_URL !== undefined,
  });
  options.before?.(app);
  await app.ready();
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
