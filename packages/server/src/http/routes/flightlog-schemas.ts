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
