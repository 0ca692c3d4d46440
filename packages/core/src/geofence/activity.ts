import type { Applicability, Zone } from '../zone/index.ts';

const DAY_CODES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/**
 * Whether the zone applies at `at`. A zone without applicability entries is permanent.
 *
 * @example
 * if (isZoneActive(zone, new Date())) warn(zone.name); // no applicability entries: always active
 */
export function isZoneActive(zone: Pick<Zone, 'applicability'>, at: Date): boolean {
  if (zone.applicability.length === 0) return true;
  return zone.applicability.some((a) => isApplicable(a, at));
}

/**
 * Whether the zone applies at some moment in [from, to] (checked at its boundaries and each quarter hour).
 *
 * @example
 * const soon = isZoneActiveWithin(zone, new Date(), new Date(Date.now() + 3_600_000)); // within the next hour
 */
export function isZoneActiveWithin(zone: Pick<Zone, 'applicability'>, from: Date, to: Date): boolean {
  if (isZoneActive(zone, from)) return true;
  for (const a of zone.applicability) {
    if (a.start && Date.parse(a.start) >= from.getTime() && Date.parse(a.start) <= to.getTime()) return true;
  }
  const step = 15 * 60_000;
  for (let t = from.getTime() + step; t <= to.getTime(); t += step) {
    if (isZoneActive(zone, new Date(t))) return true;
  }
  return isZoneActive(zone, to);
}

function isApplicable(a: Applicability, at: Date): boolean {
  const t = at.getTime();
  if (a.start && t < Date.parse(a.start)) return false;
  // Valid in [start, end): at its end time a restriction is over (see validity.ts).
  if (a.end && t >= Date.parse(a.end)) return false;
  if (!a.schedule || a.schedule.length === 0) return true;
  return a.schedule.some((s) => inSchedule(s, at));
}

function inSchedule(s: NonNullable<Applicability['schedule']>[number], at: Date): boolean {
  const day = DAY_CODES[at.getUTCDay()];
  if (!s.days.includes('ANY') && !s.days.includes(day)) return false;
  const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
  const start = s.startTime ? minutesOf(s.startTime) : 0;
  const end = s.endTime ? minutesOf(s.endTime) : 24 * 60;
  // A window such as 22:00–06:00 wraps past midnight.
  return start <= end ? minute >= start && minute <= end : minute >= start || minute <= end;
}

/** "HH:MM[:SS][Z|±HH:MM]" → minutes after midnight UTC. */
function minutesOf(time: string): number {
  const m = /^(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?(Z|([+-])(\d\d):?(\d\d))?$/.exec(time);
  if (!m) return 0;
  let minutes = Number(m[1]) * 60 + Number(m[2]);
  if (m[4]) minutes -= (m[4] === '+' ? 1 : -1) * (Number(m[5]) * 60 + Number(m[6]));
  return ((minutes % 1440) + 1440) % 1440;
}
