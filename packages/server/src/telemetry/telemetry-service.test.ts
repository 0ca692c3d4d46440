import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AppPerformanceReport, addDays, seededRandom, type UserExperienceReport } from '@airlock/core';
import { createLogger, silentLogger } from '../log/index.ts';
import { type Database, migrate, openPgliteDatabase } from '../storage/index.ts';
import { type CountingDatabase, countingDatabase } from '../testing/counting-database.ts';
import { busyReport, userExperienceReport } from '../testing/test-reports.ts';
import { TelemetryService } from './telemetry-service.ts';

const TODAY = '2026-05-20';
const ap = (day: string) => busyReport(day) as AppPerformanceReport;

describe('TelemetryService', () => {
  let base: Database;
  let db: CountingDatabase;
  before(async () => {
    base = await openPgliteDatabase();
    await migrate(base);
  });
  after(() => base.close());

  const fresh = async (options: Partial<ConstructorParameters<typeof TelemetryService>[1]> = {}) => {
    await base.exec('TRUNCATE telemetry_counters, telemetry_error_groups, telemetry_error_counts');
    db = countingDatabase(base);
    return new TelemetryService(db, { log: silentLogger, ...options });
  };

  test('many reports become a few multi-row statements; nothing is written per report', async () => {
    const t = await fresh();
    for (let i = 0; i < 2000; i++) t.ingest('app_performance', ap(addDays(TODAY, -(i % 3))));
    for (let i = 0; i < 500; i++)
      t.ingest('user_experience', userExperienceReport(TODAY) as UserExperienceReport);
    assert.equal(db.statements.length, 0, 'ingest itself never touches the database');
    await t.flush();
    const writes = db.statements.filter((s) => s.startsWith('INSERT'));
    assert.equal(writes.length, 3, writes.join('\n'));
    assert.deepEqual(t.writes, { flushes: 1, statements: 3, rows: t.writes.rows, failures: 0 });
    const { rows } = await base.query<{ n: string; reports: string }>(
      `SELECT count(*)::text AS n, sum(reports) FILTER (WHERE dimension = 'report')::text AS reports FROM telemetry_counters`,
    );
    assert.equal(rows[0].reports, '2500');
    assert.ok(Number(rows[0].n) < 60, `${rows[0].n} rows for 2,500 reports of 20 events`);
  });

  test('a flush starts by itself once flushRows distinct rows wait', async () => {
    const t = await fresh({ flushRows: 50 });
    for (let d = 0; d < 8; d++) t.ingest('app_performance', ap(addDays(TODAY, -d)));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(t.writes.flushes >= 1, 'flushed without being asked');
    await t.close();
  });

  test('the timer flushes every flushMs, and close flushes what is left', async () => {
    const t = await fresh({ flushMs: 20 });
    t.startFlushing();
    t.ingest('app_performance', ap(TODAY));
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(t.writes.flushes, 1);
    t.ingest('app_performance', ap(TODAY));
    await t.close();
    assert.equal(t.writes.flushes, 2);
    const { rows } = await base.query<{ reports: string }>(
      `SELECT reports::text FROM telemetry_counters WHERE dimension = 'report'`,
    );
    assert.deepEqual(rows, [{ reports: '2' }]);
  });

  test('a failed flush keeps the data for the next one and logs no values', async () => {
    const lines: string[] = [];
    const t = await fresh({ log: createLogger('debug', (l) => lines.push(l)) });
    t.ingest('app_performance', ap(TODAY));
    db.failNext = 1;
    await assert.rejects(t.flush());
    t.ingest('app_performance', ap(TODAY));
    await t.flush();
    const { rows } = await base.query<{ reports: string }>(
      `SELECT reports::text FROM telemetry_counters WHERE dimension = 'report'`,
    );
    assert.deepEqual(rows, [{ reports: '2' }]);
    assert.equal(t.writes.failures, 1);
    assert.match(lines.join(''), /"code":"ECONNRESET"/);
    assert.doesNotMatch(lines.join(''), /Pixel|TypeError|2\.4\.1/);
  });

  test('with the database down and the buffer full, reports are refused, not dropped silently', async () => {
    const t = await fresh({ maxPendingRows: 5 });
    db.failNext = 1000;
    let accepted = 0;
    while ((await t.ingest('app_performance', ap(TODAY))) !== 'busy') accepted++;
    assert.ok(accepted > 0, 'reports are accepted until the buffer is over its bound');
    await assert.rejects(t.flush());
    assert.equal(await t.ingest('app_performance', ap(TODAY)), 'busy', 'still full: refused');
    db.failNext = 0;
    await t.flush();
    assert.equal(
      await t.ingest('app_performance', ap(TODAY)),
      ap(TODAY).events.length,
      'accepted once written',
    );
    await t.flush();
    const { rows } = await base.query<{ reports: string }>(
      `SELECT reports::text FROM telemetry_counters WHERE dimension = 'report'`,
    );
    assert.deepEqual(rows, [{ reports: String(accepted + 1) }], 'every accepted report, no refused one');
  });

  test('concurrent flushes run one after another and lose nothing', async () => {
    const t = await fresh();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      t.ingest('app_performance', ap(TODAY));
      pending.push(t.flush());
    }
    await Promise.all(pending);
    const { rows } = await base.query<{ reports: string }>(
      `SELECT reports::text FROM telemetry_counters WHERE dimension = 'report'`,
    );
    assert.deepEqual(rows, [{ reports: '20' }]);
  });

  test('readStats: suppression by default, and with epsilon only closed days, noised', async () => {
    const t = await fresh({ minGroup: 10 });
    const old = addDays(TODAY, -10);
    for (let i = 0; i < 12; i++) t.ingest('app_performance', ap(old));
    for (let i = 0; i < 12; i++) t.ingest('app_performance', ap(TODAY));
    t.ingest('user_experience', userExperienceReport(TODAY) as UserExperienceReport);
    const plain = await t.readStats({ from: old, to: TODAY, today: TODAY });
    const reports = (s: typeof plain) => s.counters.find((c) => c.dimension === 'report')?.reports;
    assert.equal(reports(plain), 24);
    assert.ok(plain.suppressed.rows > 0, 'the single user-experience report is suppressed');
    assert.ok(!plain.counters.some((c) => c.category === 'user_experience'));
    assert.equal(plain.errors[0].reports, 24);

    const noisy = new TelemetryService(db, {
      log: silentLogger,
      minGroup: 10,
      epsilon: 1,
      random: seededRandom(1),
    });
    const n = await noisy.readStats({ from: old, to: TODAY, today: TODAY });
    assert.equal(n.privacy.published_through, addDays(TODAY, -8));
    const r = reports(n);
    assert.ok(r !== undefined && Math.abs(r - 12) <= 8, `noisy count ${r} of 12 (today's 12 withheld)`);
    const uxOnly = await t.readStats({ from: old, to: TODAY, category: 'user_experience', today: TODAY });
    assert.equal(uxOnly.errors.length, 0);
  });

  test('keyed noise makes the same question give the same answer', async () => {
    const t = await fresh();
    for (let i = 0; i < 30; i++) t.ingest('app_performance', ap(addDays(TODAY, -10)));
    await t.flush();
    const noisy = new TelemetryService(db, { log: silentLogger, minGroup: 1, epsilon: 0.5 });
    const q = { from: addDays(TODAY, -12), to: TODAY, today: TODAY, byDay: true };
    const a = await noisy.readStats(q);
    const b = await noisy.readStats(q);
    assert.deepEqual(a.counters, b.counters);
  });
});
