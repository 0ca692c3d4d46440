import { CELL_PATH_PREFIX, NEAR_PATH, TELEMETRY_PATHS } from '@airlock/core';

/**
 * What may be asked through the gateway: the requests whose content says where a pilot is or what
 * their app did, and which the server can answer without knowing who asks. Everything else (accounts,
 * flight logs, operator routes) needs an identity anyway, so hiding the address would protect nothing,
 * and the gateway must not become a way around the rules of those routes (RFC 9458 6.3).
 * `/v1/location/country` is left out on purpose: it reads the client's address, which the gateway
 * never has, so through it the answer would always be "unknown". Zone packs and their signing key
 * are here: a pack request names only a region and a version.
 */
const ALLOWED: { method: string; path: RegExp }[] = [
  { method: 'GET', path: new RegExp(`^${escapeRegExp(CELL_PATH_PREFIX)}[^/?#]+$`) },
  { method: 'GET', path: new RegExp(`^${escapeRegExp(NEAR_PATH)}\\?[^#]*$`) },
  { method: 'GET', path: /^\/v1\/zones\/tiles\/\d{1,2}\/\d{1,10}\/\d{1,10}$/ },
  { method: 'GET', path: /^\/v1\/location\/packs\/[A-Za-z0-9-]{1,20}(\?have=[0-9a-f]{16})?$/ },
  ...Object.values(TELEMETRY_PATHS).map((p) => ({
    method: 'POST',
    path: new RegExp(`^${escapeRegExp(p)}$`),
  })),
];

export function isAllowedInner(method: string, path: string): boolean {
  // The path must be what a URL parser keeps: no dot segments for the router to resolve elsewhere.
  const url = new URL(path, 'http://x');
  if (url.pathname + url.search !== path) return false;
  return ALLOWED.some((a) => a.method === method && a.path.test(path));
}

/** Request fields passed on to the route; any other is dropped (a cookie, a token, a user agent). */
export const INNER_REQUEST_FIELDS = new Set(['accept', 'accept-encoding', 'content-type', 'if-none-match']);

/** Response fields sent back to the client; the rest (security headers, length) mean nothing there. */
export const INNER_RESPONSE_FIELDS = new Set([
  'content-type',
  'content-encoding',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
