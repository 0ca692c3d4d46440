/**
 * Test-only helpers: containment via turf (an implementation independent of the importer's own
 * runway plane) and runway coordinates measured with plain spherical trigonometry.
 */
import { booleanPointInPolygon } from '@turf/turf';
import {
  bearingDeg,
  destination,
  distanceM,
  EARTH_RADIUS_M,
  distanceToSegmentM as segmentDistance,
} from '../../geo/index.ts';
import { seededRandom } from '../../testing/index.ts';
import type { Position, Zone, ZoneGeometry } from '../../zone/index.ts';

export { seededRandom };

export type Ends = [number, number, number, number];

/** Whether [lon, lat] lies in the geometry (circle by great-circle distance, polygons by turf). */
export function geometryContains(geometry: ZoneGeometry, lon: number, lat: number): boolean {
  if (geometry.type === 'Circle')
    return distanceM(geometry.center[0], geometry.center[1], lon, lat) <= geometry.radius_m;
  return booleanPointInPolygon([lon, lat], geometry);
}

export function zoneContains(zone: Zone, lon: number, lat: number): boolean {
  return zone.volumes.some((v) => geometryContains(v.geometry, lon, lat));
}

/** The n-th polygon of a zone (its n-th runway's part) as a Polygon geometry. */
export function zonePart(zone: Zone, n: number): ZoneGeometry {
  const g = zone.volumes[0].geometry;
  if (g.type === 'Polygon' && n === 0) return g;
  if (g.type !== 'MultiPolygon') throw new Error(`${zone.id}: no part ${n}`);
  return { type: 'Polygon', coordinates: g.coordinates[n] };
}

/** Measures points against one runway: |along| from the midpoint and |cross| from the centreline, metres. */
export function runwayProbe(ends: Ends) {
  const [lonA, latA, lonB, latB] = ends;
  const length = distanceM(lonA, latA, lonB, latB);
  const mid = destination(lonA, latA, length / 2, bearingDeg(lonA, latA, lonB, latB));
  const axis = bearingDeg(mid[0], mid[1], lonB, latB);
  const outAtB = (bearingDeg(lonB, latB, lonA, latA) + 180) % 360;
  const reverseAtA = (bearingDeg(lonA, latA, lonB, latB) + 180) % 360;
  return {
    halfLength: length / 2,
    mid,
    axis,
    /** A point `m` metres beyond the B end (negative: back towards A) on the centreline. */
    beyondB: (m: number) => destination(lonB, latB, m, outAtB),
    beyondA: (m: number) => destination(lonA, latA, m, reverseAtA),
    /** A point `m` metres to the side of the midpoint. */
    side: (m: number) => destination(mid[0], mid[1], m, axis + 90),
    measure(lon: number, lat: number): { along: number; cross: number } {
      const d = distanceM(mid[0], mid[1], lon, lat) / EARTH_RADIUS_M;
      const theta = ((bearingDeg(mid[0], mid[1], lon, lat) - axis) * Math.PI) / 180;
      const xt = Math.asin(Math.sin(d) * Math.sin(theta));
      const at = Math.acos(Math.max(-1, Math.min(1, Math.cos(d) / Math.cos(xt))));
      return { along: at * EARTH_RADIUS_M, cross: Math.abs(xt) * EARTH_RADIUS_M };
    },
  };
}

/** Counter-clockwise test for a closed ring in lon/lat (positive shoelace area). */
export function isCounterClockwise(ring: Position[]): boolean {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += (ring[i][0] - ring[i - 1][0]) * (ring[i][1] + ring[i - 1][1]);
  return sum < 0;
}

/** The GEO 2.0 zones of one airport, by part. */
export interface FullZones {
  restricted: Zone;
  authorization: Zone;
  enhanced_warning: Zone;
  altitude60: Zone;
  altitude150: Zone;
}

/**
 * Samples `count` points within 17 km of the first runway and checks every zone against the
 * definition measured independently per runway. Points within `slack` metres of a boundary are
 * not judged (polygons overshoot curves by up to 20 m). Returns the disagreements.
 */
export function checkFullZones(zones: FullZones, runways: Ends[], count: number, seed = 1): string[] {
  const probes = runways.map(runwayProbe);
  const random = seededRandom(seed);
  const slack = 10;
  const tan = Math.tan((8.5 * Math.PI) / 180);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const judge = (name: string, zone: Zone, lon: number, lat: number, inside: boolean, outside: boolean) => {
    if (!inside && !outside) return;
    const tally = `${name} ${inside ? 'in' : 'out'}`;
    seen.set(tally, (seen.get(tally) ?? 0) + 1);
    const actual = zoneContains(zone, lon, lat);
    if (actual !== inside)
      problems.push(`${name} at ${lon.toFixed(6)},${lat.toFixed(6)}: expected ${inside ? 'in' : 'out'}`);
  };
  for (let i = 0; i < count; i++) {
    const [lon, lat] = destination(
      probes[0].mid[0],
      probes[0].mid[1],
      17_000 * Math.sqrt(random()),
      random() * 360,
    );
    const m = probes.map((p) => ({ ...p.measure(lon, lat), end: p.halfLength + 3000 }));
    const d = runways.map(([a, b, c, e]) => segmentDistance(lon, lat, a, b, c, e));
    judge(
      'restricted',
      zones.restricted,
      lon,
      lat,
      m.some((x) => x.along <= x.end - slack && x.cross <= 600 - slack),
      m.every((x) => x.along >= x.end + slack || x.cross >= 600 + slack),
    );
    judge(
      'authorization',
      zones.authorization,
      lon,
      lat,
      d.some((x) => x <= 4000 - slack),
      d.every((x) => x >= 4020 + slack),
    );
    judge(
      'enhanced_warning',
      zones.enhanced_warning,
      lon,
      lat,
      d.some((x) => x >= 4020 + slack && x <= 6000 - slack),
      d.every((x) => x <= 4000 - slack || x >= 6020 + slack),
    );
    const wing = (from: number, to: number, grow: number) =>
      m.some(
        (x) =>
          x.along >= x.end + from + grow &&
          x.along <= x.end + to - grow &&
          x.cross <= 600 + (x.along - x.end) * tan - grow,
      );
    judge('altitude 60', zones.altitude60, lon, lat, wing(0, 3600, slack), !wing(0, 3600, -slack));
    judge(
      'altitude 150',
      zones.altitude150,
      lon,
      lat,
      wing(3600, 12_000, slack),
      !wing(3600, 12_000, -slack),
    );
  }
  // A check that never sees a point inside (or outside) a zone proves nothing about it.
  for (const name of ['restricted', 'authorization', 'enhanced_warning', 'altitude 60', 'altitude 150']) {
    for (const side of ['in', 'out'])
      if (!seen.get(`${name} ${side}`)) problems.push(`no point judged ${name} ${side}`);
  }
  return problems;
}
