import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type AppPerformanceReport, addDays, utcDay } from '@airlock/core';
import { silentLogger } from '../log/index.ts';
import { openDatabase } from '../storage/index.ts';
import { TelemetryService } from '../telemetry/index.ts';
import { busyReport } from '../testing/test-reports.ts';
import { main } from './main.ts';

const saved = { ...process.env };
let dir: string;

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-stats-'));
  process.env.AIRLOCK_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  delete process.env.AIRLOCK_STATS_EPSILON;
  const db = await openDatabase({ dataDir: dir });
  const t = new TelemetryService(db, { log: silentLogger });
  for (let i = 0; i < 12; i++) t.ingest('app_performance', busyReport(utcDay()) as AppPerformanceReport);
  t.ingest('app_performance', busyReport(addDays(utcDay(), -1)) as AppPerformanceReport);
  await t.close();
  await db.close();
});
after(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

test('airlock stats prints published aggregates with suppression, as text and JSON', async () => {
  const text = await run('stats');
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /counts below 10 reports suppressed; no noise/);
  assert.match(text.out, /app_performance \/ feature/);
  assert.match(text.out, /error groups/);
  const json = await run('stats', '--json', '--by-day');
  const stats = JSON.parse(json.out);
  assert.equal(stats.counters.find((c: { dimension: string }) => c.dimension === 'report').reports, 12);
  assert.ok(stats.suppressed.rows > 0, "yesterday's single report is suppressed");
});

test('airlock stats rejects bad arguments with exit code 2', async () => {
  assert.equal((await run('stats', '--from', '2026-02-30')).code, 2);
  assert.equal((await run('stats', '--category', 'location')).code, 2);
  assert.equal((await run('stats', '--from', '2026-05-02', '--to', '2026-05-01')).code, 2);
});
