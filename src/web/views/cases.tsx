import { limits } from '../../domain/limits.ts';
import { bilingual, localize } from '../../domain/language.ts';
import type { CaseSummary } from '../../db/queries/cases.ts';
import type { Taxonomies } from '../../db/queries/taxonomy.ts';
import { FilterSelect, KeywordInput, Pagination, Prose, Tags, Text } from './components.tsx';
import { href, type PageContext } from './context.ts';
import { namesOf, optionsOf } from './labels.ts';
import { Layout } from './layout.tsx';

export interface CaseListQuery {
  q?: string | undefined;
  field?: string | undefined;
  method?: string | undefined;
  year?: number | undefined;
  scope?: 'other-cities' | undefined;
  page: number;
}

function originTag(ctx: PageContext, row: CaseSummary) {
  if (row.origin === 'other-city') {
    const name = localize(bilingual(row, 'municipality'), ctx.lang).text;
    return [{ key: 'origin', label: `${ctx.t.originOther}: ${name}`, tone: 'other' }];
  }
  if (row.origin === 'wide-area') {
    return [{ key: 'origin', label: ctx.t.originWideArea, tone: 'wide' }];
  }
  return [];
}

/** A case in a list: headline, partners, year, fields and methods. */
export function CaseCard(props: {
  ctx: PageContext;
  row: CaseSummary;
  taxonomies: Taxonomies;
  headingLevel?: 2 | 3;
}) {
  const { ctx, row, taxonomies } = props;
  const { t, lang } = ctx;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <li class="card">
      <Heading class="card-title">
        <a href={href(lang, `/cases/${row.id}`)}>
          <Text ctx={ctx} value={bilingual(row, 'title')} />
        </a>
      </Heading>
      <p class="card-meta">
        {row.year ? t.yearLabel(row.year) : t.unknownYear}
        {' · '}
        <Text ctx={ctx} value={bilingual(row, 'partners')} />
      </p>
      <Tags
        items={[
          ...originTag(ctx, row),
          ...namesOf(taxonomies.fields, row.field_codes, lang),
          ...namesOf(taxonomies.methods, row.method_codes, lang),
        ]}
      />
    </li>
  );
}

export function CaseListPage(props: {
  ctx: PageContext;
  query: CaseListQuery;
  rows: CaseSummary[];
  total: number;
  capped: boolean;
  years: number[];
  taxonomies: Taxonomies;
}) {
  const { ctx, query, taxonomies } = props;
  const { t, lang } = ctx;
  const pages = Math.max(1, Math.ceil(props.total / limits.pageSize));
  return (
    <Layout ctx={ctx} title={t.cases}>
      <form class="filters" method="get" action={href(lang, '/cases')}>
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
              name="method"
              label={t.method}
              value={query.method}
              options={optionsOf(taxonomies.methods, lang)}
            />
            <FilterSelect
              ctx={ctx}
              name="year"
              label={t.year}
              value={query.year?.toString()}
              options={props.years.map((y) => ({ value: String(y), label: t.yearLabel(y) }))}
            />
          </div>
          <fieldset class="radios">
            <legend>{t.scope}</legend>
            <div class="radio-row">
              <input type="radio" id="scope-city" name="scope" value="" checked={!query.scope} />
              <label for="scope-city">{t.scopeCity}</label>
            </div>
            <div class="radio-row">
              <input
                type="radio"
                id="scope-other"
                name="scope"
                value="other-cities"
                checked={query.scope === 'other-cities'}
              />
              <label for="scope-other">{t.scopeOther}</label>
            </div>
          </fieldset>
          <div class="button-row">
            <button type="submit" class="button">
              {t.applyFilter}
            </button>
            <a href={href(lang, '/cases')}>{t.clearFilter}</a>
          </div>
        </fieldset>
      </form>
      {query.scope === 'other-cities' && <p class="notice">{t.otherCityNote}</p>}
      <p class="result-count" role="status">
        {t.resultCount(props.total, props.capped)}
      </p>
      {props.rows.length === 0 ? (
        <p>{t.noResults}</p>
      ) : (
        <ul class="cards">
          {props.rows.map((row) => (
            <CaseCard ctx={ctx} row={row} taxonomies={taxonomies} />
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        page={query.page}
        pages={pages}
        params={new URLSearchParams(ctx.query)}
      />
    </Layout>
  );
}

/** The texts of a case as the portal shows them, whoever reads them. */
export interface CaseStory {
  origin: CaseSummary['origin'];
  municipality_ja: string;
  municipality_en: string | null;
  year: number | null;
  partners_ja: string;
  partners_en: string | null;
  title_ja: string;
  title_en: string | null;
  summary_ja: string;
  summary_en: string | null;
  activities_ja: string | null;
  activities_en: string | null;
  results_ja: string | null;
  results_en: string | null;
  period_ja: string | null;
  period_en: string | null;
  translation_pending: boolean;
  source_url: string | null;
  source_note_ja: string | null;
  source_note_en: string | null;
}

function present(row: object, column: string): boolean {
  return (bilingual(row, column).ja ?? '').trim() !== '';
}

/**
 * A case's facts and story: municipality, year, partners, period, fields and methods, then the
 * summary, what was done and what it achieved. The partner reads the same before approving.
 */
export function CaseBody(props: {
  ctx: PageContext;
  row: CaseStory;
  fieldNames: string[];
  methodNames: string[];
}) {
  const { ctx, row } = props;
  const { t, lang } = ctx;
  const list = (names: string[]) => names.join(lang === 'ja' ? '、' : ', ');
  return (
    <>
      {lang === 'en' && row.translation_pending && (
        <p class="notice notice-warning">{t.caseWork.translationPending}</p>
      )}
      {row.origin === 'other-city' && <p class="notice">{t.otherCityNote}</p>}
      {row.origin === 'wide-area' && <p class="notice">{t.wideAreaNote}</p>}
      <dl class="facts">
        <dt>{t.municipality}</dt>
        <dd>
          <Text ctx={ctx} value={bilingual(row, 'municipality')} />
        </dd>
        <dt>{t.year}</dt>
        <dd>{row.year ? t.yearLabel(row.year) : t.unknownYear}</dd>
        <dt>{t.partners}</dt>
        <dd>
          <Text ctx={ctx} value={bilingual(row, 'partners')} />
        </dd>
        {present(row, 'period') && (
          <>
            <dt>{t.caseWork.period}</dt>
            <dd>
              <Text ctx={ctx} value={bilingual(row, 'period')} />
            </dd>
          </>
        )}
        <dt>{t.field}</dt>
        <dd>{list(props.fieldNames)}</dd>
        <dt>{t.method}</dt>
        <dd>{list(props.methodNames)}</dd>
      </dl>
      <h2>{t.summary}</h2>
      <Prose ctx={ctx} value={bilingual(row, 'summary')} />
      {present(row, 'activities') && (
        <>
          <h2>{t.caseWork.activities}</h2>
          <Prose ctx={ctx} value={bilingual(row, 'activities')} />
        </>
      )}
      {present(row, 'results') && (
        <>
          <h2>{t.caseWork.results}</h2>
          <Prose ctx={ctx} value={bilingual(row, 'results')} />
        </>
      )}
      {(row.source_url || row.source_note_ja) && (
        <>
          <h2>{t.source}</h2>
          <p>
            {row.source_url ? (
              <a href={row.source_url} rel="noopener noreferrer external">
                {row.source_url}
              </a>
            ) : (
              <Text ctx={ctx} value={bilingual(row, 'source_note')} />
            )}
          </p>
        </>
      )}
    </>
  );
}

type CaseDetail = CaseSummary & CaseStory;

export function CasePage(props: { ctx: PageContext; row: CaseDetail; taxonomies: Taxonomies }) {
  const { ctx, row, taxonomies } = props;
  const { lang } = ctx;
  const title = bilingual(row, 'title');
  const names = (items: { label: string }[]) => items.map((item) => item.label);
  return (
    <Layout ctx={ctx} title={localize(title, lang).text} heading={<Text ctx={ctx} value={title} />}>
      <CaseBody
        ctx={ctx}
        row={row}
        fieldNames={names(namesOf(taxonomies.fields, row.field_codes, lang))}
        methodNames={names(namesOf(taxonomies.methods, row.method_codes, lang))}
      />
    </Layout>
  );
}
