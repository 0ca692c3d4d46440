import { parseGeoJSONZones, type RadioRules, radioRulesFor, type Zone, ZoneIndex } from '@airlock/core';
import type { CachedAreaMeta } from './area-cache.ts';
import { type AreaCover, coversDisc } from './area-cover.ts';
import type { LocationAnswer } from './location-answer.ts';

/** Zone data for one answered area, ready for the warning engine (it satisfies its `ZoneData`). */
export interface LoadedArea {
  readonly path: string;
  readonly index: ZoneIndex;
  readonly cover: AreaCover;
  readonly datasetVersion: string;
  readonly countries: readonly string[];
  readonly radio: RadioRules;
  /** Features that could not be read as zones (a newer server format?): reported, never hidden. */
  readonly skippedZones: number;
  /** When the server last gave or confirmed the answer; moves forward on a 304. */
  fetchedAt: Date;
  maxAgeS: number;
  /** The server's ETag for revalidation, or null. */
  etag: string | null;
  covers(lon: number, lat: number, radiusM: number): boolean;
}

/** Reads the zones of an answer and indexes them. Throws (with the reason) on a zone collection it cannot read. */
export function loadArea(meta: CachedAreaMeta, answer: LocationAnswer): LoadedArea {
  const { zones, skipped } = readZones(answer.zones.features);
  const cover = meta.cover;
  return {
    path: meta.path,
    index: ZoneIndex.build(zones),
    cover,
    datasetVersion: meta.datasetVersion,
    countries: answer.countries,
    // Computed on the device from the answer's countries: strictest over all of them.
    radio: radioRulesFor(answer.countries),
    skippedZones: skipped,
    fetchedAt: new Date(meta.fetchedAt),
    maxAgeS: meta.maxAgeS,
    etag: meta.etag,
    covers: (lon, lat, radiusM) => coversDisc(cover, lon, lat, radiusM),
  };
}

/**
 * parseGeoJSONZones keeps ids only for zones of the dataset it is told about, so the features are read
 * per dataset: an answer mixes datasets, and the ids must stay the server's.
 */
function readZones(features: unknown[]): { zones: Zone[]; skipped: number } {
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
