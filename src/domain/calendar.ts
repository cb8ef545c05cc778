import type { Lang } from './language.ts';

/** The gate's clock; tests replace it to move through time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Today's date as 'YYYY-MM-DD' in the tenant's time zone. */
export function todayIn(timeZone: string, clock: Clock = systemClock): string {
  return isoDate(clock.now(), timeZone);
}

/** A moment as the calendar date 'YYYY-MM-DD' in `timeZone`. */
export function isoDate(moment: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(moment);
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A 'YYYY-MM-DD' date for people: 2026年12月3日 / 3 December 2026. */
export function formatDate(date: string, lang: Lang): string {
  return dateFormats[lang].format(new Date(`${date}T00:00:00Z`));
}

/** The fiscal year (April to March) a date falls in, named by the year it starts. */
export function fiscalYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

const eraYear = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A fiscal year for people: 令和8年度 / FY2026. */
export function formatFiscalYear(fiscalYear: number, lang: Lang): string {
  if (lang === 'en') {
    return `FY${fiscalYear}`;
  }
  // An era that begins during a fiscal year names the whole year (FY2019 is 令和元年度),
  // so the era in force at the end of the starting calendar year is the one to use.
  const era = eraYear.format(new Date(Date.UTC(fiscalYear, 11, 31)));
  return `${era.replace(/^(\D+)1年$/, '$1元年')}度`;
}
