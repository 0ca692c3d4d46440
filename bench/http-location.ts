/**
 * End-to-end location checks over HTTP: requests per second for GET /v1/location/cells/{id} (the
 * default mechanism), cached (a set of busy cells, served from the URL index after the first request)
 * and uncached (distinct cells, each built once), against the empty route /v1/ping of the same server
 * in the same run. The server runs as a child process (`airlock serve --port 0`); wrk and autocannon
 * (see lib/load.ts) send what the SDK sends (gzip accepted, nothing else).
 *
 *   node --import tsx bench/http-location.ts [--connections 20] [--duration 10] [--cells 200]
 *     [--cold-cells 2000] [--generators wrk,autocannon]
 */
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cellAt, destination } from '@airlock/core';
import {
  type Generator,
  type LoadRequest,
  loadFor,
  meanOf,
  type RunSummary,
  runEachOnce,
  runLoad,
  runsTable,
} from './lib/load.ts';
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
    generators: { type: 'string', default: 'wrk,autocannon' },
  },
});
const GENERATORS = (args.generators as string).split(',') as Generator[];
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);

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
  const warmPaths: LoadRequest[] = [...cells].map((c) => ({ path: `/v1/location/cells/${c}` }));
  const coldPaths = [...cold].map((c) => `/v1/location/cells/${c}`);
  progress(`${warmPaths.length} cached cells, ${coldPaths.length} uncached cells`);

  const server = await spawnServer(args['data-dir']);
  progress(`server at ${server.url} after ${fmt(server.listeningMs / 1000)} s`);
  try {
    const probe = await fetch(`${server.url}${warmPaths[0].path}`);
    if (probe.status !== 200) throw new Error(`${warmPaths[0].path} answered ${probe.status}`);
    const headers = { 'accept-encoding': 'gzip' };
    const load = loadFor(server, CONNECTIONS, headers);
    const ping: LoadRequest[] = [{ path: '/v1/ping' }];
    progress('warm-up');
    for (const g of GENERATORS) {
      await runLoad(g, 'warm-up /v1/ping', load(ping, 3));
      await runLoad(g, 'warm-up cells', load(warmPaths, 3));
    }
    progress('uncached: each cell built once (autocannon)');
    const uncached = await runEachOnce('cells, uncached', server, CONNECTIONS, coldPaths, headers);
    const runs: Record<string, { cached: RunSummary[]; ping: RunSummary[] }> = {};
    for (let round = 1; round <= 2; round++) {
      for (const g of GENERATORS) {
        runs[g] ??= { cached: [], ping: [] };
        runs[g].cached.push(await runLoad(g, `cells, cached (round ${round})`, load(warmPaths, DURATION_S)));
        runs[g].ping.push(await runLoad(g, `/v1/ping (round ${round})`, load(ping, DURATION_S)));
      }
    }
    const all = Object.values(runs).flatMap((r) => [...r.cached, ...r.ping]);
    const ratios = Object.fromEntries(
      Object.entries(runs).map(([g, r]) => {
        const c = meanOf(r.cached);
        const p = meanOf(r.ping);
        return [
          g,
          {
            cached: c.rps / p.rps,
            uncached: uncached.rps / p.rps,
            cpu: { cell: c.serverCpuUs, ping: p.serverCpuUs },
          },
        ];
      }),
    );
    console.log(
      `## Location check (GET /v1/location/cells/{id}) vs the empty route (${CONNECTIONS} connections)\n`,
    );
    console.log(runsTable(all));
    console.log(
      `\nuncached (each cell built once, autocannon): ${fmt(uncached.rps, 0)} req/s, server ${fmt(uncached.serverCpuUs)} µs CPU/answer\n`,
    );
    console.log(
      markdownTable(
        ['generator', 'cached / ping, req/s', 'uncached / ping, req/s', 'server µs CPU: cached cell, ping'],
        Object.entries(ratios).map(([g, r]) => [
          g,
          `${fmt(100 * r.cached, 0)}%`,
          `${fmt(100 * r.uncached, 1)}%`,
          `${fmt(r.cpu.cell)}, ${fmt(r.cpu.ping)}`,
        ]),
      ),
    );
    writeResults('http-location', {
      params: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        cells: warmPaths.length,
        coldCells: coldPaths.length,
      },
      generators: GENERATORS,
      runs: { uncached, ...runs },
      ratios,
    });
    return uncached.errors + uncached.non2xx > 0 || all.some((r) => r.errors + r.non2xx > 0) ? 1 : 0;
  } finally {
    await server.stop();
  }
}

process.exitCode = await main();
