import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AppPerformanceReport,
  errorFingerprint,
  scrubStack,
  type UserExperienceReport,
} from '@airlock/core';
import {
  appPerformanceReport,
  FINGERPRINT,
  RAW_STACK,
  userExperienceReport,
} from '../testing/test-reports.ts';
import { AggregateBuffer } from './aggregate-buffer.ts';
import {
  appPerformanceContributions,
  CONTRIBUTION_CAPS,
  totalCap,
  userExperienceContributions,
} from './contributions.ts';
import { memoizedScrubber } from './error-scrubber.ts';

const DAY = '2026-05-10';
const cell = (b: AggregateBuffer, dimension: string, value: string) =>
  [...b.counters()].find((c) => c.dimension === dimension && c.value === value);

test('an app-performance report becomes counters per dimension and an error group', () => {
  const b = new AggregateBuffer();
  b.add(appPerformanceContributions(appPerformanceReport(DAY) as AppPerformanceReport));
  b.add(appPerformanceContributions(appPerformanceReport(DAY) as AppPerformanceReport));
  assert.deepEqual(
    [...b.counters()].map((c) => [c.dimension, c.value, c.reports, c.total]),
    [
      ['report', 'all', 2, 2],
      ['app_version', '2.4.1', 2, 2],
      ['os', 'android', 2, 2],
      ['os_version', 'android 14', 2, 2],
      ['device_model', 'Pixel 8', 2, 2],
      // Two map.open events of 3 and 2 uses: one report, five uses each time.
      ['feature', 'map.open', 2, 10],
      ['timing:app.startup', '1-2s', 2, 2],
      ['error', 'crash', 2, 2],
    ],
  );
  assert.equal(b.errorGroups.size, 1);
  const [group] = b.errorGroups.values();
  assert.equal(group.fingerprint, FINGERPRINT);
  assert.deepEqual(
    [...b.errorCounts.values()].map((e) => [e.day, e.reports, e.events, e.crashes]),
    [[DAY, 2, 2, 2]],
  );
});

test('the server scrubs the stack again and recomputes the fingerprint', () => {
  const report = appPerformanceReport(DAY, {
    events: [
      {
        kind: 'error',
        error_type: 'TypeError',
        fingerprint: 'aaaaaaaaaaaaaaaa',
        stack: RAW_STACK,
        crash: false,
      },
    ],
  }) as AppPerformanceReport;
  const { errors } = appPerformanceContributions(report);
  assert.equal(errors[0].fingerprint, errorFingerprint('TypeError', scrubStack(RAW_STACK)));
  assert.notEqual(errors[0].fingerprint, 'aaaaaaaaaaaaaaaa', 'a client-chosen fingerprint is never stored');
  assert.doesNotMatch(errors[0].sampleStack, /alice|example\.com|47\.4582|file:/);
});

test('one report adds at most 1 to reports and at most the cap to total of any counter', () => {
  const events = [
    ...Array(60).fill({ kind: 'feature', name: 'map.open', count: 10_000 }),
    ...Array(40).fill({ kind: 'timing', name: 'map.render', bucket: '>5s' }),
  ];
  const { counters } = appPerformanceContributions(
    appPerformanceReport(DAY, { events }) as AppPerformanceReport,
  );
  for (const c of counters) {
    assert.equal(c.reports, 1);
    assert.ok(c.total <= totalCap(c.dimension), `${c.dimension} ${c.total}`);
  }
  const feature = counters.find((c) => c.dimension === 'feature');
  assert.equal(feature?.total, CONTRIBUTION_CAPS.feature);
  const timing = counters.find((c) => c.dimension === 'timing:map.render');
  assert.equal(timing?.total, CONTRIBUTION_CAPS.timing);
  const errors = Array(100).fill({
    kind: 'error',
    error_type: 'E',
    fingerprint: FINGERPRINT,
    stack: RAW_STACK,
    crash: true,
  });
  const g = appPerformanceContributions(appPerformanceReport(DAY, { events: errors }) as AppPerformanceReport)
    .errors[0];
  assert.deepEqual(
    [g.reports, g.events, g.crashes],
    [1, CONTRIBUTION_CAPS.errorGroup, CONTRIBUTION_CAPS.errorGroup],
  );
});

test('a user-experience report becomes a histogram per flight field and nothing finer', () => {
  const b = new AggregateBuffer();
  b.add(userExperienceContributions(userExperienceReport(DAY, 3) as UserExperienceReport));
  const rows = [...b.counters()].map((c) => `${c.dimension}=${c.value}:${c.reports}/${c.total}`);
  assert.deepEqual(rows, [
    'report=all:1/1',
    'app_version=2.4.1:1/1',
    'os=ios:1/1',
    'flights=all:1/3',
    'flight.duration=<1min:1/2',
    'flight.duration=10-20min:1/1',
    'flight.distance=1-2km:1/3',
    'flight.photos=6-20:1/3',
    'flight.videos=0:1/3',
  ]);
  const many = userExperienceContributions(userExperienceReport(DAY, 50) as UserExperienceReport);
  assert.equal(cell(b, 'flight.videos', '0')?.total, 3);
  assert.ok(many.counters.every((c) => c.total <= CONTRIBUTION_CAPS.flights));
});

test('the memoized scrubber gives the same answer as scrubbing and stays bounded', () => {
  const scrub = memoizedScrubber(2);
  const a = scrub('TypeError', RAW_STACK);
  assert.deepEqual(a, { stack: scrubStack(RAW_STACK), fingerprint: FINGERPRINT });
  assert.equal(scrub('TypeError', RAW_STACK), a);
  scrub('E1', 'x');
  scrub('E2', 'y');
  assert.notEqual(scrub('TypeError', RAW_STACK), a, 'evicted after two others');
});
