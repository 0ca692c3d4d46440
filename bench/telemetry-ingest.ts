/**
 * Telemetry ingest throughput: POST /v1/telemetry/app_performance with 20 events per report, against
 * the empty route GET /v1/ping of the same server in the same run, on the embedded database (PGlite)
 * and on PostgreSQL. The server runs as a child process (`airlock serve --port 0`); autocannon loads it.
 *
 *   node --import tsx bench/telemetry-ingest.ts [--connections 20] [--duration 10] [--rounds 3]
 *     [--backends pglite,postgres] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 *
 * PostgreSQL runs use a database of their own, airlock_bench, created and dropped around the run.
 * After the runs, the accepted reports are checked against the aggregates (nothing lost in batching).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { utcDay } from '@airlock/core';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { busyReport } from '../packages/server/src/telemetry/test-reports.fixture.ts';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    backends: { type: 'string', default: 'pglite,postgres' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
const FLOOR = 0.5;
const TOKEN = 'bench-operator-token-0123456789';
const BENCH_DB = 'airlock_bench';

interface RunSummary {
  name: string;
  requests: number;
  ok: number;
  sent: number;
  rps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
}

function summarizeRun(name: string, r: Result): RunSummary {
  const s: RunSummary = {
    name,
    requests: r.requests.total,
    ok: r['2xx'],
    sent: r.requests.sent,
    rps: r.requests.total / r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
  progress(
    `  ${name}: ${fmt(s.rps, 0)} req/s, p50 ${s.latencyP50Ms} ms, p99 ${s.latencyP99Ms} ms, ${s.errors} errors, ${s.non2xx} non-2xx`,
  );
  return s;
}

/** 64 distinct reports (app versions, devices, OSes, event mixes), as a fleet of apps would send. */
function reportBodies(): string[] {
  const today = utcDay();
  const devices = [
    'Pixel 8',
    'Pixel 7a',
    'SM-S918B',
    'iPhone15,2',
    'iPhone14,5',
    'CPH2449',
    'XQ-DQ54',
    'moto g54',
  ];
  return Array.from({ length: 64 }, (_, i) => {
    const r = busyReport(today, 20);
    const os = devices[i % 8].startsWith('iPhone') ? 'ios' : 'android';
    r.context = {
      app_version: `2.${i % 4}.0`,
      os,
      os_version: os === 'ios' ? '17.5' : '14',
      device_model: devices[i % 8],
    };
    r.events = [...r.events.slice(i % 5), ...r.events.slice(0, i % 5)];
    return JSON.stringify(r);
  });
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function benchBackend(backend: string, bodies: string[]) {
  const dataDir = mkdtempSync(join(os.tmpdir(), `airlock-bench-telemetry-${backend}-`));
  const env: Record<string, string> = {
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    AIRLOCK_ADMIN_TOKEN: TOKEN,
    AIRLOCK_STATS_MIN_GROUP: '1',
  };
  const pgUrl = args['pg-url'] as string;
  if (backend === 'postgres') {
    await withAdmin(pgUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
      await c.query(`CREATE DATABASE ${BENCH_DB}`);
    });
    const u = new URL(pgUrl);
    u.pathname = `/${BENCH_DB}`;
    env.DATABASE_URL = u.toString();
  }
  progress(`[${backend}] starting the server`);
  const server = await spawnServer(dataDir, { env });
  try {
    // Static requests, cycled by autocannon from pre-built buffers: a per-request setupRequest would
    // cost the load generator, which shares this machine's cores with the server.
    const ingest = bodies.map((body) => ({
      method: 'POST',
      path: '/v1/telemetry/app_performance',
      headers: { 'content-type': 'application/json' },
      body,
    }));
    const probe = await fetch(`${server.url}/v1/telemetry/app_performance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodies[0],
    });
    if (probe.status !== 202) throw new Error(`ingest answered ${probe.status}: ${await probe.text()}`);
    const base = { url: server.url, connections: CONNECTIONS };
    const ping = [{ path: '/v1/ping' }];
    progress(`[${backend}] warm-up: 3 s of each route`);
    // accepted: 202s autocannon saw; sent: requests it sent (it stops waiting for the last few in
    // flight, which the server may still have counted). Aggregated must lie between the two.
    let accepted = 1;
    let sent = 1;
    await autocannon({ ...base, duration: 3, requests: ping });
    const warm = await autocannon({ ...base, duration: 3, requests: ingest });
    accepted += warm['2xx'];
    sent += warm.requests.sent;
    const ingestRuns: RunSummary[] = [];
    const pingRuns: RunSummary[] = [];
    const transportRuns: RunSummary[] = [];
    // Reference: the same bodies POSTed to /v1/ping answer 404 without being read or parsed, so this
    // is what receiving a report costs before any telemetry code runs.
    const transport = ingest.map((r) => ({ ...r, path: '/v1/ping' }));
    for (let round = 1; round <= ROUNDS; round++) {
      progress(
        `[${backend}] round ${round}/${ROUNDS}: ${DURATION_S} s ingest, then ${DURATION_S} s /v1/ping`,
      );
      const r = summarizeRun(
        `${backend}: ingest (round ${round})`,
        await autocannon({ ...base, duration: DURATION_S, requests: ingest }),
      );
      accepted += r.ok;
      sent += r.sent;
      ingestRuns.push(r);
      pingRuns.push(
        summarizeRun(
          `${backend}: /v1/ping (round ${round})`,
          await autocannon({ ...base, duration: DURATION_S, requests: ping }),
        ),
      );
      transportRuns.push(
        summarizeRun(
          `${backend}: POST report to /v1/ping, 404 unread (round ${round})`,
          await autocannon({ ...base, duration: DURATION_S, requests: transport }),
        ),
      );
    }
    // Every accepted report must be in the aggregates (the stats route flushes first).
    const stats = (await (
      await fetch(`${server.url}/v1/admin/stats/telemetry?category=app_performance`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as { counters: Array<{ dimension: string; reports: number }> };
    const counted = stats.counters.find((c) => c.dimension === 'report')?.reports ?? 0;
    const mean = (runs: RunSummary[]) => runs.reduce((n, r) => n + r.rps, 0) / runs.length;
    return {
      backend,
      ingestRuns,
      pingRuns,
      transportRuns,
      ingestRps: mean(ingestRuns),
      pingRps: mean(pingRuns),
      transportRps: mean(transportRuns),
      roundRatios: ingestRuns.map((r, i) => r.rps / pingRuns[i].rps),
      accepted,
      sent,
      counted,
    };
  } finally {
    const code = await server.stop();
    if (code !== 0) progress(`[${backend}] server exited with ${code}:\n${server.stderr()}`);
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') await withAdmin(pgUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`));
  }
}

const lossless = (r: { accepted: number; counted: number; sent: number }) =>
  r.accepted <= r.counted && r.counted <= r.sent;

async function main(): Promise<number> {
  const bodies = reportBodies();
  const meanBytes = bodies.reduce((n, b) => n + b.length, 0) / bodies.length;
  const results = [];
  for (const backend of (args.backends as string).split(','))
    results.push(await benchBackend(backend, bodies));

  console.log(
    `## Telemetry ingest vs the empty route (${CONNECTIONS} connections, autocannon, 20 events per report)\n`,
  );
  console.log(
    markdownTable(
      ['run', 'requests', 'req/s', 'latency p50 ms', 'latency p99 ms', 'errors + non-2xx'],
      results.flatMap((r) =>
        [...r.ingestRuns, ...r.pingRuns, ...r.transportRuns].map((x) => [
          x.name,
          x.requests.toLocaleString('en-US'),
          fmt(x.rps, 0),
          fmt(x.latencyP50Ms, 0),
          fmt(x.latencyP99Ms, 0),
          x.errors + x.non2xx,
        ]),
      ),
    ),
  );
  console.log();
  console.log(
    markdownTable(
      [
        'database',
        'ingest reports/s',
        'events/s',
        '/v1/ping req/s',
        'ratio',
        'per round',
        'floor 50%',
        'POST unread / ping',
        'aggregated (202s seen ≤ n ≤ sent)',
      ],
      results.map((r) => [
        r.backend,
        fmt(r.ingestRps, 0),
        fmt(r.ingestRps * 20, 0),
        fmt(r.pingRps, 0),
        `${fmt((100 * r.ingestRps) / r.pingRps)}%`,
        r.roundRatios.map((x) => `${fmt(100 * x)}%`).join(', '),
        r.ingestRps / r.pingRps >= FLOOR ? 'met' : 'BELOW FLOOR',
        `${fmt((100 * r.transportRps) / r.pingRps)}%`,
        `${lossless(r) ? 'all' : 'LOST'}: ${r.counted.toLocaleString('en-US')} (${r.accepted.toLocaleString('en-US')} ≤ n ≤ ${r.sent.toLocaleString('en-US')})`,
      ]),
    ),
  );
  console.log(
    `\n- Reports: 64 distinct bodies (4 app versions, 8 devices, features, timings, one error in five events), mean ${fmt(meanBytes / 1024, 2)} KiB, cycled; each is validated against the registry, its error stacks re-scrubbed, and added to in-memory aggregates flushed every 1 s with multi-row upserts.`,
  );
  console.log(
    '- "POST unread / ping": the same bodies POSTed to /v1/ping answer 404 without being read: what receiving a report costs before any telemetry code runs, as a share of the empty route.',
  );
  console.log(
    '- Server: `airlock serve --port 0` as a child process, LOG_LEVEL=warn, no bundled airspace (not used here).',
  );
  const path = writeResults('telemetry-ingest', {
    params: {
      connections: CONNECTIONS,
      durationS: DURATION_S,
      rounds: ROUNDS,
      eventsPerReport: 20,
      meanBodyBytes: meanBytes,
    },
    floor: FLOOR,
    results: results.map((r) => ({
      ...r,
      ratio: r.ingestRps / r.pingRps,
      meetsFloor: r.ingestRps / r.pingRps >= FLOOR,
    })),
  });
  progress(`wrote ${path}`);
  const failed = results.filter((r) => r.ingestRps / r.pingRps < FLOOR || !lossless(r));
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
