/**
 * Our own search terms for Japanese and English text, identical on both databases: text is
 * normalised (NFKC, lower case, common spelling variants), runs of Japanese characters are
 * indexed as pairs of characters (so 加入率 is found by 加入 and by 入率 without a
 * dictionary), and other words as whole words. A document matches a query when it holds
 * every term of the query. Single characters are indexed only where they stand alone:
 * indexing every character made the term lists a third longer and search tens of times
 * slower on the embedded engine (measured at 1,000 challenges), for queries few people type.
 */

// Spellings that city texts use interchangeably; each is indexed and searched as the first.
const variants: readonly (readonly [canonical: string, ...others: string[]])[] = [
  ['子ども', '子供', 'こども'],
  ['障がい', '障害', '障碍'],
  ['まちづくり', '街づくり', '町づくり'],
  ['高齢者', 'お年寄り'],
];

const japaneseRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+/gu;
const otherWord = /[\p{L}\p{N}]+/gu;

/** NFKC (full-width to half-width, compatibility forms), lower case, variants unified. */
export function normaliseForSearch(text: string): string {
  let normal = text.normalize('NFKC').toLowerCase();
  for (const [canonical, ...others] of variants) {
    for (const other of others) {
      normal = normal.replaceAll(other, canonical);
    }
  }
  return normal;
}

function pairs(run: string): string[] {
  const chars = [...run];
  return chars.slice(0, -1).map((char, i) => char + chars[i + 1]);
}

/** Every term a document is found by. */
export function documentTerms(...texts: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) {
      continue;
    }
    const normal = normaliseForSearch(text);
    for (const [run] of normal.matchAll(japaneseRun)) {
      const runPairs = pairs(run);
      for (const term of runPairs.length > 0 ? runPairs : [run]) {
        terms.add(term);
      }
    }
    for (const [word] of normal.replace(japaneseRun, ' ').matchAll(otherWord)) {
      terms.add(word);
    }
  }
  return [...terms].sort();
}

/** The terms a document must hold to match a query; empty when the query has no words. */
export function queryTerms(query: string): string[] {
  const normal = normaliseForSearch(query);
  const terms = new Set<string>();
  for (const [run] of normal.matchAll(japaneseRun)) {
    const runPairs = pairs(run);
    for (const term of runPairs.length > 0 ? runPairs : [run]) {
      terms.add(term);
    }
  }
  for (const [word] of normal.replace(japaneseRun, ' ').matchAll(otherWord)) {
    terms.add(word);
  }
  return [...terms].slice(0, 32);
}
