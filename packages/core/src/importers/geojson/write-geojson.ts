import type { Position, Zone, ZoneGeometry } from '../../zone/index.ts';
import { circleOutline } from './circle-outline.ts';
import type { ZoneFeature, ZoneFeatureCollection, ZoneFeatureProperties } from './types.ts';

export { CIRCLE_CHORD_ERROR_M, CIRCLE_RELATIVE_CHORD_ERROR } from './circle-outline.ts';

/**
 * One zone as a GeoJSON Feature any GIS tool can draw, carrying everything needed to rebuild the zone
 * exactly: circles are written as polygons with the true circle in `properties.circle`, and a zone
 * with several volumes gets their union as a MultiPolygon plus `properties.volumes`. `extra`
 * properties (e.g. `distance_m` in API answers) are added but never replace the zone's own.
 *
 * @example
 * const feature = zoneToFeature(zone, { distance_m: 1234 });
 */
export function zoneToFeature(zone: Zone, extra?: Record<string, unknown>): ZoneFeature {
  const first = zone.volumes[0];
  const own: ZoneFeatureProperties = {
    id: zone.id,
    name: zone.name,
    country: zone.country,
    category: zone.category,
    reasons: zone.reasons,
    applicability: zone.applicability,
    source: zone.source,
    licence: zone.licence,
    dataset: zone.dataset,
    lower: first.lower,
    upper: first.upper,
  };
  if (zone.authority !== undefined) own.authority = zone.authority;
  if (zone.message !== undefined) own.message = zone.message;
  if (zone.derived !== undefined) own.derived = zone.derived;
  if (zone.volumes.length > 1) own.volumes = zone.volumes;
  else if (first.geometry.type === 'Circle') {
    own.circle = { center: first.geometry.center, radius_m: first.geometry.radius_m };
  }
  if (zone.properties !== undefined) own.properties = zone.properties;
  const geometry =
    zone.volumes.length === 1
      ? footprint(first.geometry)
      : { type: 'MultiPolygon' as const, coordinates: zone.volumes.flatMap((v) => polygonsOf(v.geometry)) };
  return { type: 'Feature', id: zone.id, geometry, properties: { ...extra, ...own } };
}

/**
 * Zones as a GeoJSON FeatureCollection, one Feature per zone; `parseGeoJSONZones` reads it back.
 *
 * @example
 * writeFileSync('zones.geojson', JSON.stringify(zonesToGeoJSON(zones)));
 */
export function zonesToGeoJSON(zones: readonly Zone[]): ZoneFeatureCollection {
  return { type: 'FeatureCollection', features: zones.map((zone) => zoneToFeature(zone)) };
}

function footprint(geometry: ZoneGeometry): ZoneFeature['geometry'] {
  if (geometry.type !== 'Circle') return geometry;
  return { type: 'Polygon', coordinates: polygonsOf(geometry)[0] };
}

function polygonsOf(geometry: ZoneGeometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  const [lon, lat] = geometry.center;
  return [[circleOutline(lon, lat, geometry.radius_m)]];
}
