/**
 * Where ZoneIndex.near() spends its time on the zones-near-vs-postgis workload (same zones, same
 * seeded points). Not a bench (the leading _ keeps run-bench from running it):
 *
 *   node --import tsx bench/_profile-near.ts [--points 100000] [--radius 30000]
 *
 * 1. times every query and describes the slowest 1% (hits, candidates, polygon vertices touched);
 * 2. replays the same queries through a replica of near() built from core's exported primitives,
 *    timing each phase (tree search, exact checks by kind, result building and sorting);
 * 3. takes a V8 CPU profile of the slowest 1% and lists self time by function;
 * 4. checks the distances near() reports against the exact distance.
 */
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import {
  type BBox,
  growBBox,
  type PreparedPart,
  partDistance,
  prepareGeometry,
  splitAtAntimeridian,
  ZoneIndex,
} from '@airlock/core';
import Flatbush from 'flatbush';
import { randomLandPoints } from './lib/land-points.ts';
import { fmt, markdownTable, progress } from './lib/report.ts';
import { summarize } from './lib/stats.ts';
import { airportSites, loadWorldZones } from './lib/world-zones.ts';

const { values: args } = parseArgs({
  options: { points: { type: 'string', default: '100000' }, radius: { type: 'string', default: '30000' } },
});
const POINTS = Number(args.points);
const R = Number(args.radius);

const world = loadWorldZones();
const zones = world.zones;
const index = ZoneIndex.build(zones);
const points = randomLandPoints(POINTS, airportSites(zones), 42);
progress(`${zones.length} zones, ${POINTS} points`);

// The replica: the same entries and tree ZoneIndex.build makes.
interface Entry {
  zone: number;
  part: PreparedPart;
}
const entries: Entry[] = [];
const boxes: BBox[] = [];
zones.forEach((zone, zi) => {
  for (const volume of zone.volumes) {
    for (const part of prepareGeometry(volume.geometry)) {
      for (const box of splitAtAntimeridian(part.bbox)) {
        entries.push({ zone: zi, part });
        boxes.push(box);
      }
    }
  }
});
const tree = new Flatbush(boxes.length);
for (const b of boxes) tree.add(b[0], b[1], b[2], b[3]);
tree.finish();

// 1. Per-query times of the real near().
for (let i = 0; i < 20_000; i++) index.near(points.lon[i], points.lat[i], R);
const times = new Float64Array(POINTS);
const hits = new Uint32Array(POINTS);
for (let i = 0; i < POINTS; i++) {
  const t0 = performance.now();
  hits[i] = index.near(points.lon[i], points.lat[i], R).length;
  times[i] = performance.now() - t0;
}
const all = summarize(times);
const order = Array.from(times.keys()).sort((a, b) => times[a] - times[b]);
const slow = order.slice(Math.floor(POINTS * 0.99));
const fast = order.slice(0, Math.floor(POINTS * 0.5));

function describe(ids: number[]) {
  let cand = 0;
  let polyCand = 0;
  let polyVerts = 0;
  let polyHit = 0;
  let circleCand = 0;
  let h = 0;
  let t = 0;
  for (const i of ids) {
    t += times[i];
    h += hits[i];
    const found = new Set(index.near(points.lon[i], points.lat[i], R).map((x) => x.zone.id));
    for (const b of splitAtAntimeridian(
      growBBox([points.lon[i], points.lat[i], points.lon[i], points.lat[i]], R),
    )) {
      for (const id of tree.search(b[0], b[1], b[2], b[3])) {
        cand++;
        const p = entries[id].part;
        if (p.kind === 'circle') circleCand++;
        else {
          polyCand++;
          for (const v of p.vectors) polyVerts += v.length / 3;
          if (found.has(zones[entries[id].zone].id)) polyHit++;
        }
      }
    }
  }
  const n = ids.length;
  return [
    fmt((t / n) * 1000),
    fmt(h / n),
    fmt(cand / n),
    fmt(circleCand / n),
    fmt(polyCand / n),
    fmt(polyHit / n),
    fmt(polyVerts / n, 0),
  ];
}
console.log(
  `## near(${R} m) over ${POINTS} points: p50 ${fmt(all.p50 * 1000)} µs, p99 ${fmt(all.p99 * 1000)} µs, mean ${fmt(all.mean * 1000)} µs\n`,
);
console.log(
  markdownTable(
    [
      'queries',
      'mean µs',
      'zones found',
      'candidates',
      'circle cand.',
      'polygon cand.',
      'polygon cand. hit',
      'polygon vertices',
    ],
    [
      ['fastest 50%', ...describe(fast)],
      ['slowest 1%', ...describe(slow)],
      ['all', ...describe(order)],
    ],
  ),
);

// 2. Cumulative variants of a replica of near(), each doing one more step, timed over the same
// queries: the difference between neighbours is what that step costs (no timers inside the loop).
type Step = 'search' | 'exact' | 'build' | 'sort-by-distance' | 'sort';
const STEPS: Step[] = ['search', 'exact', 'build', 'sort-by-distance', 'sort'];
let sink = 0;
function replica(lon: number, lat: number, upTo: number): void {
  const bxs = splitAtAntimeridian(growBBox([lon, lat, lon, lat], R));
  const ids =
    bxs.length === 1
      ? tree.search(bxs[0][0], bxs[0][1], bxs[0][2], bxs[0][3])
      : bxs.flatMap((b) => tree.search(b[0], b[1], b[2], b[3]));
  if (upTo === 0) return void (sink += ids.length);
  const best = new Map<number, number>();
  for (const id of ids) {
    const e = entries[id];
    const known = best.get(e.zone);
    if (known === 0) continue;
    const d = partDistance(e.part, lon, lat); // near() wants the exact distance: no early stop
    if (d <= R && (known === undefined || d < known)) best.set(e.zone, d);
  }
  if (upTo === 1) return void (sink += best.size);
  const out: Array<{ zone: (typeof zones)[number]; distanceM: number }> = [];
  for (const [zi, d] of best) out.push({ zone: zones[zi], distanceM: d });
  if (upTo === 2) return void (sink += out.length);
  if (upTo === 3) out.sort((a, b) => a.distanceM - b.distanceM);
  else out.sort((a, b) => a.distanceM - b.distanceM || a.zone.id.localeCompare(b.zone.id));
  sink += out.length;
}
function timeSteps(ids: number[], reps: number): number[] {
  const perStep = STEPS.map(() => Number.POSITIVE_INFINITY);
  const nearTime = [Number.POSITIVE_INFINITY];
  for (let rep = 0; rep < reps; rep++) {
    for (let s = 0; s < STEPS.length; s++) {
      const t0 = performance.now();
      for (const i of ids) replica(points.lon[i], points.lat[i], s);
      perStep[s] = Math.min(perStep[s], (performance.now() - t0) / ids.length);
    }
    const t0 = performance.now();
    for (const i of ids) sink += index.near(points.lon[i], points.lat[i], R).length;
    nearTime[0] = Math.min(nearTime[0], (performance.now() - t0) / ids.length);
  }
  return [...perStep, nearTime[0]];
}
const stepAll = timeSteps(order, 3);
const stepSlow = timeSteps(slow, 10);
const stepRows = STEPS.map((name, s) => [
  name,
  fmt((stepAll[s] - (s ? stepAll[s - 1] : 0)) * 1000, 2),
  fmt((100 * (stepAll[s] - (s ? stepAll[s - 1] : 0))) / stepAll[STEPS.length - 1]),
  fmt((stepSlow[s] - (s ? stepSlow[s - 1] : 0)) * 1000, 1),
  fmt((100 * (stepSlow[s] - (s ? stepSlow[s - 1] : 0))) / stepSlow[STEPS.length - 1]),
]);
console.log(`\n### Replica of near(), cost of each step (best of several passes; µs per query)\n`);
console.log(
  markdownTable(
    ['step', 'all: µs', 'all: %', 'slowest 1%: µs', 'slowest 1%: %'],
    [
      ...stepRows,
      ['replica total', fmt(stepAll[4] * 1000, 2), '100', fmt(stepSlow[4] * 1000, 1), '100'],
      ['near() itself', fmt(stepAll[5] * 1000, 2), '', fmt(stepSlow[5] * 1000, 1), ''],
    ],
  ),
);
console.log(
  '\nsearch = grow the box + flatbush search; exact = partDistance per candidate + Map of best per zone;',
);
console.log(
  'build = the NearbyZone objects; sort-by-distance = sorting by distance alone; sort = the id tie-break (localeCompare) on top.',
);

// 3. CPU profile of the slowest 1%, repeated.
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
for (let rep = 0; rep < 20; rep++) for (const i of slow) index.near(points.lon[i], points.lat[i], R);
const { profile } = await session.post('Profiler.stop');
session.disconnect();
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
let totalSamples = 0;
for (let s = 0; s < (profile.samples ?? []).length; s++) {
  const node = byId.get((profile.samples ?? [])[s]);
  if (!node) continue;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[s] ?? 0));
  totalSamples += dt[s] ?? 0;
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
console.log(`\n### CPU profile of the slowest 1% (${slow.length} queries × 20), self time\n`);
console.log(
  markdownTable(
    ['function', 'self %'],
    top.map(([k, v]) => [`\`${k}\``, fmt((100 * v) / totalSamples)]),
  ),
);

// 4. Are the reported distances exact?
let inexact = 0;
let worst = 0;
let checked = 0;
for (let i = 0; i < POINTS; i += 10) {
  for (const h of index.near(points.lon[i], points.lat[i], R)) {
    let exact = Number.POSITIVE_INFINITY;
    for (const v of h.zone.volumes)
      for (const p of prepareGeometry(v.geometry))
        exact = Math.min(exact, partDistance(p, points.lon[i], points.lat[i]));
    checked++;
    const err = h.distanceM - exact;
    if (err > 1) inexact++;
    worst = Math.max(worst, err);
  }
}
console.log(
  `\nReported distanceM vs exact nearest distance: ${inexact} of ${checked} hits off by more than 1 m (worst ${fmt(worst)} m).`,
);
