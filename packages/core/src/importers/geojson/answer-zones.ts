import type { Zone } from '../../zone/index.ts';
import { parseGeoJSONZones } from './read-geojson.ts';

/**
 * Reads the zones of a server answer (a location check or `near`), keeping the server's ids:
 * parseGeoJSONZones keeps ids only for zones of the dataset it is told about, and an answer mixes
 * datasets, so the features are read per dataset. Features it cannot read are counted, never hidden.
 *
 * @example
 * const answer = JSON.parse(res.body) as { features: unknown[] };
 * const { zones, skipped } = readAnswerZones(answer.features);
 * const index = ZoneIndex.build(zones);
 */
export function readAnswerZones(features: unknown[]): { zones: Zone[]; skipped: number } {
  const groups = new Map<string, unknown[]>();
  for (const feature of features) {
    const props = (feature as { properties?: { dataset?: unknown } } | null)?.properties;
    const dataset =
      typeof props?.dataset === 'string' && props.dataset.length > 0 ? props.dataset : 'airlock';
    let group = groups.get(dataset);
    if (!group) groups.set(dataset, (group = []));
    group.push(feature);
  }
  const zones: Zone[] = [];
  let skipped = 0;
  for (const [dataset, group] of groups) {
    const result = parseGeoJSONZones(JSON.stringify({ type: 'FeatureCollection', features: group }), {
      dataset,
    });
    zones.push(...result.zones);
    skipped += result.issues.length;
  }
  return { zones, skipped };
}
