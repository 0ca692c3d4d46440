import { EARTH_RADIUS_M } from '../geo/index.ts';

/**
 * [west, south, east, north] in degrees. West may exceed east only in the unsplit form of `growBBox`.
 *
 * @example
 * const zurich: BBox = [8.4, 47.3, 8.7, 47.5];
 * const zones = index.inBBox(...zurich);
 */
export type BBox = [number, number, number, number];

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

/**
 * Grows a box by `metres` on every side, correctly on the sphere: the latitude margin is an arc, the
 * longitude margin is taken at the most poleward latitude of the grown box (where a degree of longitude
 * is shortest). A box that reaches a pole spans all longitudes. Longitudes are not wrapped: use
 * `splitAtAntimeridian` before searching.
 *
 * @example
 * const around = growBBox([8.54, 47.45, 8.56, 47.47], 5000); // 5 km more on every side
 */
export function growBBox(box: BBox, metres: number): BBox {
  const dLat = (metres / EARTH_RADIUS_M) * DEG;
  const south = box[1] - dLat;
  const north = box[3] + dLat;
  if (south <= -90 || north >= 90) return [-180, Math.max(-90, south), 180, Math.min(90, north)];
  const poleward = Math.max(Math.abs(south), Math.abs(north));
  const cos = Math.cos(poleward * RAD);
  // asin form: exact for the small-circle offset at that latitude, not the equator's approximation.
  const ratio = Math.sin(metres / EARTH_RADIUS_M) / cos;
  if (ratio >= 1) return [-180, south, 180, north];
  const dLon = Math.asin(ratio) * DEG;
  if (box[2] - box[0] + 2 * dLon >= 360) return [-180, south, 180, north];
  return [box[0] - dLon, south, box[2] + dLon, north];
}

/**
 * One or two boxes within [-180, 180] covering the same area as a box whose longitudes may overflow.
 *
 * @example
 * splitAtAntimeridian([170, -20, 190, -10]); // [[170, -20, 180, -10], [-180, -20, -170, -10]]
 */
export function splitAtAntimeridian(box: BBox): BBox[] {
  let [w, s, e, n] = box;
  if (e - w >= 360) return [[-180, s, 180, n]];
  while (w < -180) {
    w += 360;
    e += 360;
  }
  while (w >= 180) {
    w -= 360;
    e -= 360;
  }
  if (e <= 180) return [[w, s, e, n]];
  return [
    [w, s, 180, n],
    [-180, s, e - 360, n],
  ];
}

/**
 * The box of a slippy-map (Web Mercator XYZ) tile.
 *
 * @example
 * const [west, south, east, north] = tileBBox(10, 536, 358); // the map tile around Zurich at zoom 10
 */
export function tileBBox(z: number, x: number, y: number): BBox {
  const n = 2 ** z;
  const west = (x / n) * 360 - 180;
  const east = ((x + 1) / n) * 360 - 180;
  const north = Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * DEG;
  const south = Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 1)) / n))) * DEG;
  return [west, south, east, north];
}

/**
 * Whether two boxes (neither crossing the antimeridian) share any point, edges included.
 *
 * @example
 * bboxesIntersect([8, 47, 9, 48], [8.5, 47.5, 10, 49]); // true
 * bboxesIntersect([8, 47, 9, 48], [9.5, 47, 10, 48]); // false
 */
export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
