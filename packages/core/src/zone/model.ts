// zod/mini, so the SDK can check answers on the device without all of zod (see schema/).
import * as z from 'zod/mini';

/**
 * The zone categories pilots know from the major consumer drone apps, most to least restrictive.
 *
 * @example
 * for (const category of ZONE_CATEGORIES) legend(category); // most restrictive first
 */
export const ZONE_CATEGORIES = [
  'restricted',
  'authorization',
  'enhanced_warning',
  'warning',
  'altitude',
  'temporary',
] as const;
/**
 * A zone category, as pilots know it from the major consumer drone apps.
 *
 * @example
 * const category: ZoneCategory = 'authorization'; // unlock required
 */
export type ZoneCategory = (typeof ZONE_CATEGORIES)[number];

/**
 * ED-269 / ED-318 reasons, kept verbatim; other sources map onto them or use OTHER.
 *
 * @example
 * ZONE_REASONS.includes('NATURE'); // true
 */
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
/**
 * Why a zone exists (ED-269 / ED-318 reason codes).
 *
 * @example
 * const reasons: ZoneReason[] = ['AIR_TRAFFIC', 'NOISE'];
 */
export type ZoneReason = (typeof ZONE_REASONS)[number];

const lon = z.number().check(z.gte(-540), z.lte(540));
const lat = z.number().check(z.gte(-90), z.lte(90));
/**
 * GeoJSON order: [longitude, latitude].
 *
 * @example
 * positionSchema.safeParse([8.5492, 47.4582]).success; // true
 */
export const positionSchema = z.tuple([lon, lat], z.number());
/**
 * A GeoJSON position: longitude, latitude, and optional further numbers (kept, not read).
 *
 * @example
 * const p: Position = [8.5492, 47.4582];
 */
export type Position = [number, number, ...number[]];

const ring = z.array(positionSchema).check(z.minLength(4), z.maxLength(200_000));

/**
 * The schema of a GeoJSON Polygon ground shape: 1 to 1000 rings of at least 4 positions.
 *
 * @example
 * polygonSchema.safeParse({ type: 'Polygon', coordinates: [[[8.5, 47.4], [8.6, 47.4], [8.6, 47.5], [8.5, 47.4]]] }).success; // true
 */
export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).check(z.minLength(1), z.maxLength(1000)),
});
/**
 * The schema of a GeoJSON MultiPolygon ground shape.
 *
 * @example
 * multiPolygonSchema.safeParse({ type: 'MultiPolygon', coordinates: [] }).success; // false: at least one polygon
 */
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z
    .array(z.array(ring).check(z.minLength(1), z.maxLength(1000)))
    .check(z.minLength(1), z.maxLength(10_000)),
});
/**
 * A circle on the ground, kept as a circle (not tessellated) so nothing is lost.
 *
 * @example
 * circleSchema.safeParse({ type: 'Circle', center: [8.55, 47.45], radius_m: 2000 }).success; // true
 */
export const circleSchema = z.object({
  type: z.literal('Circle'),
  center: z.tuple([lon, lat]),
  radius_m: z.number().check(z.positive(), z.lte(2_000_000)),
});
/**
 * The schema of a zone's ground shape: a Polygon, a MultiPolygon or a Circle.
 *
 * @example
 * const r = zoneGeometrySchema.safeParse(JSON.parse(text));
 * if (r.success) prepareGeometry(r.data);
 */
export const zoneGeometrySchema = z.discriminatedUnion('type', [
  polygonSchema,
  multiPolygonSchema,
  circleSchema,
]);
/**
 * A Polygon ground shape, GeoJSON order: the outer ring, then holes.
 *
 * @example
 * const square: PolygonGeometry = { type: 'Polygon', coordinates: [[[8.5, 47.4], [8.6, 47.4], [8.6, 47.5], [8.5, 47.5], [8.5, 47.4]]] };
 */
export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] };
/**
 * A MultiPolygon ground shape: several polygons, one zone.
 *
 * @example
 * const two: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: [square.coordinates, other.coordinates] };
 */
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Position[][][] };
/**
 * A circle on the ground, centre in GeoJSON order and radius in metres.
 *
 * @example
 * const circle: CircleGeometry = { type: 'Circle', center: [8.55, 47.45], radius_m: 2000 };
 */
export type CircleGeometry = { type: 'Circle'; center: [number, number]; radius_m: number };
/**
 * A zone's ground shape: polygon, multipolygon or circle.
 *
 * @example
 * const geometry: ZoneGeometry = { type: 'Circle', center: [8.55, 47.45], radius_m: 2000 };
 * const parts = prepareGeometry(geometry);
 */
export type ZoneGeometry = PolygonGeometry | MultiPolygonGeometry | CircleGeometry;

/**
 * A vertical limit as the source wrote it. `value: null` means unlimited (OpenAir UNL).
 * `unit: 'FL'` is a flight level (value in hundreds of feet, standard pressure; reference 'STD').
 *
 * @example
 * altitudeLimitSchema.safeParse({ value: 120, unit: 'm', reference: 'AGL' }).success; // true
 */
export const altitudeLimitSchema = z.object({
  value: z.nullable(z.number().check(z.gte(-2000), z.lte(1_000_000))),
  unit: z.enum(['m', 'ft', 'FL']),
  reference: z.enum(['AGL', 'AMSL', 'STD']),
});
/**
 * A vertical limit as the source wrote it: value (null: unlimited), unit and reference.
 *
 * @example
 * const ceiling: AltitudeLimit = { value: 400, unit: 'ft', reference: 'AGL' };
 * formatLimit(ceiling); // '400 ft AGL'
 */
export type AltitudeLimit = z.infer<typeof altitudeLimitSchema>;

/**
 * One vertical layer over one ground shape. A zone has one or more.
 *
 * @example
 * zoneVolumeSchema.safeParse({ geometry: circle, lower: SURFACE, upper: UNLIMITED }).success; // true
 */
export const zoneVolumeSchema = z.object({
  geometry: zoneGeometrySchema,
  lower: altitudeLimitSchema,
  upper: altitudeLimitSchema,
});
/**
 * One vertical layer of a zone: a ground shape between a lower and an upper limit.
 *
 * @example
 * const volume: ZoneVolume = { geometry: { type: 'Circle', center: [8.55, 47.45], radius_m: 2000 }, lower: SURFACE, upper: { value: 120, unit: 'm', reference: 'AGL' } };
 */
export type ZoneVolume = { geometry: ZoneGeometry; lower: AltitudeLimit; upper: AltitudeLimit };

/**
 * The days an applicability schedule may name (ED-269's), `ANY` for every day.
 *
 * @example
 * const schedule = { days: ['SAT', 'SUN'] satisfies (typeof WEEKDAYS)[number][], startTime: '18:00', endTime: '23:00' };
 */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'ANY'] as const;
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/));

/**
 * When a zone applies. Several entries combine with OR; a zone without entries is permanent.
 * Times are ISO 8601; schedule times are HH:MM in UTC unless they carry an offset.
 *
 * @example
 * applicabilitySchema.safeParse({ permanent: false, start: '2026-07-01T18:00:00Z', end: '2026-07-01T23:00:00Z' }).success; // true
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
/**
 * When a zone applies: permanently, from a start to an end, or on a weekly schedule.
 *
 * @example
 * const evenings: Applicability = { permanent: false, schedule: [{ days: ['ANY'], startTime: '18:00', endTime: '23:00' }] };
 * isZoneActive({ applicability: [evenings] }, new Date('2026-07-01T19:00:00Z')); // true
 */
export type Applicability = z.infer<typeof applicabilitySchema>;

const short = z.optional(z.string().check(z.maxLength(500)));
/**
 * The schema of the authority behind a zone: name, service, contacts (ED-269's).
 *
 * @example
 * authoritySchema.safeParse({ name: 'FOCA', siteURL: 'https://www.bazl.admin.ch' }).success; // true
 */
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
/**
 * Who is behind a zone and how to reach them (ED-269's authority fields).
 *
 * @example
 * const who: Authority | undefined = zone.authority?.[0];
 * if (who?.siteURL) link(who.name ?? 'Authority', who.siteURL);
 */
export type Authority = z.infer<typeof authoritySchema>;

/**
 * The one zone model every importer produces and every consumer reads.
 *
 * @example
 * const r = zoneSchema.safeParse(JSON.parse(text));
 * if (!r.success) console.error(r.error.issues);
 */
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
/**
 * One zone as every importer produces it and every consumer reads it: category, reasons, volumes,
 * applicability, source, licence and dataset.
 *
 * @example
 * const zone: Zone = {
 *   id: 'mine:z1', name: 'Model airfield', country: 'CH', category: 'warning', reasons: ['AIR_TRAFFIC'],
 *   volumes: [{ geometry: { type: 'Circle', center: [8.55, 47.45], radius_m: 500 }, lower: SURFACE, upper: UNLIMITED }],
 *   applicability: [], source: 'geojson', licence: 'CC0-1.0', dataset: 'mine',
 * };
 * const index = ZoneIndex.build([zone]);
 */
export type Zone = z.infer<typeof zoneSchema> & { volumes: ZoneVolume[] };
