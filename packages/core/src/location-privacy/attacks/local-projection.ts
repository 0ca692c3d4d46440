/**
 * Azimuthal equidistant projection around an origin: distances and bearings from the origin are
 * exact, and at the 10–20 km scale of the attacks the distortion elsewhere is below a centimetre, so
 * planar estimators (mean, enclosing circle) work at any latitude and across the antimeridian.
 */
import { bearingDeg, destination, distanceM } from '../../geo/index.ts';

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface LocalProjection {
  /** Metres east (x) and north (y) of the origin. */
  toPlane(lon: number, lat: number): [x: number, y: number];
  toSphere(x: number, y: number): [lon: number, lat: number];
}

/**
 * @example
 * const projection = localProjection(179.99, 0);
 * projection.toPlane(-179.99, 0); // ≈ [2224, 0]: 0.02° east, across the antimeridian
 */
export function localProjection(originLon: number, originLat: number): LocalProjection {
  return {
    toPlane(lon, lat) {
      const d = distanceM(originLon, originLat, lon, lat);
      if (d === 0) return [0, 0];
      const b = bearingDeg(originLon, originLat, lon, lat) * RAD;
      return [d * Math.sin(b), d * Math.cos(b)];
    },
    toSphere(x, y) {
      return destination(originLon, originLat, Math.hypot(x, y), Math.atan2(x, y) * DEG);
    },
  };
}
