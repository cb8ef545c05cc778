import type { FastifyInstance } from 'fastify';
import { languages } from '../../domain/language.ts';
import { publicChallengeStatuses } from '../../db/queries/challenges.ts';
import { href } from '../views/context.ts';

/** The pages every visitor sees, in both languages. */
const staticPaths = [
  '/',
  '/challenges',
  '/cases',
  '/events',
  '/methods',
  '/process',
  '/about',
  '/accessibility',
  '/open-data',
  '/subscriptions',
];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * /sitemap.xml: the public pages, each public challenge and each published case, in both
 * languages. It reads the same public statuses as the pages: a draft, returned or archived
 * challenge is never listed.
 */
export function registerSitemap(app: FastifyInstance): void {
  const db = app.gate.database.db;
  app.get('/sitemap.xml', { config: { cache: true } }, async (_request, reply) => {
    const tenantId = app.gate.tenant().id;
    const [challenges, cases] = await Promise.all([
      db
        .selectFrom('challenge')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', publicChallengeStatuses)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('case')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'published')
        .orderBy('id')
        .execute(),
    ]);
    const paths = [
      ...staticPaths,
      ...challenges.map((row) => `/challenges/${row.id}`),
      ...cases.map((row) => `/cases/${row.id}`),
    ];
    const base = app.gate.config.publicUrl;
    const urls = paths.flatMap((path) =>
      languages.map((lang) => `  <url><loc>${escapeXml(`${base}${href(lang, path)}`)}</loc></url>`),
    );
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n` +
          `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
      );
  });
}
