/**
 * One ground shape of a zone, prepared for the warning engine's hot loop. Exact answers come from
 * core's great-circle geometry; a local planar copy of each polygon (an equirectangular frame centred
 * on it) finds, with a few multiplications per edge, the only edges whose exact distance can be the
 * smallest, and gives the direction to the nearest boundary point for the closing speed.
 */
import { distanceM, distanceToSegmentVec, EARTH_RADIUS_M } from '@airlock/core/geo';
import { type PreparedPart, partContains } from '@airlock/core/geofence';

const RAD = Math.PI / 180;
const M_PER_DEG = EARTH_RADIUS_M * RAD;
/** Beyond this latitude the planar frame is not trusted: every edge is measured exactly. */
const MAX_PLANAR_LAT = 85;

export interface ShapePart {
  readonly core: PreparedPart;
  /** Index of the zone volume the part belongs to. */
  readonly volume: number;
  /** Bounding box (longitudes possibly unwrapped past ±180, as core prepares them). */
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
  readonly midLon: number;
  /** Metres a great-circle edge can bulge outside the box of its vertices. */
  readonly bulgeM: number;
  /** Planar frame (polygons only): origin latitude, metres per degree of longitude, rings in metres. */
  readonly lat0: number;
  readonly kx: number;
  readonly rings: readonly Float64Array[];
  /** (1 + ε)², ε bounding the frame's scale error where the part is measured; Infinity: no filter. */
  readonly growth: number;
}

/** The result of measuring a point against one part; reused between calls, never kept. */
export interface PartMeasure {
  inside: boolean;
  /** Metres to the part, 0 inside. */
  distanceM: number;
  /** Metres to the nearest boundary, inside or out. */
  boundaryM: number;
  /** Unit vector (east, north) towards the nearest boundary point; 0, 0 when unknown. */
  towardE: number;
  towardN: number;
}

/** Prepares a part; `reachM` is the farthest from it the engine will ever measure. */
export function prepareShapePart(core: PreparedPart, volume: number, reachM: number): ShapePart {
  const [west, south, east, north] = core.bbox;
  const midLon = (west + east) / 2;
  if (core.kind === 'circle') {
    return {
      core,
      volume,
      west,
      south,
      east,
      north,
      midLon,
      bulgeM: 0,
      lat0: core.lat,
      kx: 0,
      rings: [],
      growth: 1,
    };
  }
  const lat0 = (south + north) / 2;
  const kx = M_PER_DEG * Math.cos(lat0 * RAD);
  const rings = core.rings.map((ring) => {
    const xy = new Float64Array(ring.length);
    for (let i = 0; i < ring.length; i += 2) {
      xy[i] = (ring[i] - midLon) * kx;
      xy[i + 1] = (ring[i + 1] - lat0) * M_PER_DEG;
    }
    return xy;
  });
  const bulgeM = edgeBulge(core, midLon, lat0, kx, rings);
  const ext = reachM / M_PER_DEG + 0.01;
  const growth = frameGrowth(lat0, south - ext, north + ext);
  return { core, volume, west, south, east, north, midLon, bulgeM, lat0, kx, rings, growth };
}

/** (1 + ε)² where ε bounds |planar/true − 1| for path lengths within [lo, hi] latitude. */
function frameGrowth(lat0: number, lo: number, hi: number): number {
  if (Math.max(Math.abs(lo), Math.abs(hi)) > MAX_PLANAR_LAT) return Number.POSITIVE_INFINITY;
  const c0 = Math.cos(lat0 * RAD);
  let eps = 0;
  for (const lat of lo < 0 && hi > 0 ? [lo, hi, 0] : [lo, hi]) {
    const c = Math.cos(lat * RAD);
    eps = Math.max(eps, Math.abs(c / c0 - 1), Math.abs(c0 / c - 1));
  }
  return (1 + eps * 1.01 + 1e-6) ** 2;
}

/** How far each great-circle edge strays from its straight planar chord (measured at its middle, ×1.5). */
function edgeBulge(
  core: Extract<PreparedPart, { kind: 'polygon' }>,
  midLon: number,
  lat0: number,
  kx: number,
  rings: readonly Float64Array[],
): number {
  let worst = 0;
  core.vectors.forEach((v, r) => {
    const xy = rings[r];
    for (let i = 3, j = 2; i < v.length; i += 3, j += 2) {
      const mx = v[i - 3] + v[i];
      const my = v[i - 2] + v[i + 1];
      const mz = v[i - 1] + v[i + 2];
      const len = Math.hypot(mx, my, mz);
      if (len < 1e-12) continue;
      let lon = Math.atan2(my, mx) / RAD;
      while (lon - midLon > 180) lon -= 360;
      while (lon - midLon < -180) lon += 360;
      const lat = Math.asin(mz / len) / RAD;
      const x = (lon - midLon) * kx;
      const y = (lat - lat0) * M_PER_DEG;
      const dev = Math.hypot(x - (xy[j - 2] + xy[j]) / 2, y - (xy[j - 1] + xy[j + 1]) / 2);
      if (dev > worst) worst = dev;
    }
  });
  return worst * 1.5 + 0.05;
}

/** Shifts a longitude by whole turns next to the part's middle (its own frame). */
export function toPartFrame(part: ShapePart, lon: number): number {
  let x = lon;
  while (x - part.midLon > 180) x -= 360;
  while (x - part.midLon < -180) x += 360;
  return x;
}

/**
 * A cheap lower bound of the distance from the point to the part, from its bounding box: the latitude
 * gap is an exact arc, the longitude gap is taken at the most poleward latitude involved (where a
 * degree is shortest), less 0.5 % and the edge bulge. 0 near the poles, where it would not hold.
 */
export function partLowerBoundM(part: ShapePart, lon: number, lat: number): number {
  const x = toPartFrame(part, lon);
  const dLon = x < part.west ? part.west - x : x > part.east ? x - part.east : 0;
  const dLat = lat < part.south ? part.south - lat : lat > part.north ? lat - part.north : 0;
  if (dLon === 0 && dLat === 0) return 0;
  const poleward = Math.max(Math.abs(lat), Math.abs(part.south), Math.abs(part.north));
  if (poleward > MAX_PLANAR_LAT) return 0;
  const dx = dLon * M_PER_DEG * Math.cos(poleward * RAD);
  const dy = dLat * M_PER_DEG;
  return Math.max(0, Math.sqrt(dx * dx + dy * dy) * 0.995 - part.bulgeM - 1);
}

let scratch = new Float64Array(256);

/**
 * Measures the point against the part: containment and distances exact (core's great-circle
 * geometry), the direction to the nearest boundary point from the planar frame. `p*` is the point's
 * unit vector, computed once per update by the caller.
 */
export function measurePart(
  part: ShapePart,
  lon: number,
  lat: number,
  px: number,
  py: number,
  pz: number,
  out: PartMeasure,
): void {
  const core = part.core;
  if (core.kind === 'circle') {
    const d = distanceM(core.lon, core.lat, lon, lat);
    out.inside = d <= core.radius;
    out.distanceM = out.inside ? 0 : d - core.radius;
    out.boundaryM = Math.abs(d - core.radius);
    let dLon = core.lon - lon;
    if (dLon > 180) dLon -= 360;
    else if (dLon < -180) dLon += 360;
    const e = dLon * M_PER_DEG * Math.cos(lat * RAD);
    const n = (core.lat - lat) * M_PER_DEG;
    const len = Math.sqrt(e * e + n * n);
    out.towardE = len > 0 ? e / len : 0;
    out.towardN = len > 0 ? n / len : 0;
    return;
  }
  const x = (toPartFrame(part, lon) - part.midLon) * part.kx;
  const y = (lat - part.lat0) * M_PER_DEG;
  // Planar pass: squared distance to every edge, remembered, and the nearest point.
  let best = Number.POSITIVE_INFINITY;
  let qxBest = x;
  let qyBest = y;
  let k = 0;
  for (const xy of part.rings) {
    const edges = xy.length / 2 - 1;
    if (scratch.length < k + edges) {
      const grown = new Float64Array(Math.max(scratch.length * 2, k + edges));
      grown.set(scratch);
      scratch = grown;
    }
    for (let i = 2; i < xy.length; i += 2) {
      const ax = xy[i - 2];
      const ay = xy[i - 1];
      const ex = xy[i] - ax;
      const ey = xy[i + 1] - ay;
      const l2 = ex * ex + ey * ey;
      let t = l2 > 0 ? ((x - ax) * ex + (y - ay) * ey) / l2 : 0;
      t = Math.max(0, Math.min(1, t));
      const qx = ax + t * ex;
      const qy = ay + t * ey;
      const d2 = (x - qx) * (x - qx) + (y - qy) * (y - qy);
      scratch[k++] = d2;
      if (d2 < best) {
        best = d2;
        qxBest = qx;
        qyBest = qy;
      }
    }
  }
  // Exact pass, only over edges whose planar distance leaves them a chance of being the nearest.
  const planarMin = Math.sqrt(best);
  const limit = (planarMin + part.bulgeM) * part.growth + part.bulgeM + 0.01;
  const limit2 = limit * limit;
  let exact = Number.POSITIVE_INFINITY;
  k = 0;
  for (const v of core.vectors) {
    for (let i = 3; i < v.length; i += 3) {
      if (scratch[k++] > limit2) continue;
      const a = distanceToSegmentVec(px, py, pz, v[i - 3], v[i - 2], v[i - 1], v[i], v[i + 1], v[i + 2]);
      if (a < exact) exact = a;
    }
  }
  const boundary = exact * EARTH_RADIUS_M;
  out.inside = partContains(core, lon, lat);
  out.boundaryM = boundary;
  out.distanceM = out.inside ? 0 : boundary;
  const e = qxBest - x;
  const n = qyBest - y;
  out.towardE = planarMin > 0 ? e / planarMin : 0;
  out.towardN = planarMin > 0 ? n / planarMin : 0;
}
