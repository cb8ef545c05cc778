import { dictionary } from '@zxcvbn-ts/language-common';

// The list of common passwords shipped with zxcvbn-ts (about 49,000 entries from leaked
// password sets). Shorter ones are refused for their length anyway.
let common: Set<string> | undefined;

/** True when `candidate` (in lower case) is on the list of common passwords. */
export function isCommonPassword(candidate: string): boolean {
  common ??= new Set(
    (dictionary['passwords-common'] as unknown as string[])
      .filter((word) => word.length >= 8)
      .map((word) => word.toLowerCase()),
  );
  return common.has(candidate);
}
