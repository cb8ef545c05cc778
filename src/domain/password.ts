/**
 * What makes a password acceptable: 8 to 128 characters, any characters, and not one of
 * the passwords attackers try first. No composition rules: they make passwords harder to
 * remember without making them harder to guess (NIST SP 800-63B, OWASP ASVS 5.0 6.2).
 */
export const passwordLength = { min: 8, max: 128 } as const;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

/** Counts characters as people see them, so an emoji or a kanji is one character. */
function length(password: string): number {
  return [...password].length;
}

/** The first problem with a new password, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: { email?: string; isCommon: (candidate: string) => boolean },
): PasswordProblem | null {
  const n = length(password);
  if (n < passwordLength.min) {
    return 'tooShort';
  }
  if (n > passwordLength.max) {
    return 'tooLong';
  }
  const lower = password.toLowerCase();
  if (context.isCommon(lower)) {
    return 'common';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    return 'containsEmail';
  }
  return null;
}
