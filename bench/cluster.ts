/**
 * Scale-out (issue #16): telemetry ingest and tile throughput through haproxy with 1, 2 and 3
 * `airlock serve` processes on one PostgreSQL database and one NATS JetStream, against one server,
 * in the same run. Telemetry goes through NATS (each report stored by JetStream before its 202, and
 * aggregated by every server's aggregator); tiles are the warm tiles of an imported dataset.
 *
 *   node --import tsx bench/cluster.ts [--connections 32] [--duration 8] [--rounds 2] [--servers 3]
 *
 * Each round starts the servers one by one (1, then 2, then 3 behind a fresh haproxy) and stops all
 * but the first at its end, so a server count is measured once per round and drift hits every count.
 * Only the servers in rotation run: an idle one would still aggregate from the stream. PostgreSQL is
 * the machine's (a database of the run's own, dropped after it), NATS a private nats-server, haproxy
 * Debian's (the e2e/cluster helpers). After the runs every report answered 202 must be counted once.
 * On a 2-core machine the servers, nats-server, PostgreSQL, haproxy and wrk share the same two cores:
 * one server's event loop keeps at most one core busy, a second can use the other, a third only takes
 * turns; the table says what a second and a third process bring or cost on this machine, not what
 * more machines would.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { logSummary, streamDrained } from '../e2e/cluster/testing/cluster-probes.ts';
import { freshDatabase } from '../e2e/cluster/testing/fresh-database.ts';
import { startHaproxy } from '../e2e/cluster/testing/haproxy.ts';
import { startPrivateNats } from '../e2e/cluster/testing/private-nats.ts';
import { tileOf } from '../e2e/cluster/testing/traffic.ts';
import { type LoadRequest, processCpuSeconds, type RunSummary, runLoad } from './lib/load.ts';
import { fmt, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';
import { type ServerChild, spawnServer } from './lib/server-process.ts';
import { reportBodies } from './lib/telemetry-reports.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    servers: { type: 'string', default: '3' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
const MAX_SERVERS = Number(args.servers);
const TOKEN = `bench-cluster-${randomBytes(8).toString('hex')}`;
const STREAM = `AIRLOCK_BENCH_CLUSTER_${process.pid}`;
const KSGU = { lon: -113.51, lat: 37.036 };
const AIRSPACE = join(REPO_DIR, '..', 'shared', 'data', 'airspace', 'openair', 'ksgu-airspaces.txt');

interface Cell {
  servers: number;
  round: number;
  ingest: RunSummary & { serversCpuUs: number };
  tiles: RunSummary & { serversCpuUs: number };
}

/** The 3×3 tiles around St George's airport at zooms 8–12: 45 tiles, each with zones. */
function tileRequests(): LoadRequest[] {
  const out: LoadRequest[] = [];
  for (let z = 8; z <= 12; z++) {
    const c = tileOf(KSGU.lon, KSGU.lat, z);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        out.push({
          path: `/v1/zones/tiles/${z}/${c.x + dx}/${c.y + dy}`,
          headers: { 'accept-encoding': 'gzip' },
        });
  }
  return out;
}

async function main(): Promise<number> {
  const root = mkdtempSync(join(os.tmpdir(), 'airlock-bench-cluster-'));
  const db = await freshDatabase();
  const nats = await startPrivateNats(join(root, 'nats'));
  progress(`database ${new URL(db.url).pathname.slice(1)}, nats-server ${nats.url}, stream ${STREAM}`);
  const env = {
    DATABASE_URL: db.url,
    AIRLOCK_MASTER_KEY: randomBytes(32).toString('base64'),
    NATS_URL: nats.url,
    AIRLOCK_NATS_STREAM: STREAM,
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    AIRLOCK_ADMIN_TOKEN: TOKEN,
    AIRLOCK_STATS_MIN_GROUP: '1',
  };
  const running: ServerChild[] = [];
  const logs: string[] = [];
  const startServer = async (i: number) => {
    const dir = join(root, `s${i + 1}-${Date.now()}`);
    mkdirSync(dir);
    running.push(await spawnServer(dir, { env }));
  };
  const stopServer = async () => {
    const s = running.pop();
    if (!s) return;
    const code = await s.stop();
    logs.push(...logSummary(s.stderr()));
    if (code !== 0) throw new Error(`a server exited with ${code}:\n${s.stderr()}`);
  };
  const cells: Cell[] = [];
  let accepted = 0;
  let sent = 0;
  try {
    await startServer(0);
    const imported = await fetch(`${running[0].url}/v1/admin/datasets/ksgu?format=openair`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: readFileSync(AIRSPACE),
    });
    if (imported.status !== 200)
      throw new Error(`import answered ${imported.status}: ${await imported.text()}`);
    const bodies = reportBodies();
    const ingest: LoadRequest[] = bodies.map((body) => ({
      method: 'POST',
      path: '/v1/telemetry/app_performance',
      headers: { 'content-type': 'application/json' },
      body,
    }));
    const tiles = tileRequests();
    for (let round = 1; round <= ROUNDS; round++) {
      for (let n = 1; n <= MAX_SERVERS; n++) {
        while (running.length < n) await startServer(running.length);
        const lb = await startHaproxy(
          root,
          running.map((s) => Number(new URL(s.url).port)),
        );
        try {
          const measure = async (name: string, requests: LoadRequest[], durationS: number) => {
            const pids = running.map((s) => s.child.pid ?? 0);
            const cpu0 = pids.reduce((t, p) => t + processCpuSeconds(p), 0);
            const r = await runLoad('wrk', `${n} server${n > 1 ? 's' : ''}: ${name} (round ${round})`, {
              url: lb.url,
              connections: CONNECTIONS,
              durationS,
              requests,
            });
            const cpu1 = pids.reduce((t, p) => t + processCpuSeconds(p), 0);
            if (requests === ingest) {
              accepted += r.requests - r.non2xx;
              sent += r.requests + CONNECTIONS; // at most one request per connection in flight at the end
            }
            return { ...r, serversCpuUs: ((cpu1 - cpu0) * 1e6) / r.requests };
          };
          progress(`round ${round}/${ROUNDS}: ${n} server(s) behind haproxy; warm-up 2 s each`);
          await measure('warm-up ingest', ingest, 2);
          await measure('warm-up tiles', tiles, 2);
          const i = await measure('ingest via NATS', ingest, DURATION_S);
          const t = await measure('tiles', tiles, DURATION_S);
          cells.push({ servers: n, round, ingest: i, tiles: t });
        } finally {
          await lb.stop();
        }
      }
      if (round < ROUNDS) while (running.length > 1) await stopServer();
    }
    progress('waiting for the aggregators to drain the stream');
    await streamDrained(nats.url, STREAM, 120_000);
    const stats = await fetch(`${running[0].url}/v1/admin/stats/telemetry?category=app_performance`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { counters } = (await stats.json()) as { counters: Array<{ dimension: string; reports: number }> };
    const counted = counters.find((c) => c.dimension === 'report')?.reports ?? 0;
    while (running.length > 0) await stopServer();
    return report(cells, { accepted, sent, counted }, logs);
  } finally {
    while (running.length > 0) await running.pop()?.stop();
    await nats.stop();
    await db.drop().catch((e) => progress(`database not dropped: ${(e as Error).message}`));
    rmSync(root, { recursive: true, force: true });
  }
}

function report(cells: Cell[], reports: { accepted: number; sent: number; counted: number }, logs: string[]) {
  const counts = [...new Set(cells.map((c) => c.servers))];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const by = counts.map((n) => {
    const of = cells.filter((c) => c.servers === n);
    return {
      servers: n,
      ingestRps: mean(of.map((c) => c.ingest.rps)),
      ingestPerRound: of.map((c) => c.ingest.rps),
      ingestCpuUs: mean(of.map((c) => c.ingest.serversCpuUs)),
      ingestP99Ms: mean(of.map((c) => c.ingest.latencyP99Ms)),
      tilesRps: mean(of.map((c) => c.tiles.rps)),
      tilesPerRound: of.map((c) => c.tiles.rps),
      tilesCpuUs: mean(of.map((c) => c.tiles.serversCpuUs)),
      tilesP99Ms: mean(of.map((c) => c.tiles.latencyP99Ms)),
    };
  });
  const one = by[0];
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `## Cluster: ingest (through NATS JetStream) and tiles through haproxy, by server count (${CONNECTIONS} connections, wrk; load average ${load.join(', ')}; ${os.cpus().length} cores)\n`,
  );
  console.log(
    markdownTable(
      [
        'servers',
        'ingest reports/s (per round)',
        'ingest vs one',
        'ingest µs CPU/report, all servers',
        'ingest p99 ms',
        'tiles req/s (per round)',
        'tiles vs one',
        'tiles µs CPU/answer, all servers',
        'tiles p99 ms',
      ],
      by.map((b) => [
        b.servers,
        `${fmt(b.ingestRps, 0)} (${b.ingestPerRound.map((x) => fmt(x, 0)).join(', ')})`,
        `${fmt(b.ingestRps / one.ingestRps, 2)}x`,
        fmt(b.ingestCpuUs),
        fmt(b.ingestP99Ms),
        `${fmt(b.tilesRps, 0)} (${b.tilesPerRound.map((x) => fmt(x, 0)).join(', ')})`,
        `${fmt(b.tilesRps / one.tilesRps, 2)}x`,
        fmt(b.tilesCpuUs),
        fmt(b.tilesP99Ms),
      ]),
    ),
  );
  const lossless = reports.accepted <= reports.counted && reports.counted <= reports.sent;
  console.log(
    `\nReports: ${reports.accepted.toLocaleString('en-US')} answered 202, ${reports.counted.toLocaleString('en-US')} counted after the stream drained (at most ${reports.sent.toLocaleString('en-US')} sent): ${lossless ? 'none lost, none twice' : 'WRONG'}.`,
  );
  const failures = cells.flatMap((c) => [c.ingest, c.tiles]).filter((r) => r.errors > 0 || r.non2xx > 0);
  for (const f of failures) console.log(`- ${f.name}: ${f.errors} errors, ${f.non2xx} non-2xx`);
  if (logs.length) console.log(`\nServer warnings and errors: ${logs.join('; ')}`);
  console.log(
    `\n- Every process (the servers, nats-server, PostgreSQL, haproxy, wrk) shares this machine's ${os.cpus().length} cores: one server's event loop can keep one core busy, a second server can use another, beyond that servers only take turns; these ratios say what the cluster gives and costs here, not how it scales on more machines.`,
  );
  const path = writeResults('cluster', {
    params: { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, servers: MAX_SERVERS },
    byServers: by,
    cells,
    reports: { ...reports, lossless },
    serverLogs: logs,
  });
  progress(`wrote ${path}`);
  return lossless && failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
