import type {
  AltitudeLimit,
  Applicability,
  Authority,
  MultiPolygonGeometry,
  PolygonGeometry,
  ZoneCategory,
  ZoneReason,
  ZoneVolume,
} from '../../zone/index.ts';

/**
 * The properties Airlock writes on each zone Feature; see docs/formats/geojson.md.
 *
 * @example
 * const props: ZoneFeatureProperties = feature.properties;
 * console.log(props.id, props.name, props.category, props.country, props.reasons);
 */
export interface ZoneFeatureProperties {
  id: string;
  name: string;
  country: string | null;
  category: ZoneCategory;
  reasons: ZoneReason[];
  applicability: Applicability[];
  authority?: Authority[];
  message?: string;
  source: string;
  licence: string;
  dataset: string;
  derived?: boolean;
  /** Limits of the first volume, for map styling and simple clients. */
  lower: AltitudeLimit;
  upper: AltitudeLimit;
  /** Every volume, exact (circles as circles), when the zone has more than one. */
  volumes?: ZoneVolume[];
  /** The exact circle when the single volume is one; the Feature geometry is then its polygon. */
  circle?: { center: [number, number]; radius_m: number };
  /** Source-specific extras (zone.properties). */
  properties?: Record<string, unknown>;
}

/**
 * One zone as a GeoJSON Feature, as Airlock writes it (docs/formats/geojson.md): its ground shape and
 * its properties.
 *
 * @example
 * const feature: ZoneFeature = collection.features[0];
 * map.addFeature(feature.geometry, feature.properties.name);
 */
export interface ZoneFeature {
  type: 'Feature';
  id: string;
  geometry: PolygonGeometry | MultiPolygonGeometry;
  properties: ZoneFeatureProperties & Record<string, unknown>;
}

/**
 * A GeoJSON FeatureCollection of zones, as Airlock's zone endpoints answer.
 *
 * @example
 * const collection = (await (await fetch(`${serverUrl}/v1/zones?bbox=8.4,47.3,8.7,47.5`)).json()) as ZoneFeatureCollection;
 * console.log(collection.features.length);
 */
export interface ZoneFeatureCollection {
  type: 'FeatureCollection';
  features: ZoneFeature[];
}
