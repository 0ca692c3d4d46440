import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { FeatureJsonCache } from './feature-json.ts';
import { requestHeader, requestTarget } from './raw-request.ts';

export interface CachedBody {
  /** UTF-8 JSON, encoded once. */
  body: Uint8Array;
  /** The same, gzip-compressed once, for clients that accept it (zone answers shrink ~5x). */
  gzip: Uint8Array;
  etag: string;
}

/** What a route said about an answer when it sent it: enough to send it again without the route. */
export interface UrlEntry {
  entry: CachedBody;
  /** The airspace fingerprint the answer was built from: a different one makes the entry stale. */
  generation: string;
  contentType: string;
  maxAgeS: number;
  /** The route pattern, for request logs. */
  route: string;
  /** The route's per-request side effect (a daily counter), run on every hit as the route would. */
  onHit?: () => void;
}

export interface SendCachedOptions {
  /**
   * The airspace fingerprint the answer was built from. With it, the answer is also indexed by the
   * request's exact URL, so a repeat of the same URL is answered by `answerFromUrlIndex` before
   * routing and validation; without it, only the route can serve it again.
   */
  generation?: string;
  /** Run on every answer served from the URL index, as the route does on its own path. */
  onHit?: () => void;
}

/**
 * Serialised answers in bounded LRUs, each built, encoded and compressed once per dataset change and
 * then served from memory with an ETag clients can revalidate.
 *
 * Two indexes: `entries`, by the route's canonical key (so `…/358` and `…/358.geojson`, or a bbox
 * written two ways, share one answer), and `urls`, by the exact request target (path and query as
 * received) of the answers a route marks with a generation. A URL gets into `urls` only after its
 * route validated it and built its answer, so answering a repeat from there skips no check that could
 * fail: the same URL gets the same bytes until the airspace changes.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private readonly urls = new Map<string, UrlEntry>();
  /** Each zone's Feature text, shared by every tile and bbox answer that holds the zone. */
  readonly features = new FeatureJsonCache();
  constructor(private readonly capacity = 5000) {}

  get(key: string, build: () => unknown): CachedBody {
    return this.getText(key, () => JSON.stringify(build()));
  }

  /** `get` for a builder that writes the JSON text itself (see featureCollectionJson). */
  getText(key: string, buildText: () => string): CachedBody {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const body = Buffer.from(buildText(), 'utf8');
    const etag = `"${createHash('sha1').update(key).update(body).digest('base64url').slice(0, 22)}"`;
    const entry = { body, gzip: gzipSync(body, { level: 6 }), etag };
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /** Indexes an answer by its exact request target (see the class comment). */
  rememberUrl(url: string, value: UrlEntry): void {
    this.urls.delete(url);
    this.urls.set(url, value);
    if (this.urls.size > this.capacity) this.urls.delete(this.urls.keys().next().value as string);
  }

  /** The answer indexed for this exact request target, if it was built from the current airspace. */
  lookupUrl(url: string, generation: string): UrlEntry | undefined {
    const hit = this.urls.get(url);
    if (hit === undefined) return undefined;
    if (hit.generation !== generation) {
      this.urls.delete(url);
      return undefined;
    }
    return hit;
  }

  clear(): void {
    this.entries.clear();
    this.urls.clear();
    this.features.clear();
  }
}

const gzipAccepted = /\bgzip\b/;

/**
 * The answer as a Response with ETag, Cache-Control and Vary, gzip when the client accepts it, or 304
 * when the client already has it. The headers are a plain object and the body bytes, so
 * @hono/node-server writes them straight to the socket (a `Headers` object would be built, validated
 * and converted back: several microseconds per answer).
 */
function cachedResponse(
  env: unknown,
  req: Request,
  entry: CachedBody,
  maxAgeS: number,
  contentType: string,
): Response {
  const headers: Record<string, string> = {
    etag: entry.etag,
    'cache-control': `public, max-age=${maxAgeS}, stale-while-revalidate=${maxAgeS * 4}`,
    vary: 'Accept-Encoding',
  };
  const inm = requestHeader(env, req, 'if-none-match');
  if (inm !== undefined && matchesEtag(inm, entry.etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = contentType;
  let bytes = entry.body;
  if (gzipAccepted.test(requestHeader(env, req, 'accept-encoding') ?? '')) {
    headers['content-encoding'] = 'gzip';
    bytes = entry.gzip;
  }
  headers['content-length'] = String(bytes.byteLength);
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached JSON answer (see `cachedResponse`) and, with a generation, indexes it by URL. */
export function sendCached(
  c: Context,
  cache: ResponseCache,
  entry: CachedBody,
  maxAgeS: number,
  contentType = 'application/geo+json',
  options: SendCachedOptions = {},
): Response {
  if (options.generation !== undefined) {
    cache.rememberUrl(requestTarget(c.env, c.req.raw), {
      entry,
      generation: options.generation,
      contentType,
      maxAgeS,
      route: c.req.routePath,
      onHit: options.onHit,
    });
  }
  return cachedResponse(c.env, c.req.raw, entry, maxAgeS, contentType);
}

/**
 * The answer to a GET whose exact target is in the cache's URL index for the current airspace
 * (`generation`), or undefined: the request then goes to the router. Called ahead of routing (see
 * createApp), it is how a map's repeated tile requests and every pilot's request for the same location
 * cell are answered without the router, the validator or the route: a Map lookup and a write.
 */
export function answerFromUrlIndex(
  cache: ResponseCache,
  generation: string,
  req: Request,
  env: unknown,
  target = requestTarget(env, req),
): { response: Response; hit: UrlEntry } | undefined {
  if (req.method !== 'GET') return undefined;
  const hit = cache.lookupUrl(target, generation);
  if (hit === undefined) return undefined;
  hit.onHit?.();
  return { response: cachedResponse(env, req, hit.entry, hit.maxAgeS, hit.contentType), hit };
}
