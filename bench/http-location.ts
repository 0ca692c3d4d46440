/**
 * End-to-end location checks over HTTP: requests per second for GET /v1/location/cells/{id} (the
 * default mechanism), cached (a set of busy cells, served from the response LRU after the first
 * request) and uncached (distinct cells, each built once), against the empty route /v1/ping of the same
 * server in the same run. The server runs as a child process (`airlock serve --port 0`); autocannon
 * sends what the SDK sends (gzip accepted, nothing else).
 *
 *   node --import tsx bench/http-location.ts [--connections 20] [--duration 10] [--cells 200] [--cold-cells 2000]
 */
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cellAt, destination } from '@airlock/core';
import autocannon, { type Result } from 'autocannon';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';
import { seededRandom } from './lib/stats.ts';
import { airportSites, loadWorldZones } from './lib/world-zones.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    cells: { type: 'string', default: '200' },
    'cold-cells': { type: 'string', default: '2000' },
    'data-dir': { type: 'string', default: join(os.tmpdir(), 'airlock-bench-data') },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);

interface Run {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  kib: number;
  bad: number;
}

function summarize(name: string, r: Result): Run {
  const run = {
    name,
    requests: r.requests.total,
    rps: r.requests.total / (r.duration || 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    kib: r.requests.total ? r.throughput.total / r.requests.total / 1024 : 0,
    bad: r.errors + r.timeouts + r.non2xx,
  };
  progress(
    `  ${name}: ${fmt(run.rps, 0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${fmt(run.kib, 2)} KiB`,
  );
  return run;
}

async function main(): Promise<number> {
  progress('picking cells around airports from the bundled world zones');
  const world = loadWorldZones();
  const sites = airportSites(world.zones);
  const random = seededRandom(11);
  const cells = new Set<string>();
  const cold = new Set<string>();
  while (cells.size < Number(args.cells)) {
    const s = sites[Math.floor(random() * sites.length)];
    cells.add(cellAt(s.lon, s.lat));
  }
  while (cold.size < Number(args['cold-cells'])) {
    const s = sites[Math.floor(random() * sites.length)];
    const [lon, lat] = destination(s.lon, s.lat, random() * 40_000, random() * 360);
    const c = cellAt(lon, lat);
    if (!cells.has(c)) cold.add(c);
  }
  const warmPaths = [...cells].map((c) => ({ path: `/v1/location/cells/${c}` }));
  const coldPaths = [...cold].map((c) => `/v1/location/cells/${c}`);
  progress(`${warmPaths.length} cached cells, ${coldPaths.length} uncached cells`);

  const server = await spawnServer(args['data-dir']);
  progress(`server at ${server.url} after ${fmt(server.listeningMs / 1000)} s`);
  try {
    const probe = await fetch(`${server.url}${warmPaths[0].path}`);
    if (probe.status !== 200) throw new Error(`${warmPaths[0].path} answered ${probe.status}`);
    const base = { url: server.url, connections: CONNECTIONS, headers: { 'accept-encoding': 'gzip' } };
    const ping = [{ path: '/v1/ping' }];
    progress('warm-up');
    await autocannon({ ...base, duration: 3, requests: ping });
    await autocannon({ ...base, duration: 3, requests: warmPaths });
    progress('uncached: each cell built once');
    let next = 0;
    const uncached = summarize(
      'cells, uncached (each built once)',
      await autocannon({
        ...base,
        amount: coldPaths.length - CONNECTIONS,
        requests: [{ setupRequest: (req) => ({ ...req, path: coldPaths[next++ % coldPaths.length] }) }],
      }),
    );
    const cached: Run[] = [];
    const empty: Run[] = [];
    for (let round = 1; round <= 2; round++) {
      cached.push(
        summarize(
          `cells, cached (round ${round})`,
          await autocannon({ ...base, duration: DURATION_S, requests: warmPaths }),
        ),
      );
      empty.push(
        summarize(
          `/v1/ping (round ${round})`,
          await autocannon({ ...base, duration: DURATION_S, requests: ping }),
        ),
      );
    }
    const mean = (rs: Run[]) => rs.reduce((n, r) => n + r.rps, 0) / rs.length;
    const pingRps = mean(empty);
    const all = [uncached, ...cached, ...empty];
    console.log(
      `## Location check (GET /v1/location/cells/{id}) vs the empty route (${CONNECTIONS} connections)\n`,
    );
    console.log(
      markdownTable(
        ['run', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'KiB/response', 'errors'],
        all.map((r) => [r.name, r.requests, fmt(r.rps, 0), r.p50, r.p99, fmt(r.kib, 2), r.bad]),
      ),
    );
    console.log(
      `\ncached: ${fmt((100 * mean(cached)) / pingRps, 0)}% of the empty route; uncached: ${fmt((100 * uncached.rps) / pingRps, 0)}%`,
    );
    writeResults('http-location', {
      params: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        cells: warmPaths.length,
        coldCells: coldPaths.length,
      },
      runs: all,
      ratios: { cached: mean(cached) / pingRps, uncached: uncached.rps / pingRps },
    });
    return all.some((r) => r.bad > 0) ? 1 : 0;
  } finally {
    await server.stop();
  }
}

process.exitCode = await main();
