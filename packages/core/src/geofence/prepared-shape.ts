import { distanceM, distanceToSegmentVec, EARTH_RADIUS_M } from '../geo/index.ts';
import type { CircleGeometry, Position, ZoneGeometry } from '../zone/index.ts';
import type { BBox } from './bbox.ts';

const RAD = Math.PI / 180;

/**
 * A polygon ready for fast repeated queries: longitudes unwrapped so that no edge jumps across the
 * antimeridian (a ring near 180° may have longitudes above 180), unit vectors of every vertex for
 * exact great-circle distances, and a bounding box in the unwrapped frame.
 */
export interface PreparedPolygon {
  kind: 'polygon';
  /** Rings as [lon0, lat0, lon1, lat1, ...], first ring the outer one, closed. */
  rings: Float64Array[];
  /** Unit vectors [x0, y0, z0, ...] parallel to `rings`. */
  vectors: Float64Array[];
  /** Per edge [nx, ny, nz, e1x, e1y, e1z, e2x, e2y, e2z], built on first use (see `edgesOf`). */
  edges?: Float64Array[];
  bbox: BBox;
  cap: Cap;
}

/**
 * A spherical cap holding the whole shape: centre unit vector and angular radius (radians). Lets a
 * query reject or accept a candidate with one dot product instead of walking its edges.
 */
export interface Cap {
  x: number;
  y: number;
  z: number;
  radius: number;
  /** cos and sin of `radius`, for the cap tests on dot products. */
  cos: number;
  sin: number;
}

/** A cap from its centre and angular radius. */
function cap(x: number, y: number, z: number, radius: number): Cap {
  return { x, y, z, radius, cos: Math.cos(radius), sin: Math.sin(radius) };
}

export interface PreparedCircle {
  kind: 'circle';
  lon: number;
  lat: number;
  radius: number;
  bbox: BBox;
  cap: Cap;
}

/**
 * One part of a zone's ground shape, prepared for fast containment and distance queries: a circle, or
 * one polygon with its edges as unit vectors.
 *
 * @example
 * const parts: PreparedPart[] = prepareGeometry({ type: 'Circle', center: [8.55, 47.45], radius_m: 2000 });
 * parts.some((p) => partContains(p, 8.551, 47.451)); // true
 */
export type PreparedPart = PreparedPolygon | PreparedCircle;

/**
 * Splits a zone geometry into parts (a MultiPolygon into its polygons) ready for queries.
 *
 * @example
 * const parts = prepareGeometry(zone.volumes[0].geometry);
 * const metres = Math.min(...parts.map((p) => partDistance(p, 8.5492, 47.4582)));
 */
export function prepareGeometry(geometry: ZoneGeometry): PreparedPart[] {
  if (geometry.type === 'Circle') return [prepareCircle(geometry)];
  if (geometry.type === 'Polygon') return [preparePolygon(geometry.coordinates)];
  return geometry.coordinates.map(preparePolygon);
}

function prepareCircle(c: CircleGeometry): PreparedCircle {
  const [lon, lat] = c.center;
  const dLat = (c.radius_m / EARTH_RADIUS_M) * (180 / Math.PI);
  const south = Math.max(-90, lat - dLat);
  const north = Math.min(90, lat + dLat);
  const cos = Math.cos(Math.max(Math.abs(south), Math.abs(north)) * RAD);
  const ratio = Math.sin(c.radius_m / EARTH_RADIUS_M) / cos;
  const dLon = ratio >= 1 || north >= 90 || south <= -90 ? 180 : Math.asin(ratio) * (180 / Math.PI);
  const bbox: BBox = dLon >= 180 ? [-180, south, 180, north] : [lon - dLon, south, lon + dLon, north];
  const cl = Math.cos(lat * RAD);
  const circleCap = cap(
    cl * Math.cos(lon * RAD),
    cl * Math.sin(lon * RAD),
    Math.sin(lat * RAD),
    c.radius_m / EARTH_RADIUS_M,
  );
  return { kind: 'circle', lon, lat, radius: c.radius_m, bbox, cap: circleCap };
}

function preparePolygon(rings: Position[][]): PreparedPolygon {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  const flat: Float64Array[] = [];
  const vecs: Float64Array[] = [];
  let prevLon: number | null = null;
  for (const ring of rings) {
    const f = new Float64Array(ring.length * 2);
    const v = new Float64Array(ring.length * 3);
    for (let i = 0; i < ring.length; i++) {
      let lon = ring[i][0];
      const lat = ring[i][1];
      // Unwrap: keep each longitude within 180° of the previous one so edges never span the globe.
      if (prevLon !== null) {
        while (lon - prevLon > 180) lon -= 360;
        while (lon - prevLon < -180) lon += 360;
      }
      prevLon = lon;
      f[2 * i] = lon;
      f[2 * i + 1] = lat;
      const cl = Math.cos(lat * RAD);
      v[3 * i] = cl * Math.cos(lon * RAD);
      v[3 * i + 1] = cl * Math.sin(lon * RAD);
      v[3 * i + 2] = Math.sin(lat * RAD);
      if (lon < w) w = lon;
      if (lon > e) e = lon;
      if (lat < s) s = lat;
      if (lat > n) n = lat;
    }
    flat.push(f);
    vecs.push(v);
  }
  return { kind: 'polygon', rings: flat, vectors: vecs, bbox: [w, s, e, n], cap: capOf(vecs) };
}

/** The mean direction of the outer ring's vertices and the largest angle from it to any vertex. */
function capOf(vecs: Float64Array[]): Cap {
  const v = vecs[0];
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = 0; i < v.length; i += 3) {
    x += v[i];
    y += v[i + 1];
    z += v[i + 2];
  }
  const len = Math.hypot(x, y, z);
  if (len < 1e-12) return cap(1, 0, 0, Math.PI);
  x /= len;
  y /= len;
  z /= len;
  let minDot = 1;
  for (let i = 0; i < v.length; i += 3) minDot = Math.min(minDot, x * v[i] + y * v[i + 1] + z * v[i + 2]);
  const radius = Math.acos(Math.max(-1, minDot));
  // Great-circle edges stay inside a cap smaller than a hemisphere; beyond that the cap proves nothing.
  return cap(x, y, z, radius < Math.PI / 2 - 1e-6 ? radius * (1 + 1e-9) + 1e-12 : Math.PI);
}

/** Edge normals and the two half-space vectors that tell whether a point projects inside the edge. */
function edgesOf(part: PreparedPolygon): Float64Array[] {
  if (part.edges) return part.edges;
  part.edges = part.vectors.map((v) => {
    const n = v.length / 3 - 1;
    const out = new Float64Array(Math.max(0, n) * 9);
    for (let k = 0; k < n; k++) {
      const ax = v[3 * k];
      const ay = v[3 * k + 1];
      const az = v[3 * k + 2];
      const bx = v[3 * k + 3];
      const by = v[3 * k + 4];
      const bz = v[3 * k + 5];
      let nx = ay * bz - az * by;
      let ny = az * bx - ax * bz;
      let nz = ax * by - ay * bx;
      const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      const o = 9 * k;
      if (len < 1e-15) {
        // Repeated vertex: the half-space tests below can never both pass, so only endpoints count.
        out[o + 3] = -1;
        out[o + 6] = -1;
        continue;
      }
      nx /= len;
      ny /= len;
      nz /= len;
      out[o] = nx;
      out[o + 1] = ny;
      out[o + 2] = nz;
      out[o + 3] = ny * az - nz * ay; // n × a
      out[o + 4] = nz * ax - nx * az;
      out[o + 5] = nx * ay - ny * ax;
      out[o + 6] = by * nz - bz * ny; // b × n
      out[o + 7] = bz * nx - bx * nz;
      out[o + 8] = bx * ny - by * nx;
    }
    return out;
  });
  return part.edges;
}

/** A query point with its unit vector, computed once per query. */
export interface QueryPoint {
  lon: number;
  lat: number;
  x: number;
  y: number;
  z: number;
}

export function queryPoint(lon: number, lat: number): QueryPoint {
  const cl = Math.cos(lat * RAD);
  return { lon, lat, x: cl * Math.cos(lon * RAD), y: cl * Math.sin(lon * RAD), z: Math.sin(lat * RAD) };
}

/** Angle (radians) between the query point and the cap's centre. */
function capAngle(cap: Cap, q: QueryPoint): number {
  const dx = q.x - cap.x;
  const dy = q.y - cap.y;
  const dz = q.z - cap.z;
  return 2 * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
}

/**
 * The exact distance in metres from the point to the shape (0 inside), or Infinity when the cap bound
 * already puts it beyond `maxAngle` radians; a circle is its cap, so it costs one angle.
 */
export function partDistanceWithin(part: PreparedPart, q: QueryPoint, maxAngle: number): number {
  const below = capAngle(part.cap, q) - part.cap.radius;
  if (below > maxAngle) return Number.POSITIVE_INFINITY;
  if (part.kind === 'circle') return Math.max(0, below) * EARTH_RADIUS_M;
  if (partContains(part, q.lon, q.lat)) return 0;
  return edgeAngle(part, q, 0) * EARTH_RADIUS_M;
}

/**
 * Whether any part of the shape is within `radiusM` of the point: one dot product settles most
 * candidates; only shapes straddling the radius walk their edges, stopping at the first near one.
 */
export function partWithin(
  part: PreparedPart,
  q: QueryPoint,
  radiusM: number,
  range = queryRange(radiusM),
): boolean {
  const r = range.angle;
  const c = part.cap;
  const cr = c.radius;
  if (r + cr >= DOT_MIN_ANGLE && r + cr < Math.PI) {
    // The same two cap tests on the cosine of the angle (cos is decreasing on 0..π): no inverse sine
    // or square root per candidate. Only for thresholds above DOT_MIN_ANGLE, where a dot product near 1
    // still resolves the angle to well under a millimetre.
    const dot = q.x * c.x + q.y * c.y + q.z * c.z;
    if (dot < range.cos * c.cos - range.sin * c.sin) return false; // angle > r + cr
    if (part.kind === 'circle') return true;
    if (r - cr >= DOT_MIN_ANGLE && dot >= range.cos * c.cos + range.sin * c.sin) return true; // angle <= r - cr
  } else {
    const a = capAngle(c, q);
    if (a - cr > r) return false;
    if (part.kind === 'circle' || a + cr <= r) return true;
  }
  if (partContains(part, q.lon, q.lat)) return true;
  return edgeAngle(part, q, r) <= r;
}

/** A query radius as an angle with its cosine and sine, computed once per query. */
export interface QueryRange {
  angle: number;
  cos: number;
  sin: number;
}

export function queryRange(radiusM: number): QueryRange {
  const angle = radiusM / EARTH_RADIUS_M;
  return { angle, cos: Math.cos(angle), sin: Math.sin(angle) };
}

/** Below this angle (radians, ~6.4 km) cap tests take the angle itself rather than its cosine. */
export const DOT_MIN_ANGLE = 1e-3;

/**
 * Smallest angle (radians) from the point to any edge; returns early once below `stopBelow`. Each
 * edge is compared by a monotonic proxy (|q·n| when the point projects inside the edge, the squared
 * chord to the nearer endpoint otherwise), so the loop takes no inverse sine: one per kind at the end.
 */
function edgeAngle(part: PreparedPolygon, q: QueryPoint, stopBelow: number): number {
  const edges = edgesOf(part);
  let minDot = Number.POSITIVE_INFINITY;
  let minChord2 = Number.POSITIVE_INFINITY;
  const stopDot = Math.sin(Math.min(stopBelow, Math.PI / 2));
  const stopChord = 2 * Math.sin(Math.min(stopBelow, Math.PI) / 2);
  const stopChord2 = stopChord * stopChord;
  for (let r = 0; r < edges.length; r++) {
    const e = edges[r];
    const v = part.vectors[r];
    for (let k = 0, o = 0; o < e.length; k += 3, o += 9) {
      if (
        q.x * e[o + 3] + q.y * e[o + 4] + q.z * e[o + 5] >= 0 &&
        q.x * e[o + 6] + q.y * e[o + 7] + q.z * e[o + 8] >= 0
      ) {
        const dot = Math.abs(q.x * e[o] + q.y * e[o + 1] + q.z * e[o + 2]);
        if (dot < minDot) {
          minDot = dot;
          if (dot < stopDot) return Math.asin(Math.min(1, dot));
        }
      } else {
        const ax = q.x - v[k];
        const ay = q.y - v[k + 1];
        const az = q.z - v[k + 2];
        const bx = q.x - v[k + 3];
        const by = q.y - v[k + 4];
        const bz = q.z - v[k + 5];
        const c2 = Math.min(ax * ax + ay * ay + az * az, bx * bx + by * by + bz * bz);
        if (c2 < minChord2) {
          minChord2 = c2;
          if (c2 < stopChord2) return 2 * Math.asin(Math.min(1, Math.sqrt(c2) / 2));
        }
      }
    }
  }
  const viaEdge =
    minDot < Number.POSITIVE_INFINITY ? Math.asin(Math.min(1, minDot)) : Number.POSITIVE_INFINITY;
  const viaVertex =
    minChord2 < Number.POSITIVE_INFINITY
      ? 2 * Math.asin(Math.min(1, Math.sqrt(minChord2) / 2))
      : Number.POSITIVE_INFINITY;
  return Math.min(viaEdge, viaVertex);
}

/** Shifts `lon` by whole turns so it lies nearest the middle of `bbox` (the part's own frame). */
function toFrame(bbox: BBox, lon: number): number {
  const mid = (bbox[0] + bbox[2]) / 2;
  while (lon - mid > 180) lon -= 360;
  while (lon - mid < -180) lon += 360;
  return lon;
}

/**
 * Point in polygon by ray casting in longitude/latitude (edges are straight in lon/lat, as in GeoJSON
 * RFC 7946 and turf), holes excluded, boundary counted inside.
 *
 * @example
 * const [part] = prepareGeometry({ type: 'Circle', center: [8.55, 47.45], radius_m: 2000 });
 * partContains(part, 8.55, 47.46); // true: about 1.1 km from the centre
 */
export function partContains(part: PreparedPart, lon: number, lat: number): boolean {
  if (part.kind === 'circle') return distanceM(part.lon, part.lat, lon, lat) <= part.radius;
  const b = part.bbox;
  const x = toFrame(b, lon);
  if (x < b[0] || x > b[2] || lat < b[1] || lat > b[3]) return false;
  let inside = false;
  for (const ring of part.rings) {
    const len = ring.length;
    for (let i = 0, j = len - 2; i < len; j = i, i += 2) {
      const xi = ring[i];
      const yi = ring[i + 1];
      const xj = ring[j];
      const yj = ring[j + 1];
      if (yi > lat !== yj > lat && x < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Distance in metres from a point to the part's boundary along great circles, or 0 when inside.
 * With `stopBelow`, returns as soon as any edge is found nearer than it (a cheap "within R").
 *
 * @example
 * const [part] = prepareGeometry({ type: 'Circle', center: [8.55, 47.45], radius_m: 2000 });
 * partDistance(part, 8.55, 47.5); // ≈ 3560 m to the circle; 0 inside it
 */
export function partDistance(part: PreparedPart, lon: number, lat: number, stopBelow = 0): number {
  if (part.kind === 'circle') return Math.max(0, distanceM(part.lon, part.lat, lon, lat) - part.radius);
  if (partContains(part, lon, lat)) return 0;
  return boundaryDistance(part, lon, lat, stopBelow);
}

/**
 * Distance to the nearest edge, whether the point is inside or outside.
 *
 * @example
 * const [part] = prepareGeometry({ type: 'Circle', center: [8.55, 47.45], radius_m: 2000 });
 * boundaryDistance(part, 8.55, 47.45); // 2000: from the centre, how far to get out
 */
export function boundaryDistance(part: PreparedPart, lon: number, lat: number, stopBelow = 0): number {
  if (part.kind === 'circle') return Math.abs(distanceM(part.lon, part.lat, lon, lat) - part.radius);
  return edgeAngle(part, queryPoint(lon, lat), stopBelow / EARTH_RADIUS_M) * EARTH_RADIUS_M;
}
