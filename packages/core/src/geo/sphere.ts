/**
 * Great-circle geometry on the sphere of the IUGG mean Earth radius (the sphere turf and most web
 * maps use). Angles in degrees at the edges, radians inside. Pure functions, no allocation in the
 * hot paths beyond the returned tuple.
 *
 * @example
 * const metresPerDegree = (EARTH_RADIUS_M * Math.PI) / 180; // ~111 195 m along a meridian
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/**
 * Longitude wrapped into [-180, 180).
 *
 * @example
 * wrapLon(190); // -170
 * wrapLon(-180); // -180
 */
export function wrapLon(lon: number): number {
  const w = ((((lon + 180) % 360) + 360) % 360) - 180;
  return w;
}

/**
 * Haversine distance in metres between two [lon, lat] points.
 *
 * @example
 * distanceM(8.5492, 47.4582, 6.9125, 46.4334); // ≈ 168 600 m, Zurich airport to Montreux
 */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dp / 2);
  const s2 = Math.sin(dl / 2);
  const a = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Initial bearing in degrees [0, 360) from point 1 to point 2.
 *
 * @example
 * bearingDeg(8.5492, 47.4582, 6.9125, 46.4334); // ≈ 228: south-west
 */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return (Math.atan2(y, x) * DEG + 360) % 360;
}

/**
 * The point reached from [lon, lat] after `distance` metres on initial bearing `bearing` degrees.
 *
 * @example
 * const [lon, lat] = destination(8.5492, 47.4582, 5000, 90); // 5 km east of Zurich airport
 */
export function destination(lon: number, lat: number, distance: number, bearing: number): [number, number] {
  const d = distance / EARTH_RADIUS_M;
  const b = bearing * RAD;
  const p1 = lat * RAD;
  const l1 = lon * RAD;
  const sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b);
  const p2 = Math.asin(Math.max(-1, Math.min(1, sinP2)));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
  return [wrapLon(l2 * DEG), p2 * DEG];
}

/**
 * Distance in metres from point P to the great-circle segment A–B (the shorter arc).
 * Uses unit vectors: exact on the sphere, stable for short segments and near the poles.
 *
 * @example
 * const m = distanceToSegmentM(8.55, 47.46, 8.54, 47.45, 8.57, 47.45); // from the point to the great-circle segment
 */
export function distanceToSegmentM(
  plon: number,
  plat: number,
  alon: number,
  alat: number,
  blon: number,
  blat: number,
): number {
  const pc = Math.cos(plat * RAD);
  const px = pc * Math.cos(plon * RAD);
  const py = pc * Math.sin(plon * RAD);
  const pz = Math.sin(plat * RAD);
  const ac = Math.cos(alat * RAD);
  const ax = ac * Math.cos(alon * RAD);
  const ay = ac * Math.sin(alon * RAD);
  const az = Math.sin(alat * RAD);
  const bc = Math.cos(blat * RAD);
  const bx = bc * Math.cos(blon * RAD);
  const by = bc * Math.sin(blon * RAD);
  const bz = Math.sin(blat * RAD);
  return distanceToSegmentVec(px, py, pz, ax, ay, az, bx, by, bz) * EARTH_RADIUS_M;
}

/**
 * Angle (radians) between unit vector P and the arc A–B; vectors must be unit length.
 *
 * @example
 * const toVec = (lon: number, lat: number) => {
 *   const [l, p] = [(lon * Math.PI) / 180, (lat * Math.PI) / 180];
 *   return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
 * };
 * const [p, a, b] = [toVec(8.55, 47.46), toVec(8.54, 47.45), toVec(8.57, 47.45)];
 * const metres = distanceToSegmentVec(...p, ...a, ...b) * EARTH_RADIUS_M;
 */
export function distanceToSegmentVec(
  px: number,
  py: number,
  pz: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  // Normal of the great circle through A and B.
  let nx = ay * bz - az * by;
  let ny = az * bx - ax * bz;
  let nz = ax * by - ay * bx;
  const nl = Math.hypot(nx, ny, nz);
  if (nl < 1e-15) return angleBetween(px, py, pz, ax, ay, az);
  nx /= nl;
  ny /= nl;
  nz /= nl;
  // Projection of P onto the great circle's plane.
  const s = px * nx + py * ny + pz * nz;
  const qx = px - s * nx;
  const qy = py - s * ny;
  const qz = pz - s * nz;
  // Q lies between A and B when (A×Q)·N >= 0 and (Q×B)·N >= 0.
  const aqx = ay * qz - az * qy;
  const aqy = az * qx - ax * qz;
  const aqz = ax * qy - ay * qx;
  const qbx = qy * bz - qz * by;
  const qby = qz * bx - qx * bz;
  const qbz = qx * by - qy * bx;
  if (aqx * nx + aqy * ny + aqz * nz >= 0 && qbx * nx + qby * ny + qbz * nz >= 0) {
    return Math.abs(Math.asin(Math.max(-1, Math.min(1, s))));
  }
  return Math.min(angleBetween(px, py, pz, ax, ay, az), angleBetween(px, py, pz, bx, by, bz));
}

function angleBetween(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.hypot(cx, cy, cz), ax * bx + ay * by + az * bz);
}

/**
 * Points along a circle of `radius` metres around [lon, lat], clockwise from north, closed ring.
 * The segment count is chosen so the chord error (sagitta) stays under `maxChordErrorM` metres.
 *
 * @example
 * const ring = circleRing(8.5492, 47.4582, 5000); // closed ring, no point farther than 5 m from the true circle
 * const polygon = { type: 'Polygon', coordinates: [ring] };
 */
export function circleRing(lon: number, lat: number, radius: number, maxChordErrorM = 5): [number, number][] {
  const n = segmentsForChordError(radius, 360, maxChordErrorM);
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) ring.push(destination(lon, lat, radius, (i * 360) / n));
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/**
 * Number of chords needed to approximate `sweepDeg` degrees of a circle of `radius` metres with a
 * sagitta (greatest distance between arc and chord) of at most `maxChordErrorM`.
 * sagitta = r (1 - cos(θ/2)) for chord angle θ. At least 4 segments per full circle.
 *
 * @example
 * segmentsForChordError(5000, 360, 5); // segments for a 5 km circle whose chords stray at most 5 m
 */
export function segmentsForChordError(radius: number, sweepDeg: number, maxChordErrorM: number): number {
  const ratio = Math.max(-1, Math.min(1, 1 - maxChordErrorM / radius));
  const theta = 2 * Math.acos(ratio); // radians per segment
  const sweep = Math.abs(sweepDeg) * RAD;
  const n = theta > 0 ? Math.ceil(sweep / theta) : 4;
  return Math.max(n, Math.ceil((4 * Math.abs(sweepDeg)) / 360), 1);
}
