import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createAirlock, type FetchLike, memoryStorage, type SendRecord } from './index.ts';
import { createFakeLocationServer } from './testing/index.ts';

const CONTEXT = { app_version: '1.0.0', os: 'ios', os_version: '17.4', device_model: 'iPhone15,2' };
const HOME = { lon: 7.45, lat: 46.95 };

/** The fake location server, plus a telemetry endpoint that accepts anything; records every body. */
function setup(extra: Parameters<typeof createAirlock>[0] extends infer O ? Partial<O> : never = {}) {
  const location = createFakeLocationServer({ zones: [] });
  const wire: { url: string; body: string }[] = [];
  const fetch: FetchLike = async (url, init) => {
    wire.push({ url, body: typeof init.body === 'string' ? init.body : '' });
    if (url.includes('/v1/telemetry/'))
      return { status: 202, headers: { get: () => null }, text: async () => '{"accepted":1}' };
    return location.fetch(url, init);
  };
  const storage = memoryStorage();
  const airlock = createAirlock({
    serverUrl: 'https://airlock.test',
    fetch,
    storage,
    context: CONTEXT,
    autoCheck: false,
    telemetry: { schedule: () => () => undefined },
    ...extra,
  });
  const sent: SendRecord[] = [];
  airlock.onSend((r) => sent.push(r));
  return { airlock, wire, sent, storage };
}

test('the location check goes through consent (always allowed) and the ledger', async () => {
  const { airlock, wire } = setup({ profile: 'strict' });
  const check = await airlock.checkLocation({ ...HOME, accuracyM: 5 });
  assert.equal(check.coverage, 'full', check.error);
  await new Promise((r) => setTimeout(r, 5));
  const entries = await airlock.ledger.list();
  assert.equal(entries.length, 1);
  assert.equal(entries[0].category, 'location_check');
  assert.equal(entries[0].url, wire[0].url);
  assert.equal(entries[0].status, 200);
  assert.equal(airlock.settings.get().categories.location_check.state, 'always');
});

test('every byte that left is in the ledger, identical; consent runs before app hooks, the ledger after', async () => {
  const order: string[] = [];
  const { airlock, wire, sent } = setup({
    beforeSend: [
      (r) => {
        order.push(`app:${r.category}`);
        return undefined;
      },
    ],
  });
  airlock.telemetry.countFeature('map.open');
  airlock.telemetry.recordFlight({ durationS: 300, distanceM: 900, photos: 3, videos: 0 });
  await airlock.checkLocation(HOME);
  await airlock.settings.set({ user_experience: false });
  await airlock.telemetry.flush();
  assert.deepEqual(order, ['app:location_check', 'app:app_performance']);
  const entries = await airlock.ledger.list();
  assert.equal(entries.length, wire.length);
  assert.equal(sent.length, wire.length);
  wire.forEach((w, i) => {
    assert.equal(entries[i].url, w.url);
    assert.equal(entries[i].payload ?? '', w.body);
    assert.equal(entries[i].sha256, createHash('sha256').update(w.body).digest('hex'));
  });
  assert.ok(!wire.some((w) => w.url.includes('user_experience')));
  const exported = JSON.parse(await airlock.ledger.export({ category: 'app_performance' }));
  assert.equal(exported.entries.length, 1);
  airlock.close();
});

test('strict: the settings say what to ask; choices persist through the app storage', async () => {
  const { airlock, storage, wire } = setup({ profile: 'strict' });
  await airlock.settings.ready;
  assert.deepEqual(airlock.settings.get().pending, ['app_performance', 'user_experience']);
  airlock.telemetry.countFeature('map.open');
  await airlock.telemetry.flush();
  assert.equal(wire.length, 0);
  const heard: string[] = [];
  airlock.settings.onChange((_, changed) => heard.push(...changed));
  const res = await airlock.settings.set({ app_performance: true });
  assert.equal(res.persisted, true);
  assert.deepEqual(heard, ['app_performance']);
  const again = createAirlock({ serverUrl: 'https://airlock.test', storage, profile: 'strict' });
  await again.settings.ready;
  assert.equal(again.settings.get().categories.app_performance.allowed, true);
  assert.equal(again.settings.get().categories.user_experience.allowed, false);
  again.close();
});

test('a ledger that cannot write stops every request, location checks included', async () => {
  const broken = {
    getItem: () => null,
    setItem: () => Promise.reject(new Error('disk full')),
    removeItem: () => undefined,
  };
  const { airlock, wire } = setup({ storage: broken });
  const check = await airlock.checkLocation(HOME);
  assert.equal(check.coverage, 'none');
  assert.match(check.error ?? '', /ledger/);
  assert.equal(wire.length, 0);
});

test('an Airlock that could not be built still answers every privacy method without throwing', async () => {
  const airlock = createAirlock(null as never);
  assert.equal(airlock.settings.get().categories.app_performance.allowed, false);
  assert.equal((await airlock.settings.set({ app_performance: true })).ok, false);
  assert.deepEqual(await airlock.ledger.list(), []);
  airlock.telemetry.reportError(new Error('x'));
  assert.equal((await airlock.telemetry.flush()).sent, 0);
  airlock.close();
});
