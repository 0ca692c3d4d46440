/**
 * The world dataset every bench uses: the bundled OurAirports snapshot (data/ourairports/*.csv.gz)
 * imported with the same importer the server runs, or the full OurAirports dump in the shared data
 * folder while the snapshot is not there yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importZones, prepareGeometry, wrapLon, type Zone } from '@airlock/core';
import { REPO_DIR } from './report.ts';

const CANDIDATES = [
  join(REPO_DIR, 'data', 'ourairports'),
  process.env.AIRLOCK_BENCH_OURAIRPORTS_DIR ??
    join(REPO_DIR, '..', 'shared', 'data', 'airspace', 'ourairports'),
];

function readText(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

function findFile(dir: string, base: string): string | null {
  for (const name of [`${base}.csv.gz`, `${base}.csv`])
    if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

export interface WorldZones {
  zones: Zone[];
  /** Where the CSVs came from. */
  source: string;
  importMs: number;
}

/** Imports the world OurAirports zones (about 90k zones, 1M polygon vertices). */
export function loadWorldZones(): WorldZones {
  for (const dir of CANDIDATES) {
    const airports = findFile(dir, 'airports');
    const runways = findFile(dir, 'runways');
    if (!airports || !runways) continue;
    const started = performance.now();
    const result = importZones(
      'ourairports',
      [
        { name: 'airports.csv', text: readText(airports) },
        { name: 'runways.csv', text: readText(runways) },
      ],
      { dataset: 'ourairports' },
    );
    return { zones: result.zones, source: `${airports} + ${runways}`, importMs: performance.now() - started };
  }
  throw new Error(`no OurAirports airports/runways CSVs in any of: ${CANDIDATES.join(', ')}`);
}

export interface AirportSite {
  /** The airport's id stem in the zone ids ("ourairports:<key>:<kind>"). */
  key: string;
  type: string;
  runways: number;
  lon: number;
  lat: number;
  zoneCount: number;
}

/**
 * One site per airport that has zones, located at the middle of its first zone's box (the circle's
 * centre or the middle of the runway shapes): the places where zones are dense.
 */
export function airportSites(zones: readonly Zone[]): AirportSite[] {
  const byKey = new Map<string, AirportSite>();
  for (const zone of zones) {
    const key = zone.id.split(':').slice(1, -1).join(':');
    const known = byKey.get(key);
    if (known) {
      known.zoneCount++;
      continue;
    }
    const props = (zone.properties ?? {}) as { type?: unknown; runways?: unknown };
    const box = prepareGeometry(zone.volumes[0].geometry)[0].bbox;
    byKey.set(key, {
      key,
      type: typeof props.type === 'string' ? props.type : 'unknown',
      runways: Array.isArray(props.runways) ? props.runways.length : 0,
      lon: wrapLon((box[0] + box[2]) / 2),
      lat: (box[1] + box[3]) / 2,
      zoneCount: 1,
    });
  }
  return [...byKey.values()];
}
