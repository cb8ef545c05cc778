import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Sends a page view as an HTML document. Preact escapes every text and attribute. */
export function sendPage(reply: FastifyReply, view: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(view)}`);
}
