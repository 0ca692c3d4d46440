import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AppPerformanceReport, UserExperienceReport } from '@airlock/core';
import { silentLogger } from '../log/index.ts';
import { type Database, migrate, openPgliteDatabase } from '../storage/index.ts';
import { busyReport, userExperienceReport } from '../testing/test-reports.ts';
import { TelemetryService } from './telemetry-service.ts';

const TODAY = '2026-05-20';
const ap = () => busyReport(TODAY) as AppPerformanceReport;

describe('telemetry journal: a 202 is durable, and counted once', () => {
  let db: Database;
  let root: string;
  before(async () => {
    db = await openPgliteDatabase();
    await migrate(db);
  });
  after(() => db.close());
  beforeEach(async () => {
    await db.exec(
      'TRUNCATE telemetry_counters, telemetry_error_groups, telemetry_error_counts, telemetry_journal_checkpoints',
    );
    root = join(mkdtempSync(join(os.tmpdir(), 'airlock-journal-test-')), 'telemetry-journal');
  });

  /** A "server start": a service on the same database and journal folder, journal replayed. */
  const start = async () => {
    const t = new TelemetryService(db, { log: silentLogger, minGroup: 1 });
    const recovery = await t.openJournal(root);
    return { t, recovery };
  };
  const counted = async () => {
    const { rows } = await db.query<{ category: string; reports: string }>(
      `SELECT category, reports::text FROM telemetry_counters WHERE dimension = 'report' ORDER BY category`,
    );
    return Object.fromEntries(rows.map((r) => [r.category, Number(r.reports)]));
  };
  const segments = () =>
    readdirSync(root).flatMap((j) => readdirSync(join(root, j)).filter((f) => f.endsWith('.seg')));

  test('reports arriving during an fsync share the next one (group commit), each answered once durable', async () => {
    const { t } = await start();
    const results = await Promise.all(Array.from({ length: 200 }, () => t.ingest('app_performance', ap())));
    assert.ok(results.every((n) => n === 20));
    const stats = t.journalStats;
    assert.equal(stats?.records, 200);
    assert.ok(stats && stats.commits < 50, `${stats?.commits} fsyncs for 200 concurrent reports`);
    assert.deepEqual(await counted(), {}, 'nothing reaches the database before a flush');
    await t.close();
    assert.deepEqual(await counted(), { app_performance: 200 });
  });

  test('a crash before the flush loses nothing: the next start replays the journal', async () => {
    const { t } = await start();
    for (let i = 0; i < 30; i++) await t.ingest('app_performance', ap());
    await t.ingest('user_experience', userExperienceReport(TODAY) as UserExperienceReport);
    t.abandon(); // kill -9: nothing flushed
    assert.deepEqual(await counted(), {});
    const { t: next, recovery } = await start();
    assert.deepEqual(recovery, { journals: 1, records: 31, tornBytes: 0 });
    assert.deepEqual(await counted(), { app_performance: 30, user_experience: 1 });
    await next.close();
  });

  test('replay starts at the checkpoint of the last flush: nothing is counted twice, however often it restarts', async () => {
    const { t } = await start();
    for (let i = 0; i < 30; i++) await t.ingest('app_performance', ap());
    await t.flush(); // these 30 and the checkpoint, in one transaction
    for (let i = 0; i < 20; i++) await t.ingest('app_performance', ap());
    t.abandon();
    const second = await start();
    assert.equal(second.recovery.records, 20, 'only what came after the checkpoint');
    assert.deepEqual(await counted(), { app_performance: 50 });
    // Killed again at once, then again after a few more reports: still each report once.
    second.t.abandon();
    const third = await start();
    assert.equal(third.recovery.records, 0);
    await third.t.ingest('app_performance', ap());
    third.t.abandon();
    const fourth = await start();
    assert.equal(fourth.recovery.records, 1);
    await fourth.t.close();
    assert.deepEqual(await counted(), { app_performance: 51 });
    // A clean stop leaves a fully checkpointed journal; the next start deletes it.
    const fifth = await start();
    assert.equal(fifth.recovery.records, 0);
    assert.equal(readdirSync(root).length, 1, 'only the running journal is left');
    await fifth.t.close();
  });

  test('a torn last record (kill -9 mid-write) is ignored, never a failed start', async () => {
    const { t } = await start();
    for (let i = 0; i < 10; i++) await t.ingest('app_performance', ap());
    t.abandon();
    const [journal] = readdirSync(root);
    const [seg] = readdirSync(join(root, journal)).filter((f) => f.endsWith('.seg'));
    // Half a record header and some of a body, as a write cut short would leave.
    appendFileSync(join(root, journal, seg), Buffer.from([0x40, 0x00, 0x00, 0x00, 0x12, 0x34, 0x7b, 0x22]));
    const { t: next, recovery } = await start();
    assert.deepEqual(recovery, { journals: 1, records: 10, tornBytes: 8 });
    assert.deepEqual(await counted(), { app_performance: 10 });
    await next.close();
  });

  test('segments whose aggregates are in the database are deleted after the flush', async () => {
    const { t } = await start();
    for (let i = 0; i < 5; i++) await t.ingest('app_performance', ap());
    t.abandon();
    const { t: next } = await start();
    assert.equal(segments().length, 1, "the replayed journal is gone; the new one's segment remains");
    await next.close();
  });

  test('a live journal of another server is left alone (not replayed under it)', async () => {
    const { t: one } = await start();
    await one.ingest('app_performance', ap());
    const { t: two, recovery } = await start();
    assert.equal(recovery.journals, 0);
    await two.close();
    await one.close();
    assert.deepEqual(await counted(), { app_performance: 1 });
  });

  test('journal folders are 0700 and its files 0600', async () => {
    const { t } = await start();
    await t.ingest('app_performance', ap());
    const mode = (p: string) => statSync(p).mode & 0o777;
    assert.equal(mode(root), 0o700);
    for (const j of readdirSync(root)) {
      assert.equal(mode(join(root, j)), 0o700);
      for (const f of readdirSync(join(root, j))) assert.equal(mode(join(root, j, f)), 0o600, f);
    }
    await t.close();
  });

  test('when the journal cannot be written, reports are refused and not added', async () => {
    rmSync(root, { recursive: true, force: true });
    writeFileSync(root, 'a file where the folder should be');
    const { t } = await start();
    assert.equal(await t.ingest('app_performance', ap()), 'not_durable');
    await t.close();
    assert.deepEqual(await counted(), {});
  });
});
