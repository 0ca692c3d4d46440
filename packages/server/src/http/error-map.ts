import { ImportError } from '@airlock/core';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DatasetConflictError, PartialImportError } from '../airspace/index.ts';
import { FlightLogCursorError, FlightLogImportError } from '../flightlogs/index.ts';
import { MediaError } from '../media/index.ts';
import { errorBody, HttpError } from './http-error.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** What the client is told, and (for the server's own faults only) what the log may say. */
export interface MappedError {
  status: ContentfulStatusCode;
  body: ReturnType<typeof errorBody>;
  /** Set for 5xx: fields for one `log.error` line; never a message that could carry a value. */
  log?: Record<string, string>;
}

/**
 * Any thrown value → HTTP status and the one JSON error shape. The routed path (app.onError), the fast
 * paths and the upload routes all answer through this, so an error looks the same wherever it starts.
 * A client's mistake is a 4xx; only the server's own faults are 5xx, and only those are logged.
 */
export function mapError(err: unknown): MappedError {
  const as = (status: ContentfulStatusCode, code: string, message: string): MappedError => ({
    status,
    body: errorBody(status, code, message),
  });
  if (err instanceof HttpError) return as(err.status, err.code, err.message);
  if (err instanceof HTTPException)
    return as(err.status as ContentfulStatusCode, 'http_error', err.message || 'bad request');
  if (err instanceof DatasetConflictError) return as(409, 'dataset_exists', err.message);
  if (err instanceof ImportError) return as(400, 'import_failed', err.message);
  if (err instanceof PartialImportError) {
    // 422: the file was read, but too little of it to call the import a success (issue 11).
    const mapped = as(422, 'partial_import', err.message);
    Object.assign(mapped.body.error, { details: err.details });
    return mapped;
  }
  if (err instanceof FlightLogImportError) {
    const mapped = as(err.status, err.code, err.message);
    if (err.offset !== undefined) Object.assign(mapped.body.error, { offset: err.offset });
    return mapped;
  }
  if (err instanceof FlightLogCursorError) return as(400, 'invalid_request', err.message);
  if (err instanceof MediaError) return as(err.status, err.code, err.message);
  const sqlstate = databaseErrorCode(err);
  if (sqlstate !== undefined) {
    // Class 22 is "data exception": a value the database cannot hold (a NUL in text, 30 February).
    // The routes validate first; this is the net under them. The database's text names the value, so
    // neither the answer nor the log repeats it.
    if (sqlstate.startsWith('22'))
      return as(400, 'invalid_value', 'a value in the request cannot be stored (check text and dates)');
    return { ...as(500, 'internal', 'internal error'), log: { error: 'DatabaseError', sqlstate } };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { ...as(500, 'internal', 'internal error'), log: { error: e.name, message: e.message } };
}

/**
 * PostgreSQL's SQLSTATE when `err` comes from the database (pg and PGlite both throw errors carrying
 * `code` and `severity`), else undefined.
 */
function databaseErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; severity?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string'
    ? e.code
    : undefined;
}

/**
 * An error as a Response outside hono's context (fast paths, upload routes): JSON, the security
 * headers, and any extra headers the protocol needs (e.g. Tus-Resumable).
 */
export function errorResponse(mapped: MappedError, extra: Record<string, string> = {}): Response {
  const text = JSON.stringify(mapped.body);
  return new Response(text, {
    status: mapped.status,
    headers: {
      ...extra,
      ...SECURITY_HEADERS,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    },
  });
}
