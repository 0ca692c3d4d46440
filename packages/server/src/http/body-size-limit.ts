import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * hono's bodyLimit, with the Content-Length case decided from the header alone. hono's version reads
 * `c.req.raw.body` first, which makes @hono/node-server build a full web Request with a stream for
 * every request; with this check in front, routes can read the body through node-server's fast path
 * (`c.req.text()` straight from the socket). Node's HTTP parser never delivers more than Content-Length
 * bytes, so the header is the size; bodies without it (chunked) still go through hono's streaming check.
 */
export function bodySizeLimit(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const streaming = bodyLimit(options);
  return async (c, next) => {
    const length = requestContentLength(c);
    if (length !== undefined) {
      if (length > options.maxSize) return options.onError(c);
      await next();
      return;
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      await next();
      return;
    }
    return streaming(c, next);
  };
}

/**
 * The request's Content-Length, or undefined when it has none or is chunked. Under @hono/node-server
 * the raw header list is scanned: c.req.header() would build a Headers object and even
 * `incoming.headers` builds a dictionary of every header, on every request.
 */
export function requestContentLength(c: Context): number | undefined {
  const raw = (c.env as { incoming?: { rawHeaders: string[] } } | undefined)?.incoming?.rawHeaders;
  let length: string | undefined;
  let chunked = false;
  if (raw) {
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i];
      if (name.length === 14 && name.toLowerCase() === 'content-length') length = raw[i + 1];
      else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') chunked = true;
    }
  } else {
    length = c.req.header('content-length');
    chunked = c.req.header('transfer-encoding') !== undefined;
  }
  if (length === undefined || chunked) return undefined;
  const n = Number(length);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
