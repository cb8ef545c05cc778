import { localize, type Lang } from '../../domain/language.ts';

interface Named {
  code: string;
  name_ja: string;
  name_en: string | null;
}

/** The display name of each code, in the list's order; unknown codes are skipped. */
export function namesOf(items: readonly Named[], codes: readonly string[], lang: Lang) {
  return items
    .filter((item) => codes.includes(item.code))
    .map((item) => ({ key: item.code, label: nameOf(item, lang) }));
}

export function nameOf(item: Omit<Named, 'code'>, lang: Lang): string {
  return localize({ ja: item.name_ja, en: item.name_en }, lang).text;
}

/** Options for a filter select built from a taxonomy. */
export function optionsOf(items: readonly Named[], lang: Lang) {
  return items.map((item) => ({ value: item.code, label: nameOf(item, lang) }));
}
