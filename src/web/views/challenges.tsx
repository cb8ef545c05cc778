import type { ComponentChildren } from 'preact';
import { limits } from '../../domain/limits.ts';
import { formatDate, isoDate } from '../../domain/calendar.ts';
import { bilingual, localize } from '../../domain/language.ts';
import { themeCallPhase, type ThemeCallPhase } from '../../domain/theme-call.ts';
import type { ChallengeSummary } from '../../db/queries/challenges.ts';
import type { Taxonomies } from '../../db/queries/taxonomy.ts';
import {
  DateText,
  FilterSelect,
  KeywordInput,
  Pagination,
  Prose,
  Tags,
  Text,
} from './components.tsx';
import type { Messages } from '../i18n/index.ts';
import { href, type PageContext } from './context.ts';
import { namesOf, nameOf, optionsOf } from './labels.ts';
import { Layout } from './layout.tsx';

export interface ChallengeListQuery {
  q?: string | undefined;
  field?: string | undefined;
  concept?: string | undefined;
  department?: number | undefined;
  status?: 'open' | 'closed' | undefined;
  call?: 'open' | undefined;
  scope?: 'wide-area' | undefined;
  page: number;
}

export function callPhaseOf(row: ChallengeSummary, today: string): ThemeCallPhase | undefined {
  if (!row.call_opens_on || !row.call_closes_on) {
    return undefined;
  }
  return themeCallPhase(
    { opensOn: row.call_opens_on, closesOn: row.call_closes_on, challengeStatus: row.status },
    today,
  );
}

/** A challenge in a list: title, department, fields and theme call state. */
export function ChallengeCard(props: {
  ctx: PageContext;
  row: ChallengeSummary;
  taxonomies: Taxonomies;
  headingLevel?: 2 | 3;
}) {
  const { ctx, row, taxonomies } = props;
  const { t, lang } = ctx;
  const phase = callPhaseOf(row, ctx.today);
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const tags = [
    ...(phase
      ? [{ key: 'call', label: `${t.themeCall}: ${phaseLabel(ctx, phase)}`, tone: phase }]
      : []),
    ...(row.status === 'closed' ? [{ key: 'closed', label: t.statusClosed, tone: 'closed' }] : []),
    ...(row.wide_area ? [{ key: 'wide-area', label: t.challenge.wideArea }] : []),
    ...namesOf(taxonomies.fields, row.field_codes, lang),
    ...namesOf(taxonomies.concepts, row.concept_codes, lang),
  ];
  return (
    <li class="card">
      <Heading class="card-title">
        <a href={href(lang, `/challenges/${row.id}`)}>
          <Text ctx={ctx} value={bilingual(row, 'title')} />
        </a>
      </Heading>
      <p class="card-meta">
        {nameOf({ name_ja: row.department_ja, name_en: row.department_en }, lang)}
        {phase === 'open' && row.call_closes_on && (
          <>
            {' · '}
            {t.callCloses}: <DateText ctx={ctx} date={row.call_closes_on} />
          </>
        )}
      </p>
      <Tags items={tags} />
    </li>
  );
}

function phaseLabel(ctx: PageContext, phase: ThemeCallPhase): string {
  const labels = { open: ctx.t.callOpen, upcoming: ctx.t.callUpcoming, closed: ctx.t.callClosed };
  return labels[phase];
}

export function ChallengeListPage(props: {
  ctx: PageContext;
  query: ChallengeListQuery;
  rows: ChallengeSummary[];
  total: number;
  capped: boolean;
  taxonomies: Taxonomies;
}) {
  const { ctx, query, taxonomies } = props;
  const { t, lang } = ctx;
  const pages = Math.max(1, Math.ceil(props.total / limits.pageSize));
  const params = new URLSearchParams(ctx.query);
  return (
    <Layout ctx={ctx} title={t.challenges}>
      <form class="filters" method="get" action={href(lang, '/challenges')}>
        <fieldset>
          <legend>{t.filter}</legend>
          <KeywordInput ctx={ctx} value={query.q} />
          <div class="filter-grid">
            <FilterSelect
              ctx={ctx}
              name="field"
              label={t.field}
              value={query.field}
              options={optionsOf(taxonomies.fields, lang)}
            />
            <FilterSelect
              ctx={ctx}
              name="concept"
              label={t.concept}
              value={query.concept}
              options={optionsOf(taxonomies.concepts, lang)}
            />
            <FilterSelect
              ctx={ctx}
              name="department"
              label={t.department}
              value={query.department?.toString()}
              options={taxonomies.bureaus.map((b) => ({
                value: String(b.id),
                label: nameOf(b, lang),
              }))}
            />
            <FilterSelect
              ctx={ctx}
              name="status"
              label={t.status}
              value={query.status}
              options={[
                { value: 'open', label: t.statusOpen },
                { value: 'closed', label: t.statusClosed },
              ]}
            />
          </div>
          <div class="checkbox-row">
            <input
              type="checkbox"
              id="filter-call"
              name="call"
              value="open"
              checked={query.call === 'open'}
            />
            <label for="filter-call">{t.callOpenOnly}</label>
          </div>
          <div class="checkbox-row">
            <input
              type="checkbox"
              id="filter-scope"
              name="scope"
              value="wide-area"
              checked={query.scope === 'wide-area'}
            />
            <label for="filter-scope">{t.challenge.wideAreaFilter}</label>
          </div>
          <div class="button-row">
            <button type="submit" class="button">
              {t.applyFilter}
            </button>
            <a href={href(lang, '/challenges')}>{t.clearFilter}</a>
          </div>
        </fieldset>
      </form>
      <p>
        <a href={href(lang, '/subscriptions')}>{t.challenge.subscribeLink}</a>
        {' · '}
        <a href={href(lang, '/challenges/feed.atom')}>{t.challenge.feedLink}</a>
      </p>
      <p class="result-count" role="status">
        {t.resultCount(props.total, props.capped)}
      </p>
      {props.rows.length === 0 ? (
        <p>{t.noResults}</p>
      ) : (
        <ul class="cards">
          {props.rows.map((row) => (
            <ChallengeCard ctx={ctx} row={row} taxonomies={taxonomies} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={query.page} pages={pages} params={params} />
    </Layout>
  );
}

type ChallengeDetail = ChallengeSummary & {
  calls: {
    opens_on: string;
    closes_on: string;
    question_deadline: string | null;
    conditions_ja: string | null;
    conditions_en: string | null;
    criteria_ja: string | null;
    criteria_en: string | null;
  }[];
} & Record<string, unknown>;

const sections = [
  ['situation', (t: Messages) => t.situation],
  ['background', (t: Messages) => t.challenge.textNames.background],
  ['wanted', (t: Messages) => t.wanted],
  ['solution', (t: Messages) => t.challenge.textNames.solution],
  ['outcome', (t: Messages) => t.outcome],
  ['offer', (t: Messages) => t.offer],
  ['partner_benefit', (t: Messages) => t.partnerBenefit],
  ['constraints', (t: Messages) => t.constraints],
  ['contact', (t: Messages) => t.contact],
] as const;

export function ChallengePage(props: {
  ctx: PageContext;
  challenge: ChallengeDetail;
  taxonomies: Taxonomies;
  /** The partner cities it is shared with (a wide-area challenge), by name. */
  cities?: string[];
  /** Shown after the texts: the public questions and answers. */
  children?: ComponentChildren;
  error?: boolean;
}) {
  const { ctx, challenge, taxonomies } = props;
  const { t, lang } = ctx;
  const title = bilingual(challenge, 'title');
  const call = challenge.calls[0];
  const phase = call
    ? themeCallPhase(
        { opensOn: call.opens_on, closesOn: call.closes_on, challengeStatus: challenge.status },
        ctx.today,
      )
    : undefined;
  return (
    <Layout
      ctx={ctx}
      title={localize(title, lang).text}
      heading={<Text ctx={ctx} value={title} />}
      error={props.error}
    >
      <dl class="facts">
        <dt>{t.department}</dt>
        <dd>
          {nameOf({ name_ja: challenge.department_ja, name_en: challenge.department_en }, lang)}
        </dd>
        <dt>{t.field}</dt>
        <dd>
          {namesOf(taxonomies.fields, challenge.field_codes, lang)
            .map((f) => f.label)
            .join(lang === 'ja' ? '、' : ', ')}
        </dd>
        {challenge.concept_codes.length > 0 && (
          <>
            <dt>{t.concept}</dt>
            <dd>
              {namesOf(taxonomies.concepts, challenge.concept_codes, lang)
                .map((c) => c.label)
                .join(lang === 'ja' ? '、' : ', ')}
            </dd>
          </>
        )}
        <dt>{t.status}</dt>
        <dd>{challenge.status === 'closed' ? t.statusClosed : t.statusOpen}</dd>
        {props.cities && props.cities.length > 0 && (
          <>
            <dt>{t.challenge.sharedWith}</dt>
            <dd>
              {t.challenge.wideArea}: {props.cities.join(lang === 'ja' ? '、' : ', ')}
            </dd>
          </>
        )}
        {challenge.published_at && (
          <>
            <dt>{t.publishedOn}</dt>
            <dd>
              <DateText ctx={ctx} date={isoDate(challenge.published_at, ctx.tenant.time_zone)} />
            </dd>
          </>
        )}
      </dl>
      {call && phase && (
        <section class={`call call-${phase}`} aria-labelledby="call-heading">
          <h2 id="call-heading">
            {t.themeCall}: {phaseLabel(ctx, phase)}
          </h2>
          <dl class="facts">
            <dt>{t.callPeriod}</dt>
            <dd>
              {t.callPeriodRange(formatDate(call.opens_on, lang), formatDate(call.closes_on, lang))}
            </dd>
            {call.question_deadline && (
              <>
                <dt>{t.questionDeadline}</dt>
                <dd>
                  <DateText ctx={ctx} date={call.question_deadline} />
                </dd>
              </>
            )}
          </dl>
          {call.conditions_ja && (
            <>
              <h3>{t.callConditions}</h3>
              <Prose ctx={ctx} value={bilingual(call, 'conditions')} />
            </>
          )}
          {call.criteria_ja && (
            <>
              <h3>{t.callCriteria}</h3>
              <Prose ctx={ctx} value={bilingual(call, 'criteria')} />
            </>
          )}
          {phase === 'open' && (
            <>
              <p>
                <a class="button" href={href(lang, `/proposals/new?challenge=${challenge.id}`)}>
                  {t.proposeOnTheme}
                </a>
              </p>
              <p class="hint">
                {t.proposeNeedsAccount} <a href={href(lang, '/signup')}>{t.account.signUp}</a>
              </p>
            </>
          )}
        </section>
      )}
      {sections.map(([column, label]) =>
        challenge[`${column}_ja`] ? (
          <section aria-labelledby={`section-${column}`}>
            <h2 id={`section-${column}`}>{label(t)}</h2>
            <Prose ctx={ctx} value={bilingual(challenge, column)} />
          </section>
        ) : null,
      )}
      {props.children}
    </Layout>
  );
}
