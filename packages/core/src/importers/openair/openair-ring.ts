import type { Position } from '../../zone/index.ts';
import type { LonLat } from './openair-coordinates.ts';
import { OpenAirError } from './openair-error.ts';

// Closer than this (about 0.1 mm) two vertices are one: an arc that starts on the previous DP.
const SAME_POINT_DEG = 1e-9;

/**
 * Turns the points of DP, DA and DB commands, in file order, into a closed GeoJSON ring: repeated
 * vertices dropped, the first point repeated at the end, longitudes kept continuous across the
 * antimeridian, and wound counter-clockwise as RFC 7946 asks (OpenAir files run either way).
 */
export function closeRing(points: readonly LonLat[]): Position[] {
  const ring: Position[] = [];
  for (const [lon, lat] of points) {
    const prev = ring[ring.length - 1];
    // An arc that crosses 180° comes back as -179.9 after 179.9; keep each step under 180°.
    const unwrapped = prev ? lon + 360 * Math.round((prev[0] - lon) / 360) : lon;
    if (prev && samePoint(prev, unwrapped, lat)) continue;
    ring.push([unwrapped, lat]);
  }
  if (ring.length > 1 && samePoint(ring[0], ring[ring.length - 1][0], ring[ring.length - 1][1])) ring.pop();
  if (ring.length < 3) {
    throw new OpenAirError(`the outline has ${ring.length} distinct point(s); a polygon needs at least 3`);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

function samePoint(a: Position, lon: number, lat: number): boolean {
  return Math.abs(a[0] - lon) < SAME_POINT_DEG && Math.abs(a[1] - lat) < SAME_POINT_DEG;
}

/** Shoelace area in lon/lat degrees: positive for counter-clockwise rings. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}
