import type { Clock } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/language.ts';
import type { Tenant } from '../../db/schema.ts';
import type { Messages } from '../i18n/index.ts';

/** What every page view needs to know about the request it answers. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  tenant: Tenant;
  /** The path without the language prefix, e.g. '/challenges'. */
  path: string;
  /** The raw query string without '?', or ''. */
  query: string;
  /** The tenant's today as 'YYYY-MM-DD'. */
  today: string;
  clock: Clock;
  stylesheet: string;
  /** On pages for one person (never cached): who is signed in. */
  account?: AccountBar | undefined;
  /** On pages for one person: the CSRF token for their forms. */
  csrf?: string;
  /** Scripts the page loads (deferred); every page works without them. */
  scripts?: string[];
}

/** What the header shows of the signed-in person. */
export interface AccountBar {
  name: string;
  csrf: string;
  staff: boolean;
}

/** A path of the portal in the given language: '/cases' or '/en/cases'. */
export function href(lang: Lang, path: string): string {
  if (lang === 'ja') {
    return path;
  }
  return path === '/' ? '/en' : `/en${path}`;
}
