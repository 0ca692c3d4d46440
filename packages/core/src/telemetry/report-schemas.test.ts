import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTelemetryReport } from './describe-issues.ts';
import { FIELD_REGISTRY } from './field-registry.ts';
import { appPerformanceReportSchema, userExperienceReportSchema } from './report-schemas.ts';

const TODAY = '2026-05-10';

export function appReport(overrides: Record<string, unknown> = {}) {
  return {
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
    ...overrides,
  };
}

function uxReport(overrides: Record<string, unknown> = {}) {
  return {
    v: 1,
    day: TODAY,
    context: { app_version: '2.4.1', os: 'ios' },
    flights: [{ duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }],
    ...overrides,
  };
}

function errorsOf(category: 'app_performance' | 'user_experience', body: unknown): string[] {
  const r = parseTelemetryReport(category, body, TODAY);
  assert.equal(r.ok, false, 'expected a rejection');
  return r.ok ? [] : r.errors;
}

describe('app-performance schema', () => {
  test('accepts a valid report', () => {
    const r = parseTelemetryReport('app_performance', appReport(), TODAY);
    assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  });

  const rejections: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'undeclared feature',
      { events: [{ kind: 'feature', name: 'map.zoom', count: 1 }] },
      /^events\[0\]\.name: "map\.zoom" is not a declared field$/,
    ],
    [
      'undeclared timing',
      { events: [{ kind: 'timing', name: 'map.pan', bucket: '<100ms' }] },
      /^events\[0\]\.name: "map\.pan" is not a declared field$/,
    ],
    [
      'undeclared timing bucket',
      { events: [{ kind: 'timing', name: 'map.render', bucket: '3s' }] },
      /^events\[0\]\.bucket: "3s" is not a declared bucket/,
    ],
    ['unknown event kind', { events: [{ kind: 'location', lat: 47.4 }] }, /^events\[0\]\.kind: /],
    [
      'identifier in the context',
      { context: { ...appReport().context, device_id: 'abc' } },
      /^context\.device_id: unknown field/,
    ],
    [
      'coordinates on an event',
      { events: [{ kind: 'feature', name: 'map.open', count: 1, lat: 47.4582 }] },
      /^events\[0\]\.lat: unknown field/,
    ],
    ['top-level user id', { user_id: 'u1' }, /^user_id: unknown field/],
    [
      'count of the wrong type',
      { events: [{ kind: 'feature', name: 'map.open', count: '3' }] },
      /^events\[0\]\.count: /,
    ],
    [
      'count too large',
      { events: [{ kind: 'feature', name: 'map.open', count: 10_001 }] },
      /^events\[0\]\.count: /,
    ],
    ['count zero', { events: [{ kind: 'feature', name: 'map.open', count: 0 }] }, /^events\[0\]\.count: /],
    [
      'fraction count',
      { events: [{ kind: 'feature', name: 'map.open', count: 1.5 }] },
      /^events\[0\]\.count: /,
    ],
    [
      'bad fingerprint',
      { events: [{ ...appReport().events[0], fingerprint: 'XYZ' }] },
      /^events\[0\]\.fingerprint: must be 16 lowercase hex/,
    ],
    ['crash not boolean', { events: [{ ...appReport().events[0], crash: 'yes' }] }, /^events\[0\]\.crash: /],
    [
      'oversize stack',
      { events: [{ ...appReport().events[0], stack: 'x'.repeat(4001) }] },
      /^events\[0\]\.stack: /,
    ],
    [
      'too many events',
      { events: Array(101).fill({ kind: 'feature', name: 'map.open', count: 1 }) },
      /^events: .*100/,
    ],
    ['no events', { events: [] }, /^events: /],
    [
      'e-mail as app version',
      { context: { ...appReport().context, app_version: 'me@example.com' } },
      /^context\.app_version: contains characters/,
    ],
    [
      'serial as device model',
      { context: { ...appReport().context, device_model: '1581F4XFC2B9S00D00XY' } },
      /^context\.device_model: looks like an identifier/,
    ],
    [
      'oversize os_version',
      { context: { ...appReport().context, os_version: '1'.repeat(33) } },
      /^context\.os_version: /,
    ],
    ['unknown os', { context: { ...appReport().context, os: 'beos' } }, /^context\.os: /],
    [
      'missing context field',
      { context: { app_version: '1', os: 'ios', os_version: '17' } },
      /^context\.device_model: /,
    ],
    ['wrong version', { v: 2 }, /^v: /],
    ['future day', { day: '2026-05-11' }, /^day: must be today or within the last 7 days/],
    ['day too old', { day: '2026-05-02' }, /^day: must be today or within/],
    ['time finer than a day', { day: '2026-05-10T10:00:00Z' }, /^day: /],
    ['impossible day', { day: '2026-02-30' }, /^day: must be a day/],
  ];
  for (const [what, change, expected] of rejections) {
    test(`rejects ${what}, naming the field`, () => {
      const errors = errorsOf('app_performance', appReport(change));
      assert.ok(
        errors.some((e) => expected.test(e)),
        errors.join('\n'),
      );
    });
  }

  test('accepts the oldest allowed day and today', () => {
    for (const day of ['2026-05-03', TODAY])
      assert.ok(parseTelemetryReport('app_performance', appReport({ day }), TODAY).ok);
  });

  test('an expired feature or field is refused with its expiry day', () => {
    const registry = FIELD_REGISTRY.map((f) =>
      f.name === 'map.open' || f.name === 'os_version' ? { ...f, expires: '2026-01-01' } : f,
    );
    const schema = appPerformanceReportSchema(TODAY, registry);
    const r = schema.safeParse(appReport());
    assert.ok(!r.success);
    const paths = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    assert.ok(paths.includes('events.1.name: "map.open" expired on 2026-01-01'), paths.join('\n'));
    assert.ok(paths.includes('context.os_version: field expired on 2026-01-01'), paths.join('\n'));
    // Without the expired field the report is fine again.
    const { os_version: _drop, ...context } = appReport().context;
    assert.ok(schema.safeParse(appReport({ context, events: [appReport().events[2]] })).success);
  });

  test('lists at most ten problems', () => {
    const errors = errorsOf(
      'app_performance',
      appReport({ events: Array(30).fill({ kind: 'feature', name: 'x.y', count: 1 }) }),
    );
    assert.equal(errors.length, 11);
    assert.match(errors[10], /and 20 more/);
  });
});

describe('user-experience schema', () => {
  test('accepts a valid report with up to 50 flights', () => {
    assert.ok(parseTelemetryReport('user_experience', uxReport(), TODAY).ok);
    const flights = Array(50).fill(uxReport().flights[0]);
    assert.ok(userExperienceReportSchema(TODAY).safeParse(uxReport({ flights })).success);
  });

  const rejections: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a precise duration',
      { flights: [{ ...uxReport().flights[0], duration: 734 }] },
      /^flights\[0\]\.duration: /,
    ],
    [
      'an undeclared bucket',
      { flights: [{ ...uxReport().flights[0], videos: '7' }] },
      /^flights\[0\]\.videos: "7" is not a declared bucket/,
    ],
    [
      'a take-off point',
      { flights: [{ ...uxReport().flights[0], lat: 47.45, lon: 8.54 }] },
      /^flights\[0\]\.lat: unknown field/,
    ],
    [
      'a start time',
      { flights: [{ ...uxReport().flights[0], started_at: '2026-05-10T10:00' }] },
      /^flights\[0\]\.started_at: unknown field/,
    ],
    [
      'app-performance context fields',
      { context: { app_version: '1', os: 'ios', device_model: 'iPhone' } },
      /^context\.device_model: unknown field/,
    ],
    ['51 flights', { flights: Array(51).fill(uxReport().flights[0]) }, /^flights: /],
    [
      'a missing bucket',
      { flights: [{ duration: '<1min', distance: '<100m', photos: '0' }] },
      /^flights\[0\]\.videos: /,
    ],
  ];
  for (const [what, change, expected] of rejections) {
    test(`rejects ${what}, naming the field`, () => {
      const errors = errorsOf('user_experience', uxReport(change));
      assert.ok(
        errors.some((e) => expected.test(e)),
        errors.join('\n'),
      );
    });
  }
});
