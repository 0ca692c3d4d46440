import type { FlightTrack } from '../../api/client.ts';

type Position = number[];

/** The track's lines: one for a LineString, one per segment of a MultiLineString, none for a lone fix. */
export function trackLines(track: FlightTrack): Position[][] {
  for (const f of track.features) {
    if (f.properties.kind !== 'track') continue;
    const g = f.geometry;
    if (g.type === 'LineString') return [g.coordinates];
    if (g.type === 'MultiLineString') return g.coordinates.filter((l) => l.length > 1);
  }
  return [];
}

/** West, south, east, north of every position, or null without any. */
export function trackBounds(lines: Position[][]): [number, number, number, number] | null {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const line of lines)
    for (const [lon, lat] of line) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** Colour stops (viridis, readable by most colour-blind people) spread over a range. */
export const RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
export function rampStops([lo, hi]: [number, number]): (number | string)[] {
  const span = hi - lo || 1;
  return RAMP.flatMap((c, i) => [lo + (span * i) / (RAMP.length - 1), c]);
}
