// Checks the engine's geometry against an independent implementation (turf) on thousands of random
// cases, including the antimeridian and high latitudes: distances must agree within 1 m.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as turf from '@turf/turf';
import { destination, distanceM, distanceToSegmentM } from '../geo/index.ts';
import { seededRandom as rng } from '../testing/index.ts';
import { partContains, partDistance, prepareGeometry } from './prepared-shape.ts';

/** A random centre: a third near the antimeridian, a third above 70° N/S, a third anywhere. */
function randomCentre(r: () => number, i: number): [number, number] {
  const kind = i % 3;
  if (kind === 0) return [179 + r() * 2 - 1, (r() * 2 - 1) * 60];
  if (kind === 1) return [(r() * 2 - 1) * 180, (70 + r() * 18) * (r() < 0.5 ? -1 : 1)];
  return [(r() * 2 - 1) * 180, (r() * 2 - 1) * 80];
}

test('point-to-point distance agrees with turf within 1 m', () => {
  const r = rng(1);
  for (let i = 0; i < 5000; i++) {
    const [lon, lat] = randomCentre(r, i);
    const [lon2, lat2] = destination(lon, lat, r() * 50_000, r() * 360);
    const ours = distanceM(lon, lat, lon2, lat2);
    const ref = turf.distance([lon, lat], [lon2, lat2], { units: 'meters' });
    assert.ok(Math.abs(ours - ref) < 1, `case ${i}: ${ours} vs ${ref}`);
  }
});

test('point-to-segment distance agrees with turf (great circle) within 1 m', () => {
  const r = rng(2);
  for (let i = 0; i < 5000; i++) {
    const [lon, lat] = randomCentre(r, i);
    const a = destination(lon, lat, r() * 30_000, r() * 360);
    const b = destination(a[0], a[1], 100 + r() * 20_000, r() * 360);
    const ours = distanceToSegmentM(lon, lat, a[0], a[1], b[0], b[1]);
    // turf wants a line without a jump across ±180: unwrap b and the point next to a.
    const unwrap = (x: number) => (x - a[0] > 180 ? x - 360 : x - a[0] < -180 ? x + 360 : x);
    const ref = turf.pointToLineDistance([unwrap(lon), lat], turf.lineString([a, [unwrap(b[0]), b[1]]]), {
      units: 'meters',
      method: 'geodesic',
    });
    assert.ok(Math.abs(ours - ref) < 1, `case ${i}: ${ours} vs ${ref}`);
  }
});

test('polygon containment and distance agree with turf on random polygons', () => {
  const r = rng(3);
  let outsideChecked = 0;
  for (let i = 0; i < 3000; i++) {
    const [clon, clat] = randomCentre(r, i);
    const n = 3 + Math.floor(r() * 8);
    const ring: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      // A star-shaped polygon with short edges (≤ ~5 km): lon/lat lines and great circles then coincide
      // within centimetres, so the two definitions of "inside" agree away from the edge.
      ring.push(destination(clon, clat, 2000 + r() * 3000, (k * 360) / n + r() * (300 / n)));
    }
    ring.push(ring[0]);
    const [part] = prepareGeometry({ type: 'Polygon', coordinates: [ring] });
    const [plon, plat] = destination(clon, clat, r() * 12_000, r() * 360);
    const unwrap = (x: number) => (x - clon > 180 ? x - 360 : x - clon < -180 ? x + 360 : x);
    const tRing = ring.map(([x, y]) => [unwrap(x), y]);
    const tPoly = turf.polygon([tRing]);
    const tPoint = turf.point([unwrap(plon), plat]);
    const edge = turf.pointToLineDistance(tPoint, turf.lineString(tRing), { units: 'meters' });
    if (edge < 1) continue; // on the boundary: either answer is right
    const inRef = turf.booleanPointInPolygon(tPoint, tPoly);
    assert.equal(partContains(part, plon, plat), inRef, `case ${i} containment`);
    const ours = partDistance(part, plon, plat);
    if (inRef) assert.equal(ours, 0);
    else {
      outsideChecked++;
      assert.ok(Math.abs(ours - edge) < 1, `case ${i}: ${ours} vs ${edge}`);
    }
  }
  assert.ok(outsideChecked > 1000, `only ${outsideChecked} outside cases`);
});

test('circle distance is distance to centre minus radius', () => {
  const r = rng(4);
  for (let i = 0; i < 2000; i++) {
    const [lon, lat] = randomCentre(r, i);
    const radius = 100 + r() * 10_000;
    const [part] = prepareGeometry({ type: 'Circle', center: [lon, lat], radius_m: radius });
    const [plon, plat] = destination(lon, lat, r() * 40_000, r() * 360);
    const ref = turf.distance([lon, lat], [plon, plat], { units: 'meters' });
    const ours = partDistance(part, plon, plat);
    assert.ok(Math.abs(ours - Math.max(0, ref - radius)) < 1, `case ${i}`);
    if (Math.abs(ref - radius) > 1) assert.equal(partContains(part, plon, plat), ref < radius);
  }
});
