import type { Lang } from '../../domain/language.ts';
import { en } from './en.ts';
import { ja, type Messages } from './ja.ts';

export type { Messages };

const catalogues: Record<Lang, Messages> = { ja, en };

/** The message catalogue of a language. */
export function messages(lang: Lang): Messages {
  return catalogues[lang];
}
