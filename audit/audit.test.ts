// The audit's own promise: two runs of one commit write byte-identical reports (checked as every
// scenario's record in one profile, run again, against the full run's) with 0 disallowed bytes, and a
// leak fails it: telemetry sent while its category is off carrying a position, the pilot's session
// token on telemetry, the true position sent as a uniform point.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TELEMETRY_PATHS } from '@airlock/core';
import type { FetchLike } from '@airlock/sdk';
// Each audit run's server starts its database from the tests' migrated template (see there).
import '../packages/server/src/testing/pglite-template.ts';
import { type AuditReport, runAudit } from './audit.ts';
import { renderHtml } from './html.ts';
import { PLACES } from './places.ts';
import { main } from './run.ts';
import { SCENARIOS } from './scenarios.ts';
import type { InForce } from './session.ts';

const quiet = { log: () => undefined };

test('a full run passes with 0 disallowed bytes, and a second run repeats it byte for byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
  try {
    assert.equal(await main(['--out', join(dir, 'a')], quiet), 0);
    // Determinism without a second full run (its server start and scan are most of its cost): a run of
    // every scenario in the reference profile only (the first half of the full run's, against a fresh
    // server of its own) writes each run's record with the same bytes, and the full report's HTML is a
    // function of its JSON alone (the page rendered again from the file's JSON is the same bytes).
    const json = readFileSync(join(dir, 'a', 'audit-report.json'), 'utf8');
    const full = JSON.parse(json) as AuditReport;
    const again = await runAudit({ profiles: ['reference'] });
    const reference = full.runs.filter((r) => r.profile === 'reference');
    assert.equal(again.runs.length, reference.length);
    assert.ok(again.runs.length >= 4 * SCENARIOS.length, `${again.runs.length} runs`);
    for (const [i, run] of again.runs.entries())
      assert.equal(JSON.stringify(run, null, 2), JSON.stringify(reference[i], null, 2), `run ${i} differs`);
    assert.deepEqual(again.storage.findings, full.storage.findings);
    assert.ok(
      Buffer.from(renderHtml(full)).equals(readFileSync(join(dir, 'a', 'audit-report.html'))),
      'audit-report.html is not the rendering of audit-report.json',
    );
    assert.equal(`${JSON.stringify(full, null, 2)}\n`, json, 'audit-report.json is not plain JSON');

    const report = full;
    assert.equal(report.verdict, 'pass');
    assert.equal(report.combinations, 8);
    assert.equal(report.totals.disallowedBytes, 0);
    assert.ok(report.totals.requests > 50, 'the scenarios sent requests');
    for (const c of ['app_performance', 'user_experience', 'location_check', 'flight_logs'])
      assert.ok(
        report.runs.some((r) => r.requests.some((q) => q.category === c)),
        `${c} was exercised`,
      );
    // Sync went all the way (several PATCHes per run), and the uniform mechanism sent its points.
    const patches = report.runs.flatMap((r) => r.requests.filter((q) => q.method === 'PATCH'));
    assert.ok(patches.length >= 3 * report.combinations, `${patches.length} PATCHes`);
    const uniform = report.runs.filter((r) => r.mechanism === 'uniform');
    assert.ok(
      uniform.length > 0 &&
        uniform.every((r) => r.requests.some((q) => q.path.startsWith('/v1/location/near?'))),
    );
    assert.doesNotMatch(json, /127\.0\.0\.1|:\d{4,5}\/|\/tmp\/|airlock-audit-|20\d\d-\d\d-\d\dT/);
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

test('a session token on telemetry, or the true position as a uniform point, fails the audit', async () => {
  const scenarios = SCENARIOS.filter((x) => x.mechanism === 'uniform' || x.name.startsWith('a signed-in'));
  const tamper =
    (inner: FetchLike, state: () => InForce): FetchLike =>
    async (url, init) => {
      const now = state();
      if (now.signedIn && url.includes('/v1/telemetry/'))
        return inner(url, { ...init, headers: { ...init.headers, authorization: 'Bearer leaked' } });
      if (now.mechanism === 'uniform' && now.position && url.includes('/v1/location/near?')) {
        const { lon, lat } = now.position;
        return inner(url.replace(/lon=[^&]+&lat=[^&]+/, `lon=${lon.toFixed(5)}&lat=${lat.toFixed(5)}`), init);
      }
      return inner(url, init);
    };
  const report = await runAudit({ scenarios, profiles: ['reference'], tamper });
  assert.equal(report.verdict, 'fail');
  const found = new Set(report.runs.flatMap((r) => r.requests.flatMap((q) => q.violations)));
  assert.ok(found.has('identifying header authorization'), [...found].join('\n'));
  assert.ok(found.has('the true position sent as the uniform point'), [...found].join('\n'));
});
