/**
 * Builds the airspace snapshot Airlock ships: OurAirports airports and runways trimmed to the rows
 * and columns the OurAirports importer reads, gzip-compressed, with licence and attribution.
 *
 *   npx tsx scripts/build-airspace-snapshot.ts [--from ../shared/data/airspace/ourairports] [--out data]
 *
 * Output is byte-for-byte reproducible (gzip without timestamps, rows in source order), so the
 * server's content hash only changes when the data does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import {
  AIRPORT_COLUMNS,
  parseOurAirports,
  RUNWAY_COLUMNS,
} from '../packages/core/src/importers/ourairports/index.ts';

// Provenance of the shared copy (../shared/data/airspace/SOURCES.md); update together with the data.
const SNAPSHOT_DATE = '2026-03-30';
const AIRPORTS_ORIGIN = 'sjtaylor82/MapInABox `airports.csv.gz` @ 419d62c46721c35f154e0ee0d855fa8fe3983ba9';
const RUNWAYS_ORIGIN =
  'davidmegginson/ourairports-data `runways.csv` @ 3b13b88e2b8ed39a268edf0caa0044672b910e73';
const LICENSE_ORIGIN = 'davidmegginson/ourairports-data `LICENSE` @ 3b13b88e2b8ed39a268edf0caa0044672b910e73';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const from = option('--from', resolve(root, '../shared/data/airspace/ourairports'));
const outRoot = option('--out', join(root, 'data'));
const out = join(outRoot, 'ourairports');

type Table = { header: string[]; rows: string[][] };

function readTable(file: string): Table {
  const [header, ...rows] = parse(readFileSync(join(from, file), 'utf8'), { bom: true }) as string[][];
  return { header, rows };
}

/** Keeps the named columns (in that order, original header names) of the rows that pass `keep`. */
function project(
  table: Table,
  columns: readonly string[],
  keep: (get: (c: string) => string) => boolean,
): { csv: string; rows: number } {
  const index = (c: string) => {
    const i = table.header.indexOf(c);
    if (i < 0) throw new Error(`column ${c} missing from the source`);
    return i;
  };
  const positions = columns.map(index);
  const lines = [columns.map(quote).join(',')];
  for (const row of table.rows) {
    if (!keep((c) => row[index(c)] ?? '')) continue;
    lines.push(positions.map((p) => quote(row[p] ?? '')).join(','));
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

/** RFC 4180: quote only fields that need it, so numbers stay bare and the file stays small. */
function quote(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const started = performance.now();
const airports = readTable('airports.csv');
const runways = readTable('runways.csv');
const keptIds = new Set<string>();
const { csv: airportsCsv, rows: airportRows } = project(airports, AIRPORT_COLUMNS, (get) => {
  if (get('type') === 'closed') return false;
  keptIds.add(get('id'));
  return true;
});
const { csv: runwaysCsv, rows: runwayRows } = project(
  runways,
  RUNWAY_COLUMNS,
  (get) => get('closed') !== '1' && keptIds.has(get('airport_ref')),
);

mkdirSync(out, { recursive: true });
const airportsGz = gzipSync(airportsCsv, { level: 9 });
const runwaysGz = gzipSync(runwaysCsv, { level: 9 });
writeFileSync(join(out, 'airports.csv.gz'), airportsGz);
writeFileSync(join(out, 'runways.csv.gz'), runwaysGz);
// A copy of the bytes, not the file: the source may be read-only, and so would be the copy.
writeFileSync(join(out, 'LICENSE'), readFileSync(join(from, 'LICENSE')));

// Shape the trimmed files once: proves the importer reads them and gives the counts for the docs.
const result = parseOurAirports(airportsCsv, runwaysCsv, { dataset: 'ourairports' });
const counts = Object.entries(result.counts).filter(([, n]) => n > 0);
const kb = (b: Buffer) => `${(b.length / 1024).toFixed(0)} KiB`;

writeFileSync(
  join(outRoot, 'ATTRIBUTION.md'),
  `# Data shipped with Airlock — attribution

## ourairports/ — OurAirports (public domain)

| | |
|---|---|
| source | OurAirports, https://ourairports.com/data/ (daily dumps: https://davidmegginson.github.io/ourairports-data/) |
| snapshot date | ${SNAPSHOT_DATE} |
| airports.csv.gz | from ${AIRPORTS_ORIGIN} — an unmodified copy of OurAirports \`airports.csv\` |
| runways.csv.gz | from ${RUNWAYS_ORIGIN} |
| LICENSE | from ${LICENSE_ORIGIN} |
| licence | The Unlicense — public domain dedication (see ourairports/LICENSE); no attribution required, given anyway |

### What was trimmed (by \`scripts/build-airspace-snapshot.ts\`)

- airports: closed airports dropped (${airportRows.toLocaleString('en')} of ${airports.rows.length.toLocaleString('en')} rows kept);
  columns kept: ${AIRPORT_COLUMNS.join(', ')}.
- runways: closed runways and runways of dropped airports dropped (${runwayRows.toLocaleString('en')} of
  ${runways.rows.length.toLocaleString('en')} rows kept); columns kept: ${RUNWAY_COLUMNS.join(', ')}.
- Values are unchanged; header names are the original ones, so the same importer reads the full and the
  trimmed files. Files are gzip-compressed (airports ${kb(airportsGz)}, runways ${kb(runwaysGz)}).

### Derived zones

Airport zones are derived from these files by Airlock (\`packages/core/src/importers/ourairports\`,
described in docs/airport-zones.md). They are advisory: not official airspace, not endorsed by OurAirports.
Zones from this snapshot: ${result.zones.length.toLocaleString('en')} (${counts.map(([c, n]) => `${c} ${n.toLocaleString('en')}`).join(', ')}).
`,
);

console.log(
  `snapshot written to ${relative(process.cwd(), out) || '.'} in ${(performance.now() - started).toFixed(0)} ms`,
);
console.log(
  `  airports.csv.gz ${kb(airportsGz)} (${airportRows} rows), runways.csv.gz ${kb(runwaysGz)} (${runwayRows} rows)`,
);
console.log(
  `  zones ${result.zones.length}: ${counts.map(([c, n]) => `${c} ${n}`).join(', ')}; issues ${result.issues.length}`,
);
