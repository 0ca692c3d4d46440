import type { IncomingMessage } from 'node:http';
import { CELL_PATH_PREFIX, TELEMETRY_PATHS, type TelemetryCategory } from '@airlock/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { AirspaceService } from '../airspace/index.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { RequestCounters } from '../metrics/index.ts';
import type { PilotData } from '../pilot-data/index.ts';
import type { IpCountryLookup } from '../region-ip/index.ts';
import type { TelemetryService } from '../telemetry/index.ts';
import { renderApiReference } from './api-reference.ts';
import type { AppContext } from './app-context.ts';
import { bodySizeLimit } from './body-size-limit.ts';
import { describeValidation, errorBody, HttpError } from './http-error.ts';
import { requestTarget } from './raw-request.ts';
import { answerFromUrlIndex, ResponseCache } from './response-cache.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerDatasetRoutes } from './routes/datasets.ts';
import { registerFlightLogRoutes } from './routes/flightlogs.ts';
import { registerLocationRoutes } from './routes/location.ts';
import { registerStatsRoutes } from './routes/stats.ts';
import { INGEST_PATHS, ingestFromNode, registerTelemetryRoutes } from './routes/telemetry.ts';
import { registerZoneRoutes } from './routes/zones.ts';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The routes whose answers `sendCached` indexes by URL (see answerFromUrlIndex). */
const URL_INDEXED_PREFIXES = ['/v1/zones/tiles/', CELL_PATH_PREFIX] as const;

export interface AppDeps {
  config: Config;
  log: Logger;
  airspace: AirspaceService;
  counters: RequestCounters;
  /** Loaded on first use: the IP table takes a second and most deployments rarely need it. */
  ipCountry: () => Promise<IpCountryLookup>;
  /** Accounts and flight logs; their routes are absent without it. */
  pilotData?: PilotData;
  /** Telemetry ingest and statistics; their routes are absent without it. */
  telemetry?: TelemetryService;
  /** Operator token written to the data dir's lock file, for the local `airlock` CLI. */
  localOperatorToken?: string;
}

/**
 * The whole HTTP API as a web-standard handler (`app.fetch`): routes per capability, validation at the
 * edge from the same zod schemas that generate /openapi.json, one error shape, and request logs that
 * carry the route pattern, never the path, the address or any header.
 */
export function createApp(deps: AppDeps): OpenAPIHono {
  const ctx: AppContext = { ...deps, cache: new ResponseCache() };
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const msg = describeValidation(result.target, result.error.issues);
        return c.json(errorBody(400, 'invalid_request', msg), 400);
      }
    },
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    deps.log.debug('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  const limit = bodySizeLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(errorBody(413, 'body_too_large', `request body over ${MAX_BODY_BYTES} bytes`), 413),
  });
  // Flight logs have their own, larger limit (AIRLOCK_FLIGHTLOG_MAX_BYTES), enforced by their routes.
  // GET and HEAD carry no body: skipping them spares building a full Request on every read.
  app.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/v1/flightlogs')
      ? next()
      : limit(c, next),
  );

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json(errorBody(err.status, err.code, err.message), err.status);
    if (err instanceof HTTPException) {
      return c.json(errorBody(err.status, 'http_error', err.message || 'bad request'), err.status);
    }
    deps.log.error('unhandled error', { route: c.req.routePath, error: err.name, message: err.message });
    return c.json(errorBody(500, 'internal', 'internal error'), 500);
  });
  app.notFound((c) =>
    c.json(errorBody(404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`), 404),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/health',
      tags: ['service'],
      summary: 'Liveness, with the loaded zone count',
      responses: {
        200: {
          content: {
            'application/json': { schema: z.object({ status: z.literal('ok'), zones: z.number() }) },
          },
          description: 'up',
        },
      },
    }),
    (c) => c.json({ status: 'ok' as const, zones: deps.airspace.index.size }),
  );
  // The empty route: the baseline every HTTP benchmark compares against. POST takes a body and ignores
  // it: the baseline for ingest, whose requests carry one (the body is received, never read).
  app.get('/v1/ping', (c) => c.json({ ok: true }));
  app.post('/v1/ping', (c) => c.json({ ok: true }));

  registerZoneRoutes(app, ctx);
  registerDatasetRoutes(app, ctx);
  registerLocationRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  if (deps.telemetry) registerTelemetryRoutes(app, ctx, deps.telemetry);
  if (deps.pilotData) {
    registerAccountRoutes(app, { accounts: deps.pilotData.accounts, config: deps.config });
    registerFlightLogRoutes(app, deps.pilotData);
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'operatorToken', {
    type: 'http',
    scheme: 'bearer',
  });
  const docConfig = {
    openapi: '3.0.3',
    info: {
      title: 'Airlock API',
      version: '0.1.0',
      description:
        'Airspace zones, location checks and pilot data for drone flight apps. Errors: {"error":{"code","message","status"}}.',
    },
  };
  app.doc('/openapi.json', docConfig);
  app.get('/docs', (c) => c.html(renderApiReference(app.getOpenAPIDocument(docConfig) as never)));

  // Ahead of the router: a repeated GET of a tile or location-cell URL whose answer the route already
  // built (and validated) for the current airspace is answered from the URL index. Everything else,
  // first requests included, goes through the router, validation and the routes.
  // Telemetry ingest, the busiest write, is read straight from Node's request (see ingestFromNode).
  const routed = app.fetch;
  app.fetch = (req, env, executionCtx) => {
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (req.method === 'POST' && deps.telemetry && incoming) {
      const category = INGEST_PATHS.get(requestTarget(env, req));
      if (category) return ingestDirect(incoming, category, deps.telemetry);
    }
    if (req.method === 'GET') {
      const target = requestTarget(env, req);
      if (URL_INDEXED_PREFIXES.some((p) => target.startsWith(p))) {
        const started = performance.now();
        const answer = answerFromUrlIndex(ctx.cache, deps.airspace.fingerprint, req, env, target);
        if (answer) {
          deps.log.debug('request', {
            method: 'GET',
            route: answer.hit.route,
            status: answer.response.status,
            ms: Math.round((performance.now() - started) * 10) / 10,
            cached: true,
          });
          return answer.response;
        }
      }
    }
    return routed(req, env, executionCtx);
  };

  async function ingestDirect(
    incoming: IncomingMessage,
    category: TelemetryCategory,
    telemetry: TelemetryService,
  ): Promise<Response> {
    const started = performance.now();
    let response: Response;
    try {
      response = await ingestFromNode(incoming, category, telemetry);
    } catch (e) {
      // The client went away mid-body (nothing was added: a 400 nobody reads), or a bug (500, logged).
      const aborted = incoming.destroyed || !incoming.complete;
      const err = e as Error;
      if (!aborted)
        deps.log.error('unhandled error', {
          route: TELEMETRY_PATHS[category],
          error: err.name,
          message: err.message,
        });
      const [status, code, message] = aborted
        ? [400, 'aborted', '(body): the request ended before its body did']
        : [500, 'internal', 'internal error'];
      response = new Response(JSON.stringify(errorBody(status, code, message)), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }
    deps.log.debug('request', {
      method: 'POST',
      route: TELEMETRY_PATHS[category],
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return response;
  }
  return app;
}
