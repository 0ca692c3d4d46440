/**
 * Zones within 30 km of 100,000 random land points over the world dataset: per-query latency of the
 * in-process ZoneIndex.near() (exact distances, sorted) and ZoneIndex.within() (the same zones, yes/no,
 * like ST_DWithin) against PostGIS ST_DWithin on the same shapes, side by side in one run, plus a
 * check that all three return the same zone ids.
 *
 *   node --import tsx bench/zones-near-vs-postgis.ts [--points 100000] [--pg-points auto|N]
 *     [--radius 30000] [--circles point|ring] [--seed 42] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 */
import { parseArgs } from 'node:util';
import { type NearbyZone, partDistance, prepareGeometry, type Zone, ZoneIndex } from '@airlock/core';
import pg from 'pg';
import { randomLandPoints } from './lib/land-points.ts';
import {
  type CircleMode,
  ensurePostgis,
  loadZones,
  nearQuerySql,
  postgisZoneDistance,
} from './lib/postgis.ts';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { type LatencySummary, seededRandom, shuffledIndices, summarize } from './lib/stats.ts';
import { airportSites, loadWorldZones } from './lib/world-zones.ts';

const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '100000' },
    'pg-points': { type: 'string', default: 'auto' },
    'pg-budget-s': { type: 'string', default: '150' },
    radius: { type: 'string', default: '30000' },
    circles: { type: 'string', default: 'point' },
    seed: { type: 'string', default: '42' },
    'pg-url': {
      type: 'string',
      default: process.env.AIRLOCK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const POINTS = Number(args.points);
const RADIUS_M = Number(args.radius);
const SEED = Number(args.seed);
const PG_BUDGET_S = Number(args['pg-budget-s']);
const CIRCLES = args.circles as CircleMode;
if (CIRCLES !== 'point' && CIRCLES !== 'ring')
  throw new Error(`--circles must be point or ring, got ${CIRCLES}`);
const RING_CHORD_ERROR_M = 5;
const FLOOR = 20;
const TARGET = 50;
const SCHEMA = `bench_zones_near_${process.pid}`;

/** The in-process methods measured, each giving the ids of the zones within R. */
const METHODS = {
  near: {
    label: 'ZoneIndex.near (exact distances, sorted)',
    run: (index: ZoneIndex, lon: number, lat: number) => index.near(lon, lat, RADIUS_M),
    ids: (found: unknown[]) => (found as NearbyZone[]).map((h) => h.zone.id),
  },
  within: {
    label: 'ZoneIndex.within (yes/no per zone)',
    run: (index: ZoneIndex, lon: number, lat: number) => index.within(lon, lat, RADIUS_M),
    ids: (found: unknown[]) => (found as Zone[]).map((z) => z.id),
  },
} as const;
type MethodName = keyof typeof METHODS;

/** Times each call of one method over all points; keeps the zone ids of the points in `keep`. */
function timeIndex(
  method: MethodName,
  index: ZoneIndex,
  lon: Float64Array,
  lat: Float64Array,
  keep: Map<number, string[]> | null,
): { times: Float64Array; hits: number } {
  const { run, ids } = METHODS[method];
  const times = new Float64Array(lon.length);
  let hits = 0;
  for (let i = 0; i < lon.length; i++) {
    const t0 = performance.now();
    const found = run(index, lon[i], lat[i]);
    times[i] = performance.now() - t0;
    hits += found.length;
    if (keep?.has(i)) keep.set(i, ids(found));
  }
  return { times, hits };
}

function ourZoneDistance(zone: Zone, lon: number, lat: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const v of zone.volumes)
    for (const part of prepareGeometry(v.geometry)) best = Math.min(best, partDistance(part, lon, lat));
  return best;
}

async function main(): Promise<number> {
  progress(`loading the world zones`);
  const world = loadWorldZones();
  progress(`${world.zones.length} zones from ${world.source} in ${fmt(world.importMs / 1000)} s`);
  let t = performance.now();
  const index = ZoneIndex.build(world.zones);
  const buildMs = performance.now() - t;
  progress(`ZoneIndex.build: ${fmt(buildMs)} ms`);

  const sites = airportSites(world.zones);
  t = performance.now();
  const points = randomLandPoints(POINTS, sites, SEED);
  progress(
    `${POINTS} land points (seed ${SEED}; ${points.drawn} drawn, half within 50 km of ${sites.length} airports) in ${fmt((performance.now() - t) / 1000)} s`,
  );

  // PostgreSQL first: fail early when it is not there, before the long index passes.
  const client = new pg.Client({ connectionString: args['pg-url'] });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`cannot connect to PostgreSQL at ${args['pg-url']}: ${(e as Error).message}`);
  }
  let schemaCreated = false;
  const dropSchema = async () => {
    if (!schemaCreated) return;
    schemaCreated = false;
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    progress(`dropped schema ${SCHEMA}`);
  };
  const onSignal = () => {
    dropSchema()
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const postgisVersion = await ensurePostgis(client);
    progress(`PostGIS: ${postgisVersion.split(' ').slice(0, 2).join(' ')}`);
    await client.query(`CREATE SCHEMA ${SCHEMA}`);
    schemaCreated = true;
    t = performance.now();
    const loaded = await loadZones(client, SCHEMA, world.zones, CIRCLES, RING_CHORD_ERROR_M);
    const loadMs = performance.now() - t;
    progress(`PostGIS load + GiST + ANALYZE: ${fmt(loadMs / 1000)} s`);

    // The PostGIS points: a seeded random subset (all of them when they fit in the time budget).
    const order = shuffledIndices(POINTS, seededRandom(SEED + 1));
    const sql = nearQuerySql(SCHEMA, CIRCLES);
    const queryAt = (i: number) => ({
      name: 'zones_near',
      text: sql,
      values:
        CIRCLES === 'point'
          ? [points.lon[i], points.lat[i], RADIUS_M, loaded.maxCircleRadiusM]
          : [points.lon[i], points.lat[i], RADIUS_M],
      rowMode: 'array' as const,
    });
    progress('PostGIS warm-up: 2,000 queries');
    const warm: number[] = [];
    for (let k = 0; k < 2000; k++) {
      const i = order[POINTS - 1 - k];
      const t0 = performance.now();
      await client.query(queryAt(i));
      warm.push(performance.now() - t0);
    }
    const warmMean = summarize(warm).mean;
    let pgPoints: number;
    if (args['pg-points'] === 'auto') {
      const fit = Math.floor((PG_BUDGET_S * 1000) / warmMean);
      pgPoints =
        fit >= POINTS ? POINTS : Math.min(POINTS, Math.max(10_000, Math.floor(fit / 10_000) * 10_000));
      progress(
        `PostGIS warm-up mean ${fmt(warmMean, 3)} ms/query → ${pgPoints} points fit the ${PG_BUDGET_S} s budget`,
      );
    } else pgPoints = Math.min(POINTS, Number(args['pg-points']));
    const subset = order.subarray(0, pgPoints);

    // A loopback round trip with no work: how much of each PostGIS query is the wire.
    const rtt: number[] = [];
    for (let k = 0; k < 3000; k++) {
      const t0 = performance.now();
      await client.query({ name: 'rtt', text: 'SELECT $1::int AS x', values: [k], rowMode: 'array' });
      if (k >= 1000) rtt.push(performance.now() - t0);
    }

    // Ours, first pass (with warm-up), keeping the ids of the PostGIS subset for the comparison.
    const names = Object.keys(METHODS) as MethodName[];
    const keep = new Map(
      names.map((m) => [m, new Map<number, string[]>(Array.from(subset, (i) => [i, []]))]),
    );
    const passes = new Map(names.map((m) => [m, [] as Array<{ times: Float64Array; hits: number }>]));
    const runPasses = (label: string) => {
      for (const m of names) {
        progress(`ZoneIndex.${m}: warm-up 20,000 queries, then ${POINTS} timed (${label})`);
        timeIndex(m, index, points.lon.subarray(0, 20_000), points.lat.subarray(0, 20_000), null);
        passes
          .get(m)
          ?.push(
            timeIndex(m, index, points.lon, points.lat, label === 'pass 1' ? (keep.get(m) ?? null) : null),
          );
      }
    };
    runPasses('pass 1');

    progress(`PostGIS ST_DWithin: ${pgPoints} queries, one connection, prepared statement`);
    const pgTimes = new Float64Array(pgPoints);
    const pgIds = new Map<number, string[]>();
    let pgHits = 0;
    t = performance.now();
    for (let k = 0; k < pgPoints; k++) {
      const i = subset[k];
      const t0 = performance.now();
      const r = await client.query(queryAt(i));
      pgTimes[k] = performance.now() - t0;
      pgHits += r.rows.length;
      pgIds.set(
        i,
        r.rows.map((row: unknown[]) => row[0] as string),
      );
      if (k > 0 && k % 10_000 === 0) progress(`  ${k} queries, ${fmt((performance.now() - t) / 1000)} s`);
    }
    const pgWallS = (performance.now() - t) / 1000;

    runPasses('pass 2, after PostGIS');

    // Correctness: same zone ids for every point PostGIS answered.
    progress('comparing zone ids');
    const byId = new Map(world.zones.map((z) => [z.id, z]));
    const tolerance = CIRCLES === 'ring' ? RING_CHORD_ERROR_M + 1 : 1;
    let disagreements = 0;
    let explained = 0;
    let pointsDiffering = 0;
    const unexplained: Array<Record<string, unknown>> = [];
    const boundary: Array<Record<string, unknown>> = [];
    for (const [method, i] of names.flatMap((m) => Array.from(subset, (i) => [m, i] as const))) {
      const ours = new Set(keep.get(method)?.get(i));
      const theirs = new Set(pgIds.get(i));
      const onlyOurs = [...ours].filter((id) => !theirs.has(id));
      const onlyTheirs = [...theirs].filter((id) => !ours.has(id));
      if (onlyOurs.length + onlyTheirs.length === 0) continue;
      pointsDiffering++;
      for (const [id, side] of [
        ...onlyOurs.map((id) => [id, `only ZoneIndex.${method}`] as const),
        ...onlyTheirs.map((id) => [id, 'only PostGIS'] as const),
      ]) {
        disagreements++;
        const zone = byId.get(id);
        const oursM = zone ? ourZoneDistance(zone, points.lon[i], points.lat[i]) : Number.NaN;
        const theirsM = await postgisZoneDistance(client, SCHEMA, id, points.lon[i], points.lat[i]);
        const atEdge = Math.abs(oursM - RADIUS_M) <= tolerance && Math.abs(theirsM - RADIUS_M) <= tolerance;
        const row = {
          point: [points.lon[i], points.lat[i]],
          zone: id,
          side,
          ourDistanceM: oursM,
          postgisDistanceM: theirsM,
        };
        if (atEdge) {
          explained++;
          if (boundary.length < 10) boundary.push(row);
        } else if (unexplained.length < 20) unexplained.push(row);
      }
    }
    const unexplainedCount = disagreements - explained;
    progress(
      `${disagreements} disagreements over ${pointsDiffering} (method, point) pairs; ${explained} within ${tolerance} m of ${RADIUS_M} m`,
    );
    for (const u of unexplained) progress(`  unexplained: ${JSON.stringify(u)}`);

    // How PostgreSQL runs it, for the record (one of the densest points).
    let densest = subset[0];
    for (const i of subset) if ((pgIds.get(i)?.length ?? 0) > (pgIds.get(densest)?.length ?? 0)) densest = i;
    const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, queryAt(densest).values)).rows.map(
      (r: { 'QUERY PLAN': string }) => r['QUERY PLAN'],
    );
    progress(`plan for the densest point (${pgIds.get(densest)?.length} zones):\n    ${plan.join('\n    ')}`);

    await dropSchema();

    const pgSummary = summarize(pgTimes);
    const rttSummary = summarize(rtt);
    const ours = Object.fromEntries(
      names.map((m) => {
        const [p1, p2] = passes.get(m) ?? [];
        const both = new Float64Array(POINTS * 2);
        both.set(p1.times, 0);
        both.set(p2.times, POINTS);
        const all = summarize(both);
        return [
          m,
          {
            all,
            pass1: summarize(p1.times),
            pass2: summarize(p2.times),
            onPostgisSubset: summarize(Array.from(subset, (i) => p1.times[i])),
            zonesPerQuery: p1.hits / POINTS,
            ratio: {
              p50: pgSummary.p50 / all.p50,
              p99: pgSummary.p99 / all.p99,
              mean: pgSummary.mean / all.mean,
            },
          },
        ];
      }),
    ) as Record<
      MethodName,
      {
        all: LatencySummary;
        pass1: LatencySummary;
        pass2: LatencySummary;
        onPostgisSubset: LatencySummary;
        zonesPerQuery: number;
        ratio: { p50: number; p99: number; mean: number };
      }
    >;
    const verdict = (x: number) => (x >= TARGET ? 'target met' : x >= FLOOR ? 'floor met' : 'BELOW FLOOR');
    const us = (ms: number) => fmt(ms * 1000, 1);
    const row = (name: string, s: LatencySummary, hits: number) => [
      name,
      s.count.toLocaleString('en-US'),
      us(s.p50),
      us(s.p99),
      us(s.mean),
      fmt(hits, 2),
    ];

    const subsetNote =
      pgPoints < POINTS
        ? `PostGIS ran on a seeded random subset of ${pgPoints.toLocaleString('en-US')} of the ${POINTS.toLocaleString('en-US')} points (${args['pg-points'] === 'auto' ? `all of them would not fit the ${PG_BUDGET_S} s budget` : '--pg-points'}); ZoneIndex ran on all of them.`
        : 'PostGIS and ZoneIndex both ran on every point.';
    console.log(
      `## Zones within ${RADIUS_M / 1000} km of ${POINTS.toLocaleString('en-US')} random land points\n`,
    );
    console.log(
      markdownTable(
        ['engine', 'queries', 'p50 µs', 'p99 µs', 'mean µs', 'zones/query'],
        [
          ...names.flatMap((m) => [
            row(`${METHODS[m].label}, 2 passes`, ours[m].all, ours[m].zonesPerQuery),
            ...(pgPoints < POINTS
              ? [row(`${METHODS[m].label}, PostGIS subset`, ours[m].onPostgisSubset, pgHits / pgPoints)]
              : []),
          ]),
          row('PostGIS ST_DWithin (loopback, 1 connection)', pgSummary, pgHits / pgPoints),
          row('PostgreSQL `SELECT $1` round trip', rttSummary, 1),
        ],
      ),
    );
    console.log();
    console.log(
      markdownTable(
        ['ratio PostGIS / ZoneIndex', 'p50', 'p99', 'mean', 'floor 20x / target 50x (p50, p99)'],
        names.map((m) => [
          METHODS[m].label,
          `${fmt(ours[m].ratio.p50)}x`,
          `${fmt(ours[m].ratio.p99)}x`,
          `${fmt(ours[m].ratio.mean)}x`,
          `${verdict(ours[m].ratio.p50)}, ${verdict(ours[m].ratio.p99)}`,
        ]),
      ),
    );
    console.log();
    console.log(
      `- ${world.zones.length.toLocaleString('en-US')} zones (${source(world.source)}); PostGIS rows: ${loaded.polygonRows} polygons (${loaded.vertices} vertices), ${loaded.circleRows} circles (${CIRCLES === 'point' ? 'centre + radius: distance to centre ≤ R + radius, the exact circle' : `circleRing polygons, chord error ≤ ${RING_CHORD_ERROR_M} m`}).`,
    );
    console.log(
      `- Both sides on the sphere: ZoneIndex great-circle distances on R = 6,371,008.8 m; ST_DWithin(..., use_spheroid => false) (PostGIS sphere, mean radius of WGS 84).`,
    );
    console.log(`- ${subsetNote}`);
    console.log(
      `- Correctness on the ${pgPoints.toLocaleString('en-US')} shared points, both methods: ${disagreements} zone-id disagreements (${explained} within ${tolerance} m of the ${RADIUS_M / 1000} km boundary on both sides, ${unexplainedCount} unexplained).`,
    );
    console.log(
      `- PostGIS wall time ${fmt(pgWallS)} s; ZoneIndex.build ${fmt(buildMs)} ms; PostGIS load+index ${fmt(loadMs / 1000)} s. Times per query are performance.now() around each call (ZoneIndex) or each awaited client.query (PostGIS); ZoneIndex timed twice per point, before and after the PostGIS run.`,
    );

    const file = writeResults('zones-near-vs-postgis', {
      params: {
        points: POINTS,
        pgPoints,
        radiusM: RADIUS_M,
        seed: SEED,
        circles: CIRCLES,
        pgUrl: args['pg-url'],
      },
      dataset: {
        zones: world.zones.length,
        source: world.source,
        importMs: world.importMs,
        postgisRows: loaded,
      },
      postgisVersion,
      unit: 'ms per query',
      zoneIndex: { buildMs, ...ours },
      postgis: { ...pgSummary, wallS: pgWallS, loadMs, zonesPerQuery: pgHits / pgPoints },
      roundTrip: rttSummary,
      floor: FLOOR,
      target: TARGET,
      correctness: {
        comparedPoints: pgPoints,
        pointsDiffering,
        disagreements,
        explainedAtBoundary: explained,
        unexplained: unexplainedCount,
        toleranceM: tolerance,
        boundaryExamples: boundary,
        unexplainedExamples: unexplained,
      },
      plan,
    });
    progress(`wrote ${file}`);
    if (unexplainedCount > 0) {
      progress(
        `FAIL: ${unexplainedCount} disagreements between ZoneIndex and PostGIS are not boundary cases`,
      );
      return 1;
    }
    return 0;
  } finally {
    await dropSchema().catch((e) => progress(`could not drop schema ${SCHEMA}: ${(e as Error).message}`));
    await client.end();
  }
}

function source(path: string): string {
  return path.includes('/data/ourairports/') ? 'bundled snapshot' : `OurAirports dump ${path}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`zones-near-vs-postgis failed: ${e.message}\n`);
    process.exitCode = 2;
  },
);
