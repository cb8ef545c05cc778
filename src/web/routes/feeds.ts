import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import {
  bilingual,
  languages,
  localize,
  type Bilingual,
  type Lang,
} from '../../domain/language.ts';
import { latestPublicCases } from '../../db/queries/cases.ts';
import { latestPublicChallenges } from '../../db/queries/challenges.ts';
import { messages } from '../i18n/index.ts';
import { href } from '../views/context.ts';

/** Plain text written as HTML that shows exactly that text. */
function asHtmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const FEED_SIZE = 50;

type Kind = 'challenges' | 'cases';

/** A part of an entry's text, headed by the label of a case's texts when it has one. */
interface FeedPart {
  label: 'period' | 'activities' | 'results' | null;
  value: Bilingual;
}

interface FeedRow {
  id: number;
  title_ja: string;
  title_en: string | null;
  parts: FeedPart[];
  updated_at: Date;
}

interface Entry {
  path: string;
  title: string;
  summary: string;
  date: Date;
}

/** Atom feeds of published challenges and cases, one per language. */
export function registerFeeds(app: FastifyInstance): void {
  const db = app.gate.database.db;

  const sources: Record<Kind, (tenantId: number) => Promise<FeedRow[]>> = {
    challenges: async (tenantId) =>
      (await latestPublicChallenges(db, tenantId, FEED_SIZE)).map((row) => ({
        ...row,
        parts: [{ label: null, value: bilingual(row, 'wanted') }],
      })),
    cases: async (tenantId) =>
      (await latestPublicCases(db, tenantId, FEED_SIZE)).map((row) => ({
        ...row,
        parts: [
          { label: null, value: bilingual(row, 'summary') },
          ...(['period', 'activities', 'results'] as const).map((label) => ({
            label,
            value: bilingual(row, label),
          })),
        ],
      })),
  };

  for (const lang of languages) {
    for (const [kind, load] of Object.entries(sources) as [Kind, typeof sources.cases][]) {
      const url = href(lang, `/${kind}/feed.atom`);
      app.get(url, { config: { cache: true } }, async (request, reply) => {
        const rows = await load(app.gate.tenant().id);
        const entries = rows.map((row) => ({
          path: `/${kind}/${row.id}`,
          title: localize(bilingual(row, 'title'), lang).text,
          summary: entryText(row.parts, lang),
          date: row.updated_at,
        }));
        return reply
          .header('content-type', 'application/atom+xml; charset=utf-8')
          .send(atom(app, request, lang, kind, entries));
      });
    }
  }
}

/** An entry's text in `lang`: the parts that have text, each after its label. */
function entryText(parts: FeedPart[], lang: Lang): string {
  const t = messages(lang);
  return parts
    .map((part) => ({ label: part.label, text: localize(part.value, lang).text.trim() }))
    .filter((part) => part.text !== '')
    .map((part) => (part.label ? `${t.caseWork[part.label]}: ${part.text}` : part.text))
    .join('\n\n');
}

function atom(
  app: FastifyInstance,
  request: FastifyRequest,
  lang: Lang,
  kind: Kind,
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
      // The feed library marks titles and summaries as HTML; ours are plain text, so they
      // are escaped, and a reader shows "<b>" as typed instead of running it as markup.
      title: asHtmlText(entry.title),
      description: asHtmlText(entry.summary),
      date: entry.date,
    });
  }
  return feed.atom1();
}
