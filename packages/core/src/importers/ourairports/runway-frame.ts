import {
  bearingDeg,
  destination,
  distanceM,
  EARTH_RADIUS_M,
  segmentsForChordError,
} from '../../geo/index.ts';
import type { Position } from '../../zone/index.ts';
import { CHORD_ERROR_M } from './dimensions.ts';

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

/**
 * A runway's own plane: u metres along the centreline towards the "he" end, w metres to its left,
 * origin at the runway midpoint. Shapes are drawn in this plane and mapped to the ground with an
 * azimuthal equidistant projection about the midpoint, which keeps every distance from the
 * midpoint exact and distorts others by under a metre within the 15 km the zones reach.
 */
export interface RunwayFrame {
  lon: number;
  lat: number;
  /** Bearing of +u at the midpoint, degrees from north. */
  bearing: number;
  halfLength: number;
}

/** Points in the runway plane as one flat list [u0, w0, u1, w1, ...]: one allocation per shape. */
export type PlanePath = number[];

/** The frame of the runway between two ends [lonA, latA, lonB, latB]. */
export function runwayFrame(ends: readonly [number, number, number, number]): RunwayFrame {
  const [lonA, latA, lonB, latB] = ends;
  const length = distanceM(lonA, latA, lonB, latB);
  const [lon, lat] = destination(lonA, latA, length / 2, bearingDeg(lonA, latA, lonB, latB));
  return { lon, lat, bearing: bearingDeg(lon, lat, lonB, latB), halfLength: length / 2 };
}

/** Runway length in metres (for plausibility checks before building a frame). */
export function runwayLengthM(ends: readonly [number, number, number, number]): number {
  return distanceM(ends[0], ends[1], ends[2], ends[3]);
}

/**
 * Maps a plane path to a closed GeoJSON ring: the spherical "destination" formula from the
 * midpoint, with the bearing's sine and cosine got by rotation rather than trigonometry (this runs
 * for a million vertices on a world import). Longitudes are left unwrapped around the midpoint, so
 * a ring across the antimeridian continues past ±180 (the zone model allows ±540) instead of
 * jumping. Coordinates are rounded to 1e-6° (≤ 0.11 m): finer digits only bloat the JSON.
 */
export function toRing(frame: RunwayFrame, path: PlanePath): Position[] {
  const lat1 = frame.lat * RAD;
  const sinLat1 = Math.sin(lat1);
  const cosLat1 = Math.cos(lat1);
  const cosT = Math.cos(frame.bearing * RAD);
  const sinT = Math.sin(frame.bearing * RAD);
  const ring: Position[] = [];
  for (let i = 0; i < path.length; i += 2) {
    const u = path[i];
    const w = path[i + 1];
    const m = Math.hypot(u, w);
    if (m === 0) {
      ring.push([round6(frame.lon), round6(frame.lat)]);
      continue;
    }
    // Bearing = frame bearing − atan2(w, u); +w is to the left.
    const cosB = (cosT * u + sinT * w) / m;
    const sinB = (sinT * u - cosT * w) / m;
    const d = m / EARTH_RADIUS_M;
    const sinD = Math.sin(d);
    const cosD = Math.cos(d);
    const sinLat2 = Math.max(-1, Math.min(1, sinLat1 * cosD + cosLat1 * sinD * cosB));
    const dLon = Math.atan2(sinB * sinD * cosLat1, cosD - sinLat1 * sinLat2);
    ring.push([round6(frame.lon + dLon * DEG), round6(Math.asin(sinLat2) * DEG)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** A ring in the opposite winding (for holes); the positions are shared, not copied. */
export function reversedRing(ring: readonly Position[]): Position[] {
  return ring.slice().reverse();
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Counter-clockwise rectangle |u| ≤ halfLength, |w| ≤ halfWidth. */
export function rectanglePlane(halfLength: number, halfWidth: number): PlanePath {
  return [-halfLength, -halfWidth, halfLength, -halfWidth, halfLength, halfWidth, -halfLength, halfWidth];
}

/** Half-circle offsets per radius: every runway reuses them. */
const halfCircles = new Map<number, PlanePath>();

/**
 * Counter-clockwise stadium: all points within `radius` of the segment u ∈ [-h, h]. Vertices sit at
 * radius / cos(step / 2) so every chord touches the true arc: the polygon never cuts into the zone
 * and overshoots it by at most CHORD_ERROR_M.
 */
export function stadiumPlane(halfLength: number, radius: number): PlanePath {
  let half = halfCircles.get(radius);
  if (!half) {
    const n = segmentsForChordError(radius, 180, CHORD_ERROR_M);
    const step = Math.PI / n;
    const r = radius / Math.cos(step / 2);
    half = [];
    // From -90° to +90°: the cap around the +u end.
    for (let k = 0; k <= n; k++)
      half.push(r * Math.cos(-Math.PI / 2 + k * step), r * Math.sin(-Math.PI / 2 + k * step));
    halfCircles.set(radius, half);
  }
  const path: PlanePath = new Array(half.length * 2);
  for (let i = 0; i < half.length; i += 2) {
    path[i] = halfLength + half[i];
    path[i + 1] = half[i + 1];
    // The cap around the −u end is the same offsets turned by 180°.
    path[half.length + i] = -halfLength - half[i];
    path[half.length + i + 1] = -half[i + 1];
  }
  return path;
}

/**
 * Counter-clockwise trapezoid beyond the +u end: from u = `from` to u = `to`, its sides splaying
 * out from |w| = `baseHalfWidth` at u = `start` with slope `splay` (tan of the splay angle).
 */
export function wingPlane(
  start: number,
  from: number,
  to: number,
  baseHalfWidth: number,
  splay: number,
): PlanePath {
  const near = baseHalfWidth + (from - start) * splay;
  const far = baseHalfWidth + (to - start) * splay;
  return [from, -near, to, -far, to, far, from, near];
}

/** The same shape beyond the −u end, still counter-clockwise (mirroring flips the winding, so reverse). */
export function mirrorPlane(path: PlanePath): PlanePath {
  const out: PlanePath = new Array(path.length);
  for (let i = 0; i < path.length; i += 2) {
    out[path.length - 2 - i] = -path[i];
    out[path.length - 1 - i] = path[i + 1];
  }
  return out;
}
