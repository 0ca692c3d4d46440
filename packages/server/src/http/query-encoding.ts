import type { MiddlewareHandler } from 'hono';
import { errorBody } from './http-error.ts';

/**
 * Refuses a query string whose percent-encoding is not UTF-8 (`?format=%FB%94`): hono decodes such a
 * value piecewise and keeps the undecodable runs as raw text, so a route would otherwise see a value
 * the client never sent, and its length and pattern checks would judge that. One 400 for all routes.
 * The fast paths need no twin: none of them answers a URL with a query the router has not seen.
 */
export function queryEncoding(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const at = url.indexOf('?');
    if (at !== -1 && url.includes('%', at)) {
      for (const pair of url.slice(at + 1).split('&')) {
        try {
          decodeURIComponent(pair);
        } catch {
          const name = pair.split('=')[0].slice(0, 40);
          return c.json(
            errorBody(400, 'invalid_request', `query parameter "${safe(name)}": not UTF-8 percent-encoding`),
            400,
          );
        }
      }
    }
    await next();
  };
}

/** The parameter's name as sent, itself possibly undecodable: printable ASCII only in the message. */
function safe(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '?');
}
