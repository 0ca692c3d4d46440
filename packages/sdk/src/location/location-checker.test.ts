import assert from 'node:assert/strict';
import { test } from 'node:test';
import { destination, distanceM } from '@airlock/core/geo';
import { cellAt, cellRequest, seededRandom } from '@airlock/core/location-privacy';
import { testZone } from '@airlock/core/testing';
import { memoryStorage } from '../storage/index.ts';
import { createFakeLocationServer } from '../testing/index.ts';
import { createTransport, type SendRecord } from '../transport/index.ts';
import { createWarningEngine } from '../warnings/index.ts';
import { createLocationChecker } from './location-checker.ts';
import { swissAirportZones } from './swiss-airports.fixture.ts';
import type { LocationCheckerOptions } from './types.ts';

const SERVER = 'https://airlock.test';
const T0 = Date.parse('2026-11-24T10:00:00Z');
/** Two pilots 400 m apart near Zurich airport (LSZH), in the same grid cell. */
const PILOT_A = { lon: 8.5602, lat: 47.4401 };
const PILOT_B = { lon: 8.5655, lat: 47.4401 };
const GENEVA = { lon: 6.1092, lat: 46.2381 };

function setup(overrides: Partial<LocationCheckerOptions> = {}, storage = memoryStorage()) {
  const server = createFakeLocationServer({ zones: swissAirportZones(), maxAgeS: 600 });
  const clock = { t: T0 };
  const now = () => new Date(clock.t);
  const transport = createTransport({ serverUrl: SERVER, fetch: server.fetch, now });
  const sent: SendRecord[] = [];
  transport.onSend((r) => sent.push(r));
  const checker = createLocationChecker({ transport, storage, now, ...overrides });
  return { server, clock, checker, sent, storage, transport };
}

/** What left the device, without the time it left. */
const bytesOf = (r: SendRecord) => JSON.stringify({ ...r, time: undefined });

test('cell: two nearby pilots send identical bytes, and never a coordinate', async () => {
  assert.equal(cellAt(PILOT_A.lon, PILOT_A.lat), cellAt(PILOT_B.lon, PILOT_B.lat));
  const a = setup();
  const b = setup();
  const ra = await a.checker.check({ ...PILOT_A, accuracyM: 4 });
  const rb = await b.checker.check({ ...PILOT_B, accuracyM: 4 });
  assert.equal(a.sent.length, 1);
  assert.equal(b.sent.length, 1);
  assert.equal(bytesOf(a.sent[0]), bytesOf(b.sent[0]));
  const url = a.sent[0].url;
  assert.equal(url, SERVER + cellRequest(cellAt(PILOT_A.lon, PILOT_A.lat)).path);
  assert.doesNotMatch(url, /\?/);
  for (const p of [PILOT_A, PILOT_B]) {
    for (const digits of [2, 3, 4]) {
      assert.ok(!url.includes(p.lon.toFixed(digits)) && !url.includes(p.lat.toFixed(digits)), url);
    }
  }
  assert.equal(a.sent[0].body, null);
  assert.deepEqual(a.sent[0].headers, { accept: 'application/json' });
  assert.equal(a.sent[0].category, 'location_check');
  for (const r of [ra, rb]) {
    assert.equal(r.coverage, 'full');
    assert.equal(r.source, 'network');
    assert.deepEqual(r.countries, ['CH']);
    assert.ok(r.zones?.zones.some((z) => z.id === 'ourairports-ch:LSZH:restricted'));
  }
});

test('uniform: each request names a fresh point within 10 km, never the position', async () => {
  const { checker, sent } = setup({ mechanism: 'uniform', random: seededRandom(5) });
  const points: { lon: number; lat: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await checker.check(PILOT_A, { refresh: true });
    assert.equal(r.coverage, 'full');
    assert.equal(r.source, 'network');
  }
  for (const record of sent) {
    const url = new URL(record.url);
    assert.equal(url.pathname, '/v1/location/near');
    assert.equal(url.searchParams.get('radius_m'), '15000');
    const p = { lon: Number(url.searchParams.get('lon')), lat: Number(url.searchParams.get('lat')) };
    assert.ok(distanceM(p.lon, p.lat, PILOT_A.lon, PILOT_A.lat) <= 10_000);
    assert.ok(distanceM(p.lon, p.lat, PILOT_A.lon, PILOT_A.lat) > 1);
    points.push(p);
  }
  assert.equal(new Set(points.map((p) => `${p.lon},${p.lat}`)).size, 3);
  // Without refresh, a fresh cached answer that covers the position is used: no new sample at all.
  const cached = await checker.check(PILOT_B);
  assert.equal(cached.source, 'cache');
  assert.equal(cached.requestsSent, 0);
  assert.equal(sent.length, 3);
});

test('caches answers, revalidates a stale one with If-None-Match, and a 304 refreshes its age', async () => {
  const { checker, sent, clock, server, storage } = setup();
  const first = await checker.check(PILOT_A);
  assert.equal(first.source, 'network');
  assert.equal(first.datasetVersion, 'v1');
  clock.t += 300_000;
  const second = await checker.check(PILOT_B);
  assert.equal(second.source, 'cache');
  assert.equal(second.requestsSent, 0);
  assert.equal(second.ageS, 300);
  assert.equal(second.stale, false);
  assert.equal(sent.length, 1);
  clock.t += 400_000; // 700 s: past max-age 600
  const third = await checker.check(PILOT_A);
  assert.equal(sent.length, 2);
  assert.equal(sent[1].url, sent[0].url);
  assert.equal(sent[1].headers['if-none-match'], `"v1:${new URL(sent[0].url).pathname}"`);
  assert.equal(third.source, 'network');
  assert.equal(third.ageS, 0);
  assert.equal(third.stale, false);
  assert.equal(third.zones, first.zones); // the same area, not read again
  // The refreshed age is in storage: a restarted app, offline, sees the 304's time.
  clock.t += 100_000;
  server.offline = true;
  const restarted = setup({}, storage);
  restarted.server.offline = true;
  restarted.clock.t = clock.t;
  const offline = await restarted.checker.check(PILOT_A);
  assert.equal(offline.source, 'cache');
  assert.equal(offline.ageS, 100);
  assert.equal(offline.zoneCount, first.zoneCount);
  // A new dataset: the old ETag no longer matches, so the server sends the new answer.
  server.offline = false;
  server.datasetVersion = 'v2';
  clock.t += 700_000;
  const updated = await checker.check(PILOT_A);
  assert.equal(updated.source, 'network');
  assert.equal(updated.datasetVersion, 'v2');
});

test('offline: uses the cache and says how old and stale it is', async () => {
  const { checker, clock, server } = setup();
  await checker.check(PILOT_A);
  clock.t += 2 * 3600_000;
  server.offline = true;
  const r = await checker.check(PILOT_B);
  assert.equal(r.coverage, 'full');
  assert.equal(r.source, 'cache');
  assert.equal(r.offline, true);
  assert.equal(r.ageS, 7200);
  assert.equal(r.stale, true);
  assert.match(r.error ?? '', /fetch failed/);
  assert.ok((r.zoneCount ?? 0) > 10);
  // A server error is no better than no network: the cache answers too.
  server.offline = false;
  server.failWith = 503;
  const failing = await checker.check(PILOT_A);
  assert.equal(failing.source, 'cache');
  assert.match(failing.error ?? '', /HTTP 503/);
});

test('past the hard expiry the cached data is dropped, and nothing is claimed', async () => {
  const storage = memoryStorage();
  const { checker, clock, server } = setup({ hardExpiryS: 7 * 86_400 }, storage);
  await checker.check(PILOT_A);
  assert.ok(storage.keys().some((k) => k.includes('body:')));
  clock.t += 7 * 86_400_000 + 1000;
  server.offline = true;
  const r = await checker.check(PILOT_A);
  assert.equal(r.coverage, 'none');
  assert.equal(r.source, 'none');
  assert.equal(r.zones, null);
  assert.equal(r.ageS, null);
  assert.equal(checker.currentArea(), null);
  assert.ok(!storage.keys().some((k) => k.includes('body:')), 'the expired answer is deleted');
  assert.deepEqual(r.radio.regimes, ['DEFAULT']);
});

test('no data for the position: coverage none, and the warning engine says unknown, never ok', async () => {
  const engine = createWarningEngine();
  const fresh = setup();
  fresh.server.offline = true;
  const none = await fresh.checker.check(PILOT_A);
  assert.equal(none.coverage, 'none');
  const report = engine.update(none.area, { ...PILOT_A, altAglM: 30, time: new Date(T0) });
  assert.equal(report.status, 'unknown');
  // Data for Zurich says nothing about Geneva: offline there, the answer is still unknown.
  const { checker, server } = setup();
  const zurich = await checker.check(PILOT_A);
  server.offline = true;
  const geneva = await checker.check(GENEVA);
  assert.equal(geneva.coverage, 'none');
  const there = engine.update(checker.currentArea(), { ...GENEVA, time: new Date(T0) });
  assert.equal(there.status, 'unknown');
  // Even handed the Zurich area directly, the engine knows it does not reach Geneva.
  assert.equal(engine.update(zurich.area, { ...GENEVA, time: new Date(T0) }).status, 'unknown');
  // And where the data does cover, with an empty neighbourhood, ok is allowed.
  const quiet = destination(PILOT_A.lon, PILOT_A.lat, 14_000, 200);
  const ok = engine.update(zurich.area, { lon: quiet[0], lat: quiet[1], altAglM: 30, time: new Date(T0) });
  assert.notEqual(ok.status, 'unknown');
});

test('the area feeds the warning engine: over Zurich airport take-off is blocked', async () => {
  const { checker } = setup();
  const r = await checker.check({ lon: 8.5492, lat: 47.4582 });
  const report = createWarningEngine().update(r.area, {
    lon: 8.5492,
    lat: 47.4582,
    altAglM: 20,
    time: new Date(T0),
  });
  assert.equal(report.status, 'blocked');
  assert.ok(report.inside.some((z) => z.zone.id === 'ourairports-ch:LSZH:restricted'));
  assert.ok(report.inside.some((z) => z.consequence === 'unlock_required'));
  assert.equal(report.dataAgeS, 0);
});

test('invalid positions and refused requests send nothing and claim nothing', async () => {
  const { checker, sent, transport } = setup();
  for (const p of [{ lon: Number.NaN, lat: 47 }, { lon: 8, lat: 91 }, null]) {
    const r = await checker.check(p as never);
    assert.equal(r.coverage, 'none');
    assert.match(r.error ?? '', /position/);
  }
  assert.equal(sent.length, 0);
  transport.useBeforeSend(() => ({ veto: 'paused by the pilot' }));
  const vetoed = await checker.check(PILOT_A);
  assert.equal(vetoed.coverage, 'none');
  assert.equal(vetoed.requestsSent, 0);
  assert.match(vetoed.error ?? '', /paused by the pilot/);
});

test('a storage that throws costs the cache, not the check', async () => {
  const failing = {
    getItem: () => {
      throw new Error('disk gone');
    },
    setItem: async () => {
      throw new Error('quota exceeded');
    },
    removeItem: () => undefined,
  };
  const { checker } = setup({}, failing as never);
  const r = await checker.check(PILOT_A);
  assert.equal(r.coverage, 'full');
  assert.equal(r.source, 'network');
  assert.match(r.error ?? '', /quota exceeded/);
});

test('offline, a cached restriction is dropped at its end time: not in the zones, not judged by the engine', async () => {
  const end = T0 + 30 * 60_000;
  const tfr = testZone(
    'tfr',
    { type: 'Circle', center: [PILOT_A.lon, PILOT_A.lat], radius_m: 1000 },
    {
      category: 'temporary',
      applicability: [
        { permanent: false, start: new Date(T0).toISOString(), end: new Date(end).toISOString() },
      ],
    },
  );
  const server = createFakeLocationServer({ zones: [...swissAirportZones(), tfr], maxAgeS: 600 });
  const clock = { t: T0 };
  const now = () => new Date(clock.t);
  const transport = createTransport({ serverUrl: SERVER, fetch: server.fetch, now });
  const checker = createLocationChecker({ transport, storage: memoryStorage(), now });
  const online = await checker.check(PILOT_A);
  const ids = (r: typeof online) => (r.zones?.zones ?? []).map((z) => z.id);
  assert.ok(ids(online).includes('tfr'));
  server.offline = true;
  const engine = createWarningEngine();
  const state = (t: number) => ({ lon: PILOT_A.lon, lat: PILOT_A.lat, altAglM: 30, time: new Date(t) });
  clock.t = end - 1000;
  const before = await checker.check(PILOT_A);
  assert.ok(ids(before).includes('tfr'));
  assert.ok(engine.update(before.area, state(clock.t)).inside.some((z) => z.zone.id === 'tfr'));
  clock.t = end;
  const after = await checker.check(PILOT_A);
  assert.equal(after.source, 'cache');
  assert.equal(ids(after).includes('tfr'), false);
  assert.equal(after.zoneCount, (before.zoneCount ?? 0) - 1);
  assert.equal(
    engine.update(after.area, state(clock.t)).inside.some((z) => z.zone.id === 'tfr'),
    false,
  );
});
