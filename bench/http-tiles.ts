/**
 * Throughput of GET /v1/zones/tiles/{z}/{x}/{y} against the empty route GET /v1/ping of the same
 * server in the same run, with autocannon as the load generator and the server in a child process
 * (`airlock serve --port 0`), so the two do not share an event loop.
 *
 *   node --import tsx bench/http-tiles.ts [--connections 20] [--duration 10] [--rounds 2]
 *     [--tiles 200] [--cold-tiles 3000] [--data-dir <tmp>/airlock-bench-data]
 *
 * Warm: ~200 zoom 10–12 tiles with zones around the busiest airports, cycled for --duration seconds
 * (after the first request each is served from the response LRU). Cold: --cold-tiles other tiles,
 * each requested once, so every answer is built (index search + GeoJSON + JSON.stringify + ETag).
 */
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ZoneIndex } from '@airlock/core';
import autocannon, { type Result } from 'autocannon';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';
import { seededRandom, shuffledIndices } from './lib/stats.ts';
import { rankAirports, type Tile, tilePath, tilesAround } from './lib/tiles.ts';
import { airportSites, loadWorldZones } from './lib/world-zones.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    tiles: { type: 'string', default: '200' },
    'cold-tiles': { type: 'string', default: '3000' },
    'data-dir': { type: 'string', default: join(os.tmpdir(), 'airlock-bench-data') },
    workers: { type: 'string', default: '0' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
// Load-generator threads: one thread parsing ~6 KiB answers becomes the bottleneck before the server does.
const WORKERS = Number(args.workers);
const FLOOR = 0.7;

interface RunSummary {
  name: string;
  requests: number;
  durationS: number;
  rps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  bytesPerResponse: number;
  errors: number;
  non2xx: number;
}

function summarizeRun(name: string, r: Result): RunSummary {
  const s: RunSummary = {
    name,
    requests: r.requests.total,
    durationS: r.duration,
    rps: r.requests.total / r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMeanMs: r.latency.average,
    bytesPerResponse: r.requests.total ? r.throughput.total / r.requests.total : 0,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
  progress(
    `  ${name}: ${fmt(s.rps, 0)} req/s, p50 ${s.latencyP50Ms} ms, p99 ${s.latencyP99Ms} ms, ${fmt(s.bytesPerResponse / 1024)} KiB/response, ${s.errors} errors, ${s.non2xx} non-2xx`,
  );
  return s;
}

async function main(): Promise<number> {
  // Tiles: picked from the same dataset the server loads, checked to contain zones.
  progress('loading the world zones to pick tiles');
  const world = loadWorldZones();
  const index = ZoneIndex.build(world.zones);
  const airports = rankAirports(airportSites(world.zones));
  const warmTiles = tilesAround(airports, index, Number(args.tiles), 0);
  const coldPick = tilesAround(
    airports,
    index,
    Number(args['cold-tiles']),
    1,
    new Set(warmTiles.map(tilePath)),
  );
  const coldTiles: Tile[] = Array.from(shuffledIndices(coldPick.length, seededRandom(7)), (i) => coldPick[i]);
  const zonesPerTile = (ts: Tile[]) =>
    ts.reduce((n, t) => n + index.inTile(t.z, t.x, t.y).length, 0) / ts.length;
  progress(
    `${warmTiles.length} warm tiles (${fmt(zonesPerTile(warmTiles))} zones each) around the ${airports.length > 200 ? 'top' : ''} airports; ${coldTiles.length} cold tiles (${fmt(zonesPerTile(coldTiles))} zones each)`,
  );

  progress(`starting the server (data dir ${args['data-dir']}; the first run imports the bundled airspace)`);
  const server = await spawnServer(args['data-dir']);
  progress(`server at ${server.url} after ${fmt(server.listeningMs / 1000)} s`);
  try {
    const check = await fetch(`${server.url}${tilePath(warmTiles[0])}`);
    const body = (await check.json()) as { features?: unknown[] };
    if (check.status !== 200 || !body.features?.length) {
      throw new Error(
        `tile ${tilePath(warmTiles[0])} answered ${check.status} with ${body.features?.length ?? 0} features`,
      );
    }
    const ping = await fetch(`${server.url}/v1/ping`);
    if (ping.status !== 200) throw new Error(`/v1/ping answered ${ping.status}`);

    // As a browser map would ask; the server may answer uncompressed (it does today).
    const base = {
      url: server.url,
      connections: CONNECTIONS,
      ...(WORKERS > 0 ? { workers: WORKERS } : {}),
      headers: { 'accept-encoding': 'gzip, br' },
    };
    const warmRequests = warmTiles.map((t) => ({ path: tilePath(t) }));
    const pingRequests = [{ path: '/v1/ping' }];
    progress('warm-up: 3 s of each route');
    await autocannon({ ...base, duration: 3, requests: pingRequests });
    await autocannon({ ...base, duration: 3, requests: warmRequests });

    progress(`cold pass: ${coldTiles.length} distinct tiles, each requested once`);
    let next = 0;
    const cold = summarizeRun(
      'tiles, cold (each built once)',
      await autocannon({
        ...base,
        amount: coldTiles.length - CONNECTIONS,
        requests: [
          {
            setupRequest: (req) => ({ ...req, path: tilePath(coldTiles[next++ % coldTiles.length]) }),
          },
        ],
      }),
    );
    const coldRepeats = Math.max(0, next - coldTiles.length);

    const tileRuns: RunSummary[] = [];
    const pingRuns: RunSummary[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      progress(
        `round ${round}/${ROUNDS}: ${DURATION_S} s tiles, then ${DURATION_S} s /v1/ping, ${CONNECTIONS} connections`,
      );
      tileRuns.push(
        summarizeRun(
          `tiles, warm (round ${round})`,
          await autocannon({ ...base, duration: DURATION_S, requests: warmRequests }),
        ),
      );
      pingRuns.push(
        summarizeRun(
          `/v1/ping (round ${round})`,
          await autocannon({ ...base, duration: DURATION_S, requests: pingRequests }),
        ),
      );
    }

    const mean = (runs: RunSummary[]) => runs.reduce((n, r) => n + r.rps, 0) / runs.length;
    const tilesRps = mean(tileRuns);
    const pingRps = mean(pingRuns);
    const ratio = tilesRps / pingRps;
    const coldRatio = cold.rps / pingRps;
    const roundRatios = tileRuns.map((t, i) => t.rps / pingRuns[i].rps);
    const failures = [cold, ...tileRuns, ...pingRuns].filter((r) => r.errors > 0 || r.non2xx > 0);

    console.log(
      `## GET /v1/zones/tiles vs the empty route /v1/ping (${CONNECTIONS} connections, autocannon)\n`,
    );
    console.log(
      markdownTable(
        ['run', 'requests', 'req/s', 'latency p50 ms', 'latency p99 ms', 'KiB/response', 'errors + non-2xx'],
        [...[cold, ...tileRuns, ...pingRuns]].map((r) => [
          r.name,
          r.requests.toLocaleString('en-US'),
          fmt(r.rps, 0),
          fmt(r.latencyP50Ms, 0),
          fmt(r.latencyP99Ms, 0),
          fmt(r.bytesPerResponse / 1024, 2),
          r.errors + r.non2xx,
        ]),
      ),
    );
    console.log();
    console.log(
      markdownTable(
        ['ratio', 'value', 'floor 70%'],
        [
          [
            'warm tiles / ping (mean req/s of the rounds)',
            `${fmt(100 * ratio)}%`,
            ratio >= FLOOR ? 'met' : 'BELOW FLOOR',
          ],
          ['warm tiles / ping, per round', roundRatios.map((r) => `${fmt(100 * r)}%`).join(', '), ''],
          ['cold tiles / ping', `${fmt(100 * coldRatio)}%`, 'informative (every answer built)'],
        ],
      ),
    );
    console.log();
    console.log(
      `- Server: \`node packages/server/bin/airlock.js serve --port 0\` as a child process, embedded database, bundled airspace (${world.zones.length.toLocaleString('en-US')} zones), LOG_LEVEL=warn, default settings otherwise (dataset poll every 30 s).`,
    );
    console.log(
      `- Warm: ${warmTiles.length} zoom 10–12 tiles, one per airport, around the top-ranked large airports, cycled; after the first round every answer comes from the response LRU (5,000 entries).`,
    );
    console.log(
      `- Cold: ${coldTiles.length} other tiles with zones (3×3 blocks at zooms 10–12 around the same airports), shuffled, each requested once (${coldRepeats} repeats).`,
    );
    console.log(
      `- Load generator and server share the machine's ${os.cpus().length} cores; the ratio is what counts, req/s are indicative.`,
    );

    const file = writeResults('http-tiles', {
      params: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        rounds: ROUNDS,
        dataDir: args['data-dir'],
      },
      server: { url: server.url, listeningMs: server.listeningMs },
      tiles: {
        warm: warmTiles.length,
        cold: coldTiles.length,
        coldRepeats,
        warmZonesPerTile: zonesPerTile(warmTiles),
        coldZonesPerTile: zonesPerTile(coldTiles),
      },
      runs: { cold, tiles: tileRuns, ping: pingRuns },
      rps: { tilesWarm: tilesRps, tilesCold: cold.rps, ping: pingRps },
      ratio: { warm: ratio, warmPerRound: roundRatios, cold: coldRatio },
      floor: FLOOR,
    });
    progress(`wrote ${file}`);
    if (failures.length > 0) {
      progress(`FAIL: errors or non-2xx answers in ${failures.map((f) => f.name).join(', ')}`);
      return 1;
    }
    return 0;
  } finally {
    const code = await server.stop();
    progress(`server stopped (exit ${code})`);
    const logs = server.stderr().trim();
    if (logs) progress(`server log (warn and above):\n${logs}`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`http-tiles failed: ${e.message}\n`);
    process.exitCode = 2;
  },
);
