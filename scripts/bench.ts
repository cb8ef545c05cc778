import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { seedTenant } from '../src/app/seed.ts';
import { loadConfig, type Config } from '../src/config/config.ts';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemClock } from '../src/domain/calendar.ts';
import { loadSeed } from '../src/seed/load.ts';
import { buildServer } from '../src/web/server.ts';
import { fillTenant, sampleIds, vacuumAnalyze } from './bench-data.ts';

/**
 * Measures the public portal at 1,000 and 100,000 challenges and cases, on the embedded
 * database and (with BENCH_DATABASE_URL) on a PostgreSQL server, and writes
 * docs/benchmarks.md from the measurements. Run with `npm run bench`.
 */

const SLUG = 'sapporo';
const SIZES = [1_000, 100_000] as const;
/** Throughput is compared at the smallest size: cached pages do not depend on the data. */
const THROUGHPUT_SIZE = SIZES[0];
const LOAD = { connections: 10, duration: 5, pipelining: 1 } as const;
/**
 * The cached and the static route take turns in short rounds, so that a change in the
 * machine's background load during a measurement weighs on both sides of the ratio alike.
 */
const ROUNDS = 2;
/** Load before the first measurement, so that it does not pay for the JIT alone. */
const WARMUP_SECONDS = 2;
const WARMUP_REQUESTS = 3;
const UNCACHED_SAMPLES = 30;
/** A slow page stops after this long, once it has at least the minimum number of samples. */
const UNCACHED_BUDGET_MS = 12_000;
const UNCACHED_MIN_SAMPLES = 10;
const STATIC_PREFIX = '/__bench/static/';
const OUTPUT = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
const GATE_BIN = fileURLToPath(new URL('../bin/gate.js', import.meta.url));
/** Load per page on the separate server process, only to bring its memory to a working state. */
const PROCESS_LOAD_SECONDS = 2;

const TARGETS = { cacheRatio: 0.5, growth: 2, rssMb: 300 } as const;

/**
 * Settings shared by every run. Production mode adds the headers a deployment sends; request
 * logging is turned down so the benchmark does not measure the terminal.
 */
const BASE_ENV = { TENANT: SLUG, LOG_LEVEL: 'warn', PAGE_CACHE: 'on', NODE_ENV: 'production' };

// autocannon ships no type declarations; this is the part of its API the benchmark uses.
interface LoadResult {
  requests: { total: number };
  /** Seconds the load actually ran. */
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  pipelining: number;
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface PageResult {
  page: string;
  cached: number | undefined;
  static: number | undefined;
  uncachedMs: number;
  samples: number;
}

/** Memory of `gate serve` in a process of its own, without the load generator. */
interface ProcessRss {
  rssMb: number;
  peakMb: number | undefined;
}

interface RunResult {
  size: number;
  loadSeconds: number;
  /** The machine's 1-minute load average before and after the run. */
  loadAverage: [number, number];
  rssMb: number;
  server: ProcessRss | undefined;
  pages: PageResult[];
}

interface DatabaseResult {
  kind: DatabaseKind;
  label: string;
  runs: RunResult[];
}

interface StartResult {
  freshMs: number;
  reopenMs: number;
  serverMs: number;
}

/** A fresh, empty database for one run, and how to throw it away afterwards. */
interface Fixture {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

interface Target {
  kind: DatabaseKind;
  label: string;
  create(size: number): Promise<Fixture>;
  /** Brings the freshly loaded database to the state it would have in service. */
  settle(database: DatabaseHandle): Promise<void>;
}

interface Snapshot {
  body: Buffer;
  contentType: string;
}

function progress(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

function sizeLabel(size: number): string {
  return size >= 1000 ? `${size / 1000}k` : String(size);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

/** The measured pages; detail pages show a synthetic record from the middle of the list. */
function pagePaths(ids: { challenge: number; case: number }): string[] {
  return [
    '/',
    '/challenges',
    '/challenges?field=economy&page=3',
    `/challenges?q=${encodeURIComponent('町内会')}`,
    `/challenges/${ids.challenge}`,
    '/cases',
    '/cases?method=demonstration',
    `/cases/${ids.case}`,
    '/en/challenges',
    '/challenges/feed.atom',
  ];
}

/** The same path with record ids replaced, so runs of different sizes line up in tables. */
function pageKey(page: string): string {
  return page.replace(/^\/(challenges|cases)\/\d+$/, '/$1/{id}');
}

// --- databases -------------------------------------------------------------------------

const embeddedTarget: Target = {
  kind: 'embedded',
  label: 'Embedded database (PGlite)',
  async create() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gate-bench-'));
    return {
      env: { ...BASE_ENV, DATA_DIR: dir },
      dispose: () => fs.rm(dir, { recursive: true, force: true }),
    };
  },
  // Measured as the gate leaves it: PGlite runs no autovacuum; the gate's own statistics
  // job (src/jobs/statistics.ts) analyzes it when the server starts.
  settle: async () => undefined,
};

async function adminQueries(adminUrl: string, statements: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const answers: string[] = [];
    for (const statement of statements) {
      const result = await client.query<Record<string, string>>(statement);
      answers.push(String(Object.values(result.rows[0] ?? {})[0] ?? ''));
    }
    return answers;
  } finally {
    await client.end();
  }
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const [version] = await adminQueries(adminUrl, ['show server_version']);
  return {
    kind: 'postgres',
    // '15.4 (Debian 15.4-1)' becomes '15.4'.
    label: `PostgreSQL ${(version ?? '').split(' ')[0]} server`,
    async create(size) {
      // A database of its own per size: a clean slate, and nothing of the user's touched.
      const name = `gate_bench_${sizeLabel(size)}`;
      await adminQueries(adminUrl, [
        `drop database if exists ${name}`,
        `create database ${name} template template0 lc_collate 'C' lc_ctype 'C.UTF-8'`,
      ]);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        env: { ...BASE_ENV, DATA_DIR: os.tmpdir(), DATABASE_URL: url.toString() },
        dispose: async () => {
          await adminQueries(adminUrl, [`drop database if exists ${name}`]);
        },
      };
    },
    // What autovacuum does within a minute or two of a bulk load.
    settle: (database) => vacuumAnalyze(database.db),
  };
}

// --- one run ---------------------------------------------------------------------------

/** Opens, migrates and seeds the database: what `npm start` does on its first start. */
async function prepare(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db as never);
    await seedTenant(database.db, await loadSeed(SLUG), systemClock);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function loadData(target: Target, database: DatabaseHandle, size: number): Promise<number> {
  const started = performance.now();
  const counts = await fillTenant(database.db, SLUG, size);
  await target.settle(database);
  if (counts.challenges !== size || counts.cases !== size) {
    throw new Error(`expected ${size} of each, got ${JSON.stringify(counts)}`);
  }
  return (performance.now() - started) / 1000;
}

/**
 * Registers one route that answers stored bytes. It must exist before the server is ready,
 * while the bytes can only be fetched afterwards, hence the map filled later.
 */
function registerStaticCopies(app: FastifyInstance): Map<string, Snapshot> {
  const copies = new Map<string, Snapshot>();
  app.get<{ Params: { n: string } }>(`${STATIC_PREFIX}:n`, async (request, reply) => {
    const copy = copies.get(request.params.n);
    if (!copy) {
      return reply.callNotFound();
    }
    return reply.header('content-type', copy.contentType).send(copy.body);
  });
  return copies;
}

async function snapshot(app: FastifyInstance, page: string): Promise<Snapshot> {
  const response = await app.inject({ method: 'GET', url: page });
  if (response.statusCode !== 200) {
    throw new Error(`${page} answered ${response.statusCode}`);
  }
  return {
    body: response.rawPayload,
    contentType: String(response.headers['content-type'] ?? 'text/html; charset=utf-8'),
  };
}

async function requestsPerSecond(url: string, duration: number): Promise<number> {
  const result = await autocannon({ ...LOAD, url, duration });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(`${url}: ${failed} failed requests under load`);
  }
  return result.requests.total / result.duration;
}

/** Cached and static throughput of one page, in alternating rounds; means of the rounds. */
async function compareThroughput(
  pageUrl: string,
  staticUrl: string,
): Promise<{ cached: number; static: number }> {
  // The first request fills the cache; the load then measures cache hits only.
  await fetch(pageUrl).then((response) => response.arrayBuffer());
  const cached: number[] = [];
  const copy: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    cached.push(await requestsPerSecond(pageUrl, LOAD.duration / ROUNDS));
    copy.push(await requestsPerSecond(staticUrl, LOAD.duration / ROUNDS));
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { cached: mean(cached), static: mean(copy) };
}

/**
 * Server time without the cache: the cache is emptied before each sequential request.
 * Returns the median and the number of samples it was taken from.
 */
async function uncachedMs(app: FastifyInstance, url: string): Promise<[number, number]> {
  const samples: number[] = [];
  const request = async () => {
    app.gate.cache.clear();
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`${url} answered ${response.status}`);
    }
    return performance.now() - started;
  };
  for (let i = 0; i < WARMUP_REQUESTS; i += 1) {
    await request();
  }
  const started = performance.now();
  while (samples.length < UNCACHED_SAMPLES) {
    const overBudget = performance.now() - started > UNCACHED_BUDGET_MS;
    if (overBudget && samples.length >= UNCACHED_MIN_SAMPLES) {
      break;
    }
    samples.push(await request());
  }
  return [median(samples), samples.length];
}

async function measurePages(
  app: FastifyInstance,
  pages: string[],
  withThroughput: boolean,
  tag: string,
): Promise<PageResult[]> {
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  if (withThroughput) {
    await autocannon({ ...LOAD, url: `${base}${pages[0]}`, duration: WARMUP_SECONDS });
    await autocannon({ ...LOAD, url: `${base}${STATIC_PREFIX}0`, duration: WARMUP_SECONDS });
  }
  const results: PageResult[] = [];
  for (const [n, page] of pages.entries()) {
    let throughput: { cached: number; static: number } | undefined;
    if (withThroughput) {
      progress(`${tag} load ${page}`);
      throughput = await compareThroughput(`${base}${page}`, `${base}${STATIC_PREFIX}${n}`);
    }
    progress(`${tag} uncached ${page}`);
    const [ms, samples] = await uncachedMs(app, `${base}${page}`);
    results.push({
      page,
      cached: throughput?.cached,
      static: throughput?.static,
      uncachedMs: ms,
      samples,
    });
  }
  return results;
}

async function serveAndMeasure(
  config: Config,
  database: DatabaseHandle,
  size: number,
  tag: string,
): Promise<Pick<RunResult, 'size' | 'rssMb' | 'pages'>> {
  const pages = pagePaths(await sampleIds(database.db, SLUG));
  const app = await buildServer({ config, database, refreshInterval: 0 });
  try {
    const copies = registerStaticCopies(app);
    for (const [n, page] of pages.entries()) {
      copies.set(String(n), await snapshot(app, page));
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const results = await measurePages(app, pages, size === THROUGHPUT_SIZE, tag);
    return { size, rssMb: rssMb(), pages: results };
  } finally {
    await app.close();
  }
}

async function runOnce(target: Target, size: number): Promise<RunResult> {
  const tag = `[${target.kind} ${sizeLabel(size)}]`;
  const loadBefore = os.loadavg()[0] ?? 0;
  const fixture = await target.create(size);
  try {
    const config = loadConfig(fixture.env);
    progress(`${tag} migrate, seed and load ${size} challenges and cases`);
    const database = await prepare(config);
    let measured: Omit<RunResult, 'server'>;
    try {
      const loadSeconds = await loadData(target, database, size);
      progress(`${tag} loaded in ${loadSeconds.toFixed(1)} s`);
      const served = await serveAndMeasure(config, database, size, tag);
      measured = { loadSeconds, loadAverage: [loadBefore, os.loadavg()[0] ?? 0], ...served };
    } finally {
      await database.close();
    }
    let server: ProcessRss | undefined;
    if (target.kind === 'embedded') {
      progress(`${tag} memory of a separate server process`);
      server = await measureServerProcess(
        fixture.env,
        measured.pages.map((p) => p.page),
      );
    }
    return { ...measured, server };
  } finally {
    await fixture.dispose();
  }
}

async function runTarget(target: Target): Promise<DatabaseResult> {
  const runs: RunResult[] = [];
  for (const size of SIZES) {
    runs.push(await runOnce(target, size));
  }
  return { kind: target.kind, label: target.label, runs };
}

// --- a separate server process --------------------------------------------------------

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** The child's environment: the fixture's settings, never a DATABASE_URL of the caller's. */
function childEnv(env: Record<string, string>, port: number): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL');
  return { ...Object.fromEntries(inherited), ...env, PORT: String(port), HOST: '127.0.0.1' };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`gate serve exited with ${child.exitCode}`);
    }
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gate serve was not ready at ${url} in time`);
}

/** Current and peak resident memory of a process, from /proc on Linux, else from ps. */
async function processRss(pid: number): Promise<ProcessRss> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const mb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
    return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
  } catch {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }));
    return { rssMb: kb / 1024, peakMb: undefined };
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `gate serve` on the run's data, as a deployment would, loads every page briefly and
 * reads the process's memory: the in-process number also holds autocannon and the bench.
 */
async function measureServerProcess(
  env: Record<string, string>,
  pages: string[],
): Promise<ProcessRss> {
  const port = await freePort();
  const child = spawn(process.execPath, [GATE_BIN, 'serve'], {
    env: childEnv(env, port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilReady(`${base}/readyz`, child);
    for (const page of pages) {
      // One render first: ten connections missing the cache at once would all render it.
      await fetch(`${base}${page}`).then((response) => response.arrayBuffer());
      await autocannon({ ...LOAD, url: `${base}${page}`, duration: PROCESS_LOAD_SECONDS });
    }
    if (child.pid === undefined) {
      throw new Error('gate serve has no process id');
    }
    return await processRss(child.pid);
  } finally {
    await stopChild(child);
  }
}

/** First start (fresh folder) and a restart, three times each; the medians count. */
async function measureStart(): Promise<StartResult> {
  const fresh: number[] = [];
  const reopen: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    progress(`[start] first start and restart ${i + 1} of 3`);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gate-bench-start-'));
    try {
      const config = loadConfig({ ...BASE_ENV, DATA_DIR: dir });
      fresh.push(await timed(async () => (await prepare(config)).close()));
      const [database, listening] = await timeRestart(config);
      reopen.push(database);
      server.push(listening);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  return { freshMs: median(fresh), reopenMs: median(reopen), serverMs: median(server) };
}

/**
 * A restart as `npm start` does it: ms until the database is open, migrated and seeded, and
 * ms until the server listens, both from the same start.
 */
async function timeRestart(config: Config): Promise<[number, number]> {
  const started = performance.now();
  const database = await prepare(config);
  try {
    const ready = performance.now() - started;
    const app = await buildServer({ config, database, refreshInterval: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const listening = performance.now() - started;
    await app.close();
    return [ready, listening];
  } finally {
    await database.close();
  }
}

// --- report ----------------------------------------------------------------------------

interface Machine {
  cores: string;
  cpu: string;
  memoryGb: number;
  node: string;
  date: string;
}

function machine(): Machine {
  let cores: string;
  try {
    cores = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    cores = String(os.availableParallelism());
  }
  return {
    cores,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

const fmt = {
  rate: (value: number | undefined) =>
    value === undefined ? '–' : Math.round(value).toLocaleString('en-US'),
  ms: (value: number) => value.toFixed(value < 10 ? 2 : 1),
  ratio: (value: number) => `${value.toFixed(2)}×`,
  mb: (value: number) => `${Math.round(value)} MB`,
};

interface Row {
  page: string;
  cached: number | undefined;
  static: number | undefined;
  small: PageResult;
  large: PageResult | undefined;
}

function rowsOf(result: DatabaseResult): Row[] {
  const small = result.runs.find((run) => run.size === SIZES[0]);
  const large = result.runs.find((run) => run.size === SIZES[1]);
  if (!small || !large) {
    return [];
  }
  return small.pages.map((page) => ({
    page: pageKey(page.page),
    cached: page.cached,
    static: page.static,
    small: page,
    large: large.pages.find((p) => pageKey(p.page) === pageKey(page.page)),
  }));
}

/** Uncached time at the larger size relative to the smaller one. */
function growth(row: Row): number {
  return (row.large?.uncachedMs ?? Number.NaN) / row.small.uncachedMs;
}

/** A median in ms, with its sample count when a slow page got fewer than the full number. */
function uncachedCell(page: PageResult | undefined): string {
  if (!page) {
    return '–';
  }
  const note = page.samples < UNCACHED_SAMPLES ? ` (n=${page.samples})` : '';
  return `${fmt.ms(page.uncachedMs)}${note}`;
}

function cacheRatio(row: Row): number {
  return row.cached !== undefined && row.static ? row.cached / row.static : Number.NaN;
}

function databaseSection(result: DatabaseResult): string {
  const [small, large] = SIZES.map(sizeLabel);
  const header = [
    `| page | cached req/s at ${small} | static req/s | ratio | uncached ms at ${small} `,
    `| uncached ms at ${large} | ${large}/${small} ratio |`,
  ].join('');
  const lines = [`### ${result.label}`, '', header, '|---|--:|--:|--:|--:|--:|--:|'];
  for (const row of rowsOf(result)) {
    const cells = [
      `\`${row.page}\``,
      fmt.rate(row.cached),
      fmt.rate(row.static),
      fmt.ratio(cacheRatio(row)),
      uncachedCell(row.small),
      uncachedCell(row.large),
      fmt.ratio(growth(row)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const runs = result.runs.map((run) => {
    const server = run.server
      ? `; a separate \`gate serve\` process ${fmt.mb(run.server.rssMb)} after the load` +
        (run.server.peakMb === undefined ? '' : ` (peak ${fmt.mb(run.server.peakMb)})`)
      : '';
    const [before, after] = run.loadAverage.map((value) => value.toFixed(1));
    return (
      `at ${sizeLabel(run.size)}: data loaded in ${run.loadSeconds.toFixed(1)} s; ` +
      `RSS of the benchmark process after the load ${fmt.mb(run.rssMb)}${server}; ` +
      `machine load average ${before} before the run, ${after} after`
    );
  });
  lines.push('', ...runs.map((run) => `- ${run[0]!.toUpperCase()}${run.slice(1)}.`));
  return lines.join('\n');
}

function cacheVerdict(result: DatabaseResult): string {
  const rows = rowsOf(result);
  const missed = rows.filter((row) => !(cacheRatio(row) >= TARGETS.cacheRatio));
  if (missed.length === 0) {
    const lowest = rows.reduce((a, b) => (cacheRatio(b) < cacheRatio(a) ? b : a));
    return (
      `met on all ${rows.length} pages (lowest ${fmt.ratio(cacheRatio(lowest))}, ` +
      `\`${lowest.page}\`)`
    );
  }
  const list = missed.map((row) => `\`${row.page}\` ${fmt.ratio(cacheRatio(row))}`);
  return `**missed** on ${missed.length} of ${rows.length} pages: ${list.join(', ')}`;
}

function growthVerdict(result: DatabaseResult): string {
  const rows = rowsOf(result);
  const missed = rows.filter((row) => !(growth(row) <= TARGETS.growth));
  if (missed.length === 0) {
    const worst = rows.reduce((a, b) => (growth(b) > growth(a) ? b : a));
    return (
      `met on all ${rows.length} pages (largest ${fmt.ratio(growth(worst))}, ` +
      `\`${worst.page}\`)`
    );
  }
  const list = missed.map(
    (row) =>
      `\`${row.page}\` ${fmt.ms(row.small.uncachedMs)} → ` +
      `${fmt.ms(row.large?.uncachedMs ?? Number.NaN)} ms (${fmt.ratio(growth(row))})`,
  );
  return `**missed** on ${missed.length} of ${rows.length} pages: ${list.join(', ')}`;
}

/** Judged on the server alone; the in-process number also holds the load generator. */
function rssVerdict(result: DatabaseResult): string {
  const worst = (value: (run: RunResult) => number) =>
    result.runs.reduce((a, b) => (value(b) > value(a) ? b : a));
  const alone = (run: RunResult) => run.server?.rssMb ?? Number.NaN;
  const server = worst(alone);
  const inProcess = worst((run) => run.rssMb);
  const state = alone(server) < TARGETS.rssMb ? 'met' : '**missed**';
  return (
    `${state}: the \`gate serve\` process used ${fmt.mb(alone(server))} after the load at ` +
    `${sizeLabel(server.size)}; the benchmark process, server and load generator together, ` +
    `${fmt.mb(inProcess.rssMb)} at ${sizeLabel(inProcess.size)}`
  );
}

function targetsSection(results: DatabaseResult[]): string {
  const lines = ['## Targets', ''];
  const [small, large] = SIZES.map(sizeLabel);
  lines.push(`- Cached pages at ≥ ${TARGETS.cacheRatio}× the static route's throughput:`);
  for (const result of results) {
    lines.push(`  - ${result.label}: ${cacheVerdict(result)}.`);
  }
  lines.push(`- Uncached time at ${large} within ${TARGETS.growth}× of ${small}:`);
  for (const result of results) {
    lines.push(`  - ${result.label}: ${growthVerdict(result)}.`);
  }
  const embedded = results.find((result) => result.kind === 'embedded');
  if (embedded) {
    lines.push(
      `- RSS under ${TARGETS.rssMb} MB on the embedded database: ${rssVerdict(embedded)}.`,
    );
  }
  return lines.join('\n');
}

function introSection(m: Machine): string {
  return [
    '# Benchmarks',
    '',
    'Speed of the public portal, generated by `scripts/bench.ts` from its own measurements.',
    '',
    `Measured on ${m.date}: ${m.cores} cores (\`nproc\`), ${m.cpu}, ${m.memoryGb} GB RAM, ` +
      `Node.js ${m.node}.`,
    '',
    '## Running it',
    '',
    '```sh',
    'npm run bench                     # embedded database only',
    'BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench',
    '```',
    '',
    'With `BENCH_DATABASE_URL` the PostgreSQL server is measured too; the benchmark creates',
    'and drops its own databases (`gate_bench_1k`, `gate_bench_100k`) on it.',
  ].join('\n');
}

function methodSection(): string {
  const [small, large] = SIZES.map(sizeLabel);
  return [
    '## Method',
    '',
    `For each database and size (${small} and ${large} published challenges and cases each),`,
    'a fresh database is migrated and seeded, then filled with synthetic records copied from',
    'the seed (fields, concepts and methods assigned in turn, about 1% with a theme call).',
    'The PostgreSQL server then gets `VACUUM (ANALYZE)`, as its autovacuum would do soon after',
    'such a load. The embedded database is measured as the gate leaves it: PGlite runs no',
    'autovacuum, and the gate analyzes it itself when the server starts and after changes.',
    'The server runs in the benchmark process with `NODE_ENV=production` and `LOG_LEVEL=warn`.',
    '',
    `- **cached req/s** (at ${small} only: cache hits do not depend on the data): autocannon, ` +
      `${LOAD.connections} connections, pipelining ${LOAD.pipelining}, ${LOAD.duration} s ` +
      'in total, with the page cache on (the normal configuration).',
    '- **static req/s**: the same load on a route of the same server that answers the',
    '  identical bytes with the same content type. The two take turns in rounds of ' +
      `${LOAD.duration / ROUNDS} s, so that background load weighs on both alike; **ratio** ` +
      'is cached ÷ static.',
    `- **uncached ms**: median of ${UNCACHED_SAMPLES} sequential requests over loopback after ` +
      `${WARMUP_REQUESTS} warm-up requests, with the cache emptied before each one. A page ` +
      `that needs more than ${UNCACHED_BUDGET_MS / 1000} s stops after at least ` +
      `${UNCACHED_MIN_SAMPLES} requests; the count is then shown as n.`,
    '- **RSS** of the benchmark process is `process.memoryUsage().rss` after the load; it',
    '  includes autocannon and the benchmark itself. For the embedded database, `gate serve`',
    '  is also started as a process of its own on the same data, every page is loaded for',
    `  ${PROCESS_LOAD_SECONDS} s, and its resident memory is read from \`/proc\`.`,
    '- `{id}` is a synthetic record from the middle of the list.',
    '- The machine may be shared: its load average is given for each run.',
  ].join('\n');
}

function startSection(start: StartResult): string {
  return [
    '## Start-up (embedded database)',
    '',
    '| step | ms |',
    '|---|--:|',
    `| first start: create, migrate and seed a new database | ${Math.round(start.freshMs)} |`,
    `| restart: open, migrate and seed an existing database | ${Math.round(start.reopenMs)} |`,
    `| restart: the same, up to a listening server | ${Math.round(start.serverMs)} |`,
    '',
    'Medians of three tries; module loading before the first line of the gate runs is not' +
      ' included.',
  ].join('\n');
}

function render(m: Machine, results: DatabaseResult[], start: StartResult): string {
  const sections = [
    introSection(m),
    methodSection(),
    '## Results',
    ...results.map(databaseSection),
    startSection(start),
    targetsSection(results),
  ];
  return `${sections.join('\n\n')}\n`;
}

// --- main ------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const targets: Target[] = [embeddedTarget];
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    targets.push(await postgresTarget(adminUrl));
  }
  const results: DatabaseResult[] = [];
  for (const target of targets) {
    results.push(await runTarget(target));
  }
  // Last, so that its short-lived databases do not weigh on the RSS measured above.
  const start = await measureStart();
  await fs.mkdir(path.dirname(OUTPUT), { recursive: true });
  // Formatted as `npm run lint` expects it, with the project's Prettier settings. Loaded only
  // now, so that it does not weigh on the memory measured above.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  const markdown = await prettier.format(render(machine(), results, start), {
    ...options,
    parser: 'markdown',
  });
  await fs.writeFile(OUTPUT, markdown);
  const minutes = (performance.now() - started) / 60_000;
  progress(`wrote ${path.relative(process.cwd(), OUTPUT)} in ${minutes.toFixed(1)} min`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
