import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppPerformanceReport } from '@airlock/core';
import { silentLogger } from '../log/index.ts';
import { forEachTestDatabase } from '../storage/index.ts';
import { appPerformanceReport, SCRUBBED_STACK } from '../testing/test-reports.ts';
import { AggregateBuffer } from './aggregate-buffer.ts';
import { BOUNDED_DIMENSIONS } from './bounded-dimensions.ts';
import { appPerformanceContributions } from './contributions.ts';
import { TelemetryService } from './telemetry-service.ts';
import { TelemetryStore } from './telemetry-store.ts';

const DAY = '2026-05-01';
const CAP = 20;

/** Report `i` names values no other report does in every free-text field, and an error of its own. */
function tagged(i: number): AppPerformanceReport {
  return appPerformanceReport(DAY, {
    context: { app_version: `9.${i}.0`, os: 'android', os_version: `14.${i}`, device_model: `Tag ${i}` },
    events: [
      {
        kind: 'error',
        error_type: `Tag${i}Error`,
        fingerprint: '0'.repeat(16),
        stack: SCRUBBED_STACK,
        crash: false,
      },
    ],
  }) as AppPerformanceReport;
}

for (const factory of forEachTestDatabase()) {
  describe(`bounded telemetry dimensions (${factory.name})`, () => {
    test('the free-text dimensions are the registry context strings', () => {
      assert.deepEqual([...BOUNDED_DIMENSIONS].sort(), ['app_version', 'device_model', 'os_version']);
    });

    test('300 reports with distinct values: at most the cap per dimension and day, the rest in "other", no report lost', async () => {
      const { db, dispose } = await factory.open();
      try {
        const t = new TelemetryService(db, { log: silentLogger, maxValues: CAP });
        // Popular values are admitted first; flushed in two batches so stored values count too.
        for (let i = 0; i < 40; i++)
          t.ingest('app_performance', appPerformanceReport(DAY) as AppPerformanceReport);
        for (let i = 0; i < 150; i++) t.ingest('app_performance', tagged(i));
        await t.flush();
        for (let i = 150; i < 300; i++) t.ingest('app_performance', tagged(i));
        await t.flush();
        const rows = await t.store.readCounters(DAY, DAY);
        for (const dimension of BOUNDED_DIMENSIONS) {
          const mine = rows.filter((r) => r.dimension === dimension);
          assert.equal(mine.length, CAP + 1, `${dimension}: ${CAP} values and "other"`);
          assert.equal(
            mine.reduce((n, r) => n + r.reports, 0),
            340,
            `${dimension}: every report counted once`,
          );
          assert.ok(mine.some((r) => r.value === 'other' && r.reports >= 280));
        }
        assert.equal(rows.find((r) => r.dimension === 'device_model' && r.value === 'Pixel 8')?.reports, 40);
        const errors = await t.store.readErrors(DAY, DAY);
        assert.equal(errors.length, CAP + 1, 'error groups bounded the same way');
        assert.equal(
          errors.reduce((n, e) => n + e.reports, 0),
          340,
        );
        const other = errors.find((e) => e.fingerprint === 'other');
        assert.deepEqual(
          [other?.errorType, other?.sampleStack],
          ['other', ''],
          'the "other" group has no sample',
        );
        const { rows: groups } = await db.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM telemetry_error_groups',
        );
        assert.equal(Number(groups[0].n), CAP + 1, 'no group row for the folded errors');
        // Declared dimensions are never folded.
        assert.equal(rows.find((r) => r.dimension === 'report')?.reports, 340);
      } finally {
        await dispose();
      }
    });

    test('journal checkpoints are written with the aggregates and overwritten in place', async () => {
      const { db, dispose } = await factory.open();
      try {
        const store = new TelemetryStore(db);
        const b = new AggregateBuffer();
        b.add(appPerformanceContributions(appPerformanceReport(DAY) as AppPerformanceReport));
        await store.write(b, { checkpoints: [{ journalId: 'j1', position: { segment: 0, offset: 100 } }] });
        await store.write(new AggregateBuffer(), {
          checkpoints: [{ journalId: 'j1', position: { segment: 2, offset: 4 } }],
        });
        assert.deepEqual([...(await store.checkpoints(['j1', 'j2']))], [['j1', { segment: 2, offset: 4 }]]);
        await store.dropCheckpoints(['j1']);
        assert.equal((await store.checkpoints(['j1'])).size, 0);
      } finally {
        await dispose();
      }
    });
  });
}
