import assert from 'node:assert/strict';
import { test } from 'node:test';
import { destination } from '@airlock/core/geo';
import { testZone } from '@airlock/core/testing';
import type { Zone } from '@airlock/core/zone';
import { createAirlock, memoryStorage, type SendRecord } from './index.ts';
import { createFakeLocationServer } from './testing/index.ts';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const HOME: [number, number] = [7.45, 46.95];

const restricted = (id: string, center: [number, number], radius: number): Zone =>
  testZone(id, { type: 'Circle', center, radius_m: radius });

function setup() {
  const zone = restricted('stadium', destination(HOME[0], HOME[1], 1500, 90), 400);
  const server = createFakeLocationServer({ zones: [zone] });
  const clock = { t: T0 };
  const airlock = createAirlock({
    serverUrl: 'https://airlock.test',
    fetch: server.fetch,
    storage: memoryStorage(),
    now: () => new Date(clock.t),
  });
  const sent: SendRecord[] = [];
  airlock.onSend((r) => sent.push(r));
  return { airlock, server, clock, sent };
}

test('check, then warnings on the device; only the cell request leaves', async () => {
  const { airlock, sent } = setup();
  const check = await airlock.checkLocation({ lon: HOME[0], lat: HOME[1], accuracyM: 3 });
  assert.equal(check.coverage, 'full');
  assert.equal(check.zoneCount, 1);
  const report = airlock.warnings({
    lon: HOME[0],
    lat: HOME[1],
    altAglM: 50,
    speedMps: 10,
    headingDeg: 90,
    time: new Date(T0),
  });
  assert.equal(report.status, 'ok'); // 1.1 km away: beyond the 1 km horizon at 10 m/s
  const [lon, lat] = destination(HOME[0], HOME[1], 500, 90);
  const near = airlock.warnings({
    lon,
    lat,
    altAglM: 50,
    speedMps: 10,
    headingDeg: 90,
    time: new Date(T0 + 50_000),
  });
  assert.equal(near.status, 'warning');
  assert.equal(near.approaching[0].zone.id, 'stadium');
  assert.ok(Math.abs((near.approaching[0].timeToEntryS ?? 0) - 60) < 0.5);
  assert.equal(sent.length, 1);
  assert.match(sent[0].url, /^https:\/\/airlock\.test\/v1\/location\/cells\/\d+\.\d+$/);
});

test('warnings before any data: unknown at once, and a background check fetches the area', async () => {
  const { airlock, sent } = setup();
  const state = { lon: HOME[0], lat: HOME[1], time: new Date(T0) };
  const first = airlock.warnings(state);
  assert.equal(first.status, 'unknown');
  // The check runs in the background: wait for its answer (a busy machine may take more than a few
  // ms); asking warnings() again meanwhile starts no second check (at most one per 30 s).
  let second = airlock.warnings(state);
  for (let waited = 0; second.status === 'unknown' && waited < 5000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    second = airlock.warnings(state);
  }
  assert.equal(sent.length, 1);
  assert.equal(second.status, 'ok');
  assert.equal(second.coverage, 'full');
});

test('never throws into the app, whatever it is given', async () => {
  const broken = createAirlock({ serverUrl: 'not a url', fetch: () => Promise.reject(new Error('x')) });
  const check = await broken.checkLocation({ lon: 8, lat: 47 });
  assert.equal(check.coverage, 'none');
  assert.match(check.error ?? '', /serverUrl/);
  const { airlock, server } = setup();
  server.offline = true;
  const offline = await airlock.checkLocation({ lon: HOME[0], lat: HOME[1] });
  assert.equal(offline.coverage, 'none');
  assert.equal(offline.offline, true);
  for (const state of [null, {}, { lon: 'x', lat: 1, time: new Date() }, { lon: 1, lat: 1, time: 'now' }]) {
    assert.equal(airlock.warnings(state as never).status, 'unknown');
  }
  assert.equal((await airlock.checkLocation(undefined as never)).coverage, 'none');
  const region = await airlock.region({ gps: { lon: Number.POSITIVE_INFINITY, lat: 0 } });
  assert.equal(region.source, 'unknown');
  assert.equal(typeof airlock.onSend(null as never), 'function');
});
