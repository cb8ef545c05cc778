import { bilingual, localize } from '../../domain/language.ts';
import { DateText, Text } from './components.tsx';
import type { PageContext } from './context.ts';
import { nameOf } from './labels.ts';
import { Layout } from './layout.tsx';

interface Ground {
  code: string;
  text_ja: string;
  text_en: string | null;
}
interface Program {
  code: string;
  name_ja: string;
  name_en: string | null;
  summary_ja: string;
  summary_en: string | null;
  department_ja: string | null;
  department_en: string | null;
}
interface City {
  code: string;
  name_ja: string;
  name_en: string | null;
}

export function AboutPage(props: {
  ctx: PageContext;
  grounds: Ground[];
  programs: Program[];
  cities: City[];
}) {
  const { ctx } = props;
  const { t, tenant, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t.about} lead={t.aboutLead}>
      <dl class="facts">
        <dt>{t.office}</dt>
        <dd>{localize({ ja: tenant.office_ja, en: tenant.office_en }, lang).text}</dd>
        {tenant.opened_on && (
          <>
            <dt>{t.opened}</dt>
            <dd>
              <DateText ctx={ctx} date={tenant.opened_on} />
            </dd>
          </>
        )}
      </dl>
      <h2>{t.aboutWhatHeading}</h2>
      {t.aboutWhat.map((p) => (
        <p>{p}</p>
      ))}
      <h2>{t.aboutWhoHeading}</h2>
      <p>{t.aboutWho}</p>
      <ul>
        {props.grounds.map((ground) => (
          <li>
            <Text ctx={ctx} value={bilingual(ground, 'text')} />
          </li>
        ))}
      </ul>
      <h2>{t.aboutProgramsHeading}</h2>
      <p>{t.aboutProgramsLead}</p>
      <ul class="cards">
        {props.programs.map((program) => (
          <li class="card">
            <h3 class="card-title">
              <Text ctx={ctx} value={bilingual(program, 'name')} />
            </h3>
            <p>
              <Text ctx={ctx} value={bilingual(program, 'summary')} />
            </p>
            {program.department_ja && (
              <p class="card-meta">
                {nameOf({ name_ja: program.department_ja, name_en: program.department_en }, lang)}
              </p>
            )}
          </li>
        ))}
      </ul>
      <h2>{t.aboutCitiesHeading}</h2>
      <p>{t.aboutCitiesLead}</p>
      <ul class="inline-list">
        {props.cities.map((city) => (
          <li>{nameOf(city, lang)}</li>
        ))}
      </ul>
    </Layout>
  );
}
