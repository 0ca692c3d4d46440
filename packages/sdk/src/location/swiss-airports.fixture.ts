// Test fixture (Node only, never shipped): real airport zones of Switzerland, imported from the
// OurAirports snapshot in data/ by core's own importer.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseOurAirports } from '@airlock/core/importers';
import type { Zone } from '@airlock/core/zone';

const DATA = new URL('../../../../data/ourairports/', import.meta.url);
const SWISS_ROW = /^[^,]*,[^,]*,[^,]*,(?:"[^"]*"|[^,]*),[^,]*,[^,]*,[^,]*,CH,/;

let cached: Zone[] | null = null;

/** Every Swiss airport zone (about 70 zones: airfields, heliports, Zurich, Geneva...). */
export function swissAirportZones(): Zone[] {
  if (cached) return cached;
  const read = (name: string) =>
    gunzipSync(readFileSync(new URL(name, DATA)))
      .toString('utf8')
      .split('\n');
  const airports = read('airports.csv.gz');
  const swiss = airports.filter((line, i) => i === 0 || SWISS_ROW.test(line));
  const idents = new Set(swiss.slice(1).map((line) => line.split(',')[1]));
  const runways = read('runways.csv.gz').filter((line, i) => i === 0 || idents.has(line.split(',')[1]));
  cached = parseOurAirports(swiss.join('\n'), runways.join('\n'), { dataset: 'ourairports-ch' }).zones;
  return cached;
}
