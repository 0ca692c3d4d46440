import assert from 'node:assert/strict';
import { test } from 'node:test';
import { circleRing, destination } from '../geo/index.ts';
import { seededRandom as rng, testZone } from '../testing/index.ts';
import type { Zone, ZoneGeometry } from '../zone/index.ts';
import { isZoneActive } from './activity.ts';
import { assessPosition } from './assess.ts';
import { partDistance, prepareGeometry } from './prepared-shape.ts';
import { ZoneIndex } from './zone-index.ts';

const zone = (id: string, geometry: ZoneGeometry, extra: Partial<Zone> = {}): Zone =>
  testZone(id, geometry, { country: null, ...extra });

test('near() finds exactly what a brute-force scan finds, worldwide and across the antimeridian', () => {
  const r = rng(7);
  const zones: Zone[] = [];
  for (let i = 0; i < 3000; i++) {
    const lon = i % 4 === 0 ? 179.5 + r() - 0.5 : (r() * 2 - 1) * 180;
    const lat = i % 5 === 0 ? 75 + r() * 13 : (r() * 2 - 1) * 70;
    const radius = 200 + r() * 8000;
    zones.push(
      i % 2
        ? zone(`c${i}`, { type: 'Circle', center: [lon, lat], radius_m: radius })
        : zone(`p${i}`, { type: 'Polygon', coordinates: [circleRing(lon, lat, radius, 200)] }),
    );
  }
  const index = ZoneIndex.build(zones);
  const prepared = zones.map((z) => prepareGeometry(z.volumes[0].geometry)[0]);
  for (let q = 0; q < 400; q++) {
    const z = zones[Math.floor(r() * zones.length)];
    const g = z.volumes[0].geometry;
    const c = g.type === 'Circle' ? g.center : g.type === 'Polygon' ? g.coordinates[0][0] : [0, 0];
    const [lon, lat] = destination(c[0], c[1], r() * 40_000, r() * 360);
    const radius = r() * 50_000;
    const got = index
      .near(lon, lat, radius)
      .map((h) => h.zone.id)
      .sort();
    const want = zones
      .filter((_, i) => partDistance(prepared[i], lon, lat) <= radius)
      .map((x) => x.id)
      .sort();
    assert.deepEqual(got, want, `query ${q} at ${lon},${lat} r=${radius}`);
    // Nearest first with the brute-force distance; equal distances (to 0.1 mm) in id order.
    const hits = index.near(lon, lat, radius);
    for (let i = 0; i < hits.length; i++) {
      const exact = partDistance(prepared[zones.indexOf(hits[i].zone)], lon, lat);
      assert.ok(Math.abs(hits[i].distanceM - exact) < 1e-6, `distance of ${hits[i].zone.id}`);
      if (i === 0) continue;
      const [a, b] = [hits[i - 1], hits[i]];
      assert.ok(a.distanceM <= b.distanceM + 1e-4, `order at ${i} of query ${q}`);
      if (Math.abs(a.distanceM - b.distanceM) < 1e-4) assert.ok(a.zone.id < b.zone.id, `tie order at ${i}`);
    }
    const yesNo = index.within(lon, lat, radius);
    assert.deepEqual(yesNo.map((z) => z.id).sort(), want, `within() at query ${q}`);
    const positions = yesNo.map((z) => zones.indexOf(z));
    assert.deepEqual(
      positions,
      [...positions].sort((x, y) => x - y),
      'within() answers in index order',
    );
    // A query made from inside another (a filter that asks the index) gets the same answer.
    const inner: string[][] = [];
    const outer = index.near(lon, lat, radius, (zz) => {
      if (inner.length === 0) inner.push(index.near(lon, lat, radius).map((h) => h.zone.id));
      return zz.id !== '';
    });
    assert.deepEqual(
      outer.map((h) => h.zone.id),
      hits.map((h) => h.zone.id),
    );
    if (inner.length)
      assert.deepEqual(
        inner[0],
        hits.map((h) => h.zone.id),
        'nested query',
      );
  }
});

test('near() rejects a radius over 50 km', () => {
  const index = ZoneIndex.build([]);
  assert.throws(() => index.near(0, 0, 50_001), /radius/);
  assert.deepEqual(index.near(0, 0, 1000), []);
});

test('inBBox and inTile find a zone that straddles the antimeridian from either side', () => {
  const z = zone('am', {
    type: 'Polygon',
    coordinates: [
      [
        [179.9, -17],
        [-179.9, -17],
        [-179.9, -16.9],
        [179.9, -16.9],
        [179.9, -17],
      ],
    ],
  });
  const index = ZoneIndex.build([z]);
  assert.equal(index.inBBox(179.5, -17.5, 180, -16.5).length, 1);
  assert.equal(index.inBBox(-180, -17.5, -179.5, -16.5).length, 1);
  assert.equal(index.inBBox(179.5, -17.5, -179.5, -16.5).length, 1);
  assert.equal(index.inBBox(10, 10, 11, 11).length, 0);
  assert.equal(index.inTile(0, 0, 0).length, 1);
  assert.equal(index.containing(-179.95, -16.95).length, 1);
  assert.equal(index.near(-179.8, -16.95, 20_000)[0].zone.id, 'am');
});

test('schedules: weekday windows in UTC, wrap past midnight, start/end', () => {
  const weekdays = {
    applicability: [
      { permanent: false, schedule: [{ days: ['MON' as const], startTime: '08:00', endTime: '17:00' }] },
    ],
  };
  assert.equal(isZoneActive(weekdays, new Date('2026-11-23T09:00:00Z')), true); // Monday
  assert.equal(isZoneActive(weekdays, new Date('2026-11-23T18:00:00Z')), false);
  assert.equal(isZoneActive(weekdays, new Date('2026-11-24T09:00:00Z')), false); // Tuesday
  const night = {
    applicability: [
      { permanent: false, schedule: [{ days: ['ANY' as const], startTime: '22:00', endTime: '06:00' }] },
    ],
  };
  assert.equal(isZoneActive(night, new Date('2026-11-24T23:30:00Z')), true);
  assert.equal(isZoneActive(night, new Date('2026-11-24T12:00:00Z')), false);
  const window = {
    applicability: [{ permanent: false, start: '2026-11-24T10:00:00Z', end: '2026-11-24T12:00:00Z' }],
  };
  assert.equal(isZoneActive(window, new Date('2026-11-24T11:00:00Z')), true);
  assert.equal(isZoneActive(window, new Date('2026-11-24T13:00:00Z')), false);
});

test('assessPosition: inside, vertical layers, ceiling and nearby distances', () => {
  const centre: [number, number] = [8.55, 47.45];
  const altitude = zone(
    'alt',
    { type: 'Circle', center: centre, radius_m: 5000 },
    {
      category: 'altitude',
      volumes: [
        {
          geometry: { type: 'Circle', center: centre, radius_m: 5000 },
          lower: { value: 0, unit: 'm', reference: 'AGL' },
          upper: { value: 60, unit: 'm', reference: 'AGL' },
        },
      ],
    },
  );
  const layered = zone(
    'layer',
    { type: 'Circle', center: centre, radius_m: 1000 },
    {
      volumes: [
        {
          geometry: { type: 'Circle', center: centre, radius_m: 1000 },
          lower: { value: 50, unit: 'm', reference: 'AGL' },
          upper: { value: 120, unit: 'm', reference: 'AGL' },
        },
      ],
    },
  );
  const far = zone('far', {
    type: 'Circle',
    center: destination(centre[0], centre[1], 8000, 90),
    radius_m: 1000,
  });
  const index = ZoneIndex.build([altitude, layered, far]);
  const low = assessPosition(index, { lon: centre[0], lat: centre[1], altAglM: 20, radiusM: 10_000 });
  assert.deepEqual(
    low.inside.map((h) => h.zone.id),
    ['alt'],
  );
  assert.equal(low.ceilingM, 50); // the restricted layer starts at 50 m
  assert.equal(low.ceilingZone?.id, 'layer');
  const farHit = low.nearby.find((h) => h.zone.id === 'far');
  assert.ok(farHit && Math.abs(farHit.distanceM - 7000) < 1);
  const high = assessPosition(index, { lon: centre[0], lat: centre[1], altAglM: 80, radiusM: 10_000 });
  assert.deepEqual(high.inside.map((h) => h.zone.id).sort(), ['layer']);
  const unknownAlt = assessPosition(index, { lon: centre[0], lat: centre[1], radiusM: 2000 });
  assert.deepEqual(unknownAlt.inside.map((h) => h.zone.id).sort(), ['alt', 'layer']);
});

test('near() reports the exact nearest distance for polygons; within() finds the same zones', () => {
  // A long thin polygon whose first edges are far from the query point and last edge is near.
  const ring: [number, number][] = [];
  for (let i = 0; i <= 20; i++) ring.push(destination(8, 47, i * 500, 90));
  for (let i = 20; i >= 0; i--) ring.push(destination(...destination(8, 47, i * 500, 90), 100, 0));
  ring.push(ring[0]);
  const index = ZoneIndex.build([zone('long', { type: 'Polygon', coordinates: [ring] })]);
  const [qlon, qlat] = destination(...destination(8, 47, 9_000, 90), 328, 0);
  const hit = index.near(qlon, qlat, 5000)[0];
  assert.ok(Math.abs(hit.distanceM - 228) < 1, `distance ${hit.distanceM}`);
  assert.deepEqual(
    index.within(qlon, qlat, 5000).map((z) => z.id),
    ['long'],
  );
  assert.deepEqual(index.within(qlon, qlat, 200), []);
});
