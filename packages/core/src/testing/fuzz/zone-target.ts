import { ZoneIndex } from '../../geofence/index.ts';
import { ImportError, type ImportResult, zonesToGeoJSON } from '../../importers/index.ts';
import type { FuzzTarget } from './fuzz-targets.ts';
import type { ReadSample } from './seed-files.ts';

const decoder = new TextDecoder();

/** What the server does with imported zones: store them as GeoJSON and build the index it answers from. */
function checkZones(r: ImportResult): ImportResult {
  JSON.stringify(zonesToGeoJSON(r.zones));
  const index = ZoneIndex.build(r.zones);
  const z = r.zones[0]?.volumes[0]?.geometry;
  const at = z?.type === 'Circle' ? z.center : z?.type === 'Polygon' ? z.coordinates[0]?.[0] : undefined;
  if (at) {
    index.near(at[0], at[1], 5000);
    index.containing(at[0], at[1]);
  }
  return r;
}

/** An airspace importer: text in, zones out, then stored and indexed as the server does. */
export function zoneTarget(
  name: string,
  seeds: (read: ReadSample) => Uint8Array[],
  parse: (t: string) => ImportResult,
): FuzzTarget {
  return {
    name,
    seeds,
    run: (input) => checkZones(parse(decoder.decode(input))),
    refusal: (e) => e instanceof ImportError,
  };
}
