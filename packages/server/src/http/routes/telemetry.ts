import {
  appPerformanceReportSchema,
  isValidDay,
  parseTelemetryReport,
  TELEMETRY_CATEGORIES,
  TELEMETRY_LIMITS,
  TELEMETRY_PATHS,
  type TelemetryCategory,
  userExperienceReportSchema,
} from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TelemetryService } from '../../telemetry/index.ts';
import type { AppContext } from '../app-context.ts';
import { requestContentLength } from '../body-size-limit.ts';
import { HttpError } from '../http-error.ts';
import { requireOperator } from '../operator-auth.ts';

const accepted = z.object({ accepted: z.number().int() });
const errorShape = z.object({
  error: z.object({ code: z.string(), message: z.string(), status: z.number() }),
});

const MAX = TELEMETRY_LIMITS.maxBodyBytes;
const tooLarge = () => new HttpError(413, 'body_too_large', `(body): over ${MAX} bytes (64 KiB)`);

/**
 * Reads and validates a report. The size is checked here rather than by a middleware: the header is
 * read from the raw request, and the body through node-server's fast path (no web stream), which
 * matters on a route that is hit for every report of every app.
 */
async function readReport(c: Context, category: TelemetryCategory) {
  if ((requestContentLength(c) ?? 0) > MAX) throw tooLarge();
  const text = await c.req.text();
  // Chunked bodies have no Content-Length; the app-wide limit bounded what was read.
  if (text.length > MAX) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', '(body): not valid JSON');
  }
  const r = parseTelemetryReport(category, body);
  if (!r.ok) throw new HttpError(400, 'invalid_report', r.errors.join('; '));
  return r.report;
}

/**
 * Telemetry ingest and the operator statistics. Ingest reads nothing but the body: no address, no
 * header, no cookie; it validates the report against the declared-field registry and adds it to the
 * in-memory aggregates, and the request leaves no other trace (the log line carries the route pattern).
 */
export function registerTelemetryRoutes(
  app: OpenAPIHono,
  ctx: AppContext,
  telemetry: TelemetryService,
): void {
  for (const category of TELEMETRY_CATEGORIES) {
    const path = TELEMETRY_PATHS[category];
    // The schema depends on the day (expiry, day window), so validation happens in the handler and the
    // document shows the schema as of start-up.
    const documented =
      category === 'app_performance' ? appPerformanceReportSchema() : userExperienceReportSchema();
    app.openAPIRegistry.registerPath({
      method: 'post',
      path,
      tags: ['telemetry'],
      summary:
        category === 'app_performance'
          ? 'App performance: errors (scrubbed), feature counts, timings (aggregated on arrival)'
          : 'User experience: bucketed flight summaries (aggregated on arrival)',
      description:
        'Only declared, unexpired fields are accepted; unknown fields (identifiers, coordinates) are a 400 naming the field. Nothing per report is stored: the server adds the report to daily aggregates.',
      request: { body: { content: { 'application/json': { schema: documented as never } }, required: true } },
      responses: {
        202: {
          content: { 'application/json': { schema: accepted } },
          description: 'added to the aggregates',
        },
        400: {
          content: { 'application/json': { schema: errorShape } },
          description: 'invalid, naming the field',
        },
        413: { content: { 'application/json': { schema: errorShape } }, description: 'body over 64 KiB' },
      },
    });
    app.post(path, async (c) => {
      const report = await readReport(c, category);
      const n = telemetry.ingest(category, report);
      return c.json({ accepted: n }, 202);
    });
  }

  const day = z.string().refine(isValidDay, 'must be a day as YYYY-MM-DD').openapi({ example: '2026-05-01' });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/stats/telemetry',
      tags: ['operator'],
      summary: 'Telemetry aggregates, with small counts suppressed and optional DP noise (operator)',
      description:
        'Counts below AIRLOCK_STATS_MIN_GROUP reports are suppressed; with AIRLOCK_STATS_EPSILON set, Laplace noise is added first and only days that can no longer change are published. See docs/telemetry.md.',
      security: [{ operatorToken: [] }],
      request: {
        query: z.object({
          from: day.optional(),
          to: day.optional(),
          category: z.enum(TELEMETRY_CATEGORIES).optional(),
          by_day: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: {
        200: {
          content: { 'application/json': { schema: z.any().openapi({ description: 'TelemetryStats' }) } },
          description: 'published aggregates',
        },
      },
    }),
    async (c) => {
      requireOperator(ctx, c.req.header('authorization'));
      const q = c.req.valid('query');
      const to = q.to ?? new Date().toISOString().slice(0, 10);
      const from =
        q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
      if (from > to)
        throw new HttpError(400, 'invalid_request', `parameter "from": ${from} is after "to" ${to}`);
      const stats = await telemetry.readStats({ from, to, category: q.category, byDay: q.by_day === 'true' });
      return c.json(stats as never);
    },
  );
}
