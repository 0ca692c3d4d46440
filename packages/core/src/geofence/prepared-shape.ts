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
  bbox: BBox;
}

export interface PreparedCircle {
  kind: 'circle';
  lon: number;
  lat: number;
  radius: number;
  bbox: BBox;
}

export type PreparedPart = PreparedPolygon | PreparedCircle;

/** Splits a zone geometry into parts (a MultiPolygon into its polygons) ready for queries. */
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
  return { kind: 'circle', lon, lat, radius: c.radius_m, bbox };
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
  return { kind: 'polygon', rings: flat, vectors: vecs, bbox: [w, s, e, n] };
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
 * With `stopBelow`, returns as soon as any vertex or edge is found nearer than it (a cheap "within R").
 */
export function partDistance(part: PreparedPart, lon: number, lat: number, stopBelow = 0): number {
  if (part.kind === 'circle') return Math.max(0, distanceM(part.lon, part.lat, lon, lat) - part.radius);
  if (partContains(part, lon, lat)) return 0;
  return boundaryDistance(part, lon, lat, stopBelow);
}

/** Distance to the nearest edge, whether the point is inside or outside. */
export function boundaryDistance(part: PreparedPart, lon: number, lat: number, stopBelow = 0): number {
  if (part.kind === 'circle') return Math.abs(distanceM(part.lon, part.lat, lon, lat) - part.radius);
  const cl = Math.cos(lat * RAD);
  const px = cl * Math.cos(lon * RAD);
  const py = cl * Math.sin(lon * RAD);
  const pz = Math.sin(lat * RAD);
  const stopAngle = stopBelow / EARTH_RADIUS_M;
  let best = Number.POSITIVE_INFINITY;
  for (const v of part.vectors) {
    for (let i = 3; i < v.length; i += 3) {
      const d = distanceToSegmentVec(px, py, pz, v[i - 3], v[i - 2], v[i - 1], v[i], v[i + 1], v[i + 2]);
      if (d < best) {
        best = d;
        if (best < stopAngle) return best * EARTH_RADIUS_M;
      }
    }
  }
  return best * EARTH_RADIUS_M;
}
