import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Logger } from '../log/index.ts';
import { type AirspaceService, contentVersion, type ImportPhase } from './airspace-service.ts';

/** The repository's data/ folder, where the world snapshot ships. */
export const BUNDLED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../data');
export const BUNDLED_DATASET_ID = 'ourairports-world';

/** Reads a CSV that may be gzip-compressed. */
export function readMaybeGzip(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The bundled OurAirports snapshot's two files, as the importer takes them. */
export function readBundledFiles(dir = BUNDLED_DATA_DIR): Array<{ name: string; text: string }> {
  const airports = join(dir, 'ourairports', 'airports.csv.gz');
  const runways = join(dir, 'ourairports', 'runways.csv.gz');
  if (!existsSync(airports) || !existsSync(runways)) {
    throw new Error(`bundled airspace snapshot missing: expected ${airports} and ${runways}`);
  }
  return [
    { name: 'airports.csv', text: readMaybeGzip(airports) },
    { name: 'runways.csv', text: readMaybeGzip(runways) },
  ];
}

/**
 * Imports the bundled OurAirports snapshot unless the same version is already in the database, so the
 * first start takes a few seconds and later starts none.
 */
export async function ensureBundledAirspace(
  airspace: AirspaceService,
  log: Logger,
  dir = BUNDLED_DATA_DIR,
): Promise<'imported' | 'current'> {
  const files = readBundledFiles(dir);
  const existing = await airspace.store.get(BUNDLED_DATASET_ID);
  if (existing && existing.version === contentVersion('ourairports', files)) return 'current';
  const started = performance.now();
  log.info('importing bundled airspace snapshot', { dataset: BUNDLED_DATASET_ID, percent: 0 });
  const out = await airspace.importDataset({
    onPhase: progressLog(log, started),
    id: BUNDLED_DATASET_ID,
    name: 'World airports (OurAirports, derived zones)',
    format: 'ourairports',
    files,
    replace: true,
    bundled: true,
  });
  log.info('bundled airspace imported', {
    zones: out.dataset.zoneCount,
    skipped: out.issues.length,
    ms: Math.round(performance.now() - started),
  });
  return 'imported';
}

/** Where each phase of the first import starts and ends, in percent of the whole (as measured). */
const PHASES: Record<ImportPhase, [number, number]> = { parse: [0, 60], store: [60, 65], index: [65, 100] };

/**
 * One structured log line per second at most while the first import runs (the first start would
 * otherwise say nothing for many seconds), and one at each change of phase.
 */
function progressLog(log: Logger, started: number): (phase: ImportPhase, fraction: number) => void {
  let last = started;
  let lastPhase: ImportPhase | null = null;
  return (phase, fraction) => {
    const now = performance.now();
    if (phase === lastPhase && now - last < 1000) return;
    last = now;
    lastPhase = phase;
    const [from, to] = PHASES[phase];
    const percent = Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction)));
    log.info('importing bundled airspace snapshot', {
      phase,
      percent,
      s: Math.round((now - started) / 100) / 10,
    });
  };
}
