import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryStorage } from '../storage/index.ts';
import type { DataCategory, SendRecord } from '../transport/index.ts';
import { categoryPathMismatch } from './category-paths.ts';
import { createConsent } from './create-consent.ts';
import { CONSENT_PROFILES, PRIVACY_DEFAULTS, SWITCHABLE_CATEGORIES } from './privacy-defaults.ts';

const PATHS: Record<DataCategory, string> = {
  app_performance: '/v1/telemetry/app_performance',
  user_experience: '/v1/telemetry/user_experience',
  location_check: '/v1/location/cells/694.597',
  media: '/v1/media',
  flight_logs: '/v1/flightlogs',
};

function record(category: DataCategory, userAction = false, path = PATHS[category]): SendRecord {
  return {
    time: '2026-05-01T10:00:00.000Z',
    method: 'POST',
    url: `https://airlock.test${path}`,
    category,
    headers: {},
    body: '{}',
    bytes: 2,
    userAction,
  };
}

test('PRIVACY_DEFAULTS mirrors the table of SPEC.md', () => {
  assert.deepEqual(
    Object.fromEntries(
      Object.entries(PRIVACY_DEFAULTS).map(([c, p]) => [c, [p.default, p.pilotCanSwitchOff]]),
    ),
    {
      app_performance: ['on', true],
      user_experience: ['on', true],
      location_check: ['always', false],
      media: ['manual', false],
      flight_logs: ['manual', false],
    },
  );
  assert.deepEqual(
    SWITCHABLE_CATEGORIES,
    Object.keys(PRIVACY_DEFAULTS).filter((c) => PRIVACY_DEFAULTS[c as DataCategory].control === 'setting'),
  );
  assert.deepEqual(CONSENT_PROFILES.reference, { app_performance: true, user_experience: true });
  assert.deepEqual(CONSENT_PROFILES.strict, { app_performance: false, user_experience: false });
});

test('reference: telemetry on until switched off; strict: off and pending until the pilot agrees', async () => {
  const reference = createConsent();
  await reference.ready;
  const r = reference.get();
  assert.equal(r.categories.app_performance.state, 'unset');
  assert.equal(r.categories.app_performance.allowed, true);
  assert.deepEqual(r.pending, []);
  assert.equal(r.categories.location_check.state, 'always');
  assert.equal(r.categories.flight_logs.state, 'manual');
  assert.equal(r.categories.flight_logs.allowed, false);

  const strict = createConsent({ profile: 'strict' });
  await strict.ready;
  assert.equal(strict.allows('app_performance'), false);
  assert.equal(strict.allows('user_experience'), false);
  assert.deepEqual(strict.get().pending, ['app_performance', 'user_experience']);
  const res = await strict.set({ user_experience: true });
  assert.equal(res.ok, true);
  assert.equal(res.persisted, true);
  assert.equal(strict.allows('user_experience'), true);
  assert.equal(res.settings.categories.user_experience.chosenByPilot, true);
  assert.deepEqual(strict.get().pending, ['app_performance']);
});

test('a change takes effect at once: listeners hear it before set() resolves, the gate refuses at once', async () => {
  const consent = createConsent();
  await consent.ready;
  const heard: string[][] = [];
  consent.onChange((s, changed) => heard.push([...changed, String(s.categories.app_performance.allowed)]));
  consent.onChange(() => {
    throw new Error('a broken listener does not stop the change');
  });
  const pending = consent.set({ app_performance: false });
  assert.deepEqual(heard, [['app_performance', 'false']], 'told synchronously');
  assert.match(consent.gate(record('app_performance')) ?? '', /switched off/);
  assert.equal(consent.gate(record('user_experience')), null);
  await pending;
  await consent.set({ app_performance: false });
  assert.equal(heard.length, 1, 'no event when nothing changes');
});

test('choices persist through the storage and win over any profile; a new choice made while loading wins', async () => {
  const storage = memoryStorage();
  const first = createConsent({ storage, profile: 'strict' });
  await first.set({ app_performance: true, user_experience: false });
  const again = createConsent({ storage, profile: 'reference' });
  await again.ready;
  assert.equal(again.allows('app_performance'), true);
  assert.equal(again.allows('user_experience'), false, 'refusal survives a switch to the reference profile');
  const heard: string[][] = [];
  const racing = createConsent({ storage });
  racing.onChange((_, changed) => heard.push(changed));
  const change = racing.set({ app_performance: false });
  await racing.ready;
  await change;
  assert.equal(racing.allows('app_performance'), false);
  assert.equal(createConsent({ storage }).get().loaded, false);
  const reread = createConsent({ storage });
  await reread.ready;
  assert.equal(reread.allows('app_performance'), false);
});

test('location check cannot be switched, media and logs only per action; bad input never throws', async () => {
  const consent = createConsent();
  await consent.ready;
  for (const change of [
    { location_check: false },
    { media: true },
    { app_performance: 'yes' },
    { nope: 1 },
  ]) {
    const res = await consent.set(change as never);
    assert.equal(res.ok, false);
    assert.ok(res.error);
  }
  assert.match((await consent.set({ location_check: false } as never)).error ?? '', /going offline/);
  assert.equal(consent.gate(record('location_check')), null);
  assert.match(consent.gate(record('media')) ?? '', /explicit action/);
  assert.equal(consent.gate(record('media', true)), null);
  assert.equal(consent.gate(record('flight_logs', true)), null);
  assert.deepEqual(await consent.beforeSend(record('flight_logs')), {
    veto: 'flight_logs leaves the device only on an explicit action of the pilot',
  });
  assert.equal(await consent.beforeSend(record('flight_logs', true)), undefined);
});

test('a request cannot dress up as another category', () => {
  assert.equal(categoryPathMismatch('app_performance', 'https://x.test/v1/telemetry/app_performance'), null);
  assert.equal(
    categoryPathMismatch('user_experience', 'https://x.test/base/v1/telemetry/user_experience'),
    null,
  );
  assert.ok(categoryPathMismatch('app_performance', 'https://x.test/v1/telemetry/user_experience'));
  assert.ok(categoryPathMismatch('location_check', 'https://x.test/v1/telemetry/app_performance'));
  assert.ok(categoryPathMismatch('location_check', 'https://x.test/v1/flightlogs'));
  assert.ok(categoryPathMismatch('media', 'https://x.test/v1/telemetry/app_performance?x=1'));
  assert.equal(categoryPathMismatch('location_check', 'https://x.test/v1/location/country'), null);
});

test('until the stored choices are read nothing switchable leaves; a storage that fails keeps defaults', async () => {
  let release: (v: string | null) => void = () => undefined;
  const slow = {
    getItem: () => new Promise<string | null>((r) => (release = r)),
    setItem: () => undefined,
    removeItem: () => undefined,
  };
  const consent = createConsent({ storage: slow });
  assert.match(consent.gate(record('app_performance')) ?? '', /not loaded/);
  assert.equal(consent.gate(record('location_check')), null, 'the safety check never waits for settings');
  const decision = consent.beforeSend(record('app_performance'));
  release(JSON.stringify({ v: 1, choices: { app_performance: 'denied' } }));
  assert.deepEqual(await decision, { veto: 'app_performance is switched off in the privacy settings' });

  const broken = {
    getItem: () => {
      throw new Error('disk gone');
    },
    setItem: async () => {
      throw new Error('quota exceeded');
    },
    removeItem: () => undefined,
  };
  const fragile = createConsent({ storage: broken, profile: 'strict' });
  await fragile.ready;
  assert.equal(fragile.allows('app_performance'), false);
  const res = await fragile.set({ app_performance: false });
  assert.equal(res.ok, true);
  assert.equal(res.persisted, false);
  assert.match(res.error ?? '', /quota exceeded/);
  const garbled = memoryStorage();
  garbled.setItem('airlock.consent.v1', '{not json');
  const fromGarbage = createConsent({ storage: garbled });
  await fromGarbage.ready;
  assert.equal(fromGarbage.get().categories.app_performance.state, 'unset');
});
