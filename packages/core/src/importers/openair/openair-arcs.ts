import { bearingDeg, destination, distanceM, segmentsForChordError } from '../../geo/index.ts';
import type { LonLat } from './openair-coordinates.ts';

/**
 * Largest gap, in metres, between an OpenAir arc or circle and the polygon edge that replaces it
 * (the sagitta of each chord). Vertices lie on the true arc, so chords cut inside it by at most
 * this much. 10 m is a third of the resolution of the whole-second coordinates most files use
 * (1″ of latitude ≈ 31 m) and within a consumer GNSS fix's error, while a 4.5 NM circle needs only
 * 64 vertices and a 50 NM one about 215.
 *
 * @example
 * const ring = circleRing(lon, lat, radiusM, OPENAIR_MAX_CHORD_ERROR_M); // an OpenAir circle as the importer draws it
 */
export const OPENAIR_MAX_CHORD_ERROR_M = 10;

/** 1 international nautical mile: OpenAir radii are NM with the unit left out. */
export const NAUTICAL_MILE_M = 1852;

/**
 * DA: the arc of `radiusM` around `center` from bearing `startDeg` to `endDeg`, clockwise (V D=+)
 * or counter-clockwise (V D=-), both ends included. Equal bearings mean a full turn, as in
 * `DA 5,0,360`.
 */
export function arcFromBearings(
  center: LonLat,
  radiusM: number,
  startDeg: number,
  endDeg: number,
  clockwise: boolean,
): LonLat[] {
  const sweep = sweepDeg(startDeg, endDeg, clockwise);
  const n = segmentsForChordError(radiusM, sweep, OPENAIR_MAX_CHORD_ERROR_M);
  const step = (clockwise ? sweep : -sweep) / n;
  const points: LonLat[] = [];
  for (let i = 0; i <= n; i++) points.push(destination(center[0], center[1], radiusM, startDeg + i * step));
  return points;
}

/**
 * DB: the arc around `center` from `from` to `to` in the given direction. Its radius is the
 * distance to `from` (the format over-defines the arc; the first point wins, as in most readers),
 * and it ends exactly on `to` so the ring meets the next command's point.
 */
export function arcBetweenPoints(center: LonLat, from: LonLat, to: LonLat, clockwise: boolean): LonLat[] {
  const radiusM = distanceM(center[0], center[1], from[0], from[1]);
  const start = bearingDeg(center[0], center[1], from[0], from[1]);
  const end = bearingDeg(center[0], center[1], to[0], to[1]);
  const points = arcFromBearings(center, radiusM, start, end, clockwise);
  points[0] = from;
  points[points.length - 1] = to;
  return points;
}

/** Degrees turned going from `start` to `end` in the given direction, in (0, 360]. */
export function sweepDeg(startDeg: number, endDeg: number, clockwise: boolean): number {
  const raw = clockwise ? endDeg - startDeg : startDeg - endDeg;
  const sweep = ((raw % 360) + 360) % 360;
  return sweep < 1e-9 ? 360 : sweep;
}
