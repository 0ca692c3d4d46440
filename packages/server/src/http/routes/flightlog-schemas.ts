import { type FlightEventKind, SAMPLE_CHANNELS, type SampleChannel } from '@airlock/core';
import { z } from '@hono/zod-openapi';

const num = z.number().nullable();

export const flightLogSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    sha256: z.string(),
    format: z.string(),
    size_bytes: z.number(),
    uploaded_at: z.string(),
    summary: z.object({
      start: z
        .string()
        .nullable()
        .openapi({ description: 'UTC start, or null when the log has no absolute time' }),
      duration_s: num,
      distance_m: num,
      max_alt_m: num.openapi({ description: 'above take-off' }),
      max_alt_amsl_m: num,
      max_speed_mps: num,
      max_distance_from_home_m: num,
      battery_used_pct: num,
      crc_failures: num.openapi({ description: 'frames that failed their checksum (tlog); not in messages' }),
      aircraft: z.string().nullable(),
      app: z.string().nullable(),
    }),
    messages: z.record(z.string(), z.number()),
    warnings: z.array(z.string()),
  })
  .openapi('FlightLog');

/** Any string: an id that is not one of the caller's logs is a 404 whatever its shape. */
export const idParam = z.object({ id: z.string().max(100) });

export const NOT_FOUND = { description: "no such flight log among yours (another pilot's id too)" };
export const pilotSecurity = [{ pilotSession: [] }];

/** [lon, lat] or [lon, lat, altitude AMSL in metres], as GeoJSON orders them. */
const position = z.array(z.number()).min(2).max(3);
const point = z.object({ type: z.literal('Point'), coordinates: position });
const times = z.array(z.number().nullable());

// Every kind core's FlightEvent has: this fails to compile when core adds or drops one.
const EVENT_KINDS = [
  'photo',
  'video_start',
  'video_stop',
  'armed',
  'disarmed',
  'info',
  'warning',
  'error',
] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _eventKindsMatch: Same<(typeof EVENT_KINDS)[number], FlightEventKind> = true;

const trackFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.union([
    z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) }),
    point,
  ]),
  properties: z.object({
    kind: z.literal('track'),
    format: z.string(),
    start: z.string().nullable(),
    duration_s: z.number().nullable(),
    times_s: z.union([times, z.array(times)]).openapi({
      description: 'seconds since t = 0 per position (per line of a MultiLineString); null where unknown',
    }),
  }),
});
const eventFeature = z.object({
  type: z.literal('Feature'),
  geometry: point.openapi({ description: 'the track position nearest in time' }),
  properties: z.object({ kind: z.enum(EVENT_KINDS), t_s: z.number(), text: z.string().optional() }),
});

/** The track (a line, or one line per segment) and the events placed on it; see core's flightToGeoJSON. */
export const trackSchema = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.union([trackFeature, eventFeature])) })
  .openapi('FlightTrack');

const column = z.array(z.number().nullable());
export const seriesSchema = z
  .object({
    step_s: z.number().nullable().openapi({ description: 'seconds between points; null with one point' }),
    t_s: z.array(z.number()),
    channels: z
      .object(
        Object.fromEntries(SAMPLE_CHANNELS.map((c) => [c, column.optional()])) as Record<
          SampleChannel,
          z.ZodOptional<typeof column>
        >,
      )
      .openapi({
        description: 'only channels the log has a value for, each as long as t_s; null where unknown',
      }),
  })
  .openapi('FlightSeries');

/** Export bodies: text formats as strings, GeoJSON as the full-resolution track. */
export const exportSchemas = {
  csv: z.string().openapi({ description: 'one row per sample, SI units in the column names' }),
  gpx: z.string().openapi({ description: 'GPX 1.1' }),
  kml: z.string().openapi({ description: 'KML 2.2' }),
  geojson: trackSchema,
} as const;
