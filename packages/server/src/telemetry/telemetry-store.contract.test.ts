import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppPerformanceReport } from '@airlock/core';
import { silentLogger } from '../log/index.ts';
import { forEachTestDatabase } from '../storage/index.ts';
import { appPerformanceReport, FINGERPRINT, SCRUBBED_STACK } from '../testing/test-reports.ts';
import { AggregateBuffer } from './aggregate-buffer.ts';
import { appPerformanceContributions } from './contributions.ts';
import { TelemetryService } from './telemetry-service.ts';
import { TelemetryStore } from './telemetry-store.ts';

const report = (day: string, overrides: Record<string, unknown> = {}) =>
  appPerformanceReport(day, overrides) as AppPerformanceReport;

for (const factory of forEachTestDatabase()) {
  describe(`telemetry aggregate store (${factory.name})`, () => {
    test('upserts add up, across writes and across server instances', async () => {
      const { db, dispose } = await factory.open();
      try {
        const store = new TelemetryStore(db);
        const a = new AggregateBuffer();
        a.add(appPerformanceContributions(report('2026-05-01')));
        a.add(appPerformanceContributions(report('2026-05-02')));
        assert.equal(await store.write(a), 3);
        // Two instances flushing at once: the additive upserts must not lose either.
        const one = new TelemetryService(db, { log: silentLogger, minGroup: 1 });
        const two = new TelemetryService(db, { log: silentLogger, minGroup: 1 });
        for (let i = 0; i < 5; i++) {
          one.ingest('app_performance', report('2026-05-01'));
          two.ingest('app_performance', report('2026-05-01'));
        }
        await Promise.all([one.flush(), two.flush()]);
        const rows = await store.readCounters('2026-05-01', '2026-05-02');
        const reportRows = rows
          .filter((r) => r.dimension === 'report')
          .map((r) => [r.day, r.reports, r.total]);
        assert.deepEqual(reportRows, [
          ['2026-05-01', 11, 11],
          ['2026-05-02', 1, 1],
        ]);
        assert.deepEqual(
          rows.filter((r) => r.dimension === 'feature').map((r) => [r.day, r.value, r.reports, r.total]),
          [
            ['2026-05-01', 'map.open', 11, 55],
            ['2026-05-02', 'map.open', 1, 5],
          ],
        );
        assert.deepEqual(
          (await store.readCounters('2026-05-01', '2026-05-02', 'user_experience')).length,
          0,
          'category filter',
        );
      } finally {
        await dispose();
      }
    });

    test('an error group keeps its first sample and widens its day range', async () => {
      const { db, dispose } = await factory.open();
      try {
        const store = new TelemetryStore(db);
        const write = async (day: string, stack: string) => {
          const b = new AggregateBuffer();
          const event = {
            kind: 'error',
            error_type: 'TypeError',
            fingerprint: FINGERPRINT,
            stack,
            crash: false,
          };
          b.add(appPerformanceContributions(report(day, { events: [event] })));
          await store.write(b);
        };
        await write('2026-05-05', SCRUBBED_STACK);
        // Same top frames, other line numbers: same group, the first sample stays.
        await write('2026-05-03', SCRUBBED_STACK.replace(':120:', ':121:'));
        await write('2026-05-07', SCRUBBED_STACK);
        const errors = await store.readErrors('2026-05-01', '2026-05-31');
        assert.equal(errors.length, 3);
        assert.ok(errors.every((e) => e.sampleStack === SCRUBBED_STACK));
        assert.ok(errors.every((e) => e.firstDay === '2026-05-03' && e.lastDay === '2026-05-07'));
        assert.deepEqual(
          errors.map((e) => [e.day, e.reports, e.events, e.crashes]),
          [
            ['2026-05-03', 1, 1, 0],
            ['2026-05-05', 1, 1, 0],
            ['2026-05-07', 1, 1, 0],
          ],
        );
      } finally {
        await dispose();
      }
    });

    test('the noise key is created once and then stays', async () => {
      const { db, dispose } = await factory.open();
      try {
        const store = new TelemetryStore(db);
        const k1 = await store.noiseKey();
        const k2 = await new TelemetryStore(db).noiseKey();
        assert.equal(k1.length, 32);
        assert.deepEqual(k1, k2);
      } finally {
        await dispose();
      }
    });
  });
}
