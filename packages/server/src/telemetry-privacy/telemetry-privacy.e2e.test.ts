// THE PROMISE TEST (issue #4): every combination of the telemetry settings, under both consent
// profiles, through a scripted app session against the real server on loopback. What crossed the
// network is compared byte for byte with the device's ledger, and what the server kept afterwards
// (every table, every log line) is scanned for addresses, user agents, coordinates and raw reports.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TELEMETRY_CATEGORIES, TELEMETRY_PATHS, type TelemetryCategory } from '@airlock/core';
import type { LedgerEntry } from '@airlock/sdk';
import type { RunningServer, Services } from '../server.ts';
import { type Loopback, startLoopback } from '../testing/loopback.ts';
import {
  type Combination,
  PILOT_LATER,
  PILOT_START,
  PLATFORM_USER_AGENT,
  PROXY_CLIENT_IP,
  QUEUED_MARKERS,
  runSession,
} from './scripted-session.ts';
import {
  type CapturedRequest,
  coordinatePatterns,
  GENERIC_LEAKS,
  leaksIn,
  sha256Of,
  startWireTap,
  type WireTap,
} from './wire-capture.ts';

const COMBINATIONS: Combination[] = (['reference', 'strict'] as const).flatMap((profile) =>
  [true, false].flatMap((ap) =>
    [true, false].map((ux) => ({ profile, app_performance: ap, user_experience: ux })),
  ),
);
/** What marks a body as one category's data, whatever path it was sent to. */
const CONTENT_OF: Record<TelemetryCategory, RegExp> = {
  app_performance: /"events"\s*:/,
  user_experience: /"flights"\s*:/,
};
const PERSONAL = [
  /pilot@example\.com/,
  /alice/i,
  /DroneFly\/src/,
  ...coordinatePatterns(PILOT_START.lon, PILOT_START.lat),
  ...coordinatePatterns(PILOT_LATER.lon, PILOT_LATER.lat),
];

const categoryOfPath = (url: string): TelemetryCategory | 'location_check' | 'other' =>
  url === TELEMETRY_PATHS.app_performance
    ? 'app_performance'
    : url === TELEMETRY_PATHS.user_experience
      ? 'user_experience'
      : url.startsWith('/v1/location/')
        ? 'location_check'
        : 'other';

const label = (c: Combination) =>
  `${c.profile}: app_performance ${c.app_performance ? 'on' : 'off'}, user_experience ${c.user_experience ? 'on' : 'off'}`;

describe('telemetry privacy over loopback: every setting combination', () => {
  let services: Services;
  let server: RunningServer;
  let tap: WireTap;
  let captured: CapturedRequest[];
  let logLines: string[] = [];
  const accepted: Record<TelemetryCategory, number> = { app_performance: 0, user_experience: 0 };

  let loopback: Loopback;
  before(async () => {
    loopback = await startLoopback({ env: { AIRLOCK_TELEMETRY_FLUSH_MS: '20' } });
    ({ services, server, logLines } = loopback);
    tap = await startWireTap(server.port);
    captured = tap.captured;
  });
  after(async () => {
    await tap.close();
    await loopback.close();
  });

  for (const combo of COMBINATIONS) {
    test(label(combo), async () => {
      const start = captured.length;
      const run = await runSession(tap.url, combo, () => captured.length);
      await new Promise((r) => setTimeout(r, 20));
      const wire = captured.slice(start);
      const ledger = await run.airlock.ledger.list();
      const switchedAt = run.switchedAtCapture === null ? null : run.switchedAtCapture - start;

      // 1. The ledger is exactly what crossed the network: same requests, same bytes, same digest.
      const key = (method: string, url: string, sha: string) => `${method} ${url} ${sha}`;
      const fromLedger = ledger.map((e) => key(e.method, e.url.slice(tap.url.length), e.sha256)).sort();
      const fromWire = wire.map((w) => key(w.method, w.url, w.sha256)).sort();
      assert.deepEqual(fromWire, fromLedger, 'captured requests and ledger entries differ');
      for (const w of wire) {
        const matches = ledger.filter((e) => e.url === tap.url + w.url && e.sha256 === w.sha256);
        assert.equal(matches.length >= 1, true);
        const e = matches[0] as LedgerEntry;
        assert.ok(
          Buffer.from(e.payload ?? '', 'utf8').equals(w.body),
          `payload of ${w.url} differs from the wire`,
        );
        assert.equal(sha256Of(Buffer.from(e.payload ?? '', 'utf8')), w.sha256);
        assert.equal(e.bytes, w.body.length);
      }

      // 2. Nothing of a category that was off at that moment, by path and by content.
      for (const c of TELEMETRY_CATEGORIES) {
        const byPath = wire.filter((w) => categoryOfPath(w.url) === c);
        const byContent = wire.filter((w) => CONTENT_OF[c].test(w.body.toString('utf8')));
        assert.deepEqual(
          byContent.map((w) => w.seq),
          byPath.map((w) => w.seq),
          `${c} data only ever goes to its own endpoint`,
        );
        if (!combo[c]) assert.equal(byPath.length, 0, `${c} was off all session, yet was sent`);
        else assert.ok(byPath.length > 0, `${c} was on at first: its data should have been sent`);
        if (run.switched === c) {
          assert.ok(switchedAt !== null && switchedAt > 0, 'the switch happened mid-session');
          const late = byPath.filter((w) => wire.indexOf(w) >= (switchedAt ?? 0));
          assert.deepEqual(
            late.map((w) => w.url),
            [],
            `${c} sent after it was switched off`,
          );
        } else if (combo[c]) {
          assert.ok(
            byPath.some((w) => wire.indexOf(w) >= (switchedAt ?? 0)),
            `${c} kept sending`,
          );
        }
        for (const w of byPath) {
          const e = ledger.find((x) => x.sha256 === w.sha256);
          assert.equal(e?.status, 202, 'the server accepted every report the SDK sent');
          accepted[c]++;
        }
      }

      // 3. Data queued when its category was switched off never left, and was dropped on the device.
      if (run.switched) {
        assert.ok(run.queuedAtSwitch > 0, 'data was queued at the switch');
        const all = wire.map((w) => w.body.toString('utf8')).join('\n');
        const kept = ledger.map((e) => e.payload ?? '').join('\n');
        for (const marker of QUEUED_MARKERS[run.switched]) {
          assert.ok(
            !all.includes(marker),
            `queued ${run.switched} data (${marker}) was sent after the switch`,
          );
          assert.ok(!kept.includes(marker), `queued ${run.switched} data (${marker}) is in the ledger`);
        }
        assert.ok(run.airlock.telemetry.dropped().counts.consent_off >= run.queuedAtSwitch);
      }
      assert.deepEqual(run.airlock.telemetry.pending(), { app_performance: 0, user_experience: 0 });

      // 4. The location check is always on, and every request is identifier-free.
      assert.ok(wire.filter((w) => categoryOfPath(w.url) === 'location_check').length >= 2);
      assert.deepEqual(
        wire.filter((w) => categoryOfPath(w.url) === 'other').map((w) => w.url),
        [],
      );
      for (const w of wire) {
        for (const h of ['cookie', 'authorization', 'x-device-id', 'x-install-id', 'x-session-id'])
          assert.equal(w.headers[h], undefined, `${h} on ${w.url}`);
        const text = w.url + w.body.toString('utf8');
        for (const p of PERSONAL) assert.doesNotMatch(text, p, `${w.url} carries personal data`);
        if (categoryOfPath(w.url) !== 'location_check') {
          assert.doesNotMatch(text, /T\d\d:\d\d|"(?:\w*_)?(?:id|uuid|session|install|cookie|user)"\s*:/i);
        }
      }
    });
  }

  test('afterwards, no table and no log line holds an IP, a user agent, a coordinate or a raw report', async () => {
    assert.ok(accepted.app_performance > 0 && accepted.user_experience > 0, 'the runs sent telemetry');
    await services.telemetry.flush();
    await services.counters.flush();
    const patterns: Array<[string, RegExp]> = [
      ...GENERIC_LEAKS,
      ['the platform user agent', new RegExp(PLATFORM_USER_AGENT.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))],
      ['a user agent', /okhttp|Mozilla\/|Dalvik|CFNetwork|undici|node-fetch/i],
      ['the proxied client IP', new RegExp(PROXY_CLIENT_IP.replace(/\./g, '\\.'))],
      ['a raw report', /"(?:events|flights|kind)"\s*:|"v"\s*:\s*1/],
      ['an unscrubbed stack', /file:\/\/|RangeError: no tiles/],
      ...PERSONAL.map((p): [string, RegExp] => ['pilot data', p]),
    ];
    const findings: string[] = [];
    const { rows: tables } = await services.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    assert.ok(tables.length > 5, 'the scan sees the schema');
    for (const { table_name } of tables) {
      const { rows } = await services.db.query<Record<string, unknown>>(`SELECT * FROM ${table_name}`);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value instanceof Uint8Array) continue; // keys and ciphertext: random bytes, not text
          const text = value instanceof Date ? value.toISOString() : JSON.stringify(value);
          findings.push(...leaksIn(`${table_name}.${column}`, text, patterns));
        }
      }
    }
    // Telemetry is kept per day and dimension only: no column can hold a time of arrival.
    const { rows: timeColumns } = await services.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name LIKE 'telemetry_%' AND data_type LIKE 'timestamp%'`,
    );
    assert.deepEqual(timeColumns, []);
    // N accepted reports are one row each, counted N times: aggregates, not rows per report.
    const { rows: totals } = await services.db.query<{ category: string; reports: string; rows: string }>(
      `SELECT category, SUM(reports)::text AS reports, COUNT(*)::text AS rows FROM telemetry_counters
       WHERE dimension = 'report' AND value = 'all' GROUP BY category ORDER BY category`,
    );
    for (const t of totals) {
      assert.equal(
        Number(t.reports),
        accepted[t.category as TelemetryCategory],
        `${t.category} reports counted`,
      );
      assert.ok(Number(t.rows) <= 8, `${t.category}: one row per day, not per report`);
    }
    const logs = logLines.join('');
    assert.ok(logs.includes('/v1/telemetry/app_performance'), 'the scan sees the request log');
    findings.push(
      ...leaksIn(
        'server log',
        logs,
        patterns.filter(([what]) => what !== 'IPv4 address'),
      ),
    );
    findings.push(...leaksIn('server log', logs, [['loopback address', /127\.0\.0\.1/]]));
    for (const w of captured) {
      if (w.body.length > 0 && logs.includes(w.body.toString('utf8').slice(0, 40)))
        findings.push(`server log: holds the body of ${w.url}`);
    }
    assert.deepEqual(findings, []);
  });
});
