import type { Lang } from '../../domain/language.ts';

/** An absolute link to a page of the gate in `lang`, carrying a token. */
export function tokenLink(publicUrl: string, lang: Lang, path: string, token: string): string {
  const prefix = lang === 'en' ? '/en' : '';
  return `${publicUrl}${prefix}${path}?token=${encodeURIComponent(token)}`;
}
