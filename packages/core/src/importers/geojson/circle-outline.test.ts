import assert from 'node:assert/strict';
import { test } from 'node:test';
import { booleanPointInPolygon, polygon } from '@turf/turf';
import { destination, distanceM, EARTH_RADIUS_M } from '../../geo/index.ts';
import type { Position, Zone } from '../../zone/index.ts';
import { zoneToFeature } from './index.ts';

const capArea = (radiusM: number) =>
  2 * Math.PI * EARTH_RADIUS_M ** 2 * (1 - Math.cos(radiusM / EARTH_RADIUS_M));
const unit = ([lon, lat]: Position | [number, number]) => {
  const [l, p] = [(lon * Math.PI) / 180, (lat * Math.PI) / 180];
  return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
};
const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Exact area of the ring on the sphere (great-circle edges): fan of triangles from the centre. */
function sphericalArea(center: [number, number], ring: readonly Position[]): number {
  const c = unit(center);
  let excess = 0;
  for (let i = 1; i < ring.length; i++) {
    const [a, b] = [unit(ring[i - 1]), unit(ring[i])];
    const triple =
      c[0] * (a[1] * b[2] - a[2] * b[1]) -
      c[1] * (a[0] * b[2] - a[2] * b[0]) +
      c[2] * (a[0] * b[1] - a[1] * b[0]);
    excess += 2 * Math.atan2(Math.abs(triple), 1 + dot(c, a) + dot(a, b) + dot(b, c));
  }
  return excess * EARTH_RADIUS_M ** 2;
}

function circleZone(lon: number, lat: number, radiusM: number): Zone {
  const limit = { value: 0, unit: 'm' as const, reference: 'AGL' as const };
  return {
    id: 't:c',
    name: 'circle',
    country: null,
    category: 'restricted',
    reasons: [],
    volumes: [
      { geometry: { type: 'Circle', center: [lon, lat], radius_m: radiusM }, lower: limit, upper: limit },
    ],
    applicability: [],
    source: 'test',
    licence: 'CC0',
    dataset: 't',
  };
}

const CASES: [number, number, number][] = [
  [8.55, 47.45, 50],
  [8.55, 47.45, 100],
  [-113.5, 37.03, 500],
  [6.91, 46.43, 3000],
  [0, 0, 9260],
  [18.9, 69.7, 50_000],
  [-70, -60, 400_000],
  [10, 45, 2_000_000],
  [179.9, -16.5, 1000],
];

// Issue 11: a 100 m circle was drawn with ~10 vertices on the circle, 6.4% of its area missing.
test('a circle drawn in GeoJSON contains the true circle and overstates its area by under 1%', () => {
  for (const [lon, lat, r] of CASES) {
    const geometry = zoneToFeature(circleZone(lon, lat, r)).geometry;
    assert.equal(geometry.type, 'Polygon');
    if (geometry.type !== 'Polygon') continue;
    const ring = geometry.coordinates[0];
    assert.ok(ring.length >= 33, `${r} m: ${ring.length - 1} vertices`);
    const drawn = polygon(geometry.coordinates);
    for (let b = 0; b < 360; b += 0.25) {
      const onCircle = destination(lon, lat, r, b);
      assert.ok(
        booleanPointInPolygon(onCircle, drawn),
        `${r} m at ${lat}°: bearing ${b} outside the drawing`,
      );
    }
    const ratio = sphericalArea([lon, lat], ring) / capArea(r);
    assert.ok(ratio >= 1 && ratio < 1.01, `${r} m at ${lat}°: area ratio ${ratio}`);
  }
});

test('the chord error stays within 10 m and 0.5% of the radius: vertices lie just outside', () => {
  for (const [lon, lat, r] of CASES.slice(0, 6)) {
    const geometry = zoneToFeature(circleZone(lon, lat, r)).geometry;
    if (geometry.type !== 'Polygon') continue;
    const worst = Math.max(...geometry.coordinates[0].map(([x, y]) => distanceM(lon, lat, x, y) - r));
    assert.ok(worst <= Math.min(10, 0.005 * r) + 0.5, `${r} m: vertices ${worst} m out`);
  }
});
