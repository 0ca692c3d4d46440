// zod/mini, so the SDK can check answers on the device without all of zod (see schema/).
import * as z from 'zod/mini';

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

const lon = z.number().check(z.gte(-540), z.lte(540));
const lat = z.number().check(z.gte(-90), z.lte(90));
/** GeoJSON order: [longitude, latitude]. */
export const positionSchema = z.tuple([lon, lat], z.number());
export type Position = [number, number, ...number[]];

const ring = z.array(positionSchema).check(z.minLength(4), z.maxLength(200_000));

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).check(z.minLength(1), z.maxLength(1000)),
});
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z
    .array(z.array(ring).check(z.minLength(1), z.maxLength(1000)))
    .check(z.minLength(1), z.maxLength(10_000)),
});
/** A circle on the ground, kept as a circle (not tessellated) so nothing is lost. */
export const circleSchema = z.object({
  type: z.literal('Circle'),
  center: z.tuple([lon, lat]),
  radius_m: z.number().check(z.positive(), z.lte(2_000_000)),
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
  value: z.nullable(z.number().check(z.gte(-2000), z.lte(1_000_000))),
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
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/));

/**
 * When a zone applies. Several entries combine with OR; a zone without entries is permanent.
 * Times are ISO 8601; schedule times are HH:MM in UTC unless they carry an offset.
 */
export const applicabilitySchema = z.object({
  permanent: z.boolean(),
  start: z.optional(z.iso.datetime({ offset: true })),
  end: z.optional(z.iso.datetime({ offset: true })),
  schedule: z.optional(
    z
      .array(
        z.object({
          days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1), z.maxLength(8)),
          startTime: z.optional(hhmm),
          endTime: z.optional(hhmm),
        }),
      )
      .check(z.maxLength(100)),
  ),
});
export type Applicability = z.infer<typeof applicabilitySchema>;

const short = z.optional(z.string().check(z.maxLength(500)));
export const authoritySchema = z.object({
  name: short,
  service: short,
  email: short,
  contactName: short,
  siteURL: short,
  phone: short,
  purpose: z.optional(z.enum(['AUTHORIZATION', 'NOTIFICATION', 'INFORMATION'])),
  intervalBefore: short,
});
export type Authority = z.infer<typeof authoritySchema>;

/** The one zone model every importer produces and every consumer reads. */
export const zoneSchema = z.object({
  /** Unique within its dataset and stable across re-imports of the same source. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  name: z.string().check(z.maxLength(500)),
  /** ISO 3166-1 alpha-2 where known (alpha-3 sources are converted), else null. */
  country: z.nullable(z.string().check(z.minLength(2), z.maxLength(3))),
  category: z.enum(ZONE_CATEGORIES),
  reasons: z.array(z.enum(ZONE_REASONS)).check(z.maxLength(10)),
  volumes: z.array(zoneVolumeSchema).check(z.minLength(1), z.maxLength(100)),
  applicability: z.array(applicabilitySchema).check(z.maxLength(100)),
  authority: z.optional(z.array(authoritySchema).check(z.maxLength(20))),
  message: z.optional(z.string().check(z.maxLength(10_000))),
  /** Source format/provider, e.g. "ourairports", "openair", "ed269", "ed318", "geojson". */
  source: z.string().check(z.minLength(1), z.maxLength(100)),
  licence: z.string().check(z.maxLength(500)),
  /** Id of the dataset the zone came from; its version is the dataset's content hash. */
  dataset: z.string().check(z.minLength(1), z.maxLength(200)),
  /** True when the shape was derived by Airlock (e.g. airport zones from runways): advisory data. */
  derived: z.optional(z.boolean()),
  /** Source-specific extras kept without loss (OpenAir class, frequency, airport ident ...). */
  properties: z.optional(z.record(z.string(), z.unknown())),
});
export type Zone = z.infer<typeof zoneSchema> & { volumes: ZoneVolume[] };
