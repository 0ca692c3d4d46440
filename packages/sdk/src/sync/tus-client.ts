import { base64Utf8 } from '../platform/index.ts';
import type { Transport, TransportResponse } from '../transport/index.ts';

/**
 * The tus 1.0.0 core protocol plus its creation extension (https://tus.io/protocols/resumable-upload),
 * spoken through the SDK's one transport, so every request is consented, gated and in the ledger.
 * Every request is flagged as the pilot's own action: this code only runs when the app calls sync.
 */

export const UPLOADS_PATH = '/v1/flightlogs/uploads';
const TUS_VERSION = '1.0.0';
/** The server's name for the flight log an upload became. */
const LOG_ID_HEADER = 'airlock-flightlog-id';

export type TusStep =
  | { ok: true; offset: number; logId: string | null }
  | { ok: false; retry: boolean; gone: boolean; status: number; error: string };

export class TusClient {
  constructor(
    private readonly transport: Transport,
    private readonly token: string,
  ) {}

  /** POST: a new upload of `size` bytes; the answer's Location is where the PATCHes go. */
  async create(
    size: number,
    meta: { filename: string; sha256: string },
  ): Promise<{ path: string } | TusStepError> {
    const res = await this.send('POST', UPLOADS_PATH, {
      'Upload-Length': String(size),
      'Upload-Metadata': `filename ${base64Utf8(meta.filename)},sha256 ${base64Utf8(meta.sha256)}`,
    });
    if (res.status !== 201) return failure(res, 'creating the upload');
    const path = serverPath(res.headers.location ?? '', res.record?.url ?? '');
    return path
      ? { path }
      : { ok: false, retry: false, gone: false, status: res.status, error: 'no usable Location' };
  }

  /** HEAD: how many bytes the server holds, and the log id once the upload became a log. */
  async offset(path: string): Promise<TusStep> {
    const res = await this.send('HEAD', path, {});
    if (res.status !== 200 && res.status !== 204) return failure(res, 'asking for the offset');
    return parseOffset(res);
  }

  /** PATCH: `chunk` at `offset`; the answer is the new offset (and the log id after the last byte). */
  async patch(path: string, offset: number, chunk: Uint8Array): Promise<TusStep> {
    const res = await this.send(
      'PATCH',
      path,
      { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      chunk,
    );
    if (res.status !== 204 && res.status !== 200) return failure(res, 'sending bytes');
    return parseOffset(res);
  }

  /**
   * Not tus: Airlock's lookup of a log by the file's SHA-256, so a file the server already holds (synced
   * from another install) is not sent again. null when not found; an error when the lookup failed.
   */
  async lookup(sha256: string): Promise<{ logId: string | null } | TusStepError> {
    const res = await this.send('GET', `/v1/flightlogs?sha256=${sha256}&limit=1`, {});
    if (!res.ok) return failure(res, 'looking the file up');
    try {
      const items = (JSON.parse(res.body) as { items?: { id?: unknown }[] }).items ?? [];
      const id = items[0]?.id;
      return { logId: typeof id === 'string' ? id : null };
    } catch {
      return { ok: false, retry: false, gone: false, status: res.status, error: 'unreadable lookup answer' };
    }
  }

  private send(
    method: 'GET' | 'POST' | 'HEAD' | 'PATCH',
    path: string,
    headers: Record<string, string>,
    body?: Uint8Array,
  ): Promise<TransportResponse> {
    return this.transport.send({
      category: 'flight_logs',
      method,
      path,
      headers: {
        ...(method === 'GET' ? {} : { 'Tus-Resumable': TUS_VERSION }),
        Authorization: `Bearer ${this.token}`,
        ...headers,
      },
      ...(body ? { body } : {}),
      userAction: true,
    });
  }
}

export type TusStepError = Extract<TusStep, { ok: false }>;

function parseOffset(res: TransportResponse): TusStep {
  const offset = Number(res.headers['upload-offset']);
  if (!Number.isSafeInteger(offset) || offset < 0)
    return { ok: false, retry: true, gone: false, status: res.status, error: 'answer without Upload-Offset' };
  return { ok: true, offset, logId: res.headers[LOG_ID_HEADER] || null };
}

/**
 * What a failed request means for the upload: offline, timeouts, 409 (offset mismatch), 423 (locked)
 * and 5xx are worth a retry after a HEAD; 404/410 mean the upload is gone (start a new one); other 4xx
 * (401, 413, 422 corrupt file) will not change by retrying.
 */
function failure(res: TransportResponse, doing: string): TusStepError {
  const gone = res.status === 404 || res.status === 410;
  const retry = res.offline || res.status === 409 || res.status === 423 || res.status >= 500;
  return { ok: false, retry, gone, status: res.status, error: `${doing}: ${describe(res)}` };
}

function describe(res: TransportResponse): string {
  if (res.vetoed || res.offline) return res.error ?? (res.offline ? 'offline' : 'refused');
  try {
    const msg = (JSON.parse(res.body) as { error?: { message?: string } }).error?.message;
    if (msg) return `HTTP ${res.status}: ${msg}`;
  } catch {
    // Not the server's JSON error shape: the status says enough.
  }
  return `HTTP ${res.status}`;
}

/**
 * The upload's path on our server from a Location header, relative or absolute; null for another
 * server (the transport would not send there anyway). With a server under a base path
 * (`https://host/airlock`) the transport adds that path itself, so it is taken off here.
 */
export function serverPath(location: string, requestUrl: string): string | null {
  const origin = /^https?:\/\/[^/]+/i.exec(requestUrl)?.[0] ?? '';
  const basePath = requestUrl.slice(origin.length, requestUrl.length - UPLOADS_PATH.length);
  let path: string;
  if (location.startsWith('/') && !location.startsWith('//')) path = location;
  else if (origin && location.toLowerCase().startsWith(`${origin.toLowerCase()}/`))
    path = location.slice(origin.length);
  else return null;
  if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  return path.startsWith(`${UPLOADS_PATH}/`) ? path : null;
}
