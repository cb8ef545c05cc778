/**
 * Neutralises a spreadsheet cell that a program such as Excel would read as a formula
 * (OWASP CSV injection): text starting with = + - @, a tab or a carriage return gets a
 * leading apostrophe.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
