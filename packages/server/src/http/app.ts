import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Redis } from 'ioredis';
import type { AirspaceService } from '../airspace/index.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { type RequestCounters, ServerMetrics } from '../metrics/index.ts';
import { type OhttpGateway, registerOhttpRoutes } from '../ohttp/index.ts';
import type { PilotData } from '../pilot-data/index.ts';
import type { IpCountryLookup } from '../region-ip/index.ts';
import type { TelemetryService } from '../telemetry/index.ts';
import type { ZonePackService } from '../zone-packs/index.ts';
import { API_REFERENCE_STYLE, renderApiReference } from './api-reference.ts';
import type { AppContext } from './app-context.ts';
import { bodySizeLimit } from './body-size-limit.ts';
import { mapError } from './error-map.ts';
import { type FastPath, telemetryIngestFastPath, urlIndexFastPath, withFastPaths } from './fast-paths.ts';
import { describeValidation, errorBody } from './http-error.ts';
import { requireOperator } from './operator-auth.ts';
import { queryEncoding } from './query-encoding.ts';
import { ResponseCache } from './response-cache.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerDatasetRoutes } from './routes/datasets.ts';
import { registerFlightLogRoutes } from './routes/flightlogs.ts';
import { registerLocationRoutes } from './routes/location.ts';
import { registerMediaRoutes } from './routes/media.ts';
import { registerServiceRoutes } from './routes/service.ts';
import { registerStatsRoutes } from './routes/stats.ts';
import { registerTelemetryRoutes } from './routes/telemetry.ts';
import { registerZonePackRoutes } from './routes/zone-packs.ts';
import { registerZoneRoutes } from './routes/zones.ts';
import { pagePolicy, securityHeaders } from './security-headers.ts';
import { CONSOLE_DIR, registerConsole } from './web-console.ts';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

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
  /** What keeps this server from taking traffic now (GET /v1/ready); empty when ready. */
  readiness?: () => Promise<string[]>;
  /** The Oblivious HTTP gateway's keys and replay memory; its routes are absent without it. */
  ohttp?: Pick<OhttpGateway, 'keys' | 'replay'>;
  /** Signed zone packs of whole regions; their routes are absent without it. */
  zonePacks?: ZonePackService;
  /** REDIS_URL's client, for limits shared by every server. */
  redis?: Redis;
  /** The answer cache, when made with the services (zone packs keep their bytes in it too). */
  answerCache?: ResponseCache;
}

/**
 * The whole HTTP API as a web-standard handler (`app.fetch`): routes per capability, validation at the
 * edge from the same zod schemas that generate /openapi.json, one error shape, and request logs that
 * carry the route pattern, never the path, the address or any header.
 */
export function createApp(deps: AppDeps): OpenAPIHono {
  const cache = deps.answerCache ?? new ResponseCache(deps.config.AIRLOCK_ANSWER_CACHE_MB * 2 ** 20);
  const metrics = new ServerMetrics({
    zones: () => deps.airspace.index.size,
    answerCache: () => cache.usage,
    ...(deps.telemetry ? { telemetryWrites: () => deps.telemetry!.writes } : {}),
  });
  const ctx: AppContext = { ...deps, cache, metrics };
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const msg = describeValidation(result.target, result.error.issues);
        return c.json(errorBody(400, 'invalid_request', msg), 400);
      }
    },
  });

  // Every middleware that must apply to every answer has its twin in each fast path (fast-paths.ts).
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    metrics.countRequest(c.req.routePath, c.res.status);
    deps.log.debug('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use('*', queryEncoding());
  const limit = bodySizeLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(errorBody(413, 'body_too_large', `request body over ${MAX_BODY_BYTES} bytes`), 413),
  });
  // Flight logs and shared media have their own, larger limits (AIRLOCK_FLIGHTLOG_MAX_BYTES, the
  // AIRLOCK_MEDIA_*_MAX_BYTES per type), enforced by their routes.
  // GET and HEAD carry no body: skipping them spares building a full Request on every read.
  app.use('*', (c, next) =>
    c.req.method === 'GET' ||
    c.req.method === 'HEAD' ||
    c.req.path.startsWith('/v1/flightlogs') ||
    c.req.path === '/v1/media'
      ? next()
      : limit(c, next),
  );

  app.onError((err, c) => {
    const mapped = mapError(err);
    if (mapped.log) deps.log.error('unhandled error', { route: c.req.routePath, ...mapped.log });
    return c.json(mapped.body, mapped.status);
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
  if (deps.zonePacks) {
    const maxAgeS = deps.config.AIRLOCK_ZONES_MAX_AGE_S;
    registerZonePackRoutes(app, { packs: deps.zonePacks, counters: deps.counters, maxAgeS });
  }
  registerStatsRoutes(app, ctx);
  registerServiceRoutes(app, ctx);
  if (deps.telemetry) registerTelemetryRoutes(app, ctx, deps.telemetry);
  // Decrypted requests go through app.fetch as it is when they arrive: the fast paths included.
  if (deps.ohttp) registerOhttpRoutes(app, { ...deps.ohttp, app: (req) => app.fetch(req) });
  if (deps.pilotData) {
    registerAccountRoutes(app, { accounts: deps.pilotData.accounts, config: deps.config, redis: deps.redis });
    registerFlightLogRoutes(app, deps.pilotData);
    registerMediaRoutes(app, { ...deps.pilotData, operator: (h) => requireOperator(ctx, h) });
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
  const docsPolicy = pagePolicy(API_REFERENCE_STYLE);
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', docsPolicy);
    return c.html(renderApiReference(app.getOpenAPIDocument(docConfig) as never));
  });
  // Last: the web console at / and its pages, behind every API route.
  registerConsole(app, {
    dir: CONSOLE_DIR,
    tileUrl: deps.config.AIRLOCK_MAP_TILE_URL,
    tileAttribution: deps.config.AIRLOCK_MAP_ATTRIBUTION,
  });

  // Ahead of the router, the two requests every app sends most (see fast-paths.ts); everything else,
  // first requests of a URL included, goes through the router, validation and the routes.
  const fastPaths: FastPath[] = [
    urlIndexFastPath(ctx.cache, () => deps.airspace.fingerprint, deps.log, metrics),
  ];
  if (deps.telemetry) fastPaths.push(telemetryIngestFastPath(deps.telemetry, deps.log, metrics));
  app.fetch = withFastPaths(app.fetch, fastPaths);
  return app;
}
