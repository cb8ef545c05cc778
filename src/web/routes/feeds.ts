import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { languages, localize, bilingual, type Lang } from '../../domain/language.ts';
import { allPublicCases } from '../../db/queries/cases.ts';
import { allPublicChallenges } from '../../db/queries/challenges.ts';
import { href } from '../views/context.ts';

const FEED_SIZE = 50;

interface Entry {
  id: number;
  path: string;
  title: string;
  summary: string;
  date: Date;
}

/** Atom feeds of published challenges and cases, one per language. */
export function registerFeeds(app: FastifyInstance): void {
  const db = app.gate.database.db;

  for (const lang of languages) {
    app.get(
      href(lang, '/challenges/feed.atom'),
      { config: { cache: true } },
      async (request, reply) => {
        const tenant = app.gate.tenant();
        const rows = await allPublicChallenges(db, tenant.id, FEED_SIZE);
        const entries = rows.map((row) => ({
          id: row.id,
          path: `/challenges/${row.id}`,
          title: localize(bilingual(row, 'title'), lang).text,
          summary: localize(bilingual(row, 'wanted'), lang).text,
          date: row.updated_at,
        }));
        return reply
          .header('content-type', 'application/atom+xml; charset=utf-8')
          .send(atom(app, request, lang, 'challenges', entries));
      },
    );

    app.get(href(lang, '/cases/feed.atom'), { config: { cache: true } }, async (request, reply) => {
      const tenant = app.gate.tenant();
      const rows = await allPublicCases(db, tenant.id, 'city', FEED_SIZE);
      const entries = rows.map((row) => ({
        id: row.id,
        path: `/cases/${row.id}`,
        title: localize(bilingual(row, 'title'), lang).text,
        summary: localize(bilingual(row, 'summary'), lang).text,
        date: row.updated_at,
      }));
      return reply
        .header('content-type', 'application/atom+xml; charset=utf-8')
        .send(atom(app, request, lang, 'cases', entries));
    });
  }
}

function atom(
  app: FastifyInstance,
  request: FastifyRequest,
  lang: Lang,
  kind: 'challenges' | 'cases',
  entries: Entry[],
): string {
  const { t, tenant } = app.gate.context(request);
  const base = app.gate.config.publicUrl;
  const gateName = localize({ ja: tenant.gate_name_ja, en: tenant.gate_name_en }, lang).text;
  const cityName = localize({ ja: tenant.name_ja, en: tenant.name_en }, lang).text;
  const updated = entries.reduce((latest, e) => (e.date > latest ? e.date : latest), new Date(0));
  const feed = new Feed({
    id: `${base}${href(lang, `/${kind}`)}`,
    title: `${t[kind]} | ${gateName}`,
    link: `${base}${href(lang, `/${kind}`)}`,
    language: lang,
    updated: entries.length > 0 ? updated : tenant.created_at,
    feedLinks: { atom: `${base}${href(lang, `/${kind}/feed.atom`)}` },
    copyright: cityName,
    author: { name: cityName },
  });
  for (const entry of entries) {
    const link = `${base}${href(lang, entry.path)}`;
    feed.addItem({
      id: link,
      link,
      title: entry.title,
      description: entry.summary,
      date: entry.date,
    });
  }
  return feed.atom1();
}
