/** The languages of the gate: Japanese first, English second. */
export const languages = ['ja', 'en'] as const;
export type Lang = (typeof languages)[number];

/** A text in Japanese with an optional English version. */
export interface Bilingual {
  ja: string;
  en: string | null;
}

/** The text to show in `lang`, and the language it is actually in. */
export interface Localized {
  text: string;
  lang: Lang;
  /** True when English was asked for but only Japanese exists. */
  fallback: boolean;
}

/** Chooses the version of a bilingual text for `lang`, falling back to Japanese. */
export function localize(value: Bilingual, lang: Lang): Localized {
  if (lang === 'en' && value.en !== null && value.en.trim() !== '') {
    return { text: value.en, lang: 'en', fallback: false };
  }
  return { text: value.ja, lang: 'ja', fallback: lang !== 'ja' };
}

/** Picks `<column>_ja` and `<column>_en` of a row as one bilingual value. */
export function bilingual(row: object, column: string): Bilingual {
  const values = row as Record<string, string | null | undefined>;
  return { ja: values[`${column}_ja`] ?? '', en: values[`${column}_en`] ?? null };
}
