import { TELEMETRY_CATEGORIES } from '@airlock/core/telemetry';
import { z } from '@hono/zod-openapi';

// The published statistics (telemetry/release-stats.ts) as the OpenAPI document names them, so the
// console's typed client knows every field: a change here breaks the console's build, not its page.
const counter = z.object({
  day: z.string().optional(),
  category: z.enum(TELEMETRY_CATEGORIES),
  dimension: z.string(),
  value: z.string(),
  reports: z.number(),
  total: z.number().nullable().openapi({ description: 'null when below the minimum group' }),
});

const errorGroup = z.object({
  day: z.string().optional(),
  fingerprint: z.string(),
  error_type: z.string(),
  sample_stack: z.string(),
  first_day: z.string(),
  last_day: z.string(),
  reports: z.number(),
  events: z.number().nullable(),
  crashes: z.number().nullable(),
});

export const telemetryStatsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    category: z.enum(TELEMETRY_CATEGORIES).nullable(),
    by_day: z.boolean(),
    privacy: z.object({
      min_group: z.number(),
      epsilon: z.number().nullable(),
      published_through: z.string(),
    }),
    counters: z.array(counter),
    errors: z.array(errorGroup),
    suppressed: z.object({ rows: z.number(), values: z.number() }),
  })
  .openapi('TelemetryStats');
