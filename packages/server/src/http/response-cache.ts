import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/**
 * Serialised answers keyed by request and dataset fingerprint, in a bounded LRU: a hot tile or cell is
 * built once per dataset change and then served from memory, with an ETag clients can revalidate.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { body: string; etag: string }>();
  constructor(private readonly capacity = 5000) {}

  get(key: string, build: () => unknown): { body: string; etag: string } {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const body = JSON.stringify(build());
    const etag = `"${createHash('sha1').update(key).update(body).digest('base64url').slice(0, 22)}"`;
    const entry = { body, etag };
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
  entry: { body: string; etag: string },
  maxAgeS: number,
  contentType = 'application/geo+json',
): Response {
  const headers: Record<string, string> = {
    ETag: entry.etag,
    'Cache-Control': `public, max-age=${maxAgeS}, stale-while-revalidate=${maxAgeS * 4}`,
    Vary: 'Accept-Encoding',
  };
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(entry.body, { status: 200, headers: { ...headers, 'Content-Type': contentType } });
}
