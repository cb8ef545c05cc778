import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A page view as an HTML document. Preact escapes every text and attribute. */
export function renderPage(view: VNode): string {
  return `<!doctype html>${renderToString(view)}`;
}

/** Sends an HTML document, rendered from a view or already rendered. */
export function sendPage(reply: FastifyReply, page: VNode | string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .send(typeof page === 'string' ? page : renderPage(page));
}
