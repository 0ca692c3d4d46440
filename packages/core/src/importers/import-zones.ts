import { parseEd269 } from './ed269/index.ts';
import { parseEd318 } from './ed318/index.ts';
import { parseFaaTfr } from './faa-tfr/index.ts';
import { parseGeoJSONZones } from './geojson/index.ts';
import { parseNotams } from './notam/index.ts';
import { parseOpenAir } from './openair/index.ts';
import { parseOurAirports } from './ourairports/index.ts';
import { ImportError, type ImportOptions, type ImportResult } from './result.ts';

/**
 * The zone file formats the importers read (`airlock import --format`).
 *
 * @example
 * ZONE_FORMATS.includes('openair'); // true
 */
export const ZONE_FORMATS = [
  'ourairports',
  'openair',
  'ed269',
  'ed318',
  'geojson',
  'faa-tfr',
  'notam',
] as const;
/**
 * One of the zone file formats the importers read.
 *
 * @example
 * const format: ZoneFormat = detectZoneFormat('ksgu.txt', text); // 'openair'
 */
export type ZoneFormat = (typeof ZONE_FORMATS)[number];

/**
 * One file given to an importer: its name (which helps detection) and its text.
 *
 * @example
 * const file: SourceFile = { name: 'ksgu.txt', text: await readFile('ksgu.txt', 'utf8') };
 * const result = importZones('openair', [file], { dataset: 'ksgu' });
 */
export interface SourceFile {
  name: string;
  text: string;
}

/**
 * Guesses the format from a file's name and first bytes: CSV → OurAirports, JSON by its shape
 * (ED-269 `UASZoneList` or `geometry` arrays with `horizontalProjection`, ED-318 `layer`/`extent`
 * or `metadata`, else our GeoJSON), FAA TFR detail XML by its `XNOTAM-Update` root, ICAO NOTAM text by
 * a NOTAM header or Q) line, anything else → OpenAir.
 *
 * @example
 * detectZoneFormat('ksgu.txt', 'AC R\nAN TEST AREA\n'); // 'openair'
 * detectZoneFormat('airports.csv', ''); // 'ourairports'
 */
export function detectZoneFormat(name: string, text: string): ZoneFormat {
  const lower = name.toLowerCase();
  if (/\.csv(\.gz)?$/.test(lower)) return 'ourairports';
  const head = text.slice(0, 200_000).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    if (/"UASZoneList"|"uas_zones"|"horizontalProjection"|"uomDimensions"/i.test(head)) return 'ed269';
    if (/"(layer|extent|upperReference|limitedApplicability)"\s*:/.test(head) || /"metadata"\s*:/.test(head))
      return 'ed318';
    return 'geojson';
  }
  if (/<XNOTAM-Update\b/.test(head.slice(0, 2000))) return 'faa-tfr';
  if (
    /(^|\n)[ \t]*\(?[ \t]*([A-Z]\d{4}\/\d{2}[ \t]+NOTAM[NRC]|Q\)[ \t]*[A-Z]{4}\/Q[A-Z]{4}\/)/.test(
      head.slice(0, 20_000),
    )
  )
    return 'notam';
  return 'openair';
}

/**
 * Runs the importer for `format` over the given file(s). OurAirports needs airports and runways CSVs.
 *
 * @example
 * const text = await readFile('ksgu.txt', 'utf8');
 * const { zones, issues, counts } = importZones(detectZoneFormat('ksgu.txt', text), [{ name: 'ksgu.txt', text }], { dataset: 'ksgu' });
 * for (const issue of issues) console.warn(describeIssue(issue));
 */
export function importZones(
  format: ZoneFormat,
  files: readonly SourceFile[],
  options: ImportOptions,
): ImportResult {
  if (files.length === 0) throw new ImportError({ reason: 'no file given' });
  switch (format) {
    case 'openair':
      return parseOpenAir(files[0].text, options);
    case 'ed269':
      return parseEd269(files[0].text, options);
    case 'ed318':
      return parseEd318(files[0].text, options);
    case 'geojson':
      return parseGeoJSONZones(files[0].text, options);
    case 'faa-tfr':
      return parseFaaTfr(files[0].text, options);
    case 'notam':
      return parseNotams(files[0].text, options);
    case 'ourairports': {
      const airports = files.find((f) => /airports/i.test(f.name)) ?? files[0];
      const runways = files.find((f) => /runways/i.test(f.name));
      if (!runways) {
        throw new ImportError({
          reason: 'OurAirports needs runways.csv beside airports.csv (shapes follow the runways)',
        });
      }
      return parseOurAirports(airports.text, runways.text, options);
    }
    default:
      throw new ImportError({
        reason: `unknown format "${String(format)}"; use one of ${ZONE_FORMATS.join(', ')}`,
      });
  }
}
