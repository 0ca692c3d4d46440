/**
 * How much a server that links every location check of one device learns about where it is, per
 * privacy mechanism and number of checks; and, for moving pilots (bench/lib/moving-pilots.ts), per
 * mechanism with and without a relay, and tile zone packs. Run: npx tsx bench/location-privacy-attack.ts [--points 100]
 * [--checks 10000] [--seed 1]. Markdown on stdout, JSON in bench/results/location-privacy-attack.json,
 * progress on stderr. Seeded throughout (the product uses secureRandom), so runs are reproducible.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { distanceM } from '../packages/core/src/geo/index.ts';
import {
  estimateByAverage,
  estimateByEnclosingCircle,
  reportedPoint,
} from '../packages/core/src/location-privacy/attacks/index.ts';
import {
  CELL_PATH_PREFIX,
  cellAt,
  cellCentre,
  DEFAULT_LOOKAHEAD_M,
  locationRequests,
  MECHANISMS,
  type Mechanism,
  type RandomSource,
  seededRandom,
} from '../packages/core/src/location-privacy/index.ts';
import {
  type Mode,
  makeTrack,
  type Scheme,
  scoreAttacks,
  type Track,
  tileCentreError,
} from './lib/moving-pilots.ts';

type LonLat = [number, number];
type Attack = 'average' | 'enclosingCircle' | 'cellCentre';
const ATTACKS: Attack[] = ['average', 'enclosingCircle', 'cellCentre'];
const ATTACK_LABEL: Record<Attack, string> = {
  average: 'average',
  enclosingCircle: 'enclosing circle',
  cellCentre: 'cell centre',
};

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '100' },
    checks: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    // Moving pilots: tracks per mode, and the crowds one relay mixes.
    tracks: { type: 'string', default: '200' },
  },
});
const pointCount = Number(values.points);
const checkCount = Number(values.checks);
const seed = Number(values.seed);
if (!(Number.isInteger(pointCount) && pointCount >= 1 && Number.isInteger(checkCount) && checkCount >= 1)) {
  throw new Error(
    `--points and --checks must be positive integers, got ${values.points} and ${values.checks}`,
  );
}
const CHECK_COUNTS = [1, 10, 100, 1000, 10_000, 100_000].filter((n) => n <= checkCount);

/** Two hard cases first (near the antimeridian, above 70° N), then seeded land-ish latitudes. */
function truePoints(count: number): LonLat[] {
  const random = seededRandom(seed * 7919);
  const points: LonLat[] = [
    [179.95, -16.8], // Taveuni, Fiji: 5 km from the antimeridian
    [15.65, 78.22], // Longyearbyen, Svalbard
  ];
  const sinSouth = Math.sin((-55 * Math.PI) / 180);
  const sinNorth = Math.sin((70 * Math.PI) / 180);
  while (points.length < count) {
    // Uniform by area between 55° S and 70° N.
    const lat = (Math.asin(sinSouth + random() * (sinNorth - sinSouth)) * 180) / Math.PI;
    points.push([random() * 360 - 180, lat]);
  }
  return points.slice(0, count);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Error of each attack after the first n checks, for one true point. */
function attackErrors(
  mechanism: Mechanism,
  truth: LonLat,
  random: RandomSource,
): Map<number, Record<Attack, number | null>> {
  const requests = Array.from(
    { length: checkCount },
    () => locationRequests(mechanism, { lon: truth[0], lat: truth[1] }, { random })[0],
  );
  const reports = requests.map(reportedPoint);
  const errors = new Map<number, Record<Attack, number | null>>();
  const errorOf = (p: LonLat) => distanceM(truth[0], truth[1], p[0], p[1]);
  for (const n of CHECK_COUNTS) {
    const seen = reports.slice(0, n);
    const cellPaths = requests.slice(0, n).filter((r) => r.path.startsWith(CELL_PATH_PREFIX));
    errors.set(n, {
      average: errorOf(estimateByAverage(seen)),
      enclosingCircle: errorOf(estimateByEnclosingCircle(seen)),
      // The cell's centre is the best single guess a cell request allows (n/a for offset requests).
      cellCentre:
        cellPaths.length === n ? errorOf(cellCentre(cellPaths[0].path.slice(CELL_PATH_PREFIX.length))) : null,
    });
  }
  return errors;
}

interface Row {
  checks: number;
  medianErrorM: Record<Attack, number | null>;
  best: { attack: Attack; medianErrorM: number };
}

function runMechanism(mechanism: Mechanism, points: LonLat[]): Row[] {
  const perN = new Map<number, Record<Attack, number[]>>(
    CHECK_COUNTS.map((n) => [n, { average: [], enclosingCircle: [], cellCentre: [] }]),
  );
  points.forEach((truth, i) => {
    const random = seededRandom(seed * 1_000_003 + i * 2 + MECHANISMS.indexOf(mechanism));
    for (const [n, errors] of attackErrors(mechanism, truth, random)) {
      for (const attack of ATTACKS) {
        const e = errors[attack];
        if (e !== null) perN.get(n)![attack].push(e);
      }
    }
    if ((i + 1) % 10 === 0 || i + 1 === points.length) {
      process.stderr.write(`  ${mechanism}: ${i + 1}/${points.length} points\n`);
    }
  });
  return CHECK_COUNTS.map((n) => {
    const lists = perN.get(n)!;
    const medianErrorM = Object.fromEntries(
      ATTACKS.map((a) => [a, lists[a].length ? Math.round(median(lists[a]) * 10) / 10 : null]),
    ) as Record<Attack, number | null>;
    // On a tie name the simplest attack: the cell centre needs no statistics at all.
    const preference: Attack[] = ['cellCentre', 'average', 'enclosingCircle'];
    const best = preference
      .filter((a) => medianErrorM[a] !== null)
      .reduce((b, a) => (medianErrorM[a]! < medianErrorM[b]! ? a : b));
    return { checks: n, medianErrorM, best: { attack: best, medianErrorM: medianErrorM[best]! } };
  });
}

/**
 * A real fix jitters. Stand at random places, take 100 fixes with Gaussian noise (σ = 5 m per axis),
 * and count the places whose checks name more than one cell — which tells the server the pilot stands
 * on a cell edge. Without and with the `currentCell` option.
 */
function edgeJitter(places: number, fixes: number, sigmaM: number) {
  const random = seededRandom(seed * 31 + 5);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let statelessLeaks = 0;
  let stickyLeaks = 0;
  for (const [lon, lat] of truePoints(places)) {
    const metresPerDegLat = 111_195;
    const metresPerDegLon = metresPerDegLat * Math.cos((lat * Math.PI) / 180);
    const stateless = new Set<string>();
    const sticky = new Set<string>();
    let current: string | undefined;
    for (let k = 0; k < fixes; k++) {
      const fix = {
        lon: lon + (gauss() * sigmaM) / metresPerDegLon,
        lat: lat + (gauss() * sigmaM) / metresPerDegLat,
      };
      stateless.add(cellAt(fix.lon, fix.lat));
      const [request] = locationRequests('cell', fix, { currentCell: current });
      current = request.path.slice(CELL_PATH_PREFIX.length);
      sticky.add(current);
    }
    if (stateless.size > 1) statelessLeaks++;
    if (sticky.size > 1) stickyLeaks++;
  }
  return {
    places,
    fixesPerPlace: fixes,
    gpsSigmaM: sigmaM,
    shareRevealingAnEdge: { stateless: statelessLeaks / places, withCurrentCell: stickyLeaks / places },
  };
}

/** The cell-centre error over many places (the 100-point median above is a small sample of this). */
function cellCentreErrorOverPlaces(places: number) {
  const errors = truePoints(places).map(([lon, lat]) => {
    const [x, y] = cellCentre(cellAt(lon, lat));
    return distanceM(lon, lat, x, y);
  });
  errors.sort((a, b) => a - b);
  const at = (q: number) => Math.round(errors[Math.min(errors.length - 1, Math.floor(q * errors.length))]);
  return { places, medianM: at(0.5), p5M: at(0.05), p95M: at(0.95), maxM: at(1) };
}

/**
 * Moving pilots (bench/lib/moving-pilots.ts): `count` drives and `count` BVLOS flights starting in one
 * 200 km region (Switzerland and around) within one hour. Without a relay the server links a device's
 * requests by its address; through a relay it sees N pilots' requests mixed and links by geometry and
 * time. Scored: the best attack's median error at the moments of the requests and over the tracks.
 */
function movingPilots(count: number) {
  const random = seededRandom(seed * 104_729 + 3);
  const REGION: [number, number, number, number] = [6, 45.8, 8.6, 47.6];
  const tracks: Record<Mode, Track[]> = {
    drive: Array.from({ length: count }, () => makeTrack('drive', REGION, random)),
    flight: Array.from({ length: count }, () => makeTrack('flight', REGION, random)),
  };
  const groupsOf = (list: Track[], n: number) =>
    Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));
  const rows: Array<
    { mode: Mode; mechanism: string; relayCrowd: number | null } & ReturnType<typeof scoreAttacks>
  > = [];
  for (const mode of ['drive', 'flight'] as Mode[]) {
    for (const scheme of ['cell', 'tile-pack'] as Scheme[]) {
      const label = scheme === 'cell' ? 'cell' : 'zone packs (5° tile)';
      process.stderr.write(`  moving ${mode}s, ${label}\n`);
      rows.push({
        mode,
        mechanism: label,
        relayCrowd: null,
        ...scoreAttacks(scheme, groupsOf(tracks[mode], 1), false),
      });
      for (const n of [10, 100]) {
        rows.push({
          mode,
          mechanism: `${label} + relay`,
          relayCrowd: n,
          ...scoreAttacks(scheme, groupsOf(tracks[mode], n), true),
        });
      }
    }
  }
  // A pilot standing where these tracks start: its tile's centre is the best guess, for ever.
  const stationaryTile = tileCentreError([...tracks.drive, ...tracks.flight].map((t) => t.p[0]));
  return { tracksPerMode: count, region: REGION, rows, stationaryTileCentreM: stationaryTile };
}

const started = performance.now();
const points = truePoints(pointCount);
process.stderr.write(`location-privacy attack: ${pointCount} points × ${checkCount} checks, seed ${seed}\n`);
const results: Record<string, Row[]> = {};
for (const mechanism of MECHANISMS) results[mechanism] = runMechanism(mechanism, points);
process.stderr.write('  edge jitter: 10000 places × 100 fixes\n');
const jitter = edgeJitter(10_000, 100, 5);
const population = cellCentreErrorOverPlaces(200_000);
const moving = movingPilots(Number(values.tracks));
const seconds = Math.round((performance.now() - started) / 100) / 10;

const command = `npx tsx bench/location-privacy-attack.ts --points ${pointCount} --checks ${checkCount} --seed ${seed} --tracks ${values.tracks}`;
const fmt = (v: number | null) => (v === null ? '—' : Math.round(v).toLocaleString('en-US'));
const lines = [
  `Median error (m) of the attacker's estimate of the true position, ${pointCount} true points, all checks of a device linked.`,
  `Look-ahead ${DEFAULT_LOOKAHEAD_M} m. Command: \`${command}\` (${seconds} s).`,
  '',
  '| mechanism | checks | average | enclosing circle | cell centre | best attack |',
  '|---|---:|---:|---:|---:|---|',
];
for (const mechanism of MECHANISMS) {
  for (const row of results[mechanism]) {
    const m = row.medianErrorM;
    lines.push(
      `| ${mechanism} | ${row.checks.toLocaleString('en-US')} | ${fmt(m.average)} | ${fmt(m.enclosingCircle)} | ${fmt(m.cellCentre)} | ${fmt(row.best.medianErrorM)} (${ATTACK_LABEL[row.best.attack]}) |`,
    );
  }
}
const share = (x: number) => `${(x * 100).toFixed(2)} %`;
lines.push(
  '',
  `Cell centre error over ${population.places.toLocaleString('en-US')} places (same latitude spread), any number of checks: ` +
    `median ${fmt(population.medianM)} m, 5th percentile ${fmt(population.p5M)} m, 95th ${fmt(population.p95M)} m, max ${fmt(population.maxM)} m.`,
  '',
  `Edge jitter (cell): of ${jitter.places.toLocaleString('en-US')} places with ${jitter.fixesPerPlace} fixes each (GPS σ = ${jitter.gpsSigmaM} m), ` +
    `${share(jitter.shareRevealingAnEdge.stateless)} name two or more cells without \`currentCell\`, ` +
    `${share(jitter.shareRevealingAnEdge.withCurrentCell)} with it.`,
);
const stationaryCell = results.cell.at(-1)?.best.medianErrorM ?? null;
lines.push(
  '',
  `Moving pilots: ${moving.tracksPerMode} drives (70–120 km/h, 1–2 h) and ${moving.tracksPerMode} BVLOS flights (15 m/s, 30–60 min) from one region; best attack's median error (m) at the moments of the requests and over the tracks (each minute, the latest estimate), beside the stationary pilot's (${checkCount.toLocaleString('en-US')} checks). "+ relay": the server cannot link requests by address; N pilots' requests mix and it links by geometry and time.`,
  '',
  '| pilot | mechanism | relay crowd N | best attack | at requests | over the track | stationary | requests / h (what the relay sees) |',
  '|---|---|---:|---|---:|---:|---:|---:|',
  ...moving.rows.map(
    (r) =>
      `| ${r.mode} | ${r.mechanism} | ${r.relayCrowd ?? '—'} | ${r.attack} | ${fmt(r.atRequestM)} | ${fmt(r.overTrackM)} | ${fmt(r.mechanism.startsWith('cell') ? stationaryCell : moving.stationaryTileCentreM)} | ${r.requestsPerHour} |`,
  ),
);
process.stdout.write(`${lines.join('\n')}\n`);

const outDir = new URL('./results/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const report = {
  command,
  seconds,
  parameters: { points: pointCount, checks: checkCount, seed, lookAheadM: DEFAULT_LOOKAHEAD_M },
  truePoints: points.map(([lon, lat]) => [Number(lon.toFixed(5)), Number(lat.toFixed(5))]),
  medianErrorM: results,
  cellCentreErrorOverPlaces: population,
  edgeJitter: jitter,
  movingPilots: moving,
};
writeFileSync(new URL('location-privacy-attack.json', outDir), `${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`wrote bench/results/location-privacy-attack.json in ${seconds} s\n`);
