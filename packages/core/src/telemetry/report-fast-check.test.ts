import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../location-privacy/index.ts';
import { FIELD_REGISTRY } from './field-registry.ts';
import type { FieldRegistry, TelemetryCategory } from './field-types.ts';
import { compileFastReportCheck } from './report-fast-check.ts';
import { telemetryReportSchema } from './report-schemas.ts';
import { addDays } from './telemetry-day.ts';

const TODAY = '2026-05-10';

const app = () => ({
  v: 1,
  day: TODAY,
  context: { app_version: '2.4.1', os: 'android', os_version: '14', device_model: 'Pixel 8 Pro' },
  events: [
    {
      kind: 'error',
      error_type: 'TypeError',
      fingerprint: '0123456789abcdef',
      stack: 'TypeError',
      crash: false,
    },
    { kind: 'feature', name: 'map.open', count: 3 },
    { kind: 'timing', name: 'app.startup', bucket: '1-2s' },
  ],
});
const ux = () => ({
  v: 1,
  day: addDays(TODAY, -7),
  context: { app_version: '2.4.1', os: 'ios' },
  flights: [{ duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }],
});

// Values that are valid somewhere, invalid elsewhere, or invalid everywhere.
const ODD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  10_000,
  10_001,
  1e21,
  '',
  'x',
  '2.4.1',
  'android',
  'beos',
  'map.open',
  'map.zoom',
  'app.startup',
  '1-2s',
  '3s',
  '0',
  '>5',
  'error',
  'feature',
  'timing',
  TODAY,
  addDays(TODAY, 1),
  addDays(TODAY, -8),
  '2026-02-30',
  '0123456789abcdef',
  '0123456789ABCDEF',
  '1581F4XFC2B9S00D00XY',
  'me@example.com',
  'x'.repeat(33),
  'x'.repeat(4001),
  [],
  [1],
  {},
  { kind: 'feature' },
];
const ODD_KEYS = [
  'device_id',
  'user_id',
  'lat',
  'lon',
  '__proto__',
  'constructor',
  'kind',
  'name',
  'count',
  'v',
];

type Json = Record<string, unknown> | unknown[];

function mutate(value: unknown, random: () => number, depth = 0): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  if (Array.isArray(value)) {
    const a = [...value];
    const r = random();
    if (r < 0.15) a.push(structuredClone(pick(a.length ? a : [{}])));
    else if (r < 0.25) a.pop();
    else if (r < 0.3) return Array(depth > 1 ? 51 : 101).fill(a[0]);
    else if (a.length) a[Math.floor(random() * a.length)] = mutate(pick(a), random, depth + 1);
    return a;
  }
  if (value && typeof value === 'object') {
    const o: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(o);
    const r = random();
    if (r < 0.15) delete o[pick(keys)];
    else if (r < 0.3)
      Object.defineProperty(o, pick(ODD_KEYS), {
        value: pick(ODD_VALUES),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else {
      const k = pick(keys);
      o[k] = random() < 0.5 ? mutate(o[k], random, depth + 1) : pick(ODD_VALUES);
    }
    return o;
  }
  return pick(ODD_VALUES);
}

function checkAgreement(
  category: TelemetryCategory,
  base: () => Json,
  registry: FieldRegistry,
  n: number,
  seed: number,
) {
  const fast = compileFastReportCheck(category, TODAY, registry);
  const schema = telemetryReportSchema(category, TODAY, registry);
  const random = seededRandom(seed);
  let fastAccepted = 0;
  let zodAccepted = 0;
  for (let i = 0; i < n; i++) {
    let body: unknown = base();
    for (let m = 1 + Math.floor(random() * 3); m > 0; m--) body = mutate(body, random);
    // Also as it arrives over the wire: JSON.parse makes "__proto__" an own key.
    if (random() < 0.3) body = JSON.parse(JSON.stringify(body) ?? 'null');
    const zodOk = schema.safeParse(body).success;
    if (zodOk) zodAccepted++;
    if (fast(body)) {
      fastAccepted++;
      assert.ok(zodOk, `fast check accepted what zod rejects: ${JSON.stringify(body)}`);
    }
  }
  return { fastAccepted, zodAccepted };
}

test('the fast check accepts valid reports of both categories', () => {
  assert.ok(compileFastReportCheck('app_performance', TODAY, FIELD_REGISTRY)(app()));
  assert.ok(compileFastReportCheck('user_experience', TODAY, FIELD_REGISTRY)(ux()));
  assert.ok(
    compileFastReportCheck('app_performance', TODAY, FIELD_REGISTRY)(JSON.parse(JSON.stringify(app()))),
  );
});

test('the fast check never accepts what the zod schema rejects (20,000 mutated reports)', () => {
  const a = checkAgreement('app_performance', app, FIELD_REGISTRY, 10_000, 1);
  const u = checkAgreement('user_experience', ux, FIELD_REGISTRY, 10_000, 2);
  // Both sides see plenty of valid reports, so the comparison means something.
  assert.ok(a.fastAccepted > 100 && u.fastAccepted > 100, JSON.stringify({ a, u }));
  // And the fast path is the usual path for valid reports.
  assert.ok(
    a.fastAccepted / a.zodAccepted > 0.9 && u.fastAccepted / u.zodAccepted > 0.9,
    JSON.stringify({ a, u }),
  );
});

test('with expired fields and names, the fast check still agrees', () => {
  const registry = FIELD_REGISTRY.map((f) =>
    ['map.open', 'os_version', 'videos'].includes(f.name) ? { ...f, expires: '2026-01-01' } : f,
  );
  assert.ok(!compileFastReportCheck('app_performance', TODAY, registry)(app()));
  checkAgreement('app_performance', app, registry, 3000, 3);
  checkAgreement('user_experience', ux, registry, 3000, 4);
});

test('objects with another prototype or inherited keys are left to zod', () => {
  const fast = compileFastReportCheck('app_performance', TODAY, FIELD_REGISTRY);
  const proto = Object.assign(Object.create({ device_id: 'x' }), app());
  assert.equal(fast(proto), false);
  assert.equal(fast(Object.assign([], app())), false);
  const sparse = app();
  const holes = new Array(3) as typeof sparse.events;
  holes[0] = sparse.events[0];
  holes[2] = sparse.events[1];
  sparse.events = holes;
  assert.equal(fast(sparse), false);
});
