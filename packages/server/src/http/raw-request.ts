import type { Context } from 'hono';

/**
 * Reads the request target and headers as Node received them. Under @hono/node-server,
 * `c.req.header()` makes the adapter build a web `Headers` of every header on first use, and
 * `c.req.url` a full URL string; the Node request (`env.incoming`) already holds both in raw form,
 * which these read. Outside Node (tests calling `app.request`) they fall back to the web Request.
 */
interface NodeIncoming {
  url?: string;
  rawHeaders?: string[];
}

function incomingOf(env: unknown): NodeIncoming | undefined {
  return (env as { incoming?: NodeIncoming } | undefined)?.incoming;
}

/**
 * A header's value by lower-case name (repeated headers joined with ", ", as the Fetch standard
 * does), from the raw list when there is one.
 */
export function requestHeader(env: unknown, req: Request, lowerName: string): string | undefined {
  const raw = incomingOf(env)?.rawHeaders;
  if (!raw) return req.headers.get(lowerName) ?? undefined;
  return headerIn(raw, lowerName);
}

/** A header's value from Node's raw name/value list, by lower-case name. */
export function headerIn(raw: readonly string[], lowerName: string): string | undefined {
  let value: string | undefined;
  const len = lowerName.length;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === len && name.toLowerCase() === lowerName) {
      value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
    }
  }
  return value;
}

/** `requestHeader` for a hono handler. */
export function rawHeader(c: Context, lowerName: string): string | undefined {
  return requestHeader(c.env, c.req.raw, lowerName);
}

/** The request target as sent: path and query string, e.g. `/v1/zones/tiles/10/536/358?x=1`. */
export function requestTarget(env: unknown, req: Request): string {
  const url = incomingOf(env)?.url;
  if (url !== undefined && url.startsWith('/')) return url;
  const u = new URL(req.url);
  return u.pathname + u.search;
}

/**
 * The body length a request declares: its Content-Length, or undefined when it has none, an invalid
 * one, or is chunked (then only counting the body tells). `header` reads one header by lower-case name.
 */
export function declaredLength(header: (lowerName: string) => string | undefined): number | undefined {
  if (header('transfer-encoding') !== undefined) return undefined;
  const length = header('content-length');
  if (length === undefined) return undefined;
  const n = Number(length);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
