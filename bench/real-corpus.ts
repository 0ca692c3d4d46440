/**
 * Real files against independent readers: every flight log and OpenAir file under the given folders is
 * read by Airlock and by a reference tool that shares no code with it, and the two readings compared
 * (lib/corpus/compare.ts): GPX/KML tracks (points, length within 3%) against togeojson and GDAL, ULog
 * message counts and duration against pyulog, DataFlash/tlog message counts against pymavlink, OpenAir
 * airspaces (names, circle radii, nothing skipped) against openair-rs. A file with no reference here
 * is listed as such, never counted as agreeing.
 *
 *   node --import tsx bench/real-corpus.ts [--dir <folder>]... (default: ../shared/data flight logs and OpenAir)
 *   PYULOG_PATH=<pyulog checkout> PYMAVLINK_PATH=<folder with pymavlink> OPENAIR_REF=<binary> (see bench/README.md)
 *
 * Markdown on stdout, JSON in bench/results/real-corpus.json, progress on stderr. Fetched files are
 * read where they lie and never copied into the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { type FlightLogFormat, importZones, parseFlightLog } from '@airlock/core';
import {
  compareCounts,
  compareLines,
  compareOpenAir,
  flightLines,
  type Verdict,
} from './lib/corpus/compare.ts';
import { explained } from './lib/corpus/explained.ts';
import {
  gdalGpxLines,
  hasGdal,
  openairRs,
  pymavlink,
  pyulog,
  togeojsonLines,
} from './lib/corpus/references.ts';
import { markdownTable, progress, writeResults } from './lib/report.ts';

const SHARED = new URL('../../shared/data/', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    dir: {
      type: 'string',
      multiple: true,
      default: [join(SHARED, 'flightlogs'), join(SHARED, 'airspace/openair')],
    },
  },
});

interface Row {
  file: string;
  format: string;
  bytes: number;
  checks: Array<{ reference: string; explained?: string } & Verdict>;
  /** Airlock could not read it at all (the reason). */
  airlockError?: string;
}

const EXT: Record<string, FlightLogFormat | 'openair'> = {
  '.ulg': 'ulog',
  '.bin': 'dataflash',
  '.tlog': 'tlog',
  '.gpx': 'gpx',
  '.kml': 'kml',
  '.txt': 'openair',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'reference-outputs' ? [] : filesUnder(path);
    return EXT[extname(name).toLowerCase()] ? [path] : [];
  });
}

/** A .txt is an OpenAir file only if it has OpenAir records (DJI records are .txt too). */
const looksOpenAir = (text: string) => /^AC\s/m.test(text) && /^AN\s/m.test(text);

function check(path: string, gdal: boolean): Row | undefined {
  const bytes = new Uint8Array(readFileSync(path));
  const kind = EXT[extname(path).toLowerCase()];
  const row: Row = { file: path, format: kind, bytes: bytes.length, checks: [] };
  if (kind === 'openair') {
    const text = new TextDecoder().decode(bytes);
    if (!looksOpenAir(text)) return undefined;
    const ours = importZones('openair', [{ name: basename(path), text }], { dataset: 'corpus' });
    const ref = openairRs(path);
    if (ref) row.checks.push({ reference: 'openair-rs', ...compareOpenAir(ours, ref, 'openair-rs') });
    return row;
  }
  let flight: ReturnType<typeof parseFlightLog>['flight'] | undefined;
  try {
    flight = parseFlightLog(bytes, { name: basename(path), requireFlightData: false }).flight;
  } catch (e) {
    row.airlockError = (e as Error).message;
  }
  const lines = () => (flight ? flightLines(flight) : []);
  if (kind === 'gpx' || kind === 'kml') {
    const text = new TextDecoder().decode(bytes);
    let refLines: ReturnType<typeof togeojsonLines> | undefined;
    try {
      refLines = togeojsonLines(text, kind);
    } catch {
      refLines = undefined; // togeojson could not read it either
    }
    if (refLines)
      row.checks.push({ reference: 'togeojson', ...compareLines(lines(), refLines, 'togeojson') });
    const g = kind === 'gpx' && gdal ? gdalGpxLines(path) : undefined;
    if (g) row.checks.push({ reference: 'GDAL', ...compareLines(lines(), g, 'GDAL') });
  } else {
    const ref = kind === 'ulog' ? pyulog(path) : pymavlink(path);
    const name = kind === 'ulog' ? 'pyulog' : 'pymavlink';
    if (ref && flight) row.checks.push({ reference: name, ...compareCounts(flight, ref, name) });
    else if (ref)
      row.checks.push({
        reference: name,
        agree: false,
        detail: `${name} read it; Airlock refused: ${row.airlockError}`,
      });
  }
  return row;
}

function main(): number {
  const gdal = hasGdal();
  if (!gdal)
    progress('GDAL (ogr2ogr) not found: GPX is checked against togeojson only (apt-get install gdal-bin)');
  for (const [v, what] of [
    ['PYULOG_PATH', 'ULog'],
    ['PYMAVLINK_PATH', 'DataFlash/tlog'],
    ['OPENAIR_REF', 'OpenAir'],
  ]) {
    if (!process.env[v]) progress(`${v} not set: ${what} files have no reference (see bench/README.md)`);
  }
  const files = (values.dir as string[]).flatMap(filesUnder).sort();
  const rows: Row[] = [];
  for (const [i, path] of files.entries()) {
    progress(`[${i + 1}/${files.length}] ${basename(path)}`);
    const row = check(path, gdal);
    if (row) rows.push(row);
  }
  for (const r of rows) for (const c of r.checks) if (!c.agree) c.explained = explained(r.file, c.reference);
  const checked = rows.filter((r) => r.checks.length > 0);
  const agree = checked.filter((r) => r.checks.every((c) => c.agree));
  const unexplained = checked.filter((r) => r.checks.some((c) => !c.agree && !c.explained));
  const verdict = (r: Row) =>
    r.checks.length === 0
      ? 'no reference'
      : r.checks.every((c) => c.agree)
        ? 'agree'
        : r.checks.every((c) => c.agree || c.explained)
          ? 'differs, explained'
          : '**differs**';
  const table = rows.map((r) => [
    relative(process.cwd(), r.file).replace(/^(\.\.\/)+/, ''),
    r.format,
    verdict(r),
    r.checks.map((c) => (c.explained ? `${c.detail} (${c.explained})` : c.detail)).join(' / ') ||
      (r.airlockError ?? ''),
  ]);
  console.log(markdownTable(['file', 'format', 'verdict', 'detail'], table));
  console.log(
    `\n${agree.length} of ${checked.length} files agree with every reference; ${checked.length - agree.length - unexplained.length} differ in an explained way (the reference's reading); ${unexplained.length} differ unexplained; ${rows.length - checked.length} without a reference here.`,
  );
  writeResults('real-corpus', {
    dirs: values.dir,
    files: rows.length,
    checked: checked.length,
    agree: agree.length,
    unexplained: unexplained.length,
    rows,
  });
  return 0;
}

process.exitCode = main();
