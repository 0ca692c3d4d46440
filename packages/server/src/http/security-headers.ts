import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/**
 * The headers every answer carries, the fast paths' included. API answers are data, never a page: a
 * browser must not sniff them into HTML, frame them, run anything in them, or send a Referer onwards.
 * Kept as a plain object so the fast paths spread it into their plain header objects (no web Headers).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

/**
 * The policy of an HTML page of our own (/docs): nothing from any other host and no script at all;
 * its one inline style is allowed by hash, so an injected style or script still would not run.
 */
export function pagePolicy(inlineStyle: string): string {
  const hash = createHash('sha256').update(inlineStyle, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

/**
 * Sets the security headers on every routed answer, errors and 404s included (hono hands this
 * middleware the error handler's response too). A route that set its own Content-Security-Policy (a
 * page) keeps it. Hand-written rather than hono's secureHeaders: the fast paths need the same set as
 * a plain object, and secureHeaders' defaults (Cross-Origin-Resource-Policy: same-origin and more)
 * would stop maps on other origins from loading tiles.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const name in SECURITY_HEADERS) {
      if (name === 'content-security-policy' && headers.has(name)) continue;
      headers.set(name, SECURITY_HEADERS[name]);
    }
  };
}
