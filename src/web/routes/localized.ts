import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { languages } from '../../domain/language.ts';
import { csrfToken } from '../auth.ts';
import { renderPage } from '../render.ts';
import { href, type PageContext } from '../views/context.ts';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Registers a route in Japanese at `path` and in English under /en. */
export function localized(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  path: string,
  handler: Handler,
): void {
  for (const lang of languages) {
    app.route({ method, url: lang === 'ja' ? path : `/en${path}`, handler });
  }
}

/**
 * The context of a page rendered for one person: the header shows who is signed in, and
 * forms get the session's CSRF token.
 */
export function personalContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const ctx = request.server.gate.context(request);
  const csrf = csrfToken(reply);
  const signedIn = request.signedIn;
  return {
    ...ctx,
    csrf,
    account: signedIn && {
      name: signedIn.user.name,
      csrf,
      staff: signedIn.user.kind === 'staff',
    },
  };
}

/** Sends a page for one person: never stored by browsers or proxies. */
export function sendPersonalPage(reply: FastifyReply, view: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPage(view));
}

/** Redirects after a POST to a page of the request's language (303: the next request is a GET). */
export function redirectTo(request: FastifyRequest, reply: FastifyReply, path: string) {
  return reply.redirect(href(request.lang, path), 303);
}

/** Keeps a one-time notice in the session for the next page. */
export function setNotice(request: FastifyRequest, notice: string): void {
  request.session.notice = notice;
}

/** Takes the one-time notice, if any. */
export function takeNotice(request: FastifyRequest): string | undefined {
  const notice = request.session.notice;
  if (notice !== undefined) {
    request.session.notice = undefined;
  }
  return notice;
}
