import assert from 'node:assert/strict';
import { test } from 'node:test';
import { circleRing, destination } from '@airlock/core/geo';
import { assessPosition, partDistance, prepareGeometry, ZoneIndex } from '@airlock/core/geofence';
import { seededRandom } from '@airlock/core/location-privacy';
import { testZone } from '@airlock/core/testing';
import type { Zone, ZoneCategory, ZoneGeometry, ZoneVolume } from '@airlock/core/zone';
import { createWarningEngine } from './warning-engine.ts';

const HOME: [number, number] = [8.55, 47.4];
const T0 = new Date('2026-11-24T10:00:00Z');

const zone = (id: string, geometry: ZoneGeometry, extra: Partial<Zone> = {}): Zone =>
  testZone(id, geometry, { name: `Zone ${id}`, ...extra });

function layered(
  id: string,
  geometry: ZoneGeometry,
  category: ZoneCategory,
  lower: number,
  upper: number,
): Zone {
  const volume: ZoneVolume = {
    geometry,
    lower: { value: lower, unit: 'm', reference: 'AGL' },
    upper: { value: upper, unit: 'm', reference: 'AGL' },
  };
  return zone(id, geometry, { category, volumes: [volume] });
}

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

test('straight track at 10 m/s: approaching with time to entry, then inside and blocked', () => {
  const centre = destination(HOME[0], HOME[1], 3000, 90);
  const index = ZoneIndex.build([zone('airport', { type: 'Circle', center: centre, radius_m: 500 })]);
  const engine = createWarningEngine();
  const seen = new Map<number, ReturnType<typeof engine.update>>();
  // From 3 km west of the centre, due east at 10 m/s, 10 updates a second for 300 s.
  for (let step = 0; step <= 3000; step++) {
    const s = step / 10;
    const [lon, lat] = destination(HOME[0], HOME[1], 10 * s, 90);
    const report = engine.update(index, { lon, lat, altAglM: 50, speedMps: 10, headingDeg: 90, time: at(s) });
    if (step % 100 === 0) seen.set(s, report);
  }
  const far = seen.get(0)!;
  assert.equal(far.status, 'ok');
  assert.deepEqual(far.approaching, []); // 2.5 km away, horizon max(1 km, 60 s × 10 m/s)
  const near = seen.get(160)!; // 1.4 km from the centre: 900 m from the edge
  assert.equal(near.status, 'warning');
  assert.equal(near.approaching.length, 1);
  const a = near.approaching[0];
  assert.equal(a.zone.id, 'airport');
  assert.equal(a.consequence, 'takeoff_blocked');
  assert.ok(Math.abs(a.distanceM - 900) < 1, `distance ${a.distanceM}`);
  assert.ok(
    a.timeToEntryS !== null && Math.abs(a.timeToEntryS - 90) < 0.2,
    `time to entry ${a.timeToEntryS}`,
  );
  assert.ok(Math.abs(a.closingSpeedMps - 10) < 0.05);
  const inZone = seen.get(260)!; // 400 m from the centre
  assert.equal(inZone.status, 'blocked');
  assert.equal(inZone.inside[0].zone.id, 'airport');
  assert.ok(Math.abs(inZone.inside[0].boundaryM - 100) < 1);
  // Flying away on the far side: listed while within the horizon, but not closing.
  const [lon, lat] = destination(centre[0], centre[1], 700, 90);
  const away = engine.update(index, { lon, lat, speedMps: 10, headingDeg: 90, time: at(400) });
  assert.equal(away.approaching[0].timeToEntryS, null);
  assert.ok(away.approaching[0].closingSpeedMps < 0);
});

test('polygon: time to entry from the velocity vector, and the exact great-circle distance', () => {
  // A runway-like rectangle 1 km north of home, 3 km wide; flying north-east at 12 m/s.
  const sw = destination(HOME[0], HOME[1], 1000, 0);
  const ring = [sw, destination(sw[0], sw[1], 3000, 90)];
  ring.push(destination(ring[1][0], ring[1][1], 500, 0), destination(sw[0], sw[1], 500, 0), sw);
  const index = ZoneIndex.build([
    zone('rwy', { type: 'Polygon', coordinates: [ring] }, { category: 'authorization' }),
  ]);
  const engine = createWarningEngine();
  const report = engine.update(index, {
    lon: HOME[0] + 0.001,
    lat: HOME[1],
    velocity: { east: 12 * Math.SQRT1_2, north: 12 * Math.SQRT1_2 },
    time: T0,
  });
  const ref = assessPosition(index, { lon: HOME[0] + 0.001, lat: HOME[1], radiusM: 2000 });
  const a = report.approaching[0];
  assert.equal(a.consequence, 'unlock_required');
  assert.ok(Math.abs(a.distanceM - ref.nearby[0].distanceM) < 1e-6);
  // The nearest boundary point is due north: closing speed is the north component.
  assert.ok(Math.abs(a.closingSpeedMps - 12 * Math.SQRT1_2) < 0.05, `closing ${a.closingSpeedMps}`);
  assert.ok(Math.abs((a.timeToEntryS ?? 0) - a.distanceM / (12 * Math.SQRT1_2)) < 0.5);
});

test('ceiling: altitude zones cap the column, a restricted layer above ground caps below it', () => {
  const circle: ZoneGeometry = { type: 'Circle', center: HOME, radius_m: 3000 };
  const small: ZoneGeometry = { type: 'Circle', center: HOME, radius_m: 800 };
  const index = ZoneIndex.build([
    layered('alt', circle, 'altitude', 0, 90),
    layered('tma', small, 'restricted', 60, 2000),
  ]);
  const engine = createWarningEngine();
  const low = engine.update(index, { lon: HOME[0], lat: HOME[1], altAglM: 40, time: T0 });
  assert.equal(low.ceilingM, 60);
  assert.equal(low.ceilingZone?.id, 'tma');
  assert.equal(low.status, 'ok');
  assert.deepEqual(
    low.inside.map((z) => [z.zone.id, z.consequence]),
    [['alt', 'altitude_limited']],
  );
  const high = engine.update(index, { lon: HOME[0], lat: HOME[1], altAglM: 70, time: T0 });
  assert.equal(high.status, 'blocked');
  assert.ok(high.inside.some((z) => z.zone.id === 'tma'));
  const [lon, lat] = destination(HOME[0], HOME[1], 2000, 0); // outside the layer, inside the altitude zone
  const over = engine.update(index, { lon, lat, altAglM: 100, time: T0 });
  assert.equal(over.ceilingM, 90);
  assert.equal(over.status, 'warning');
});

test('a temporary restriction starting in 30 minutes is listed, and warns when the drone is in it', () => {
  const start = new Date(T0.getTime() + 30 * 60_000).toISOString();
  const end = new Date(T0.getTime() + 90 * 60_000).toISOString();
  const tfr = zone(
    'tfr',
    { type: 'Circle', center: HOME, radius_m: 1500 },
    { category: 'temporary', applicability: [{ permanent: false, start, end }] },
  );
  const later = zone(
    'later',
    { type: 'Circle', center: destination(HOME[0], HOME[1], 3000, 180), radius_m: 500 },
    { category: 'temporary', applicability: [{ permanent: false, start: '2026-11-24T14:00:00Z' }] },
  );
  const index = ZoneIndex.build([tfr, later]);
  const engine = createWarningEngine();
  const report = engine.update(index, { lon: HOME[0], lat: HOME[1], altAglM: 30, time: T0 });
  assert.deepEqual(
    report.temporary.map((r) => r.zone.id),
    ['tfr'],
  );
  assert.equal(report.temporary[0].activeNow, false);
  assert.equal(report.temporary[0].startsInS, 1800);
  assert.equal(report.temporary[0].inside, true);
  assert.equal(report.status, 'warning');
  assert.equal(report.inside[0].active, false);
  const during = engine.update(index, { lon: HOME[0], lat: HOME[1], altAglM: 30, time: at(31 * 60) });
  assert.equal(during.status, 'blocked');
  assert.equal(during.temporary[0].activeNow, true);
  assert.equal(during.temporary[0].startsInS, 0);
});

test('a restriction is dropped at its end time: blocked a second before, not inside, ahead or listed at it', () => {
  const end = at(3600);
  const tfr = zone(
    'tfr',
    { type: 'Circle', center: HOME, radius_m: 1500 },
    {
      category: 'temporary',
      applicability: [{ permanent: false, start: T0.toISOString(), end: end.toISOString() }],
    },
  );
  const index = ZoneIndex.build([tfr]);
  const engine = createWarningEngine();
  const state = (time: Date) => ({ lon: HOME[0], lat: HOME[1], altAglM: 30, time });
  const before = engine.update(index, state(at(3599)));
  assert.equal(before.status, 'blocked');
  assert.deepEqual(
    before.inside.map((z) => z.zone.id),
    ['tfr'],
  );
  const atEnd = engine.update(index, state(end));
  assert.equal(atEnd.status, 'ok');
  assert.deepEqual(atEnd.inside, []);
  assert.deepEqual(atEnd.approaching, []);
  assert.deepEqual(atEnd.temporary, []);
  // Outside it, approaching: an ended restriction is not ahead either.
  const outside = { lon: destination(HOME[0], HOME[1], 1700, 90)[0], lat: HOME[1], altAglM: 30 };
  assert.deepEqual(engine.update(index, { ...outside, time: at(4000) }).approaching, []);
});

test('no data, or data that does not cover the position: status unknown, never ok', () => {
  const engine = createWarningEngine();
  const state = { lon: HOME[0], lat: HOME[1], time: T0 };
  for (const data of [null, undefined]) {
    const r = engine.update(data, state);
    assert.equal(r.status, 'unknown');
    assert.equal(r.coverage, 'none');
  }
  const empty = ZoneIndex.build([]);
  const elsewhere = engine.update({ index: empty, covers: () => false }, state);
  assert.equal(elsewhere.status, 'unknown');
  const covered = engine.update(
    { index: empty, covers: () => true, fetchedAt: at(-120), maxAgeS: 60 },
    state,
  );
  assert.equal(covered.status, 'ok');
  assert.equal(covered.dataAgeS, 120);
  assert.equal(covered.dataStale, true);
  const edge = engine.update({ index: empty, covers: (_lon, _lat, r) => r < 500 }, state);
  assert.equal(edge.coverage, 'partial');
  assert.equal(edge.status, 'warning');
});

test('never throws: NaN and garbage give unknown with an error, bad optional values are ignored', () => {
  const index = ZoneIndex.build([zone('z', { type: 'Circle', center: HOME, radius_m: 500 })]);
  const engine = createWarningEngine();
  const bad: unknown[] = [
    { lon: Number.NaN, lat: HOME[1], time: T0 },
    { lon: HOME[0], lat: Number.NaN, time: T0 },
    { lon: HOME[0], lat: 95, time: T0 },
    { lon: HOME[0], lat: HOME[1], time: new Date(Number.NaN) },
    { lon: HOME[0], lat: HOME[1] },
    null,
    'north',
  ];
  for (const state of bad) {
    const r = engine.update(index, state as never);
    assert.equal(r.status, 'unknown');
    assert.match(r.error ?? '', /lon|lat|time|state/);
  }
  const r = engine.update(index, {
    lon: HOME[0],
    lat: HOME[1],
    altAglM: Number.NaN,
    velocity: { east: Number.NaN, north: 1 },
    time: T0,
  });
  assert.equal(r.status, 'blocked'); // unknown altitude: every layer counts as reached
  assert.equal(r.inputIssues.length, 2);
  const broken = { index: 'not an index' } as never;
  assert.equal(engine.update(broken, { lon: HOME[0], lat: HOME[1], time: T0 }).status, 'unknown');
});

test('agrees with a brute-force assessPosition on a random track among 400 zones', () => {
  const random = seededRandom(11);
  const zones: Zone[] = [];
  for (let i = 0; i < 400; i++) {
    const [lon, lat] = destination(HOME[0], HOME[1], 20_000 * Math.sqrt(random()), 360 * random());
    const r = 150 + random() * 2500;
    const geometry: ZoneGeometry =
      i % 3 === 0
        ? { type: 'Polygon', coordinates: [circleRing(lon, lat, r, 1 + random() * 40)] }
        : { type: 'Circle', center: [lon, lat], radius_m: r };
    zones.push(zone(`z${i}`, geometry, { category: i % 2 ? 'warning' : 'restricted' }));
  }
  const index = ZoneIndex.build(zones);
  const engine = createWarningEngine();
  let [lon, lat] = HOME;
  let heading = 0;
  let compared = 0;
  for (let step = 0; step < 6000; step++) {
    heading += (random() - 0.5) * 8;
    const speed = 8 + 10 * random();
    [lon, lat] = destination(lon, lat, speed / 10, heading);
    const state = { lon, lat, altAglM: 60, speedMps: speed, headingDeg: heading, time: at(step / 10) };
    const report = engine.update(index, state);
    if (step % 7 !== 0) continue;
    compared++;
    const ref = assessPosition(index, { lon, lat, altAglM: 60, radiusM: report.horizonM, at: state.time });
    assert.deepEqual(report.inside.map((z) => z.zone.id).sort(), ref.inside.map((h) => h.zone.id).sort());
    // ZoneIndex.near stops at the first edge within the radius, so its distance is not the minimum:
    // the exact distance comes from partDistance without a stop.
    const exact = (z: Zone) =>
      Math.min(...prepareGeometry(z.volumes[0].geometry).map((p) => partDistance(p, lon, lat)));
    const want = new Map(ref.nearby.map((h) => [h.zone.id, exact(h.zone)]));
    assert.deepEqual(
      report.approaching.map((z) => z.zone.id).sort(),
      [...want.keys()].sort(),
      `step ${step}`,
    );
    for (const z of report.approaching) {
      const d = want.get(z.zone.id) ?? 0;
      assert.ok(Math.abs(z.distanceM - d) < 1e-6, `${z.zone.id}: ${z.distanceM} vs ${d}`);
    }
  }
  assert.ok(compared > 800);
});
