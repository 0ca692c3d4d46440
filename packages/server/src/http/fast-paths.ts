import type { IncomingMessage, ServerResponse } from 'node:http';
import { CELL_PATH_PREFIX, TELEMETRY_PATHS } from '@airlock/core';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../log/index.ts';
import type { ServerMetrics } from '../metrics/index.ts';
import type { TelemetryService } from '../telemetry/index.ts';
import { errorResponse, mapError } from './error-map.ts';
import { HttpError } from './http-error.ts';
import { requestTarget } from './raw-request.ts';
import { answerFromUrlIndex, type ResponseCache } from './response-cache.ts';
import { INGEST_PATHS, ingestFromNode } from './routes/telemetry.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

type Fetch = OpenAPIHono['fetch'];

/**
 * A request answered ahead of hono's router, for the two requests every app sends most. Each must do
 * what the router's middleware does for every answer (see createApp): the security headers, the
 * request log line (route pattern, status, ms), the request metric, and the route's counter. `answer` returns undefined
 * to hand the request to the router.
 */
export interface FastPath {
  readonly name: string;
  answer(req: Request, env: unknown): Response | Promise<Response> | undefined;
}

/** app.fetch with the fast paths tried first, in order. */
export function withFastPaths(routed: Fetch, paths: readonly FastPath[]): Fetch {
  return (req, env, executionCtx) => {
    for (const path of paths) {
      const answer = path.answer(req, env);
      if (answer !== undefined) return answer;
    }
    return routed(req, env, executionCtx);
  };
}

const ms = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/** The routes whose answers `sendCached` indexes by URL (see answerFromUrlIndex). */
const URL_INDEXED_PREFIXES = ['/v1/zones/tiles/', CELL_PATH_PREFIX] as const;

/**
 * A repeated GET of a tile or location-cell URL whose answer the route already built (and validated)
 * for the current airspace: a Map lookup and one write, with the bytes, ETag, gzip/304 handling and
 * security headers of the routed answer, the route's counter (`onHit`) and its log line.
 */
export function urlIndexFastPath(
  cache: ResponseCache,
  generation: () => string,
  log: Logger,
  metrics?: ServerMetrics,
): FastPath {
  return {
    name: 'url-index',
    answer(req, env) {
      if (req.method !== 'GET') return undefined;
      const target = requestTarget(env, req);
      if (!URL_INDEXED_PREFIXES.some((p) => target.startsWith(p))) return undefined;
      const started = performance.now();
      const answer = answerFromUrlIndex(cache, generation(), req, env, target);
      if (answer === undefined) return undefined;
      metrics?.countRequest(answer.hit.route, answer.response.status);
      log.debug('request', {
        method: 'GET',
        route: answer.hit.route,
        status: answer.response.status,
        ms: ms(started),
        cached: true,
      });
      return answer.response;
    },
  };
}

/**
 * Telemetry reports read straight from Node's request stream (see ingestFromNode), the busiest write.
 * Only under Node: elsewhere (app.request in tests) the routed ingest answers, with the same checks.
 */
export function telemetryIngestFastPath(
  telemetry: TelemetryService,
  log: Logger,
  metrics?: ServerMetrics,
): FastPath {
  return {
    name: 'telemetry-ingest',
    answer(req, env) {
      if (req.method !== 'POST') return undefined;
      const node = env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
      if (!node?.incoming || !node.outgoing) return undefined;
      const category = INGEST_PATHS.get(requestTarget(env, req));
      if (category === undefined) return undefined;
      // The answer is built by the telemetry routes; its headers go on Node's response, which
      // @hono/node-server merges with the answer's own when it writes them.
      for (const name in SECURITY_HEADERS) node.outgoing.setHeader(name, SECURITY_HEADERS[name]);
      return ingest(node.incoming, category);
    },
  };

  async function ingest(
    incoming: IncomingMessage,
    category: keyof typeof TELEMETRY_PATHS,
  ): Promise<Response> {
    const started = performance.now();
    const route = TELEMETRY_PATHS[category];
    let response: Response;
    try {
      response = await ingestFromNode(incoming, category, telemetry);
    } catch (e) {
      // The client went away mid-body: nothing was added, and the 400 is for nobody.
      const aborted = incoming.destroyed || !incoming.complete;
      const mapped = mapError(
        aborted ? new HttpError(400, 'aborted', '(body): the request ended before its body did') : e,
      );
      if (mapped.log) log.error('unhandled error', { route, ...mapped.log });
      response = errorResponse(mapped);
    }
    metrics?.countRequest(route, response.status);
    log.debug('request', { method: 'POST', route, status: response.status, ms: ms(started) });
    return response;
  }
}
