import type { Feature, FeatureCollection, LineString } from 'geojson';
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

export interface AltitudeSegments {
  segments: FeatureCollection<LineString, { alt: number }>;
  /** Range of the height above the first fix, metres; null when the track has no altitude. */
  range: [number, number] | null;
}

/**
 * The track cut into two-point segments, each carrying its height above the first fix (the take-off),
 * so the map colours each by a data-driven expression: exact per segment, unlike a gradient along the
 * line, which would be spread by distance travelled rather than by the altitude logged.
 */
export function altitudeSegments(lines: Position[][]): AltitudeSegments {
  const base = lines.flat().find((p) => p.length > 2)?.[2];
  const features: Feature<LineString, { alt: number }>[] = [];
  let lo = Infinity,
    hi = -Infinity;
  for (const line of lines)
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1],
        b = line[i];
      const alt = base === undefined || a.length < 3 || b.length < 3 ? 0 : (a[2] + b[2]) / 2 - base;
      lo = Math.min(lo, alt);
      hi = Math.max(hi, alt);
      features.push({
        type: 'Feature',
        properties: { alt },
        geometry: { type: 'LineString', coordinates: [a, b] },
      });
    }
  return {
    segments: { type: 'FeatureCollection', features },
    range: base === undefined || features.length === 0 ? null : [lo, hi],
  };
}

/** Colour stops (viridis, readable by most colour-blind people) spread over a range. */
export const RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
export function rampStops([lo, hi]: [number, number]): (number | string)[] {
  const span = hi - lo || 1;
  return RAMP.flatMap((c, i) => [lo + (span * i) / (RAMP.length - 1), c]);
}
