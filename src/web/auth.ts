import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import session from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit, type AuditRecord } from '../app/accounts/audit.ts';
import {
  DatabaseSessionStore,
  sessionExpiry,
  type GateSessionFields,
} from '../app/accounts/session-store.ts';
import { loadSignedIn, type SignedIn } from '../app/accounts/users.ts';
import { limits as attachmentLimits } from '../app/files/kinds.ts';
import {
  can,
  visitor,
  type Action,
  type Actor,
  type ObjectKind,
  type PolicyObjects,
} from '../domain/policy.ts';
import type { Database } from '../db/schema.ts';
import { href } from './views/context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * False for the one POST that mail providers send on their own: the one-click
     * unsubscription of RFC 8058, authorised by the token in its address instead.
     */
    csrf?: boolean;
  }
  interface Session extends GateSessionFields {
    _csrf?: string;
  }
  interface FastifyRequest {
    /** Who is asking, as the access policy sees it. */
    actor: Actor;
    /** The signed-in account, when the session is fully signed in. */
    signedIn: SignedIn | undefined;
    /** The session ended by time-out on this request. */
    sessionTimedOut: boolean;
  }
}

/** The cookie that carries the session id. */
export function sessionCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact host over HTTPS: no subdomain can set or read it.
  return secure ? '__Host-gate-session' : 'gate-session';
}

/** The secret that signs session cookies: SESSION_SECRET, else one kept in the database. */
async function sessionSecret(db: Kysely<Database>, configured: string | undefined) {
  if (configured) {
    return configured;
  }
  await db
    .insertInto('app_secret')
    .values({ name: 'session', value: randomBytes(48).toString('base64url') })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_secret')
    .select('value')
    .where('name', '=', 'session')
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Sessions, CSRF protection and the actor of every request. Register it after the page
 * cache: cached public pages are the same for everyone and never touch a session.
 */
export async function registerAuth(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.gate;
  const secure = config.publicUrl.startsWith('https://');
  await app.register(cookie);
  await app.register(session, {
    secret: await sessionSecret(database.db, config.sessionSecret),
    cookieName: sessionCookieName(secure),
    store: new DatabaseSessionStore(database.db, clock, () => app.gate.tenant().id),
    saveUninitialized: false,
    rolling: false,
    // No max age: the cookie ends with the browser; the server ends the session sooner.
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  // Forms with files. Their fields arrive as a stream with the files, so their CSRF token is
  // checked by the route once read (checkCsrfToken), before any file is kept.
  await app.register(multipart, {
    limits: {
      // One byte over the limit, so that the store sees a file is too large and says so.
      fileSize: attachmentLimits.maxBytes + 1,
      // Room above the ten a form takes, so that each form itself says "at most ten" and
      // keeps what was typed, instead of the request being cut off as unreadable.
      files: attachmentLimits.maxFiles * 3,
      fields: 300,
      fieldSize: 100_000,
      parts: 320,
    },
    throwFileSizeLimit: false,
  });

  // Objects cannot be shared decorator defaults: the hook below sets them on each request.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('signedIn', undefined);
  app.decorateRequest('sessionTimedOut', false);

  app.addHook('onRequest', async (request) => {
    request.actor = visitor;
    const current = request.session as FastifyRequest['session'] | null;
    if (!current || current.userId === undefined) {
      return;
    }
    const now = clock.now().getTime();
    if (now >= sessionExpiry(current, now)) {
      await endSession(request);
      request.sessionTimedOut = true;
      return;
    }
    if (current.stage !== 'full') {
      return;
    }
    const signedIn = await loadSignedIn(database.db, app.gate.tenant().id, current.userId);
    if (!signedIn) {
      await endSession(request);
      return;
    }
    request.signedIn = signedIn;
    request.actor = signedIn.actor;
    // Saving on every request would write on every page view; once a minute is enough
    // for an idle time-out counted in tens of minutes.
    if (now - (current.lastSeenAt ?? 0) > 60_000) {
      current.lastSeenAt = now;
    }
  });

  // Every state change carries the form's CSRF token (SameSite=Lax is the second line).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
      done();
      return;
    }
    if (request.routeOptions.config.csrf === false) {
      done();
      return;
    }
    if (request.isMultipart()) {
      done(); // checked by the route with checkCsrfToken, once the field has been read
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}

/**
 * Checks the CSRF token of a form with files, read by the route from the form's first
 * field. Throws the same error as the hook for other forms (a "send again" page).
 */
export async function checkCsrfToken(request: FastifyRequest, token: string): Promise<void> {
  const form = request as FastifyRequest & { body: unknown };
  const previous = form.body;
  form.body = { _csrf: token };
  try {
    await new Promise<void>((resolve, reject) => {
      // The plugin answers a bad token by sending its error on the reply; this stand-in
      // turns that into a thrown error for the route instead.
      const probe = { send: (error: Error) => reject(error) } as unknown as FastifyReply;
      request.server.csrfProtection(request, probe, () => resolve());
    });
  } finally {
    form.body = previous;
  }
}

/** Ends the request's session and starts an empty one in its place. */
export async function endSession(request: FastifyRequest): Promise<void> {
  const current = request.session as FastifyRequest['session'] | null;
  if (current) {
    await current.regenerate([]);
  }
  request.signedIn = undefined;
  request.actor = visitor;
}

/** The CSRF token for a form on this page (creates the session secret when needed). */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}

/** Where a request came from, for the audit log. */
export function originOf(request: FastifyRequest) {
  return { clientAddress: request.ip, requestId: String(request.id) };
}

/** Appends an audit record with the request's actor and origin. */
export async function audit(
  request: FastifyRequest,
  record: Omit<AuditRecord, 'tenantId' | 'clientAddress' | 'requestId'>,
  db: Kysely<Database> = request.server.gate.database.db,
): Promise<void> {
  const gate = request.server.gate;
  await recordAudit(db, gate.clock, {
    tenantId: gate.tenant().id,
    actorUserId: request.signedIn?.user.id ?? null,
    actorEmail: request.signedIn?.user.email ?? null,
    ...originOf(request),
    ...record,
  });
}

/** Thrown to answer "not found": the object is missing, or outside the actor's reach. */
export class NotFound extends Error {
  readonly statusCode = 404;
  constructor() {
    super('not found');
  }
}

/** Thrown to send a visitor who is not signed in to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('sign-in required');
  }
}

/**
 * Asks the policy; when the answer is no, records the denial and throws: a visitor who is not
 * signed in goes to the sign-in page, anyone else gets "not found", as for a missing object.
 */
export async function authorize<K extends ObjectKind>(
  request: FastifyRequest,
  kind: K,
  action: Action<K>,
  object: PolicyObjects[K],
  target?: { id?: string | number; label?: string },
): Promise<void> {
  if (can(request.actor, kind, action, object)) {
    return;
  }
  if (request.actor.kind === 'visitor') {
    throw new SignInRequired(request.url);
  }
  await audit(request, {
    action: 'access.denied',
    targetKind: kind,
    targetId: target?.id ?? null,
    targetLabel: target?.label ?? null,
    details: { action, url: request.url.slice(0, 500) },
  });
  throw new NotFound();
}

/** The signed-in account, or a trip to the sign-in page. */
export function requireSignedIn(request: FastifyRequest): SignedIn {
  if (!request.signedIn) {
    throw new SignInRequired(request.url);
  }
  return request.signedIn;
}

/** Sends a visitor to sign in, coming back to `returnTo` afterwards. */
export function redirectToSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  returnTo: string,
): FastifyReply {
  const current = request.session as FastifyRequest['session'] | null;
  if (current && isLocalPath(returnTo)) {
    current.returnTo = returnTo;
  }
  const timedOut = request.sessionTimedOut ? '?timeout=1' : '';
  return reply.redirect(`${href(request.lang, '/signin')}${timedOut}`, 303);
}

/** A path on this site (not '//host' or a scheme), safe to redirect to. */
export function isLocalPath(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !/[\r\n]/.test(path);
}
