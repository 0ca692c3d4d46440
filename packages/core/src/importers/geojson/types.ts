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

/** The properties Airlock writes on each zone Feature; see docs/formats/geojson.md. */
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

export interface ZoneFeature {
  type: 'Feature';
  id: string;
  geometry: PolygonGeometry | MultiPolygonGeometry;
  properties: ZoneFeatureProperties & Record<string, unknown>;
}

export interface ZoneFeatureCollection {
  type: 'FeatureCollection';
  features: ZoneFeature[];
}
