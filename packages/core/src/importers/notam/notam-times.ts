/** Item B or C: `YYMMDDHHMM` in UTC (ICAO Doc 8126), C possibly `PERM` or followed by `EST`. */
export interface NotamTime {
  /** ISO 8601 UTC, or null for PERM. */
  iso: string | null;
  estimated: boolean;
}

export function parseNotamTime(text: string, item: 'B' | 'C'): NotamTime {
  const t = text.trim().toUpperCase();
  if (item === 'C' && t === 'PERM') return { iso: null, estimated: false };
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\s*(EST))?$/.exec(t);
  if (!m)
    throw new RangeError(
      `item ${item}) "${text.slice(0, 40)}" is not YYMMDDHHMM${item === 'C' ? ', PERM or … EST' : ''}`,
    );
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
  const ms = Date.UTC(2000 + y, mo - 1, d, h, mi);
  const back = new Date(ms);
  // 2400 is not a NOTAM time (Doc 8126 writes 2359), and 30 February must not roll into March.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) {
    throw new RangeError(`item ${item}) "${text.trim()}" is not a real date and time`);
  }
  return { iso: back.toISOString(), estimated: m[6] === 'EST' };
}
