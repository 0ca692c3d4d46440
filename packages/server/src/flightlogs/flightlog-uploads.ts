import { MemoryLocker, Server, type Upload } from '@tus/server';
import type { Logger } from '../log/index.ts';
import type { Queryable } from '../storage/index.ts';
import { FlightLogImportError } from './flightlog-error.ts';
import type { FlightLogService } from './flightlog-service.ts';
import { newUploadId, type PilotStagingStore } from './staging-store.ts';

/** Response header naming the flight log an upload became (on the final PATCH and on later HEADs). */
export const LOG_ID_HEADER = 'Airlock-Flightlog-Id';
export const UPLOADS_PATH = '/v1/flightlogs/uploads';

/**
 * Smallest PATCH body accepted unless it completes the upload. Each PATCH becomes at least one sealed
 * record (32 bytes of header and tag): 1-byte PATCHes made a staged file 36 times its content.
 */
export const MIN_PATCH_BYTES = 4096;

type TusError = { status_code: number; body: string };

const tusError = (status: number, code: string, message: string, offset?: number): TusError => ({
  status_code: status,
  body: JSON.stringify({ error: { code, message, status, ...(offset === undefined ? {} : { offset }) } }),
});

/** A PATCH below MIN_PATCH_BYTES that does not finish its upload is refused (400) before any byte is read. */
async function refuseTinyChunk(request: Request, store: PilotStagingStore, id: string): Promise<void> {
  const declared = request.headers.get('content-length');
  if (declared === null) return; // a chunked body: its size is known only as it arrives
  const length = Number(declared);
  const offset = Number(request.headers.get('upload-offset'));
  if (!Number.isFinite(length) || !Number.isFinite(offset) || length >= MIN_PATCH_BYTES) return;
  const info = await store.info(id);
  if (!info || offset + length >= info.size) return;
  // A PATCH at the wrong offset is tus's 409 to answer, whatever its size.
  if ((await store.getUpload(id).catch(() => null))?.offset !== offset) return;
  throw tusError(
    400,
    'chunk_too_small',
    `PATCH bodies must be at least ${MIN_PATCH_BYTES} bytes, except the one that completes the upload`,
  );
}

/**
 * What one pilot may hold: stored logs plus the declared size of unfinished uploads (an upload reserves
 * its whole declared size when it is created, so 40 uploads declaring 256 MiB each cannot be opened on
 * an empty account), and how many unfinished uploads at once.
 */
export interface UploadQuota {
  db: Queryable;
  bytes: number;
  openUploads: number;
}

/**
 * Resumable uploads (tus 1.0) of flight logs. A tus server is made per request around the caller's
 * own staging store, so an upload id of another pilot does not exist for it. When the last byte
 * arrives the upload is imported (verify SHA-256, dedupe, parse, encrypt, store) before the final
 * PATCH is answered; a client that lost that answer finds its log through HEAD.
 */
export class FlightLogUploads {
  private readonly locker = new MemoryLocker();
  private readonly finalizing = new Map<string, Promise<string>>();
  /** Per pilot, the creation in progress: the quota check and the creation it allows run one at a time. */
  private readonly creating = new Map<string, Promise<unknown>>();

  constructor(
    private readonly service: FlightLogService,
    private readonly log: Logger,
    private readonly quota?: UploadQuota,
  ) {}

  async handle(req: Request, pilotId: string): Promise<Response> {
    const store = this.service.staging(pilotId, await this.service.keyring.get(pilotId));
    const tus = new Server({
      path: UPLOADS_PATH,
      datastore: store,
      locker: this.locker,
      relativeLocation: true,
      maxSize: this.service.options.maxBytes,
      allowedOrigins: [],
      exposedHeaders: [LOG_ID_HEADER],
      namingFunction: () => newUploadId(),
      onIncomingRequest: async (request, id) => {
        if (request.method === 'PATCH') await refuseTinyChunk(request, store, id);
      },
      onUploadCreate: async (_req, upload) => {
        const metadata = checkMetadata(upload);
        await this.checkQuota(pilotId, store, upload.size ?? 0);
        return { metadata };
      },
      onUploadFinish: async (_req, upload) => ({
        headers: { [LOG_ID_HEADER]: await this.finalize(pilotId, store, upload.id) },
      }),
      onResponseError: (_req, err) => {
        if ('status_code' in err && typeof err.status_code === 'number') return undefined;
        this.log.error('flight-log upload failed', {
          error: (err as Error).name,
          message: (err as Error).message,
        });
        return tusError(500, 'internal', 'internal error');
      },
    });
    let logId: string | undefined;
    if (req.method === 'HEAD') {
      const id = new URL(req.url).pathname.split('/').pop() ?? '';
      logId = await this.finishIfComplete(pilotId, store, id).catch(() => undefined);
    }
    const res = await (req.method === 'POST'
      ? this.oneAtATime(pilotId, () => tus.handleWeb(req))
      : tus.handleWeb(req));
    if (logId) res.headers.set(LOG_ID_HEADER, logId);
    return res;
  }

  /** 429 past the number of unfinished uploads, 413 past the byte quota; swept-soon expired ones do not count. */
  private async checkQuota(pilotId: string, store: PilotStagingStore, size: number): Promise<void> {
    if (!this.quota) return;
    const { bytes, openUploads, db } = this.quota;
    const cutoff = Date.now() - this.service.options.uploadExpiryMs;
    let open = 0;
    let staged = 0;
    for (const id of await store.listIds()) {
      const info = await store.info(id);
      if (!info || info.log_id || Date.parse(info.creation_date) < cutoff) continue;
      open++;
      staged += info.size;
    }
    if (open >= openUploads)
      throw tusError(
        429,
        'too_many_uploads',
        `at most ${openUploads} unfinished uploads at once: finish or cancel (DELETE) one first`,
      );
    const { rows } = await db.query<{ n: string | number }>(
      'SELECT COALESCE(sum(size_bytes), 0) AS n FROM flightlogs WHERE pilot_id = $1',
      [pilotId],
    );
    const stored = Number(rows[0].n);
    if (stored + staged + size > bytes)
      throw tusError(
        413,
        'quota_exceeded',
        `this upload (${size} bytes) would take the account past its storage quota of ${bytes} bytes (${stored} stored, ${staged} reserved by unfinished uploads)`,
      );
  }

  private async oneAtATime<T>(pilotId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.creating.get(pilotId) ?? Promise.resolve();
    const run = before.catch(() => {}).then(fn);
    this.creating.set(pilotId, run);
    try {
      return await run;
    } finally {
      if (this.creating.get(pilotId) === run) this.creating.delete(pilotId);
    }
  }

  /**
   * An upload that received every byte but whose import did not finish (the server died in between)
   * is imported now, so the client's "already complete" is true.
   */
  private async finishIfComplete(
    pilotId: string,
    store: PilotStagingStore,
    id: string,
  ): Promise<string | undefined> {
    const lock = this.locker.newLock(id);
    await lock.lock(new AbortController().signal, () => {});
    let complete = false;
    let logId: string | undefined;
    try {
      const upload = await store.getUpload(id);
      logId = (await store.info(id))?.log_id;
      complete = upload.size !== undefined && upload.offset === upload.size;
    } finally {
      await lock.unlock();
    }
    return logId ?? (complete ? this.finalize(pilotId, store, id) : undefined);
  }

  private finalize(pilotId: string, store: PilotStagingStore, id: string): Promise<string> {
    const k = `${pilotId}/${id}`;
    let running = this.finalizing.get(k);
    if (!running) {
      running = this.importStaged(pilotId, store, id).finally(() => this.finalizing.delete(k));
      this.finalizing.set(k, running);
    }
    return running;
  }

  private async importStaged(pilotId: string, store: PilotStagingStore, id: string): Promise<string> {
    const info = await store.info(id);
    if (!info) throw tusError(404, 'not_found', 'no such upload');
    if (info.log_id) return info.log_id;
    try {
      const bytes = await store.readPlaintext(id);
      const { log } = await this.service.importBytes(pilotId, bytes, {
        filename: info.metadata.filename ?? 'flight-log',
        sha256: info.metadata.sha256 ?? undefined,
      });
      await store.markFinalized(id, log.id);
      return log.id;
    } catch (e) {
      if (!(e instanceof FlightLogImportError)) throw e;
      // Nothing of a refused file is kept, the staged bytes included.
      await store.remove(id).catch(() => {});
      throw tusError(e.status, e.code, e.message, e.offset);
    }
  }
}

/** Upload-Metadata: `filename` (optional) and `sha256` (required, checked when the upload completes). */
function checkMetadata(upload: Upload): Record<string, string> {
  const m = upload.metadata ?? {};
  const sha256 = (m.sha256 ?? '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw tusError(400, 'invalid_request', 'Upload-Metadata must carry "sha256": the file\'s SHA-256 in hex');
  const filename = (m.filename ?? 'flight-log').replace(/^.*[\\/]/, '').slice(0, 255) || 'flight-log';
  return { filename, sha256 };
}
