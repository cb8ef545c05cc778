/**
 * Moments typed as a local date and time: a meeting "on 2026-12-10 at 14:00" means 14:00 in
 * the city, whatever the server's own time zone.
 */

/** The offset of `timeZone` from UTC at `moment`, in milliseconds (Tokyo: +9 h). */
function offsetAt(moment: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(moment);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return local - Math.floor(moment.getTime() / 1000) * 1000;
}

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
  // Correct by the zone's offset, then once more in case the first guess crossed a change.
  let moment = asUtc - offsetAt(new Date(asUtc), timeZone);
  moment = asUtc - offsetAt(new Date(moment), timeZone);
  return new Date(moment);
}
