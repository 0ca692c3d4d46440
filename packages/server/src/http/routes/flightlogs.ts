import { isValidDay } from '@airlock/core';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AccountService } from '../../accounts/index.ts';
import {
  FLIGHT_SORTS,
  type FlightLogService,
  type FlightLogUploads,
  type FlightShares,
  MAX_SERIES_POINTS,
  SERIES_ALIASES,
} from '../../flightlogs/index.ts';
import { HttpError } from '../http-error.ts';
import { requirePilot } from '../pilot-auth.ts';
import { registerFlightLogDetailRoutes } from './flightlog-details.ts';
import { registerFlightLogFileRoutes } from './flightlog-files.ts';
import {
  flightLogSchema,
  idParam,
  NOT_FOUND,
  pilotSecurity,
  seriesSchema,
  trackSchema,
} from './flightlog-schemas.ts';
import { registerFlightLogShareRoutes } from './flightlog-shares.ts';

export interface FlightLogRouteDeps {
  accounts: AccountService;
  flightlogs: FlightLogService;
  uploads: FlightLogUploads;
  shares: FlightShares;
}

const flightDay = z.string().max(10).refine(isValidDay, 'must be a calendar day as YYYY-MM-DD');

const notFound = () => new HttpError(404, 'not_found', 'no such flight log');

/**
 * A pilot's flight logs: import, list, summary, track, chart series, exports, delete. Every handler
 * authenticates first and passes the caller's id to the service, which scopes every lookup by it.
 */
export function registerFlightLogRoutes(app: OpenAPIHono, deps: FlightLogRouteDeps): void {
  const { accounts, flightlogs } = deps;
  for (const path of ['/v1/flightlogs', '/v1/flightlogs/*'])
    app.use(path, async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    });
  // Uploads first: /v1/flightlogs/uploads/… must not be taken for a log id.
  registerFlightLogFileRoutes(app, deps);
  registerFlightLogShareRoutes(app, deps);
  registerFlightLogDetailRoutes(app, deps);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/flightlogs',
      tags: ['flight logs'],
      summary: 'Import a flight log in one request (non-resumable)',
      description: `Body: the file's bytes. The same file again returns the existing log (200). Corrupt → 422 naming the byte offset; nothing is stored. Larger than AIRLOCK_FLIGHTLOG_MAX_BYTES → 413. For large files or weak networks use the resumable upload (tus) at /v1/flightlogs/uploads.`,
      security: pilotSecurity,
      request: {
        query: z.object({
          filename: z.string().max(255).optional(),
          sha256: z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/)
            .optional()
            .openapi({ description: 'checked when given' }),
        }),
      },
      responses: {
        201: {
          content: {
            'application/json': { schema: z.object({ flightlog: flightLogSchema, created: z.boolean() }) },
          },
          description: 'imported',
        },
        200: { description: 'already imported: the existing log' },
        413: { description: 'too large' },
        422: { description: 'corrupt or unrecognised file, or SHA-256 mismatch' },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const q = c.req.valid('query');
      const bytes = await readBodyLimited(c.req.raw, flightlogs.options.maxBytes).catch((e) => {
        // The unread rest of the body would be parsed as the next request on a kept-alive socket.
        c.header('Connection', 'close');
        throw e;
      });
      // A refused file (FlightLogImportError) is answered by the error map (http/error-map.ts).
      const { log, created } = await flightlogs.importBytes(session.pilotId, bytes, {
        filename: (q.filename ?? 'flight-log').replace(/^.*[\\/]/, '') || 'flight-log',
        sha256: q.sha256,
      });
      if (created) c.header('Location', `/v1/flightlogs/${log.id}`);
      return c.json({ flightlog: log, created }, created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs',
      tags: ['flight logs'],
      summary: 'Your flight logs, newest upload first, or filtered and sorted',
      security: pilotSecurity,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
          sha256: z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/)
            .optional()
            .openapi({ description: 'find the log of this file (before uploading it)' }),
          sort: z.enum(FLIGHT_SORTS).optional().openapi({ description: 'default uploaded' }),
          order: z.enum(['asc', 'desc']).optional().openapi({ description: 'default desc' }),
          from: flightDay
            .optional()
            .openapi({ description: 'flights that started on or after this UTC day' }),
          to: flightDay.optional().openapi({ description: 'flights that started on or before this UTC day' }),
          aircraft: z
            .string()
            .max(100)
            .optional()
            .openapi({ description: "part of the aircraft's name, any case" }),
          format: z.string().max(40).optional(),
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ items: z.array(flightLogSchema), next_cursor: z.string().nullable() }),
            },
          },
          description: 'a page',
        },
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      return c.json(await flightlogs.list(session.pilotId, c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}',
      tags: ['flight logs'],
      summary: 'Summary of one flight',
      security: pilotSecurity,
      request: { params: idParam },
      responses: {
        200: { content: { 'application/json': { schema: flightLogSchema } }, description: 'the log' },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const log = await flightlogs.get(session.pilotId, c.req.valid('param').id);
      if (!log) throw notFound();
      return c.json(log, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/track',
      tags: ['flight logs'],
      summary: 'The track for a map (GeoJSON, at most 2,000 points, shape kept)',
      security: pilotSecurity,
      request: { params: idParam },
      responses: {
        200: {
          content: { 'application/geo+json': { schema: trackSchema } },
          description: 'GeoJSON FeatureCollection: the track and events',
        },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const track = await flightlogs.track(session.pilotId, c.req.valid('param').id);
      if (!track) throw notFound();
      return c.body(new Uint8Array(track), 200, { 'Content-Type': 'application/geo+json' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/flightlogs/{id}/series',
      tags: ['flight logs'],
      summary: `Time series for charts (at most ${MAX_SERIES_POINTS} points)`,
      description: `fields: channel names (alt_rel_m, h_speed_mps, …) or aliases (${Object.keys(SERIES_ALIASES).join(', ')}); all channels when absent. Unknown names are a 400.`,
      security: pilotSecurity,
      request: { params: idParam, query: z.object({ fields: z.string().max(500).optional() }) },
      responses: {
        200: {
          content: { 'application/json': { schema: seriesSchema } },
          description: 'the series, thinned to a common time base',
        },
        400: { description: 'an unknown field name' },
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      const fields = c.req
        .valid('query')
        .fields?.split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const out = await flightlogs.series(session.pilotId, c.req.valid('param').id, fields);
      if (!out) throw notFound();
      if (out.unknown.length > 0)
        throw new HttpError(
          400,
          'invalid_request',
          `parameter "fields": unknown ${out.unknown.map((u) => `"${u}"`).join(', ')}`,
        );
      return c.json(out.series, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/flightlogs/{id}',
      tags: ['flight logs'],
      summary: 'Delete a flight log: the original, every derived blob and the row',
      security: pilotSecurity,
      request: { params: idParam },
      responses: { 204: { description: 'deleted' }, 404: NOT_FOUND },
    }),
    async (c) => {
      const session = await requirePilot(c, accounts);
      if (!(await flightlogs.delete(session.pilotId, c.req.valid('param').id))) throw notFound();
      return c.body(null, 204);
    },
  );
}

/** The body, refused with 413 as soon as it passes `max` bytes (before it is all in memory). */
async function readBodyLimited(req: Request, max: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, 'body_too_large', `flight log over ${max} bytes`);
  if (Number(req.headers.get('content-length') ?? 0) > max) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
