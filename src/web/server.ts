import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { systemClock, todayIn, type Clock } from '../domain/calendar.ts';
import type { Lang } from '../domain/language.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { contentVersion, findTenant } from '../db/queries/tenant.ts';
import type { Tenant } from '../db/schema.ts';
import { scheduleCleanUp } from '../jobs/cleanup.ts';
import { startMailSender } from '../jobs/mail-sender.ts';
import { scheduleOverdueDigest } from '../jobs/overdue-digest.ts';
import { scheduleStatistics } from '../jobs/statistics.ts';
import { buildAutosaveScript, buildStylesheet } from './assets.ts';
import { registerAuth, sessionCookieName } from './auth.ts';
import { registerInputCleaning } from './input-cleaning.ts';
import { registerErrorPages, sendError } from './errors.tsx';
import { messages } from './i18n/index.ts';
import { PageCache } from './page-cache.ts';
import { registerAccountRoutes } from './routes/account.tsx';
import { registerAdminRoutes } from './routes/admin.tsx';
import { registerHeadquartersRoutes } from './routes/headquarters.tsx';
import { registerTimeTargetRoutes } from './routes/admin-time-targets.tsx';
import { registerProposalFormRoutes } from './routes/proposal-form.tsx';
import { registerProposalRoutes } from './routes/proposals.tsx';
import { registerStaffRoutes } from './routes/staff.tsx';
import { registerDeliveryFileRoutes } from './routes/delivery-files.tsx';
import { registerCasePartnerRoutes } from './routes/cases-partner.tsx';
import { registerCaseStaffRoutes } from './routes/cases-staff.tsx';
import { registerBudgetRoutes } from './routes/staff-budget.tsx';
import { registerFairnessRoutes } from './routes/staff-fairness.tsx';
import { registerAuthRoutes } from './routes/auth.tsx';
import { registerChallengeCallRoutes } from './routes/challenge-calls.tsx';
import { registerChallengeOfficeRoutes } from './routes/challenge-office.tsx';
import { registerChallengeReviewRoutes } from './routes/challenge-review.tsx';
import { registerChallengePublicRoutes } from './routes/challenge-public.tsx';
import { registerPartnerReferralRoutes } from './routes/partner-referral.tsx';
import { registerSitemap } from './routes/sitemap.ts';
import { registerSubscriptionRoutes } from './routes/subscriptions.tsx';
import { registerFeeds } from './routes/feeds.ts';
import { registerHealth } from './routes/health.ts';
import { registerOpenData } from './routes/open-data.ts';
import { registerPortal } from './routes/portal.tsx';
import type { PageContext } from './views/context.ts';

/** What routes share: the database, the clock, the tenant and the page cache. */
export interface Gate {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  cache: PageCache;
  stylesheet: string;
  /** The path of the script that saves drafts in the background. */
  autosaveScript: string;
  tenant(): Tenant;
  /** The tenant's today as 'YYYY-MM-DD'. */
  today(): string;
  /** Re-reads the tenant and empties the page cache when public content has changed. */
  refresh(): Promise<void>;
  context(request: FastifyRequest): PageContext;
}

declare module 'fastify' {
  interface FastifyInstance {
    gate: Gate;
  }
  interface FastifyRequest {
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** A public page that is the same for every visitor and may be served from the cache. */
    cache?: boolean;
  }
}

export interface ServerOptions {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** How often to look for content changed by another process, in ms (0: never). */
  refreshInterval?: number;
  /** Schedule the daily overdue digest (default true; tests run it themselves). */
  overdueDigest?: boolean;
  /** Deliver queued mail in the background (default true; tests that read the queue turn it off). */
  mailSender?: boolean;
}

/** The configured tenant has not been created (seeded) yet. */
export class TenantMissingError extends Error {
  constructor(slug: string) {
    super(`The tenant "${slug}" does not exist. Check TENANT, or create it with "gate seed".`);
  }
}

/** The language of a request, from its path: English under /en, Japanese elsewhere. */
export function langOf(url: string): Lang {
  return url === '/en' || url.startsWith('/en/') || url.startsWith('/en?') ? 'en' : 'ja';
}

/** Builds the web server; the caller listens, or injects requests in tests. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    genReqId: () => randomUUID(),
    // One line per request is written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // A path that cannot be decoded gets the same error page as any other bad request.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ code: error.code }, 'request refused');
      request.lang = langOf(request.url);
      sendError(app, request, reply, 'badRequest', 400);
    },
    // Requests too broken to route (bad method, oversized headers) never reach the error page;
    // they get a short bilingual answer instead of the default JSON.
    clientErrorHandler: (error, socket) => {
      const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = 'リクエストを処理できません。 / We could not read that request.';
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
    },
  });

  const loaded = await findTenant(database.db, config.tenant);
  if (!loaded) {
    throw new TenantMissingError(config.tenant);
  }
  let tenant: Tenant = loaded;
  const cache = new PageCache(config.pageCache);
  cache.observe(tenant.content_version);
  const stylesheet = await buildStylesheet();
  const autosave = await buildAutosaveScript();

  const gate: Gate = {
    config,
    database,
    clock,
    cache,
    stylesheet: stylesheet.path,
    autosaveScript: autosave.path,
    tenant: () => tenant,
    today: () => todayIn(tenant.time_zone, clock),
    async refresh() {
      const version = await contentVersion(database.db, tenant.id);
      if (version !== tenant.content_version) {
        tenant = (await findTenant(database.db, config.tenant)) ?? tenant;
      }
      cache.observe(version);
    },
    context(request) {
      const lang = request.lang;
      const [rawPath, query = ''] = request.url.split('?', 2) as [string, string?];
      const stripped = lang === 'en' ? rawPath.slice(3) : rawPath;
      return {
        lang,
        t: messages(lang),
        tenant,
        path: stripped === '' ? '/' : stripped.replace(/(.)\/$/, '$1'),
        query,
        today: todayIn(tenant.time_zone, clock),
        clock,
        stylesheet: stylesheet.path,
      };
    },
  };
  app.decorate('gate', gate);
  app.decorateRequest('lang', 'ja');

  const interval = options.refreshInterval ?? 1000;
  if (interval > 0) {
    const timer = setInterval(() => {
      gate
        .refresh()
        .catch((error: unknown) => app.log.warn({ err: error }, 'content refresh failed'));
    }, interval);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  const stopStatistics = await scheduleStatistics({
    database,
    contentVersion: () => tenant.content_version,
    onError: (error) => app.log.warn({ err: error }, 'statistics refresh failed'),
  });
  app.addHook('onClose', async () => stopStatistics());
  const stopCleanUp = scheduleCleanUp({
    db: database.db,
    clock,
    onError: (error) => app.log.warn({ err: error }, 'clean-up failed'),
  });
  app.addHook('onClose', async () => stopCleanUp());
  if (options.overdueDigest !== false) {
    const stopDigest = scheduleOverdueDigest({
      db: database.db,
      tenant: () => tenant,
      clock,
      publicUrl: config.publicUrl,
      hour: config.digestHour,
      onRun: (run) => {
        if (run.sent) {
          app.log.info(run, 'overdue digest sent');
        }
      },
      onError: (error) => app.log.warn({ err: error }, 'overdue digest failed'),
    });
    app.addHook('onClose', async () => stopDigest());
  }
  const stopMail =
    options.mailSender === false
      ? async () => undefined
      : startMailSender({ config, database, tenant: () => tenant, log: app.log });
  app.addHook('onClose', async () => stopMail());

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        fontSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // Plain HTTP in development would break under upgrade-insecure-requests.
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    // A fresh nonce per response for the few inline scripts and styles a page may need.
    enableCSPNonces: true,
    strictTransportSecurity: config.production,
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(formbody);

  app.addHook('onRequest', async (request) => {
    request.lang = langOf(request.url);
  });
  app.addHook('onResponse', async (request, reply) => {
    const data = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (reply.statusCode >= 500) {
      request.log.error(data, 'request failed');
    } else {
      request.log.info(data, 'request done');
    }
  });
  registerPageCache(app);
  registerInputCleaning(app);
  await registerAuth(app);

  app.get(stylesheet.path, async (_request, reply) => {
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(stylesheet.body);
  });

  app.get(autosave.path, async (_request, reply) => {
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(autosave.body);
  });

  registerHealth(app);
  registerPortal(app);
  registerFeeds(app);
  registerOpenData(app);
  registerAuthRoutes(app);
  registerAccountRoutes(app);
  registerAdminRoutes(app);
  registerTimeTargetRoutes(app);
  registerProposalRoutes(app);
  registerProposalFormRoutes(app);
  registerStaffRoutes(app);
  registerDeliveryFileRoutes(app);
  registerCaseStaffRoutes(app);
  registerCasePartnerRoutes(app);
  registerFairnessRoutes(app);
  registerBudgetRoutes(app);
  registerHeadquartersRoutes(app);
  registerChallengeOfficeRoutes(app);
  registerChallengeReviewRoutes(app);
  registerChallengeCallRoutes(app);
  registerChallengePublicRoutes(app);
  registerSubscriptionRoutes(app);
  registerSitemap(app);
  registerPartnerReferralRoutes(app);
  registerErrorPages(app);
  return app;
}

/**
 * Serves cached public pages and keeps fresh renders of them, with ETags for revalidation.
 * Requests that carry a session are left out both ways: their pages show who is signed in.
 */
function registerPageCache(app: FastifyInstance): void {
  const cache = app.gate.cache;
  const cookie = `${sessionCookieName(app.gate.config.publicUrl.startsWith('https://'))}=`;
  const personal = (request: FastifyRequest) => request.headers.cookie?.includes(cookie) ?? false;
  app.addHook('onRequest', async (request, reply) => {
    if (
      !request.routeOptions.config.cache ||
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      personal(request)
    ) {
      return;
    }
    cache.observeDay(app.gate.today());
    const page = cache.get(request.url);
    if (!page) {
      return;
    }
    reply.header('etag', page.etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === page.etag) {
      return reply.code(304).send();
    }
    return reply.header('content-type', page.contentType).send(page.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      !request.routeOptions.config.cache ||
      reply.statusCode !== 200 ||
      reply.hasHeader('etag') ||
      personal(request)
    ) {
      return payload;
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) {
      return payload;
    }
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
    const page = cache.set(request.url, body, contentType);
    reply.header('etag', page.etag).header('cache-control', 'no-cache');
    return body;
  });
}
