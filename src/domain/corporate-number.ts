/**
 * The 13-digit corporate number (法人番号) assigned by the National Tax Agency. Its first
 * digit is a check digit over the other twelve: 9 − (Σ Pn × Qn mod 9), where Pn is the n-th
 * digit counted from the right of the twelve and Qn is 1 for odd n and 2 for even n.
 */
export function isCorporateNumber(value: string): boolean {
  if (!/^[0-9]{13}$/.test(value)) {
    return false;
  }
  const base = value.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return Number(value[0]) === 9 - (sum % 9);
}

/** Full-width digits, spaces and hyphens as people type them, reduced to ASCII digits. */
export function normaliseCorporateNumber(input: string): string {
  // Spaces and every dash people type between digit groups (hyphen, minus, long vowel mark).
  return input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212\u30fc]/g, '')
    .trim();
}
