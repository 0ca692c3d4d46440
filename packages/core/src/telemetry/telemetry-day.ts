/**
 * Days as 'YYYY-MM-DD' strings in UTC: the only time resolution telemetry has. Strings compare in
 * calendar order, which keeps expiry and window checks simple.
 */

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * How far back a report's day may be; older reports are refused rather than back-dated.
 *
 * @example
 * const oldest = addDays(utcDay(new Date()), -TELEMETRY_MAX_DAY_AGE); // reports about earlier days are refused
 */
export const TELEMETRY_MAX_DAY_AGE = 7;

/**
 * The UTC day of a date (or the day string itself, validated).
 *
 * @example
 * utcDay(new Date('2026-03-01T23:30:00-02:00')); // '2026-03-02'
 */
export function utcDay(at?: Date | string): string {
  if (typeof at === 'string') {
    if (!isValidDay(at)) throw new RangeError(`not a valid day (YYYY-MM-DD): "${at}"`);
    return at;
  }
  if (at) return at.toISOString().slice(0, 10);
  // Asked on every report the server receives: format only when the day changes.
  const now = Date.now();
  if (!(now >= today.start && now < today.start + DAY_MS)) {
    today.start = now - (now % DAY_MS);
    today.day = new Date(today.start).toISOString().slice(0, 10);
  }
  return today.day;
}

const today = { start: Number.NaN, day: '' };

/**
 * Whether `s` is a real calendar day in 'YYYY-MM-DD' form (2026-02-30 is not).
 *
 * @example
 * isValidDay('2026-12-05'); // true
 * isValidDay('2026-02-30'); // false
 */
export function isValidDay(s: string): boolean {
  if (typeof s !== 'string' || !DAY_RE.test(s)) return false;
  // Arithmetic instead of Date parsing: this runs on every report the server receives.
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
}

/**
 * The day `n` days after `day` (negative for before).
 *
 * @example
 * addDays('2026-03-01', -1); // '2026-02-28'
 */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${utcDay(day)}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
