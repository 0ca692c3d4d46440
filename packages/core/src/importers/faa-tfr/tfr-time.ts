/**
 * The zones `codeTimeZone` names in FAA TFR detail XML (US time zones, standard and daylight, and
 * UTC), as hours east of UTC. Each abbreviation names one offset, so no time-zone database is needed.
 */
const OFFSET_H: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  AST: -4,
  ADT: -3,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  HDT: -9,
  SST: -11,
  CHST: 10,
};

/**
 * `2024-07-04T21:00:00` in the zone `codeTimeZone` names → ISO 8601 UTC. A time that carries its own
 * offset keeps it. Throws a RangeError for an unknown zone or an unreadable time: a restriction must
 * not start or end hours away from when the FAA says.
 */
export function tfrTime(raw: string, zone: string | undefined, field: string): string {
  const text = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text,
  );
  if (!m) throw new RangeError(`${field} "${text.slice(0, 40)}" is not YYYY-MM-DDTHH:MM:SS`);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  let offsetMin: number;
  if (m[7]) {
    offsetMin =
      m[7] === 'Z'
        ? 0
        : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2)));
  } else {
    const key = (zone ?? 'UTC').trim().toUpperCase();
    const hours = OFFSET_H[key];
    if (hours === undefined)
      throw new RangeError(`codeTimeZone "${zone}" is not a known time zone (${field})`);
    offsetMin = hours * 60;
  }
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(local);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new RangeError(`${field} "${text}" is not a real date and time`);
  }
  return new Date(local - offsetMin * 60_000).toISOString();
}
