import { isZoneActive } from '@airlock/core/geofence';
import type { Applicability } from '@airlock/core/zone';

export { ZONE_CATEGORIES } from '@airlock/core/zone';

import type { Feature } from 'geojson';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';

/** Each feature marked `active` at the chosen moment (core's schedule rules: dates, days, hours). */
export function markActive(features: Feature[], at: Date): Feature[] {
  return features.map((f) => {
    const applicability = ((f.properties ?? {}) as { applicability?: Applicability[] }).applicability ?? [];
    return { ...f, properties: { ...f.properties, active: isZoneActive({ applicability }, at) } };
  });
}

/** Shows a zone when its dataset and category are switched on, and (with a time set) when active. */
export function zoneFilter(datasets: string[], categories: string[], timed: boolean): FilterSpecification {
  const all: ExpressionSpecification[] = [
    ['in', ['get', 'dataset'], ['literal', datasets]],
    ['in', ['get', 'category'], ['literal', categories]],
  ];
  if (timed) all.push(['==', ['get', 'active'], true]);
  return ['all', ...all];
}
