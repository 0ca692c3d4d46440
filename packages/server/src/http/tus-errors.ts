import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorResponse, type MappedError } from './error-map.ts';
import { errorBody } from './http-error.ts';

/** Stable codes for the statuses the tus library answers with, in its own plain-text bodies. */
const TUS_CODES: Record<number, string> = {
  400: 'invalid_request',
  403: 'forbidden',
  404: 'not_found',
  409: 'offset_conflict',
  410: 'upload_gone',
  412: 'unsupported_tus_version',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  460: 'checksum_mismatch',
};

/** tus extensions Airlock does not offer: the library would answer 501 (a server fault) to a request. */
const UNSUPPORTED = ['upload-concat', 'upload-defer-length'] as const;

/** Headers a tus client reads even on errors. */
const TUS_HEADERS = ['tus-resumable', 'upload-offset', 'upload-length', 'airlock-flightlog-id'];

/**
 * A client's use of an extension Airlock does not offer, as a 400 in the JSON error shape (the library
 * would answer 501), or undefined.
 */
export function refuseUnsupportedTus(req: Request): Response | undefined {
  const header = UNSUPPORTED.find((h) => req.headers.has(h));
  if (header === undefined) return undefined;
  return errorResponse(
    {
      status: 400,
      body: errorBody(
        400,
        'unsupported_extension',
        `${header} is not supported; Tus-Extension lists what is (creation, creation-with-upload, termination, expiration)`,
      ),
    },
    { 'tus-resumable': '1.0.0' },
  );
}

/**
 * The tus library's answer with any error in the one JSON error shape and Content-Type. Its own 4xx
 * bodies are plain text; Airlock's upload errors (flightlogs/flightlog-uploads.ts) are already the
 * shape but labelled text/plain. Success answers pass through untouched.
 */
export async function jsonTusError(res: Response): Promise<Response> {
  if (res.status < 400) return res;
  const text = await res.text();
  const extra: Record<string, string> = {};
  for (const name of TUS_HEADERS) {
    const v = res.headers.get(name);
    if (v !== null) extra[name] = v;
  }
  return errorResponse(asError(res.status as ContentfulStatusCode, text), extra);
}

function asError(status: ContentfulStatusCode, text: string): MappedError {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string')
      return { status, body: { ...parsed, error: { ...parsed.error, status } } as MappedError['body'] };
  } catch {
    // the library's plain-text message
  }
  const code = TUS_CODES[status] ?? (status >= 500 ? 'internal' : 'invalid_request');
  const message = status >= 500 ? 'internal error' : text.trim() || `upload refused (${status})`;
  return { status, body: errorBody(status, code, message) };
}
