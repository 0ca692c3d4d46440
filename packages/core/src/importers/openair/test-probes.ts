/** Test-only helpers: measurements made with plain spherical geometry, independent of the parser. */
import { booleanPointInPolygon } from '@turf/turf';
import { bearingDeg, destination, distanceM } from '../../geo/index.ts';
import type { Position, Zone } from '../../zone/index.ts';

type LonLat = readonly [number, number] | Position;

/** Largest sagitta of the chords between consecutive vertices, measured at each chord's midpoint. */
export function maxChordError(center: LonLat, radiusM: number, points: readonly LonLat[]): number {
  let worst = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const mid = destination(
      a[0],
      a[1],
      distanceM(a[0], a[1], b[0], b[1]) / 2,
      bearingDeg(a[0], a[1], b[0], b[1]),
    );
    worst = Math.max(worst, radiusM - distanceM(center[0], center[1], mid[0], mid[1]));
  }
  return worst;
}

/** The outer ring of a zone's only volume; fails the test when the zone is not a polygon. */
export function outerRing(zone: Zone): Position[] {
  const geometry = zone.volumes[0].geometry;
  if (geometry.type !== 'Polygon') throw new Error(`${zone.id} is a ${geometry.type}, not a Polygon`);
  return geometry.coordinates[0];
}

/** Whether the point `distance` metres from `center` on `bearing` lies inside the zone's polygon. */
export function containsOffset(zone: Zone, center: LonLat, distance: number, bearing: number): boolean {
  const geometry = zone.volumes[0].geometry;
  if (geometry.type !== 'Polygon') throw new Error(`${zone.id} is not a Polygon`);
  return booleanPointInPolygon(destination(center[0], center[1], distance, bearing), geometry);
}

/** Counter-clockwise test for a closed ring in lon/lat (positive shoelace area). */
export function isCounterClockwise(ring: readonly Position[]): boolean {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum > 0;
}
