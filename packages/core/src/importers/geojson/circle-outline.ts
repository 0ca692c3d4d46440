import { destination, distanceM, EARTH_RADIUS_M, segmentsForChordError } from '../../geo/index.ts';
import type { Position } from '../../zone/index.ts';

/**
 * Largest gap between a drawn circle and its polygon, in metres and as a share of the radius. Metres
 * alone let a 100 m circle get ~10 vertices and lose 6.4% of its area (issue 11); 0.5% of the radius
 * keeps every circle at 32 vertices or more (area within 0.4%), 10 m keeps large ones cheap.
 */
export const CIRCLE_CHORD_ERROR_M = 10;
export const CIRCLE_RELATIVE_CHORD_ERROR = 0.005;
/** 6 decimals move a vertex by up to ~0.08 m (half a unit on each axis): vertices move out by that. */
const ROUNDING_MARGIN_M = 0.08;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A closed, counter-clockwise (RFC 7946) ring around the circle of `radiusM` metres about [lon, lat]
 * that contains the whole circle: a map must never draw a restricted zone smaller than it is. The
 * polygon is circumscribed, its edges tangent to the circle, so vertices lie on the larger radius
 * atan(tan ρ / cos(π/n)) (the spherical right triangle of centre, tangent point and vertex). GIS tools
 * draw edges straight in lon/lat rather than along great circles; where that bows an edge inwards
 * (large circles far from the equator) the vertices move out by what the edge midpoints lack.
 */
export function circleOutline(lon: number, lat: number, radiusM: number): Position[] {
  const maxError = Math.min(CIRCLE_CHORD_ERROR_M, CIRCLE_RELATIVE_CHORD_ERROR * radiusM);
  const n = Math.max(segmentsForChordError(radiusM, 360, maxError), 8);
  const rho = radiusM / EARTH_RADIUS_M;
  let outer = Math.atan(Math.tan(rho) / Math.cos(Math.PI / n)) * EARTH_RADIUS_M + ROUNDING_MARGIN_M;
  let ring = ringAt(lon, lat, outer, n);
  for (let i = 0; i < 3; i++) {
    const lack = radiusM - nearestEdgeMidpoint(lon, lat, ring);
    if (lack <= 0) break;
    outer += lack + 0.01;
    ring = ringAt(lon, lat, outer, n);
  }
  return ring;
}

/** n vertices on the circle of `radiusM`, counter-clockwise from north, rounded, closed. */
function ringAt(lon: number, lat: number, radiusM: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const [x, y] = destination(lon, lat, radiusM, 360 - (i * 360) / n);
    ring.push([round6(x), round6(y)]);
  }
  ring.push([...ring[0]] as Position);
  return ring;
}

/** Distance from the centre to the nearest midpoint of an edge drawn straight in lon/lat. */
function nearestEdgeMidpoint(lon: number, lat: number, ring: readonly Position[]): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1];
    const [bx, by] = ring[i];
    // Across the antimeridian the edge is the short way round, as GIS tools that split it draw it.
    const dx = ((((bx - ax + 540) % 360) + 360) % 360) - 180;
    nearest = Math.min(nearest, distanceM(lon, lat, ax + dx / 2, (ay + by) / 2));
  }
  return nearest;
}
