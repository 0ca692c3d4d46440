import { z } from 'zod';

/** The zone categories pilots know from the major consumer drone apps, most to least restrictive. */
export const ZONE_CATEGORIES = [
  'restricted',
  'authorization',
  'enhanced_warning',
  'warning',
  'altitude',
  'temporary',
] as const;
export type ZoneCategory = (typeof ZONE_CATEGORIES)[number];

/** ED-269 / ED-318 reasons, kept verbatim; other sources map onto them or use OTHER. */
export const ZONE_REASONS = [
  'AIR_TRAFFIC',
  'SENSITIVE',
  'PRIVACY',
  'POPULATION',
  'NATURE',
  'NOISE',
  'FOREIGN_TERRITORY',
  'EMERGENCY',
  'DAR',
  'OTHER',
] as const;
export type ZoneReason = (typeof ZONE_REASONS)[number];

const lon = z.number().min(-540).max(540);
const lat = z.number().min(-90).max(90);
/** GeoJSON order: [longitude, latitude]. */
export const positionSchema = z.tuple([lon, lat]).rest(z.number());
export type Position = [number, number, ...number[]];

const ring = z.array(positionSchema).min(4).max(200_000);

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).min(1).max(1000),
});
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1).max(1000)).min(1).max(10_000),
});
/** A circle on the ground, kept as a circle (not tessellated) so nothing is lost. */
export const circleSchema = z.object({
  type: z.literal('Circle'),
  center: z.tuple([lon, lat]),
  radius_m: z.number().positive().max(2_000_000),
});
export const zoneGeometrySchema = z.discriminatedUnion('type', [
  polygonSchema,
  multiPolygonSchema,
  circleSchema,
]);
export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type CircleGeometry = { type: 'Circle'; center: [number, number]; radius_m: number };
export type ZoneGeometry = PolygonGeometry | MultiPolygonGeometry | CircleGeometry;

/**
 * A vertical limit as the source wrote it. `value: null` means unlimited (OpenAir UNL).
 * `unit: 'FL'` is a flight level (value in hundreds of feet, standard pressure; reference 'STD').
 */
export const altitudeLimitSchema = z.object({
  value: z.number().min(-2000).max(1_000_000).nullable(),
  unit: z.enum(['m', 'ft', 'FL']),
  reference: z.enum(['AGL', 'AMSL', 'STD']),
});
export type AltitudeLimit = z.infer<typeof altitudeLimitSchema>;

/** One vertical layer over one ground shape. A zone has one or more. */
export const zoneVolumeSchema = z.object({
  geometry: zoneGeometrySchema,
  lower: altitudeLimitSchema,
  upper: altitudeLimitSchema,
});
export type ZoneVolume = { geometry: ZoneGeometry; lower: AltitudeLimit; upper: AltitudeLimit };

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'ANY'] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/);

/**
 * When a zone applies. Several entries combine with OR; a zone without entries is permanent.
 * Times are ISO 8601; schedule times are HH:MM in UTC unless they carry an offset.
 */
export const applicabilitySchema = z.object({
  permanent: z.boolean(),
  start: z.string().datetime({ offset: true }).optional(),
  end: z.string().datetime({ offset: true }).optional(),
  schedule: z
    .array(
      z.object({
        days: z.array(z.enum(WEEKDAYS)).min(1).max(8),
        startTime: hhmm.optional(),
        endTime: hhmm.optional(),
      }),
    )
    .max(100)
    .optional(),
});
export type Applicability = z.infer<typeof applicabilitySchema>;

const short = z.string().max(500);
export const authoritySchema = z.object({
  name: short.optional(),
  service: short.optional(),
  email: short.optional(),
  contactName: short.optional(),
  siteURL: short.optional(),
  phone: short.optional(),
  purpose: z.enum(['AUTHORIZATION', 'NOTIFICATION', 'INFORMATION']).optional(),
  intervalBefore: short.optional(),
});
export type Authority = z.infer<typeof authoritySchema>;

/** The one zone model every importer produces and every consumer reads. */
export const zoneSchema = z.object({
  /** Unique within its dataset and stable across re-imports of the same source. */
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  /** ISO 3166-1 alpha-2 where known (alpha-3 sources are converted), else null. */
  country: z.string().min(2).max(3).nullable(),
  category: z.enum(ZONE_CATEGORIES),
  reasons: z.array(z.enum(ZONE_REASONS)).max(10),
  volumes: z.array(zoneVolumeSchema).min(1).max(100),
  applicability: z.array(applicabilitySchema).max(100),
  authority: z.array(authoritySchema).max(20).optional(),
  message: z.string().max(10_000).optional(),
  /** Source format/provider, e.g. "ourairports", "openair", "ed269", "ed318", "geojson". */
  source: z.string().min(1).max(100),
  licence: z.string().max(500),
  /** Id of the dataset the zone came from; its version is the dataset's content hash. */
  dataset: z.string().min(1).max(200),
  /** True when the shape was derived by Airlock (e.g. airport zones from runways): advisory data. */
  derived: z.boolean().optional(),
  /** Source-specific extras kept without loss (OpenAir class, frequency, airport ident ...). */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type Zone = z.infer<typeof zoneSchema> & { volumes: ZoneVolume[] };
