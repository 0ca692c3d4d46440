/**
 * Throughput of GET /v1/zones/tiles/{z}/{x}/{y} against the empty route GET /v1/ping of the same
 * server in the same run, the server in a child process (`airlock serve --port 0`). Two load
 * generators take turns (see lib/load.ts): wrk, which leaves the server as the bottleneck, and
 * autocannon (npm), which on these two shared cores is its own bottleneck for answers of a few KiB.
 * For both, the server's CPU time per answer is read from /proc.
 *
 *   node --import tsx bench/http-tiles.ts [--connections 20] [--duration 10] [--rounds 2]
 *     [--generators wrk,autocannon] [--tiles 200] [--cold-tiles 3000] [--data-dir <tmp>/airlock-bench-data]
 *
 * Warm: ~200 zoom 10–12 tiles with zones around the busiest airports, cycled for --duration seconds
 * (after the first request each is served from the response LRU). Cold: --cold-tiles other tiles,
 * each requested once, so every answer is built (index search + GeoJSON + JSON.stringify + ETag).
 */
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ZoneIndex } from '@airlock/core';
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
    generators: { type: 'string', default: 'wrk,autocannon' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
const GENERATORS = (args.generators as string).split(',') as Generator[];
const FLOOR = 0.7;

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

    // As a browser map would ask: answers are gzip.
    const headers = { 'accept-encoding': 'gzip, br' };
    const warmRequests: LoadRequest[] = warmTiles.map((t) => ({ path: tilePath(t) }));
    const pingRequests: LoadRequest[] = [{ path: '/v1/ping' }];
    const load = loadFor(server, CONNECTIONS, headers);
    progress('warm-up: 3 s of each route');
    for (const g of GENERATORS) {
      await runLoad(g, 'warm-up /v1/ping', load(pingRequests, 3));
      await runLoad(g, 'warm-up tiles', load(warmRequests, 3));
    }

    progress(`cold pass: ${coldTiles.length} distinct tiles, each requested once (autocannon)`);
    const cold = await runEachOnce(
      'tiles, cold (each built once)',
      server,
      CONNECTIONS,
      coldTiles.map(tilePath),
      headers,
    );
    const coldRepeats = cold.repeats;

    const runs: Record<string, { tiles: RunSummary[]; ping: RunSummary[] }> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const g of GENERATORS) {
        progress(`round ${round}/${ROUNDS}, ${g}: ${DURATION_S} s tiles, then ${DURATION_S} s /v1/ping`);
        runs[g] ??= { tiles: [], ping: [] };
        runs[g].tiles.push(await runLoad(g, `tiles, warm (round ${round})`, load(warmRequests, DURATION_S)));
        runs[g].ping.push(await runLoad(g, `/v1/ping (round ${round})`, load(pingRequests, DURATION_S)));
      }
    }

    const ratios = Object.fromEntries(
      Object.entries(runs).map(([g, r]) => {
        const t = meanOf(r.tiles);
        const p = meanOf(r.ping);
        return [
          g,
          {
            tilesRps: t.rps,
            pingRps: p.rps,
            rpsRatio: t.rps / p.rps,
            perRound: r.tiles.map((x, i) => x.rps / r.ping[i].rps),
            tileServerCpuUs: t.serverCpuUs,
            pingServerCpuUs: p.serverCpuUs,
            cpuRatio: p.serverCpuUs / t.serverCpuUs,
            tileGeneratorCpuUs: t.generatorCpuUs,
            pingGeneratorCpuUs: p.generatorCpuUs,
          },
        ];
      }),
    );
    const all = Object.values(runs).flatMap((r) => [...r.tiles, ...r.ping]);
    const failures = [cold, ...all].filter((r) => r.errors > 0 || r.non2xx > 0);
    const judged = ratios.wrk ?? Object.values(ratios)[0];

    console.log(`## GET /v1/zones/tiles vs the empty route GET /v1/ping (${CONNECTIONS} connections)\n`);
    console.log(runsTable(all));
    console.log();
    console.log(
      markdownTable(
        [
          'generator',
          'warm tiles / ping, req/s (per round)',
          'ping / tile, server CPU per answer',
          'floor 70% (req/s)',
        ],
        Object.entries(ratios).map(([g, r]) => [
          g,
          `${fmt(100 * r.rpsRatio)}% (${r.perRound.map((x) => `${fmt(100 * x)}%`).join(', ')})`,
          `${fmt(100 * r.cpuRatio)}% (${fmt(r.pingServerCpuUs)} / ${fmt(r.tileServerCpuUs)} µs)`,
          g === 'wrk' || Object.keys(ratios).length === 1
            ? r.rpsRatio >= FLOOR
              ? 'met'
              : 'BELOW FLOOR'
            : 'load-generator bound (see its µs/answer)',
        ]),
      ),
    );
    console.log();
    console.log(
      `Cold tiles (each built once, autocannon): ${fmt(cold.rps, 0)} req/s, server ${fmt(cold.serverCpuUs)} µs CPU/answer; informative.\n`,
    );
    console.log(
      `- Server: \`node packages/server/bin/airlock.js serve --port 0\` as a child process, embedded database, bundled airspace (${world.zones.length.toLocaleString('en-US')} zones), LOG_LEVEL=warn, default settings otherwise.`,
    );
    console.log(
      `- Warm: ${warmTiles.length} zoom 10–12 tiles, one per airport, around the top-ranked large airports, cycled with \`accept-encoding: gzip, br\`; after the first request of each, the answer comes from the URL index ahead of the router.`,
    );
    console.log(
      `- Cold: ${coldTiles.length} other tiles with zones (3×3 blocks at zooms 10–12 around the same airports), shuffled, each requested once (${coldRepeats} repeats).`,
    );
    console.log(
      `- Load generator and server share the machine's ${os.cpus().length} cores; the ratios are what count, req/s are indicative. The floor is judged on wrk, whose per-answer cost leaves the server as the bottleneck.`,
    );

    const file = writeResults('http-tiles', {
      params: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        rounds: ROUNDS,
        generators: GENERATORS,
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
      runs: { cold, ...runs },
      ratios,
      judged: {
        generator: ratios.wrk ? 'wrk' : Object.keys(ratios)[0],
        ratio: judged.rpsRatio,
        met: judged.rpsRatio >= FLOOR,
      },
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
