import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/config.ts';
import { systemClock } from '../domain/calendar.ts';
import { DatabaseBusyError, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedTenant } from '../app/seed.ts';
import { backfillSearchTerms } from '../app/search-index.ts';
import { hasSeed, loadSeed } from '../seed/load.ts';
import { buildServer, TenantMissingError } from '../web/server.ts';
import { digestCommand, digestUsage } from './digest.ts';
import { userCommand, UsageError, userUsage } from './user.ts';

const usage = `Usage: gate <command>

Commands:
  serve     migrate, seed the default tenant if it is missing, and serve the portal
  migrate   bring the database schema up to date
  seed      add the default tenant's data (safe to run again)
  user add  create a staff account and print its set-up link (gate user add --help)
  digest    queue today's e-mail of overdue proposals if it is due (gate digest --help)
  help      show this text

Configuration comes from environment variables; see docs/configuration.md.`;

// Replaced by a logger at the configured level once the configuration has been read.
let log = pino({ level: 'info' });

/** A start-up problem the operator can fix, told in one sentence instead of a stack trace. */
function explain(error: unknown, config: Config): string | undefined {
  if (error instanceof DatabaseBusyError) {
    return (
      `${error.message}. Stop the other process first, ` +
      'or set DATABASE_URL to share a PostgreSQL server.'
    );
  }
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    return `Port ${config.port} on ${config.host} is already in use. Set PORT to a free port.`;
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
    return (
      `Cannot use the database at DATABASE_URL (${code}). ` +
      'Check that it runs and the URL is right.'
    );
  }
  if (error instanceof TenantMissingError) {
    return error.message;
  }
  return undefined;
}

async function prepare(config: Config, options: { seed: boolean }) {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const migrated = await migrateToLatest(database.db as never);
  for (const result of migrated.results ?? []) {
    log.info({ migration: result.migrationName, status: result.status }, 'migration applied');
  }
  if (options.seed && (await hasSeed(config.tenant))) {
    const result = await seedTenant(database.db, await loadSeed(config.tenant), systemClock);
    log.info({ tenant: config.tenant, created: result.created }, 'tenant seeded');
  }
  const indexed = await backfillSearchTerms(database.db);
  if (indexed > 0) {
    log.info({ rows: indexed }, 'search terms indexed');
  }
  return database;
}

async function serve(config: Config): Promise<void> {
  const started = Date.now();
  // Creating the embedded database (initdb) grows the engine's memory to over 600 MB, and
  // that memory is only returned with the engine itself: prepare with one, serve with another.
  await (await prepare(config, { seed: true })).close();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildServer({ config, database });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    app.log.info({ signal }, 'server stopping');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { url: config.publicUrl, database: database.kind, startMs: Date.now() - started },
    'gate ready',
  );
}

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const command = positionals[0] ?? 'help';
  if (command === 'help' || command === '--help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (command === 'user' && (argv.includes('--help') || positionals[1] !== 'add')) {
    process.stdout.write(`${userUsage}\n`);
    return positionals[1] === 'add' || argv.includes('--help') ? 0 : 2;
  }
  if (command === 'digest' && argv.includes('--help')) {
    process.stdout.write(`${digestUsage}\n`);
    return 0;
  }
  if (!['serve', 'migrate', 'seed', 'user', 'digest'].includes(command)) {
    process.stderr.write(`Unknown command "${command}".\n\n${usage}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `The configuration has problems:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`,
      );
      return 78;
    }
    throw error;
  }
  // The user and digest commands print their result on stdout; log lines go to stderr.
  log = pino(
    { level: config.logLevel },
    command === 'user' || command === 'digest' ? pino.destination(2) : undefined,
  );
  try {
    if (command === 'serve') {
      await serve(config);
      return -1;
    }
    const database = await prepare(config, { seed: command === 'seed' || command === 'user' });
    try {
      if (command === 'user') {
        process.stdout.write(await userCommand(argv, config, database));
      }
      if (command === 'digest') {
        process.stdout.write(await digestCommand(config, database));
      }
    } finally {
      await database.close();
    }
    log.info({ command }, 'done');
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    const message = explain(error, config);
    if (!message) {
      throw error;
    }
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) {
      process.exit(code);
    }
  },
  (error: unknown) => {
    log.fatal({ err: error }, 'gate command failed');
    process.exit(1);
  },
);
