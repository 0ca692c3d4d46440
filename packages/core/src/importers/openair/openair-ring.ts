import { bearingDeg, destination } from '../../geo/index.ts';
import type { Position } from '../../zone/index.ts';
import type { LonLat } from './openair-coordinates.ts';
import { OpenAirError } from './openair-error.ts';

// Closer than this (about 0.1 mm) two vertices are one: an arc that starts on the previous DP.
const SAME_POINT_DEG = 1e-9;
/**
 * Half the width of the corridor drawn around an outline of two points. National files give cables
 * and power lines that way (Switzerland's has 19 "KABEL" records, `AC Q`, with their height band):
 * an obstacle a drone must not meet, not a malformed polygon to skip. 50 m either side (and beyond
 * each end) is the lateral margin the warning engine then keeps from the wire.
 */
export const LINE_CORRIDOR_HALF_WIDTH_M = 50;

/**
 * Turns the points of DP, DA and DB commands, in file order, into a closed GeoJSON ring: repeated
 * vertices dropped, a line of two points widened into a corridor (see LINE_CORRIDOR_HALF_WIDTH_M), the first point repeated at the end, longitudes kept continuous across the
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
  if (ring.length === 2) return corridor(ring[0], ring[1]);
  if (ring.length < 3) {
    throw new OpenAirError(`the outline has ${ring.length} distinct point(s); a polygon needs at least 3`);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

/** The closed, counter-clockwise rectangle LINE_CORRIDOR_HALF_WIDTH_M around the segment a-b. */
function corridor(a: Position, b: Position): Position[] {
  const w = LINE_CORRIDOR_HALF_WIDTH_M;
  const ab = bearingDeg(a[0], a[1], b[0], b[1]);
  const ba = bearingDeg(b[0], b[1], a[0], a[1]);
  const [ax, ay] = destination(a[0], a[1], w, ba);
  const [bx, by] = destination(b[0], b[1], w, ab);
  const ring: Position[] = [
    destination(ax, ay, w, ab + 90),
    destination(bx, by, w, ab + 90),
    destination(bx, by, w, ab - 90),
    destination(ax, ay, w, ab - 90),
  ];
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
