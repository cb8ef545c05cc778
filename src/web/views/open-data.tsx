import { href, type PageContext } from './context.ts';
import { Layout } from './layout.tsx';

const files = [
  ['challenges', '/open-data/challenges.csv', 'CSV'],
  ['challenges', '/open-data/challenges.json', 'JSON'],
  ['challenges', '/challenges/feed.atom', 'Atom'],
  ['cases', '/open-data/cases.csv', 'CSV'],
  ['cases', '/open-data/cases.json', 'JSON'],
  ['cases', '/cases/feed.atom', 'Atom'],
] as const;

export function OpenDataPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t.openData} lead={t.openDataLead}>
      <ul>
        {files.map(([what, path, format]) => (
          <li>
            <a href={format === 'Atom' ? href(lang, path) : path}>
              {t[what]} ({format})
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
