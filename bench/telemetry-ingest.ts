/**
 * Telemetry ingest throughput: POST /v1/telemetry/app_performance with 20 events per report, against
 * the same server's empty route in the same run, on the embedded database (PGlite) and on PostgreSQL.
 * The empty route for a request with a body is POST /v1/ping with the same bodies (received, never
 * read); GET /v1/ping is measured beside it. The server runs as a child process (`airlock serve
 * --port 0`); wrk and autocannon take turns loading it (see lib/load.ts).
 *
 *   node --import tsx bench/telemetry-ingest.ts [--connections 20] [--duration 10] [--rounds 3]
 *     [--backends pglite,postgres] [--generators wrk,autocannon]
 *     [--pg-url postgres://postgres@127.0.0.1:5432/test]
 *
 * PostgreSQL runs use a database of their own, airlock_bench, created and dropped around the run.
 * `nats`: the embedded database with NATS_URL (the machine's nats-server, --nats-url): each report is
 * stored by JetStream before its 202 and aggregated from the stream; compared with `pglite` (the
 * journal) in the same run — issue #16's floor is ingest via NATS ≥ 50% of direct on one server.
 * After the runs, the accepted reports are checked against the aggregates (nothing lost in batching).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  type Generator,
  type LoadRequest,
  loadFor,
  meanOf,
  type RunSummary,
  runLoad,
  runsTable,
} from './lib/load.ts';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';
import { reportBodies } from './lib/telemetry-reports.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    backends: { type: 'string', default: 'pglite,postgres,nats' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'nats-url': { type: 'string', default: 'nats://127.0.0.1:4222' },
    generators: { type: 'string', default: 'wrk,autocannon' },
  },
});
const GENERATORS = (args.generators as string).split(',') as Generator[];
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
// Issue #9: with every report in the journal (write(2), or fdatasync with AIRLOCK_TELEMETRY_FSYNC) before its 202, ingest must keep ≥ 40% of the empty route.
const FLOOR = 0.4;
const TOKEN = 'bench-operator-token-0123456789';
const BENCH_DB = 'airlock_bench';

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
  const stream = `AIRLOCK_BENCH_${process.pid}`;
  if (backend === 'nats')
    Object.assign(env, { NATS_URL: args['nats-url'] as string, AIRLOCK_NATS_STREAM: stream });
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
    const ingest: LoadRequest[] = bodies.map((body) => ({
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
    const load = loadFor(server, CONNECTIONS);
    const getPing: LoadRequest[] = [{ path: '/v1/ping' }];
    // The empty route for requests with a body: the same reports POSTed to /v1/ping, received and
    // answered 200 without being read. What a report costs before any telemetry code runs.
    const postPing: LoadRequest[] = ingest.map((r) => ({ ...r, path: '/v1/ping' }));
    // Answers: the 2xx each generator saw complete; at most `inFlight` more may have reached the server
    // when a run stopped. Aggregated must lie between the two.
    let accepted = 1;
    let inFlight = 0;
    const count = (r: RunSummary) => {
      accepted += r.requests - r.non2xx;
      inFlight += CONNECTIONS;
      return r;
    };
    progress(`[${backend}] warm-up: 3 s of each route`);
    for (const g of GENERATORS) {
      await runLoad(g, 'warm-up GET /v1/ping', load(getPing, 3));
      count(await runLoad(g, 'warm-up ingest', load(ingest, 3)));
    }
    const runs: Record<string, { ingest: RunSummary[]; getPing: RunSummary[]; postPing: RunSummary[] }> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const g of GENERATORS) {
        progress(
          `[${backend}] round ${round}/${ROUNDS}, ${g}: ${DURATION_S} s each of ingest, GET /v1/ping, POST /v1/ping`,
        );
        runs[g] ??= { ingest: [], getPing: [], postPing: [] };
        runs[g].ingest.push(
          count(await runLoad(g, `${backend}: ingest (round ${round})`, load(ingest, DURATION_S))),
        );
        runs[g].getPing.push(
          await runLoad(g, `${backend}: GET /v1/ping (round ${round})`, load(getPing, DURATION_S)),
        );
        runs[g].postPing.push(
          await runLoad(
            g,
            `${backend}: POST /v1/ping, same bodies (round ${round})`,
            load(postPing, DURATION_S),
          ),
        );
      }
    }
    // Every accepted report must be in the aggregates (the stats route flushes first; through NATS
    // the aggregator adds them after their 202, so wait until it caught up or stopped moving).
    const readCounted = async () => {
      const stats = (await (
        await fetch(`${server.url}/v1/admin/stats/telemetry?category=app_performance`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).json()) as { counters: Array<{ dimension: string; reports: number }> };
      return stats.counters.find((c) => c.dimension === 'report')?.reports ?? 0;
    };
    let counted = await readCounted();
    for (let i = 0, last = -1; backend === 'nats' && counted < accepted && counted !== last && i < 60; i++) {
      last = counted;
      await new Promise((r) => setTimeout(r, 2000));
      counted = await readCounted();
    }
    const ratios = Object.fromEntries(
      Object.entries(runs).map(([g, r]) => {
        const i = meanOf(r.ingest);
        const gp = meanOf(r.getPing);
        const pp = meanOf(r.postPing);
        return [
          g,
          {
            ingestRps: i.rps,
            getPingRps: gp.rps,
            postPingRps: pp.rps,
            vsPost: i.rps / pp.rps,
            vsGet: i.rps / gp.rps,
            vsPostPerRound: r.ingest.map((x, k) => x.rps / r.postPing[k].rps),
            serverCpuUs: { ingest: i.serverCpuUs, getPing: gp.serverCpuUs, postPing: pp.serverCpuUs },
            generatorCpuUs: { ingest: i.generatorCpuUs, getPing: gp.generatorCpuUs },
          },
        ];
      }),
    );
    return { backend, runs, ratios, accepted, sent: accepted + inFlight, counted };
  } finally {
    const code = await server.stop();
    if (code !== 0) progress(`[${backend}] server exited with ${code}:\n${server.stderr()}`);
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'nats') {
      const messages = await deleteStream(args['nats-url'] as string, stream);
      progress(`[nats] JetStream stored ${messages.toLocaleString('en-US')} messages for the run's reports`);
    }
    if (backend === 'postgres') await withAdmin(pgUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`));
  }
}

/** Deletes the run's stream; resolves to how many messages it ever stored (reports travel batched). */
async function deleteStream(url: string, name: string): Promise<number> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  const stored = (await jsm.streams.info(name).catch(() => null))?.state.last_seq ?? 0;
  await jsm.streams.delete(name).catch(() => {});
  await nc.close();
  return stored;
}

const lossless = (r: { accepted: number; counted: number; sent: number }) =>
  r.accepted <= r.counted && r.counted <= r.sent;

async function main(): Promise<number> {
  const bodies = reportBodies();
  const meanBytes = bodies.reduce((n, b) => n + b.length, 0) / bodies.length;
  const results = [];
  for (const backend of (args.backends as string).split(','))
    results.push(await benchBackend(backend, bodies));

  console.log(`## Telemetry ingest vs the empty route (${CONNECTIONS} connections, 20 events per report)\n`);
  console.log(
    runsTable(
      results.flatMap((r) =>
        Object.values(r.runs).flatMap((x) => [...x.ingest, ...x.getPing, ...x.postPing]),
      ),
    ),
  );
  console.log();
  console.log(
    markdownTable(
      [
        'database',
        'generator',
        'ingest reports/s',
        'events/s',
        'ingest / POST /v1/ping (per round)',
        'floor 40%',
        'ingest / GET /v1/ping',
        'server µs CPU: ingest, POST ping, GET ping',
        'aggregated (2xx seen ≤ n ≤ sent)',
      ],
      results.flatMap((r) =>
        Object.entries(r.ratios).map(([g, x]) => [
          r.backend,
          g,
          fmt(x.ingestRps, 0),
          fmt(x.ingestRps * 20, 0),
          `${fmt(100 * x.vsPost)}% (${x.vsPostPerRound.map((v) => `${fmt(100 * v)}%`).join(', ')})`,
          x.vsPost >= FLOOR ? 'met' : 'BELOW FLOOR',
          `${fmt(100 * x.vsGet)}%`,
          `${fmt(x.serverCpuUs.ingest)}, ${fmt(x.serverCpuUs.postPing)}, ${fmt(x.serverCpuUs.getPing)}`,
          `${lossless(r) ? 'all' : 'LOST'}: ${r.counted.toLocaleString('en-US')} (${r.accepted.toLocaleString('en-US')} ≤ n ≤ ${r.sent.toLocaleString('en-US')})`,
        ]),
      ),
    ),
  );
  const direct = results.find((r) => r.backend === 'pglite');
  const viaNats = results.find((r) => r.backend === 'nats');
  if (direct && viaNats) {
    console.log(
      `\nIngest via NATS JetStream / direct (journal), one server, same run: ${Object.keys(viaNats.ratios)
        .map((g) => `${g} ${fmt((100 * viaNats.ratios[g].ingestRps) / direct.ratios[g].ingestRps)}%`)
        .join(', ')} (floor 50%).`,
    );
    // The backends run one after the other, so load that changes between them moves the ratio above;
    // each against its own server's POST /v1/ping, measured beside it, cancels most of that drift.
    console.log(
      `Each against its own POST /v1/ping (drift between the two phases cancelled): ${Object.keys(
        viaNats.ratios,
      )
        .map((g) => `${g} ${fmt((100 * viaNats.ratios[g].vsPost) / direct.ratios[g].vsPost)}%`)
        .join(', ')}.`,
    );
  }
  console.log(
    `\n- Reports: 64 distinct bodies (4 app versions, 8 devices, features, timings, one error in five events), mean ${fmt(meanBytes / 1024, 2)} KiB, cycled; each is read, parsed, validated against the registry, its error stacks re-scrubbed, and appended to the journal (group commit; written with write(2), fdatasync only with AIRLOCK_TELEMETRY_FSYNC=true) before its 202, then added to in-memory aggregates flushed every 1 s with multi-row upserts.`,
  );
  console.log(
    '- The empty route for a POST is POST /v1/ping with the same bodies: received, answered 200, never read. GET /v1/ping (no body) is shown beside it: the gap between the two is what receiving 1.7 KiB costs.',
  );
  console.log(
    '- Server: `airlock serve --port 0` as a child process, LOG_LEVEL=warn, no bundled airspace (not used here). Generators: see bench/lib/load.ts.',
  );
  // Runs at another concurrency, or of other backends than the default, keep their own file beside it.
  const backends = args.backends as string;
  const name = `telemetry-ingest${CONNECTIONS === 20 ? '' : `-c${CONNECTIONS}`}${backends === 'pglite,postgres,nats' ? '' : `-${backends.replaceAll(',', '-')}`}`;
  const path = writeResults(name, {
    params: {
      connections: CONNECTIONS,
      durationS: DURATION_S,
      rounds: ROUNDS,
      eventsPerReport: 20,
      meanBodyBytes: meanBytes,
    },
    floor: FLOOR,
    generators: GENERATORS,
    results,
  });
  progress(`wrote ${path}`);
  // Wrong answers fail the bench; a missed floor is reported in the table.
  const failed = results.filter(
    (r) =>
      !lossless(r) ||
      Object.values(r.runs).some((x) =>
        [...x.ingest, ...x.getPing, ...x.postPing].some((y) => y.errors > 0 || y.non2xx > 0),
      ),
  );
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
