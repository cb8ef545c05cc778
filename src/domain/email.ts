// One plain address with a dot in its domain; the same shape the mail outbox accepts.
const emailShape = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;

/** True when `value` is one e-mail address as people type them (checked, not looked up). */
export function isEmailAddress(value: string): boolean {
  return emailShape.test(value);
}
