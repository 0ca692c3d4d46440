import type { IncomingMessage } from 'node:http';
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
import type { TelemetryService } from '../../telemetry/index.ts';
import type { AppContext } from '../app-context.ts';
import { requestContentLength } from '../body-size-limit.ts';
import { coreSchema } from '../core-schema.ts';
import { errorBody, HttpError } from '../http-error.ts';
import { requireOperator } from '../operator-auth.ts';
import { declaredLength, headerIn } from '../raw-request.ts';
import { telemetryStatsSchema } from './telemetry-stats-schema.ts';

const accepted = z.object({ accepted: z.number().int() });
const errorShape = z.object({
  error: z.object({ code: z.string(), message: z.string(), status: z.number() }),
});

const MAX = TELEMETRY_LIMITS.maxBodyBytes;
const TOO_LARGE = `(body): over ${MAX} bytes (64 KiB)`;

/** An ingest outcome as status and JSON text: the same for the routed and the direct path. */
interface IngestOutcome {
  status: number;
  body: string;
}

const failure = (status: number, code: string, message: string): IngestOutcome => ({
  status,
  body: JSON.stringify(errorBody(status, code, message)),
});

/**
 * Validates one report (JSON text) against the declared-field registry and adds it to the aggregates,
 * through the journal: the promise settles once the report is durable (202) or refused (503).
 * Nothing of the request but this text is read.
 */
async function ingestText(
  telemetry: TelemetryService,
  category: TelemetryCategory,
  text: string,
): Promise<IngestOutcome> {
  if (text.length > MAX) return failure(413, 'body_too_large', TOO_LARGE);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failure(400, 'invalid_json', '(body): not valid JSON');
  }
  const r = parseTelemetryReport(category, body);
  if (!r.ok) return failure(400, 'invalid_report', r.errors.join('; '));
  // The text as received is journalled when it is the report as validated (no copy to serialise).
  const accepted = await telemetry.ingest(category, r.report, r.report === body ? text : undefined);
  if (accepted === 'busy') {
    return failure(503, 'busy', 'the aggregates are not being written; nothing was added: retry later');
  }
  if (accepted === 'not_durable') {
    return failure(
      503,
      'not_durable',
      'the report could not be stored durably; nothing was added: retry later',
    );
  }
  return { status: 202, body: `{"accepted":${accepted}}` };
}

// A fresh plain header object per answer: node-server writes it as is (no web Headers to build).
const toResponse = (o: IngestOutcome) =>
  new Response(o.body, {
    status: o.status,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(o.body)) },
  });

/** The paths of the ingest routes, for the direct path ahead of the router. */
export const INGEST_PATHS: ReadonlyMap<string, TelemetryCategory> = new Map(
  TELEMETRY_CATEGORIES.map((category) => [TELEMETRY_PATHS[category], category]),
);

/**
 * Ingest straight from Node's request, ahead of the router (see createApp): every app sends a report
 * per session, so this is the server's busiest write. The body is read from the socket stream into
 * one buffer, bounded by the 64 KiB limit (Content-Length checked first; a chunked body that grows past
 * it is drained and answered 413), and goes through `ingestText` like the routed path.
 */
export async function ingestFromNode(
  incoming: IncomingMessage,
  category: TelemetryCategory,
  telemetry: TelemetryService,
): Promise<Response> {
  const declared = declaredLength((name) => headerIn(incoming.rawHeaders, name));
  if (declared !== undefined && declared > MAX) {
    return toResponse(failure(413, 'body_too_large', TOO_LARGE));
  }
  const text = await new Promise<string | undefined>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX) chunks.push(chunk);
    });
    incoming.on('end', () =>
      resolve(
        size > MAX ? undefined : (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'),
      ),
    );
    incoming.on('error', reject);
    incoming.on('close', () => {
      if (!incoming.complete) reject(new Error('the client closed the request before its body ended'));
    });
  });
  if (text === undefined) return toResponse(failure(413, 'body_too_large', TOO_LARGE));
  return toResponse(await ingestText(telemetry, category, text));
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
      request: {
        body: {
          content: {
            'application/json': {
              schema: coreSchema<unknown>(documented),
            },
          },
          required: true,
        },
      },
      responses: {
        202: {
          content: { 'application/json': { schema: accepted } },
          description: 'durable (journalled and fsynced), added to the aggregates',
        },
        400: {
          content: { 'application/json': { schema: errorShape } },
          description: 'invalid, naming the field',
        },
        413: { content: { 'application/json': { schema: errorShape } }, description: 'body over 64 KiB' },
        503: {
          content: { 'application/json': { schema: errorShape } },
          description: 'not added (aggregates not being written, or the journal cannot be written): retry',
        },
      },
    });
    // Under Node, ingestFromNode answers these ahead of the router; this route serves the rest
    // (app.request in tests, other runtimes) with the same ingestText.
    app.post(path, async (c) => {
      if ((requestContentLength(c) ?? 0) > MAX) return toResponse(failure(413, 'body_too_large', TOO_LARGE));
      return toResponse(await ingestText(telemetry, category, await c.req.text()));
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
          content: { 'application/json': { schema: telemetryStatsSchema } },
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
