import { downsampleTrack } from './downsample-track.ts';
import { formatNumber, segmentRanges } from './export-text.ts';
import type { Flight } from './flight.ts';

/**
 * Options of `flightToGeoJSON`.
 *
 * @example
 * const options: GeoJsonExportOptions = { maxPoints: 2000 };
 * const geojson = flightToGeoJSON(flight, options);
 */
export interface GeoJsonExportOptions {
  /** Thin the track to at most this many points (shape kept); default: all fixes. */
  maxPoints?: number;
}

type Position = number[];

/**
 * The valid track as a GeoJSON LineString (a MultiLineString, with `times_s` per line, when the track
 * has several segments) ([lon, lat, alt AMSL m] when known; `times_s` in properties),
 * plus one Point per event placed at the fix nearest in time.
 * @example JSON.stringify(flightToGeoJSON(flight, { maxPoints: 1000 }))
 */
export function flightToGeoJSON(flight: Flight, options: GeoJsonExportOptions = {}) {
  const track = options.maxPoints ? downsampleTrack(flight, options.maxPoints) : flight.track;
  const coords: Position[] = [];
  const times: (number | null)[] = [];
  for (let i = 0; i < track.lat_deg.length; i++) {
    const p = [round(track.lon_deg[i], 7), round(track.lat_deg[i], 7)];
    if (Number.isFinite(track.alt_amsl_m[i])) p.push(round(track.alt_amsl_m[i], 2));
    coords.push(p);
    times.push(Number.isFinite(track.t_s[i]) ? round(track.t_s[i], 3) : null);
  }
  const features: object[] = [];
  const ranges = segmentRanges(track);
  if (coords.length > 0) {
    const multi = ranges.length > 1;
    features.push({
      type: 'Feature',
      geometry: multi
        ? { type: 'MultiLineString', coordinates: ranges.map(([a, b]) => coords.slice(a, b)) }
        : coords.length > 1
          ? { type: 'LineString', coordinates: coords }
          : { type: 'Point', coordinates: coords[0] },
      properties: {
        kind: 'track',
        format: flight.format,
        start: flight.start,
        duration_s: flight.duration_s,
        times_s: multi ? ranges.map(([a, b]) => times.slice(a, b)) : times,
      },
    });
  }
  for (const e of flight.events) {
    const i = nearestIndex(track.t_s, e.t_s);
    if (i < 0) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: coords[i] },
      properties: { kind: e.kind, t_s: round(e.t_s, 3), ...(e.text === undefined ? {} : { text: e.text }) },
    });
  }
  return { type: 'FeatureCollection' as const, features };
}

function round(v: number, digits: number): number {
  return Number(formatNumber(v, digits));
}

function nearestIndex(t: Float64Array, target: number): number {
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < t.length; i++) {
    const d = Math.abs(t[i] - target);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
