import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIELD_REGISTRY } from '@airlock/core/telemetry';
import { settle, telemetrySetup } from './telemetry-test-kit.ts';

function crash(): Error {
  const e = new TypeError('no map for alice@example.com at 47.4582, 8.5492');
  e.stack = [
    'TypeError: no map for alice@example.com at 47.4582, 8.5492',
    '    at openMap (file:///Users/alice/app/src/map-screen.js:10:5)',
    '    at onPress (file:///Users/alice/app/src/buttons.js:3:1)',
    '    at invoke (file:///Users/alice/app/node_modules/react-native/Libraries/x.js:1:1)',
  ].join('\n');
  return e;
}

test('reports hold only declared fields: a scrubbed error, counts, buckets, the day; no id, no time', async () => {
  const { telemetry, server } = telemetrySetup();
  telemetry.reportError(crash(), { crash: true });
  for (let i = 0; i < 3; i++) telemetry.countFeature('map.open');
  telemetry.recordTiming('app.startup', 734);
  telemetry.recordFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
  const r = await telemetry.flush();
  assert.deepEqual(r, { sent: 2, retry: 0, pending: { app_performance: 0, user_experience: 0 } });
  const [ap, ux] = server.state.received;
  assert.equal(ap.path, '/v1/telemetry/app_performance');
  const apBody = JSON.parse(ap.body);
  assert.deepEqual(Object.keys(apBody), ['v', 'day', 'context', 'events']);
  assert.equal(apBody.day, '2026-05-01');
  assert.deepEqual(apBody.context, {
    app_version: '4.2.0',
    os: 'android',
    os_version: '14',
    device_model: 'Pixel 8',
  });
  const [error, feature, timing] = apBody.events;
  assert.equal(error.error_type, 'TypeError');
  assert.match(error.fingerprint, /^[0-9a-f]{16}$/);
  assert.equal(
    error.stack,
    'TypeError\n    at openMap (map-screen.js:10:5)\n    at onPress (buttons.js:3:1)',
  );
  assert.equal(error.crash, true);
  assert.deepEqual(feature, { kind: 'feature', name: 'map.open', count: 3 });
  assert.deepEqual(timing, { kind: 'timing', name: 'app.startup', bucket: '500ms-1s' });
  assert.deepEqual(JSON.parse(ux.body), {
    v: 1,
    day: '2026-05-01',
    context: { app_version: '4.2.0', os: 'android' },
    flights: [{ duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }],
  });
  const wire = server.state.received.map((x) => x.body + JSON.stringify(x.init.headers)).join('\n');
  for (const leak of [/alice/, /example\.com/, /47\.45/, /T\d\d:\d\d/, /session|install|cookie|user_id/i]) {
    assert.doesNotMatch(wire, leak);
  }
  assert.deepEqual(ap.init.headers, { accept: 'application/json', 'content-type': 'application/json' });
  assert.equal(ap.init.credentials, 'omit');
});

test('undeclared and expired fields are dropped with a reason naming them, never sent', async () => {
  const expiry = FIELD_REGISTRY[0].expires;
  const day = (d: string, h = '12') => Date.parse(`${d}T${h}:00:00Z`);
  const { telemetry, server, clock } = telemetrySetup({ at: '2027-06-29T12:00:00Z' });
  telemetry.countFeature('map.zoom');
  telemetry.recordTiming('app.startup', -5);
  telemetry.countFeature('map.open');
  await telemetry.ready;
  await settle();
  assert.equal(telemetry.pending().app_performance, 1);
  // Queued the day before expiry, sent on it: refused at send time too.
  clock.t = day(expiry);
  assert.equal((await telemetry.flush()).sent, 0);
  telemetry.countFeature('ledger.open');
  await telemetry.flush();
  assert.equal(server.state.received.length, 0);
  const { counts, recent } = telemetry.dropped();
  assert.equal(counts.invalid, 4);
  const details = recent.map((r) => r.detail).join('\n');
  assert.match(details, /events\[0\]\.name: "map\.zoom" is not a declared field/);
  assert.match(details, /non-negative/);
  assert.match(details, /context\.app_version: field expired on 2027-06-30/);
});

test('switching a category off drops its queue at once, from storage too; off collects nothing', async () => {
  const { telemetry, consent, server, storage } = telemetrySetup();
  telemetry.countFeature('map.open');
  telemetry.recordFlight({ durationS: 60, distanceM: 10, photos: 0, videos: 0 });
  await telemetry.ready;
  await settle();
  assert.ok(storage.keys().includes('airlock.telemetry.v1:queue:app_performance'));
  const switching = consent.set({ app_performance: false });
  assert.equal(telemetry.pending().app_performance, 0, 'dropped before set() resolves');
  await switching;
  telemetry.reportError(crash());
  telemetry.countFeature('map.open');
  await telemetry.flush();
  assert.deepEqual(
    server.state.received.map((r) => r.category),
    ['user_experience'],
  );
  assert.ok(!storage.keys().includes('airlock.telemetry.v1:queue:app_performance'));
  const dropped = telemetry.dropped();
  assert.equal(dropped.counts.consent_off, 3);
});

test('strict: nothing is collected until the pilot agrees', async () => {
  const { telemetry, consent, server } = telemetrySetup({ profile: 'strict' });
  telemetry.countFeature('map.open');
  telemetry.recordFlight({ durationS: 60, distanceM: 10, photos: 0, videos: 0 });
  await telemetry.flush();
  assert.equal(server.state.received.length, 0);
  await consent.set({ user_experience: true });
  telemetry.recordFlight({ durationS: 60, distanceM: 10, photos: 0, videos: 0 });
  telemetry.countFeature('map.open');
  await telemetry.flush();
  assert.deepEqual(
    server.state.received.map((r) => r.category),
    ['user_experience'],
  );
});

test('sent after interval + jitter; offline data is kept and retried with backoff', async () => {
  const { telemetry, server, timers } = telemetrySetup();
  server.state.offline = true;
  telemetry.countFeature('map.open');
  await telemetry.ready;
  await settle();
  const delays: number[] = [];
  for (let i = 0; i < 4; i++) {
    delays.push(...timers.fire());
    await settle();
  }
  assert.deepEqual(delays, [1100, 2100, 4100, 8100], 'interval + random × jitter, doubling while offline');
  assert.equal(telemetry.pending().app_performance, 1);
  server.state.offline = false;
  timers.fire();
  await settle();
  assert.equal(telemetry.pending().app_performance, 0);
  assert.equal(server.state.received.length, 1);
  assert.equal(timers.timers.length, 0, 'nothing left to send: no timer');
  telemetry.stop();
});

test('the queue is bounded, oldest dropped and counted; a server refusal drops with its message', async () => {
  const { telemetry, server } = telemetrySetup({ maxQueue: 3 });
  for (let i = 0; i < 5; i++)
    telemetry.recordFlight({ durationS: i * 100, distanceM: 0, photos: 0, videos: 0 });
  await telemetry.ready;
  await settle();
  assert.equal(telemetry.pending().user_experience, 3);
  assert.equal(telemetry.dropped().counts.queue_full, 2);
  server.state.status = 400;
  await telemetry.flush();
  assert.equal(telemetry.pending().user_experience, 0);
  assert.equal(telemetry.dropped().counts.rejected, 3);
  const flights = JSON.parse(server.state.received[0].body).flights;
  assert.deepEqual(
    flights.map((f: { duration: string }) => f.duration),
    ['1-5min', '5-10min', '5-10min'],
  );
});

test('queues survive a restart; a category switched off meanwhile is dropped on load', async () => {
  const first = telemetrySetup();
  first.telemetry.countFeature('map.open');
  first.telemetry.recordFlight({ durationS: 60, distanceM: 10, photos: 0, videos: 0 });
  await first.telemetry.ready;
  await settle();
  first.telemetry.stop();
  // The stored choice changes while the app is closed (e.g. another screen saved it).
  first.storage.setItem(
    'airlock.consent.v1',
    JSON.stringify({ v: 1, choices: { user_experience: 'denied' } }),
  );
  const second = telemetrySetup({ storage: first.storage });
  await second.telemetry.ready;
  assert.deepEqual(second.telemetry.pending(), { app_performance: 1, user_experience: 0 });
  await second.telemetry.flush();
  assert.deepEqual(
    second.server.state.received.map((r) => r.category),
    ['app_performance'],
  );
});

test('batches stay within 100 events and 64 KiB per report; one report per day', async () => {
  const { telemetry, server, clock } = telemetrySetup({ maxQueue: 1000 });
  for (let i = 0; i < 150; i++) telemetry.recordTiming('map.render', i * 10);
  const big = new Error('x');
  big.stack = [
    'Error: x',
    ...Array.from({ length: 40 }, (_, i) => `    at fn${'x'.repeat(80)}${i} (app.js:${i}:1)`),
  ].join('\n');
  for (let i = 0; i < 30; i++) telemetry.reportError(big);
  clock.t += 86_400_000;
  telemetry.countFeature('map.open');
  await telemetry.flush();
  const bodies = server.state.received.map((r) => r.body);
  assert.ok(bodies.length >= 4);
  for (const b of bodies) {
    assert.ok(Buffer.byteLength(b) <= 64 * 1024, `${Buffer.byteLength(b)} bytes`);
    assert.ok(JSON.parse(b).events.length <= 100);
  }
  assert.deepEqual([...new Set(bodies.map((b) => JSON.parse(b).day))], ['2026-05-01', '2026-05-02']);
  assert.equal(telemetry.pending().app_performance, 0);
});

test('never throws, whatever it is given; without a context nothing is collected', async () => {
  const { telemetry } = telemetrySetup();
  telemetry.reportError(undefined);
  telemetry.reportError('a string');
  telemetry.recordTiming('app.startup', Number.NaN);
  telemetry.recordFlight(null as never);
  telemetry.countFeature(undefined as never);
  await telemetry.flush();
  const noContext = telemetrySetup({ context: undefined });
  noContext.telemetry.countFeature('map.open');
  await noContext.telemetry.flush();
  assert.equal(noContext.server.state.received.length, 0);
  assert.match(noContext.telemetry.dropped().recent[0].detail, /no context/);
});
