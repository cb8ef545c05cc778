import { localize } from '../../domain/language.ts';
import type { CaseSummary } from '../../db/queries/cases.ts';
import type { ChallengeSummary } from '../../db/queries/challenges.ts';
import type { Taxonomies } from '../../db/queries/taxonomy.ts';
import type { EventRow } from './events.tsx';
import { CaseCard } from './cases.tsx';
import { ChallengeCard } from './challenges.tsx';
import { href, type PageContext } from './context.ts';
import { EventList } from './events.tsx';
import { Layout } from './layout.tsx';

export function HomePage(props: {
  ctx: PageContext;
  challenges: ChallengeSummary[];
  cases: CaseSummary[];
  events: EventRow[];
  taxonomies: Taxonomies;
}) {
  const { ctx, taxonomies } = props;
  const { t, lang, tenant } = ctx;
  const gateName = localize({ ja: tenant.gate_name_ja, en: tenant.gate_name_en }, lang).text;
  const intro = localize({ ja: tenant.intro_ja, en: tenant.intro_en }, lang);
  return (
    <Layout ctx={ctx} title={t.home} heading={gateName} lead={t.homeLead}>
      <p lang={intro.fallback ? 'ja' : undefined}>{intro.text}</p>

      <section aria-labelledby="home-challenges">
        <h2 id="home-challenges">{t.openChallenges}</h2>
        <ul class="cards">
          {props.challenges.map((row) => (
            <ChallengeCard ctx={ctx} row={row} taxonomies={taxonomies} headingLevel={3} />
          ))}
        </ul>
        <p>
          <a href={href(lang, '/challenges')}>{t.seeAllChallenges}</a>
        </p>
      </section>

      <section aria-labelledby="home-propose">
        <h2 id="home-propose">{t.howToPropose}</h2>
        <ol class="steps">
          {t.howToProposeSteps.map((step) => (
            <li>{step}</li>
          ))}
        </ol>
        <ul class="link-list">
          <li>
            <a href={href(lang, '/proposals/new')}>{t.writeFreeProposal}</a>
          </li>
          <li>
            <a href={href(lang, '/process')}>{t.seeProcess}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="home-cases">
        <h2 id="home-cases">{t.latestCases}</h2>
        <ul class="cards">
          {props.cases.map((row) => (
            <CaseCard ctx={ctx} row={row} taxonomies={taxonomies} headingLevel={3} />
          ))}
        </ul>
        <p>
          <a href={href(lang, '/cases')}>{t.seeAllCases}</a>
        </p>
      </section>

      <section aria-labelledby="home-events">
        <h2 id="home-events">{t.upcomingEvents}</h2>
        <EventList ctx={ctx} events={props.events} headingLevel={3} />
      </section>
    </Layout>
  );
}
