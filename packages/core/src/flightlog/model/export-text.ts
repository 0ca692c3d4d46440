import type { Flight, FlightTrack } from './flight.ts';

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Above this, v × 10^digits has a rounding error that could cross a half: toFixed decides. */
const FAST_LIMIT = 2 ** 40;

/**
 * Fixed decimals without trailing zeros, "" for NaN: exports stay small and diff-friendly. The same
 * text as `String(Number(v.toFixed(digits)))`, without toFixed's exact decimal expansion (~0.5 µs,
 * 14 times per CSV row) where it cannot matter: toFixed rounds the exact |v| × 10^digits to the
 * nearest integer n, halves away from zero; Math.round does the same on the computed product unless
 * that lies within its rounding error of a half, and n / 10^digits (both exact) is then the double
 * nearest the decimal n·10^-digits, as Number() of toFixed's text is.
 */
export function formatNumber(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '';
  const scale = 10 ** digits;
  const y = Math.abs(v) * scale;
  const frac = y - Math.floor(y);
  if (y >= FAST_LIMIT || digits > 15 || Math.abs(frac - 0.5) < 1e-3) return String(Number(v.toFixed(digits)));
  const n = Math.round(y);
  return String((v < 0 ? -n : n) / scale);
}

/** The last start parsed by isoAt: an export asks for every row's time of one flight. */
let lastStart: { text: string; ms: number } | null = null;

/** ISO time of `t_s` seconds after the flight's start, or null when the start is unknown. */
export function isoAt(flight: Flight, t_s: number): string | null {
  if (flight.start === null || !Number.isFinite(t_s)) return null;
  if (lastStart?.text !== flight.start) lastStart = { text: flight.start, ms: Date.parse(flight.start) };
  return new Date(lastStart.ms + t_s * 1000).toISOString();
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
