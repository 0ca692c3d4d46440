import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { ByteLru, type Sized } from './byte-lru.ts';
import { FeatureJsonCache } from './feature-json.ts';
import { requestHeader, requestTarget } from './raw-request.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export interface CachedBody {
  /** The cache key the route built it under. */
  key: string;
  /** UTF-8 JSON (for a kept answer, decompressed from `gzip` on each read). */
  readonly body: Uint8Array;
  /** The same, gzip-compressed once, for clients that accept it (zone answers shrink ~5x). */
  readonly gzip: Uint8Array;
  etag: string;
  /**
   * When the first restriction in the answer ends (ms since the epoch): Cache-Control never lets a
   * client keep it past then, however often it is re-sent (the route sets it after building).
   */
  notAfter?: number;
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

/** Map entry, key, ETag and object headers per cached answer or URL, beside the payload bytes. */
const OVERHEAD_BYTES = 256;
/**
 * Answers whose kept (gzip) form is bigger than this share of the budget are built, sent and
 * forgotten: caching one would evict thousands of tiles. Judged on the gzip bytes, which is what a
 * kept answer holds: judged on the JSON, a 1.3 MiB zoom-10 tile over a busy airport (~200 KiB gzip)
 * was rebuilt and recompressed on every request, and a map cycling 200 warm tiles spent half the
 * server's CPU on that one tile.
 */
const MAX_ANSWER_SHARE = 1 / 64;
/**
 * JSON bigger than this many times the kept-answer limit is not even compressed up front (text
 * compresses ~5-10x; a bigger one cannot fit): a 60 MiB box is sent as built.
 */
const MAX_COMPRESSION_RATIO = 16;

interface AnswerNode extends Sized {
  entry: CachedBody;
  /** URLs indexed to this answer: they go when it goes. */
  urls: Set<string>;
}
interface UrlNode extends Sized {
  value: UrlEntry;
}

/**
 * A kept answer holds only its gzip form: zone answers shrink ~5x, so five times as many fit the
 * budget (3,000 warm tiles churned through 64 MB when each kept both forms). The rare client that
 * does not accept gzip gets the JSON decompressed for it.
 */
class GzipBody implements CachedBody {
  notAfter?: number;
  constructor(
    readonly key: string,
    readonly gzip: Uint8Array,
    readonly etag: string,
  ) {}
  get body(): Uint8Array {
    return gunzipSync(this.gzip);
  }
}

/** An answer too big to keep: gzip is only spent when a client asks for it (unless already made). */
class UncachedBody implements CachedBody {
  notAfter?: number;
  constructor(
    readonly key: string,
    readonly body: Uint8Array,
    readonly etag: string,
    private _gzip?: Uint8Array,
  ) {}
  get gzip(): Uint8Array {
    this._gzip ??= gzipSync(this.body, { level: 6 });
    return this._gzip;
  }
}

/**
 * Serialised answers, each built, encoded and compressed once per dataset change and then served from
 * memory with an ETag clients can revalidate. Everything it holds (answers, the URL index, each zone's
 * Feature text) shares one ByteLru, bounded in bytes by AIRLOCK_ANSWER_CACHE_MB.
 *
 * Two indexes: answers by the route's canonical key (so `…/358` and `…/358.geojson`, or a bbox written
 * two ways, share one answer; keys start with a route name such as `tile:`), and the exact request
 * target (path and query as received, always starting with `/`) of the answers a route marks with a
 * generation. A URL gets indexed only after its route validated it and built its answer, so answering
 * a repeat from there skips no check that could fail: the same URL gets the same bytes until the
 * airspace changes. A URL is dropped with its answer.
 */
export class ResponseCache {
  private readonly lru: ByteLru;
  /**
   * The answers' share of the budget, for other kinds of answer kept under it (zone packs, keys
   * `zone-pack\0…`; this class's own keys start with a route name or `/`).
   */
  get answers(): ByteLru {
    return this.lru;
  }
  /** Each zone's Feature text, shared by every tile and bbox answer that holds the zone. */
  readonly features: FeatureJsonCache;
  private readonly maxAnswerBytes: number;

  private readonly featureLru: ByteLru;

  constructor(budgetBytes = 64 * 2 ** 20) {
    // The one budget, split: a quarter for the Feature texts, the rest for answers and their URLs.
    // Sharing one LRU let the texts written while building 3,000 tiles push out the tiles themselves,
    // so a warm map re-asking them rebuilt every one.
    const featureBytes = Math.floor(budgetBytes / 4);
    this.lru = new ByteLru(budgetBytes - featureBytes);
    this.featureLru = new ByteLru(featureBytes);
    this.features = new FeatureJsonCache(this.featureLru);
    this.maxAnswerBytes = Math.floor(budgetBytes * MAX_ANSWER_SHARE);
  }

  /** Bytes held now, and the budget. */
  get usage(): { bytes: number; budgetBytes: number; entries: number } {
    return {
      bytes: this.lru.usedBytes + this.featureLru.usedBytes,
      budgetBytes: this.lru.budgetBytes + this.featureLru.budgetBytes,
      entries: this.lru.size + this.featureLru.size,
    };
  }

  get(key: string, build: () => unknown): CachedBody {
    return this.getText(key, () => JSON.stringify(build()));
  }

  /** `get` for a builder that writes the JSON text itself (see featureCollectionJson). */
  getText(key: string, buildText: () => string): CachedBody {
    const hit = this.lru.get<AnswerNode>(key);
    if (hit !== undefined) return hit.entry;
    const body = Buffer.from(buildText(), 'utf8');
    const etag = `"${createHash('sha1').update(key).update(body).digest('base64url').slice(0, 22)}"`;
    if (body.byteLength > this.maxAnswerBytes * MAX_COMPRESSION_RATIO) {
      return new UncachedBody(key, body, etag);
    }
    const gzip = gzipSync(body, { level: 6 });
    if (gzip.byteLength > this.maxAnswerBytes) return new UncachedBody(key, body, etag, gzip);
    const entry: CachedBody = new GzipBody(key, gzip, etag);
    const node: AnswerNode = {
      entry,
      urls: new Set(),
      bytes: entry.gzip.byteLength + key.length + OVERHEAD_BYTES,
      onEvict: () => {
        for (const url of node.urls) {
          if (this.lru.peek<UrlNode>(url)?.value.entry === entry) this.lru.delete(url);
        }
      },
    };
    this.lru.set(key, node);
    return entry;
  }

  /** Indexes an answer by its exact request target (see the class comment), if the answer is kept. */
  rememberUrl(url: string, value: UrlEntry): void {
    // Touched first, so making room for the URL never evicts the answer it points to.
    const owner = this.lru.get<AnswerNode>(value.entry.key);
    if (owner?.entry !== value.entry) return;
    this.lru.set(url, {
      value,
      bytes: url.length + OVERHEAD_BYTES,
      onEvict: () => owner.urls.delete(url),
    });
    owner.urls.add(url);
  }

  /** The answer indexed for this exact request target, if it was built from the current airspace. */
  lookupUrl(url: string, generation: string): UrlEntry | undefined {
    const hit = this.lru.get<UrlNode>(url);
    if (hit === undefined) return undefined;
    if (hit.value.generation !== generation) {
      this.lru.delete(url);
      return undefined;
    }
    // A URL served from the index keeps its answer warm too (the route never sees the hit).
    this.lru.get(hit.value.entry.key);
    return hit.value;
  }

  /**
   * Drops every answer of this class. Zone packs' entries stay: their keys name their version, and an
   * old version kept is what lets a device get a delta after the import that called this.
   */
  clear(): void {
    this.lru.clear((key) => typeof key === 'string' && key.startsWith('zone-pack\u0000'));
    this.featureLru.clear();
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
  if (entry.notAfter !== undefined) {
    maxAgeS = Math.max(0, Math.min(maxAgeS, Math.floor((entry.notAfter - Date.now()) / 1000)));
  }
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    etag: entry.etag,
    'cache-control': `public, max-age=${maxAgeS}, stale-while-revalidate=${maxAgeS * 4}`,
    vary: 'Accept-Encoding',
  };
  const inm = requestHeader(env, req, 'if-none-match');
  if (inm !== undefined && matchesEtag(inm, entry.etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = contentType;
  let bytes: Uint8Array;
  if (gzipAccepted.test(requestHeader(env, req, 'accept-encoding') ?? '')) {
    headers['content-encoding'] = 'gzip';
    bytes = entry.gzip;
  } else bytes = entry.body;
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
