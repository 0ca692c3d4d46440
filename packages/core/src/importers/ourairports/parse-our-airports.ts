import { ImportCollector, type ImportOptions, type ImportResult } from '../result.ts';
import { airportZones, isKnownAirportType } from './airport-zones.ts';
import { readAirports, readRunways } from './read-rows.ts';

const PROGRESS_EVERY = 5000;

/**
 * Turns OurAirports `airports.csv` and `runways.csv` (full dumps or the trimmed snapshot Airlock
 * ships: columns are found by header name) into advisory airport zones in the style of DJI GEO 2.0.
 * Large and medium airports with usable runway ends get the restricted rectangle, authorization
 * stadium, enhanced warning ring and 60 m / 150 m altitude wings, merged per airport; small airfields
 * a reduced stadium; everything else circles by type. Closed airports and closed runways give nothing.
 * Rows with unusable coordinates are skipped with their line number (or throw when `strict`).
 *
 * @example
 * const result = parseOurAirports(airportsCsv, runwaysCsv, { dataset: 'ourairports' });
 * result.zones.find((z) => z.id === 'ourairports:LSZH:restricted');
 * // → { category: 'restricted', name: 'Zürich Airport (LSZH) — restricted', volumes: [{ geometry: { type: 'MultiPolygon', ... } }], ... }
 */
export function parseOurAirports(
  airportsCsv: string,
  runwaysCsv: string,
  options: ImportOptions,
): ImportResult {
  const collector = new ImportCollector(options);
  const airports = readAirports(airportsCsv, collector);
  const runways = readRunways(runwaysCsv, collector);
  const total = airports.length;
  const used = new Set<string>();
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % PROGRESS_EVERY === 0) collector.progress(i, total);
    const airport = airports[i];
    if (!isKnownAirportType(airport.type)) {
      collector.skip({
        line: airport.line,
        record: airport.ident,
        reason: `airports.csv: unknown type "${airport.type}"`,
      });
      continue;
    }
    // OurAirports idents are unique; a hand-edited file may repeat one, and ids must stay unique.
    let key = airport.ident;
    for (let n = 2; used.has(key); n++) key = `${airport.ident}~${n}`;
    used.add(key);
    const own = [
      ...(runways.get(`id:${airport.id}`) ?? []),
      ...(runways.get(`ident:${airport.ident}`) ?? []),
    ];
    for (const zone of airportZones(airport, own, options.dataset, key)) collector.add(zone);
  }
  collector.progress(total, total);
  return collector.result();
}
