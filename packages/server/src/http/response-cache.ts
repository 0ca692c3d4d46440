import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

export interface CachedBody {
  /** UTF-8 JSON, encoded once. */
  body: Uint8Array;
  /** The same, gzip-compressed once, for clients that accept it (zone answers shrink ~7x). */
  gzip: Uint8Array;
  etag: string;
}

/**
 * Serialised answers keyed by request and dataset fingerprint, in a bounded LRU: a hot tile or cell is
 * built, encoded and compressed once per dataset change and then served from memory, with an ETag
 * clients can revalidate.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  constructor(private readonly capacity = 5000) {}

  get(key: string, build: () => unknown): CachedBody {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const body = Buffer.from(JSON.stringify(build()), 'utf8');
    const etag = `"${createHash('sha1').update(key).update(body).digest('base64url').slice(0, 22)}"`;
    const entry = { body, gzip: gzipSync(body, { level: 6 }), etag };
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Sends a cached JSON answer with ETag and Cache-Control; answers 304 when the client has it. */
export function sendCached(
  c: Context,
  entry: CachedBody,
  maxAgeS: number,
  contentType = 'application/geo+json',
): Response {
  const headers: Record<string, string> = {
    ETag: entry.etag,
    'Cache-Control': `public, max-age=${maxAgeS}, stale-while-revalidate=${maxAgeS * 4}`,
    Vary: 'Accept-Encoding',
  };
  const inm = c.req.header('if-none-match');
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag)) {
    return c.body(null, 304, headers);
  }
  const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  headers['Content-Type'] = contentType;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  const bytes = gzip ? entry.gzip : entry.body;
  headers['Content-Length'] = String(bytes.byteLength);
  // c.body keeps hono's light response path (the same as the empty route's c.json).
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
}
