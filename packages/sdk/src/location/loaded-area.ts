import { hasZoneEnded, ZoneIndex } from '@airlock/core/geofence';
import { readAnswerZones } from '@airlock/core/importers/geojson';
import { type RadioRules, radioRulesFor } from '@airlock/core/radio';
import type { CachedAreaMeta } from './area-cache.ts';
import { type AreaCover, coversDisc } from './area-cover.ts';
import type { LocationAnswer } from './location-answer.ts';
import type { LocationCheckResult } from './types.ts';

/**
 * Zone data for one answered area, ready for the warning engine (it satisfies its `ZoneData`).
 *
 * @example
 * const area: LoadedArea | null = (await airlock.checkLocation({ lon: 8.54, lat: 47.37 })).area;
 * if (area) console.log(area.datasetVersion, area.countries, area.skippedZones);
 */
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
  const { zones, skipped } = readAnswerZones(answer.zones.features);
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
 * The area without the restrictions whose validity has ended by `now` (ms): an answer cached on the
 * device, online or not, never hands an expired restriction to the app. The same area when none has.
 */
export function withoutEnded(area: LoadedArea, now: number): LoadedArea {
  const zones = area.index.zones;
  if (!zones.some((z) => z.applicability.length > 0 && hasZoneEnded(z, now))) return area;
  return { ...area, index: ZoneIndex.build(zones.filter((z) => !hasZoneEnded(z, now))) };
}

/**
 * A location check's result from an area the device holds (an answer or a zone pack), its ended
 * restrictions dropped: `held` says how old the data is and how long it may be trusted.
 */
export function resultFromArea(
  area: LoadedArea,
  now: number,
  held: {
    source: 'network' | 'cache';
    ageS: number;
    maxAgeS: number;
    datasetVersion: string;
    skippedZones: number;
  },
  extra: Partial<LocationCheckResult>,
): LocationCheckResult {
  const a = withoutEnded(area, now);
  const result: LocationCheckResult = {
    coverage: 'full',
    source: held.source,
    stale: held.ageS > held.maxAgeS,
    ageS: held.ageS,
    datasetVersion: held.datasetVersion,
    zones: a.index,
    area: a,
    zoneCount: a.index.size,
    skippedZones: held.skippedZones,
    countries: a.countries,
    radio: a.radio,
    offline: false,
    requestsSent: 0,
    ...extra,
  };
  if (result.error === undefined) delete result.error;
  return result;
}
