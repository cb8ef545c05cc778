import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage, type ErrorKind } from './views/errors.tsx';
import { sendPage } from './render.ts';
import { personalContext } from './routes/localized.ts';
import { NotFound, redirectToSignIn, SignInRequired } from './auth.ts';

/** Renders an error page in the visitor's language, or plain text if even that fails. */
export function sendError(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: ErrorKind,
  status: number,
): FastifyReply {
  try {
    const ctx = request.signedIn ? personalContext(request, reply) : app.gate.context(request);
    return sendPage(
      reply,
      <ErrorPage ctx={ctx} kind={kind} requestId={String(request.id)} />,
      status,
    );
  } catch (error) {
    request.log.error({ err: error }, 'error page failed');
    return reply
      .code(status)
      .header('content-type', 'text/plain; charset=utf-8')
      .send(`Error ${status} (${request.id})`);
  }
}

/** 404 for unknown paths; 4xx for unreadable requests; a generic 500 for everything else. */
export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    request.log.info({ url: request.url }, 'not found');
    return sendError(app, request, reply, 'notFound', 404);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof SignInRequired) {
      return redirectToSignIn(request, reply, error.returnTo);
    }
    if (error instanceof NotFound) {
      return sendError(app, request, reply, 'notFound', 404);
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      request.log.info({ code: error.code }, 'form refused without a valid CSRF token');
      return sendError(app, request, reply, 'formExpired', 403);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, status }, 'request refused');
      return sendError(app, request, reply, status === 404 ? 'notFound' : 'badRequest', status);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(app, request, reply, 'serverError', 500);
  });
}
