import { randomInt } from 'node:crypto';
import { distanceM, EARTH_RADIUS_M, wrapLon } from '@airlock/core';
import type { ChartSeries } from './chart-series.ts';

export const SHARE_LOCATIONS = ['trim', 'offset'] as const;
export type ShareLocation = (typeof SHARE_LOCATIONS)[number];

/** Around take-off and landing, where a pilot's home usually is, nothing is shown in a 'trim' share. */
export const TRIM_RADIUS_M = 300;

export interface ShareProtection {
  location: ShareLocation;
  /** Metres east and north the whole track moves ('offset'); never leaves the server. */
  offsetE: number;
  offsetN: number;
}

/**
 * A secret translation for an 'offset' share: 5 to 50 km in any direction, far enough that the
 * shown place says nothing about the real one, near enough that the map still looks like land.
 */
export function newOffset(): { offsetE: number; offsetN: number } {
  const d = randomInt(5_000, 50_000);
  const bearing = (randomInt(0, 360_000) / 1000) * (Math.PI / 180);
  return { offsetE: d * Math.sin(bearing), offsetN: d * Math.cos(bearing) };
}

type Position = number[];
interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Track {
  type: 'FeatureCollection';
  features: Feature[];
}

const r7 = (v: number) => Math.round(v * 1e7) / 1e7;

/**
 * The stored track as a share shows it. Altitude AMSL (the third coordinate) is dropped in both modes:
 * the ground height under a track narrows down where it was flown. 'trim' drops every point (and event)
 * within TRIM_RADIUS_M of the first and last positions; 'offset' moves every point by the same vector.
 */
export function protectTrack(track: Track, p: ShareProtection): Track {
  const lines = trackLines(track);
  const all = lines.flatMap((l) => l.coords);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return { type: 'FeatureCollection', features: [] };
  const dLat = p.offsetN / ((EARTH_RADIUS_M * Math.PI) / 180);
  const dLon =
    p.offsetE / ((EARTH_RADIUS_M * Math.PI) / 180) / Math.max(0.01, Math.cos((first[1] * Math.PI) / 180));
  const keep = (c: Position) =>
    p.location === 'offset' ||
    (distanceM(c[0], c[1], first[0], first[1]) > TRIM_RADIUS_M &&
      distanceM(c[0], c[1], last[0], last[1]) > TRIM_RADIUS_M);
  const move = (c: Position): Position =>
    p.location === 'offset'
      ? [r7(wrapLon(c[0] + dLon)), r7(Math.max(-90, Math.min(90, c[1] + dLat)))]
      : [c[0], c[1]];
  const features: Feature[] = [];
  for (const f of track.features) {
    if (f.properties.kind !== 'track') {
      const c = f.geometry.coordinates as Position;
      if (keep(c)) features.push({ ...f, geometry: { type: 'Point', coordinates: move(c) } });
      continue;
    }
    const kept = lines
      .map((l) => {
        const idx = l.coords.map((_, i) => i).filter((i) => keep(l.coords[i]));
        return { coords: idx.map((i) => move(l.coords[i])), times: idx.map((i) => l.times[i] ?? null) };
      })
      .filter((l) => l.coords.length > 0);
    if (kept.length === 0) continue;
    const geometry =
      kept.length > 1
        ? { type: 'MultiLineString', coordinates: kept.map((l) => l.coords) }
        : kept[0].coords.length > 1
          ? { type: 'LineString', coordinates: kept[0].coords }
          : { type: 'Point', coordinates: kept[0].coords[0] };
    const times_s = kept.length > 1 ? kept.map((l) => l.times) : kept[0].times;
    features.push({ ...f, geometry, properties: { ...f.properties, times_s } });
  }
  return { type: 'FeatureCollection', features };
}

/** The track feature's lines with their times, whatever its geometry type. */
function trackLines(track: Track): Array<{ coords: Position[]; times: Array<number | null> }> {
  const f = track.features.find((x) => x.properties.kind === 'track');
  if (!f) return [];
  const times = f.properties.times_s as Array<number | null> | Array<Array<number | null>>;
  const g = f.geometry;
  if (g.type === 'MultiLineString')
    return (g.coordinates as Position[][]).map((coords, i) => ({
      coords,
      times: (times[i] as Array<number | null>) ?? [],
    }));
  const coords = g.type === 'LineString' ? (g.coordinates as Position[]) : [g.coordinates as Position];
  return [{ coords, times: times as Array<number | null> }];
}

/** Chart series without the channels that are a position: latitude, longitude, altitude AMSL. */
export function protectSeries(series: ChartSeries): ChartSeries {
  const { lat_deg: _lat, lon_deg: _lon, alt_amsl_m: _amsl, ...channels } = series.channels;
  return { ...series, channels };
}
