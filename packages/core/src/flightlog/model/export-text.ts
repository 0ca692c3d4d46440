import type { Flight, FlightTrack } from './flight.ts';

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Fixed decimals without trailing zeros, "" for NaN: exports stay small and diff-friendly. */
export function formatNumber(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '';
  return String(Number(v.toFixed(digits)));
}

/** ISO time of `t_s` seconds after the flight's start, or null when the start is unknown. */
export function isoAt(flight: Flight, t_s: number): string | null {
  if (flight.start === null || !Number.isFinite(t_s)) return null;
  return new Date(Date.parse(flight.start) + t_s * 1000).toISOString();
}

/** [from, to) index ranges of the track's segments, in order. */
export function segmentRanges(track: FlightTrack): [number, number][] {
  const starts = track.segment_starts;
  const n = track.lat_deg.length;
  const out: [number, number][] = [];
  for (let k = 0; k < starts.length; k++) out.push([starts[k], k + 1 < starts.length ? starts[k + 1] : n]);
  return out.filter(([a, b]) => b > a);
}

/** A name for exported files and tracks that says what it is without naming the aircraft. */
export function exportName(flight: Flight): string {
  return `Flight ${flight.start ?? ''} (${flight.format})`.replace('  ', ' ');
}
