import { TZDate } from '@date-fns/tz';

/**
 * Moments typed as a local date and time: a meeting "on 2026-12-10 at 14:00" means 14:00 in
 * the city, whatever the server's own time zone.
 */

/**
 * The moment a date 'YYYY-MM-DD' and a time 'HH:MM' name in `timeZone`, or null when either
 * is not a real date or time (2026-02-30, 25:00).
 */
export function zonedMoment(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) {
    return null;
  }
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return null;
  }
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
}
