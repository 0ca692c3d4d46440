import { formatNumber, isoAt, segmentRanges } from './export-text.ts';
import type { Flight, SampleChannel } from './flight.ts';
import { SAMPLE_CHANNELS } from './flight.ts';

const DIGITS: Partial<Record<SampleChannel, number>> = { lat_deg: 7, lon_deg: 7, battery_pct: 1 };

/**
 * The sampled flight as CSV with units in the header (`alt_rel_m`, `h_speed_mps`, …), one row per grid
 * time, the flight mode in force and the UTC time when the log has one. Empty cells are unknown values.
 * @example writeFileSync('flight.csv', flightToCsv(flight))
 */
export function flightToCsv(flight: Flight): string {
  if (flight.track.segment_starts.length > 1) return segmentsToCsv(flight);
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

/**
 * Several segments (GPX tracks, KML lines) may cover the same times, so one time grid cannot hold
 * them: such a flight is written fix by fix, with the segment (1-based) each fix belongs to.
 */
function segmentsToCsv(flight: Flight): string {
  const tr = flight.track;
  const lines = ['segment,time_s,time_utc,lat_deg,lon_deg,alt_amsl_m'];
  segmentRanges(tr).forEach(([from, to], k) => {
    for (let i = from; i < to; i++) {
      const t = tr.t_s[i];
      lines.push(
        [
          k + 1,
          formatNumber(t, 3),
          isoAt(flight, t) ?? '',
          formatNumber(tr.lat_deg[i], 7),
          formatNumber(tr.lon_deg[i], 7),
          formatNumber(tr.alt_amsl_m[i], 3),
        ].join(','),
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
