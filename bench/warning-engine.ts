/**
 * The on-device warning engine at 10 Hz: 500 zones (circles and airport-like polygons of 20–100
 * vertices, with altitude, temporary and scheduled zones among them; about 30 % of the area covered,
 * overlaps counted) in a ~60 km area, and a drone flying a realistic track from zone to zone, through
 * and past them, for 20,000 updates. Reports the time per update (median, p99, max) and updates per
 * second, against a baseline that calls core's assessPosition every update.
 * Run: npx tsx bench/warning-engine.ts [--updates 20000] [--seed 1]. Markdown on stdout, JSON in
 * bench/results/warning-engine.json. Seeded: the same zones and track on every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  assessPosition,
  bearingDeg,
  destination,
  distanceM,
  type Position,
  type RandomSource,
  seededRandom,
  type Zone,
  type ZoneCategory,
  type ZoneGeometry,
  ZoneIndex,
} from '@airlock/core';
import { testZone } from '@airlock/core/testing';
import { createWarningEngine, type FlightState, type WarningReport } from '../packages/sdk/src/index.ts';

const { values } = parseArgs({
  options: { updates: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' } },
});
const UPDATES = Number(values.updates);
const SEED = Number(values.seed);
const CENTRE: [number, number] = [8.55, 47.4];
const AREA_RADIUS_M = 30_000;
const HZ = 10;
const T0 = Date.parse('2026-11-24T09:00:00Z');

function makeZone(
  id: string,
  geometry: ZoneGeometry,
  category: ZoneCategory,
  extra: Partial<Zone> = {},
): Zone {
  return testZone(id, geometry, { category, source: 'bench', licence: 'CC0', dataset: 'bench', ...extra });
}

/** An airport zone shaped like the runway: a stadium around it, `vertices` points in all. */
function airportRing(random: RandomSource, centre: [number, number], vertices: number): Position[] {
  const heading = random() * 180;
  const halfRunway = 400 + random() * 1200;
  const buffer = 300 + random() * 600;
  const ends = [
    destination(centre[0], centre[1], halfRunway, heading),
    destination(centre[0], centre[1], halfRunway, heading + 180),
  ];
  const perCap = Math.floor(vertices / 2);
  const ring: Position[] = [];
  for (let cap = 0; cap < 2; cap++) {
    const [lon, lat] = ends[cap];
    const from = heading - 90 + cap * 180;
    for (let k = 0; k < perCap; k++)
      ring.push(destination(lon, lat, buffer, from + (180 * k) / (perCap - 1)));
  }
  ring.push(ring[0]);
  return ring;
}

function buildZones(random: RandomSource): Zone[] {
  const zones: Zone[] = [];
  const spot = (): [number, number] =>
    destination(CENTRE[0], CENTRE[1], AREA_RADIUS_M * Math.sqrt(random()), 360 * random());
  const categories: ZoneCategory[] = ['restricted', 'authorization', 'enhanced_warning', 'warning'];
  for (let i = 0; i < 100; i++) {
    const vertices = 20 + Math.floor(random() * 81);
    const geometry: ZoneGeometry = { type: 'Polygon', coordinates: [airportRing(random, spot(), vertices)] };
    zones.push(makeZone(`airport-${i}`, geometry, categories[i % 3]));
  }
  for (let i = 0; i < 400; i++) {
    const geometry: ZoneGeometry = { type: 'Circle', center: spot(), radius_m: 100 + 1400 * random() ** 2 };
    if (i < 40) {
      const z = makeZone(`altitude-${i}`, geometry, 'altitude');
      z.volumes[0].upper = { value: 60 + Math.floor(random() * 4) * 20, unit: 'm', reference: 'AGL' };
      zones.push(z);
    } else if (i < 70) {
      const start = new Date(T0 + (random() * 4 - 1) * 3600_000).toISOString();
      const end = new Date(Date.parse(start) + 2 * 3600_000).toISOString();
      zones.push(
        makeZone(`tfr-${i}`, geometry, 'temporary', { applicability: [{ permanent: false, start, end }] }),
      );
    } else if (i < 90) {
      const schedule = [
        {
          days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI')[],
          startTime: '09:30',
          endTime: '17:00',
        },
      ];
      zones.push(
        makeZone(`scheduled-${i}`, geometry, 'restricted', {
          applicability: [{ permanent: false, schedule }],
        }),
      );
    } else {
      zones.push(makeZone(`zone-${i}`, geometry, categories[i % 4]));
    }
  }
  return zones;
}

/**
 * A pilot's flight: waypoint to waypoint (each a zone centre 1.5–5 km on, so the track crosses and
 * skirts zones), cruising at 8–16 m/s with a turn rate of at most 30°/s, climbing and descending
 * between 20 and 140 m, GPS jitter of a metre. One state per 100 ms.
 */
function buildTrack(random: RandomSource, zones: Zone[], count: number): FlightState[] {
  const centres = zones.map((z) => {
    const g = z.volumes[0].geometry;
    return g.type === 'Circle' ? g.center : (g.coordinates[0][0] as [number, number]);
  });
  let [lon, lat] = CENTRE;
  let heading = 0;
  let speed = 12;
  let alt = 50;
  let target = CENTRE;
  const states: FlightState[] = [];
  for (let i = 0; i < count; i++) {
    if (distanceM(lon, lat, target[0], target[1]) < 60 || i === 0) {
      const options = centres.filter((c) => {
        const d = distanceM(lon, lat, c[0], c[1]);
        return d > 1500 && d < 5000 && distanceM(CENTRE[0], CENTRE[1], c[0], c[1]) < AREA_RADIUS_M - 3000;
      });
      target = options[Math.floor(random() * options.length)] ?? CENTRE;
    }
    const want = bearingDeg(lon, lat, target[0], target[1]);
    const turn = ((want - heading + 540) % 360) - 180;
    heading = (heading + Math.max(-3, Math.min(3, turn)) + 360) % 360;
    speed = Math.max(8, Math.min(16, speed + (random() - 0.5) * 0.4));
    alt = Math.max(20, Math.min(140, alt + (random() - 0.5) * 1.5));
    [lon, lat] = destination(lon, lat, speed / HZ, heading);
    const [jLon, jLat] = destination(lon, lat, random(), 360 * random());
    const rad = (heading * Math.PI) / 180;
    states.push({
      lon: jLon,
      lat: jLat,
      altAglM: alt,
      velocity: { east: speed * Math.sin(rad), north: speed * Math.cos(rad) },
      time: new Date(T0 + (i * 1000) / HZ),
    });
  }
  return states;
}

function stats(samples: Float64Array): { medianUs: number; p99Us: number; maxUs: number; meanUs: number } {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 1000;
  const mean = (sorted.reduce((a, b) => a + b, 0) / sorted.length) * 1000;
  return { medianUs: at(0.5), p99Us: at(0.99), maxUs: sorted[sorted.length - 1] * 1000, meanUs: mean };
}

interface Run {
  times: Float64Array;
  horizons: Float64Array;
  totalMs: number;
  inside: number;
  approaching: number;
  entered: Set<string>;
  status: Record<WarningReport['status'], number>;
}

/** One pass over the track with a fresh engine. Reports are summarised at once, not kept: keeping
 * 20,000 of them would make the bench's own garbage collection show up in the engine's tail. */
function runEngine(index: ZoneIndex, track: FlightState[]): Run {
  const engine = createWarningEngine();
  const run: Run = {
    times: new Float64Array(track.length),
    horizons: new Float64Array(track.length),
    totalMs: 0,
    inside: 0,
    approaching: 0,
    entered: new Set(),
    status: { ok: 0, warning: 0, blocked: 0, unknown: 0 },
  };
  const started = performance.now();
  for (let i = 0; i < track.length; i++) {
    const t = performance.now();
    const report = engine.update(index, track[i]);
    run.times[i] = performance.now() - t;
    run.horizons[i] = report.horizonM;
    run.status[report.status]++;
    if (report.inside.length > 0) run.inside++;
    if (report.approaching.length > 0) run.approaching++;
    for (const z of report.inside) run.entered.add(z.zone.id);
  }
  run.totalMs = performance.now() - started;
  return run;
}

const random = seededRandom(SEED);
const zones = buildZones(random);
const index = ZoneIndex.build(zones);
const track = buildTrack(random, zones, UPDATES);
const polygonVertices = zones
  .map((z) => z.volumes[0].geometry)
  .filter((g) => g.type === 'Polygon')
  .map((g) => g.coordinates[0].length - 1);

process.stderr.write('cold run (fresh process, JIT warming up)...\n');
const cold = runEngine(index, track);
process.stderr.write('warm runs (fresh engine each)...\n');
const warmRuns = [runEngine(index, track), runEngine(index, track), runEngine(index, track)];
const warm = warmRuns.sort((a, b) => stats(a.times).medianUs - stats(b.times).medianUs)[1]; // the middle one

// Baseline: core's assessPosition over the same horizon, every update (a subset: it is slow).
const baselineCount = Math.min(2000, track.length);
const baselineTimes = new Float64Array(baselineCount);
for (let i = 0; i < baselineCount; i++) {
  const s = track[i];
  const t = performance.now();
  assessPosition(index, {
    lon: s.lon,
    lat: s.lat,
    altAglM: s.altAglM,
    radiusM: warm.horizons[i],
    at: s.time,
  });
  baselineTimes[i] = performance.now() - t;
}

const trackKm =
  track.slice(1).reduce((sum, s, i) => sum + distanceM(track[i].lon, track[i].lat, s.lon, s.lat), 0) / 1000;
const w = stats(warm.times);
const c = stats(cold.times);
const b = stats(baselineTimes);
const result = {
  command: `npx tsx bench/warning-engine.ts --updates ${UPDATES} --seed ${SEED}`,
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    // Other processes on the machine preempt the bench now and then: they make `maxUs`, not the engine.
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  },
  zones: {
    total: zones.length,
    circles: zones.filter((z) => z.volumes[0].geometry.type === 'Circle').length,
    polygons: polygonVertices.length,
    polygonVertices: { min: Math.min(...polygonVertices), max: Math.max(...polygonVertices) },
    areaDiameterKm: (2 * AREA_RADIUS_M) / 1000,
  },
  track: {
    updates: track.length,
    hz: HZ,
    km: Math.round(trackKm * 10) / 10,
    updatesInsideAZone: warm.inside,
    updatesApproaching: warm.approaching,
    zonesEntered: warm.entered.size,
    status: warm.status,
  },
  warm: { ...round(w), updatesPerS: Math.round(track.length / (warm.totalMs / 1000)) },
  cold: { ...round(c), updatesPerS: Math.round(track.length / (cold.totalMs / 1000)) },
  baselineAssessPosition: { updates: baselineCount, ...round(b) },
};

function round(s: ReturnType<typeof stats>) {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { medianUs: r(s.medianUs), p99Us: r(s.p99Us), maxUs: r(s.maxUs), meanUs: r(s.meanUs) };
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/warning-engine.json', import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(`# Warning engine: ${zones.length} zones, ${track.length} updates at ${HZ} Hz\n`);
console.log(
  `${result.zones.circles} circles, ${result.zones.polygons} airport polygons (${result.zones.polygonVertices.min}–${result.zones.polygonVertices.max} vertices) in a ${result.zones.areaDiameterKm} km area; ` +
    `track ${result.track.km} km, inside a zone on ${result.track.updatesInsideAZone} updates (${warm.entered.size} zones entered), approaching on ${result.track.updatesApproaching}.\n`,
);
console.log('| run | median µs | p99 µs | max µs | updates/s |');
console.log('|---|---:|---:|---:|---:|');
console.log(
  `| engine, warm | ${result.warm.medianUs} | ${result.warm.p99Us} | ${result.warm.maxUs} | ${result.warm.updatesPerS} |`,
);
console.log(
  `| engine, cold (first run) | ${result.cold.medianUs} | ${result.cold.p99Us} | ${result.cold.maxUs} | ${result.cold.updatesPerS} |`,
);
console.log(
  `| baseline: assessPosition per update | ${result.baselineAssessPosition.medianUs} | ${result.baselineAssessPosition.p99Us} | ${result.baselineAssessPosition.maxUs} | ${Math.round(1e6 / result.baselineAssessPosition.meanUs)} |`,
);
