import { formatNumber, isoAt } from './export-text.ts';
import type { Flight, SampleChannel } from './flight.ts';
import { SAMPLE_CHANNELS } from './flight.ts';

const DIGITS: Partial<Record<SampleChannel, number>> = { lat_deg: 7, lon_deg: 7, battery_pct: 1 };

/**
 * The sampled flight as CSV with units in the header (`alt_rel_m`, `h_speed_mps`, …), one row per grid
 * time, the flight mode in force and the UTC time when the log has one. Empty cells are unknown values.
 * @example writeFileSync('flight.csv', flightToCsv(flight))
 */
export function flightToCsv(flight: Flight): string {
  const s = flight.samples;
  const header = ['time_s', 'time_utc', ...SAMPLE_CHANNELS, 'mode'];
  const lines = [header.join(',')];
  let m = -1;
  for (let i = 0; i < s.t_s.length; i++) {
    const t = s.t_s[i];
    while (m + 1 < flight.modes.length && flight.modes[m + 1].t_s <= t) m++;
    const row = [formatNumber(t, 3), isoAt(flight, t) ?? ''];
    for (const ch of SAMPLE_CHANNELS) row.push(formatNumber(s[ch][i], DIGITS[ch] ?? 3));
    row.push(m >= 0 ? csvCell(flight.modes[m].mode) : '');
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
