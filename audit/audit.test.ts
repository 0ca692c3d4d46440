// The audit's own promise: two runs of one commit write byte-identical reports with 0 disallowed
// bytes, and a leak — telemetry sent while its category is off, carrying a position — fails it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TELEMETRY_PATHS } from '@airlock/core';
import type { FetchLike } from '@airlock/sdk';
import type { AuditReport } from './audit.ts';
import { PLACES } from './places.ts';
import { main } from './run.ts';

const quiet = { log: () => undefined };

test('two full runs write byte-identical reports with 0 disallowed bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
  try {
    assert.equal(await main(['--out', join(dir, 'a')], quiet), 0);
    assert.equal(await main(['--out', join(dir, 'b')], quiet), 0);
    for (const name of ['audit-report.json', 'audit-report.html']) {
      const a = readFileSync(join(dir, 'a', name));
      assert.ok(a.equals(readFileSync(join(dir, 'b', name))), `${name} differs between two runs`);
    }
    const report = JSON.parse(readFileSync(join(dir, 'a', 'audit-report.json'), 'utf8')) as AuditReport;
    assert.equal(report.verdict, 'pass');
    assert.equal(report.combinations, 8);
    assert.equal(report.totals.disallowedBytes, 0);
    assert.ok(report.totals.requests > 50, 'the scenarios sent requests');
    for (const c of ['app_performance', 'user_experience', 'location_check'])
      assert.ok(
        report.runs.some((r) => r.requests.some((q) => q.category === c)),
        `${c} was exercised`,
      );
    const text = readFileSync(join(dir, 'a', 'audit-report.json'), 'utf8');
    assert.doesNotMatch(text, /127\.0\.0\.1|:\d{4,5}\/|\/tmp\/|airlock-audit-|20\d\d-\d\d-\d\dT/);
    const html = readFileSync(join(dir, 'a', 'audit-report.html'), 'utf8');
    assert.doesNotMatch(html, /<script|<link|src=|https?:\/\//, 'the HTML page loads nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a patched transport that sends telemetry with a position while it is off fails the audit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
  const [home] = PLACES;
  // Once per session, while app performance is off, the "app" posts a report of its own.
  const tamper = (inner: FetchLike, state: () => { on: Record<string, boolean> }): FetchLike => {
    let leaked = false;
    return async (url, init) => {
      if (!leaked && !state().on.app_performance) {
        leaked = true;
        const base = url.slice(0, url.indexOf('/v1/'));
        await inner(`${base}${TELEMETRY_PATHS.app_performance}`, {
          method: 'POST',
          credentials: 'omit',
          redirect: 'error',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ v: 1, events: [], at: [home.lon, home.lat] }),
        });
      }
      return inner(url, init);
    };
  };
  try {
    assert.equal(await main(['--out', dir, '--quick'], { ...quiet, tamper }), 1);
    const report = JSON.parse(readFileSync(join(dir, 'audit-report.json'), 'utf8')) as AuditReport;
    assert.equal(report.verdict, 'fail');
    assert.ok(report.totals.disallowedBytes > 0);
    const found = report.runs.flatMap((r) => r.requests.flatMap((q) => q.violations));
    assert.ok(found.includes('app_performance was off'), found.join('\n'));
    assert.ok(found.includes('carries a scenario position'));
    assert.ok(report.runs.some((r) => r.ledger.mismatches.some((m) => m.startsWith('on the wire, not in'))));
    assert.match(readFileSync(join(dir, 'audit-report.html'), 'utf8'), /VIOLATION/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
