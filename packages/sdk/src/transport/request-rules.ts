import type { DataCategory, TransportRequest } from './types.ts';

// An allowlist, not a denylist: a header nobody thought about (a device id, a tracking token) cannot
// slip through. Authorization only travels with a pilot's own data (Sync, shared media).
const ALWAYS_ALLOWED = new Set(['accept', 'content-type', 'if-none-match', 'if-match']);
const AUTHENTICATED: ReadonlySet<DataCategory> = new Set(['flight_logs', 'media']);
// tus 1.0 (resumable Sync uploads) needs these, and only flight logs use it: lengths, offsets and the
// Upload-Metadata the sync module writes (file name + SHA-256), nothing about the device.
const TUS_REQUEST_HEADERS = new Set(['tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata']);
/** Response headers a tus client reads (for platforms whose fetch Headers cannot be iterated). */
export const TUS_RESPONSE_HEADERS = [
  'location',
  'upload-offset',
  'upload-length',
  'tus-resumable',
  'airlock-flightlog-id',
];

/** Why the request must not be sent, or null when it may. */
export function refusalOf(request: TransportRequest): string | null {
  const { path, category } = request;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || /[\s#]/.test(path)) {
    return `path must be a server path starting with "/", got ${JSON.stringify(path)}`;
  }
  for (const name of Object.keys(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (ALWAYS_ALLOWED.has(lower)) continue;
    if (lower === 'authorization' && AUTHENTICATED.has(category)) continue;
    if (TUS_REQUEST_HEADERS.has(lower) && category === 'flight_logs') continue;
    return `header "${name}" is not allowed for category ${category}`;
  }
  return null;
}

/** The server URL without trailing slashes, or an error when it is not an http(s) URL. */
export function normaliseServerUrl(serverUrl: string): { url: string } | { error: string } {
  const trimmed = typeof serverUrl === 'string' ? serverUrl.trim().replace(/\/+$/, '') : '';
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(trimmed)) {
    return {
      error: `serverUrl must be an http(s) URL without query or fragment, got ${JSON.stringify(serverUrl)}`,
    };
  }
  return { url: trimmed };
}
