import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { declaredLength, rawHeader } from './raw-request.ts';

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
 * The request's Content-Length, or undefined when it has none or is chunked, read from the raw header
 * list (see raw-request.ts): c.req.header() would build a Headers object on every request.
 */
export function requestContentLength(c: Context): number | undefined {
  return declaredLength((name) => rawHeader(c, name));
}
