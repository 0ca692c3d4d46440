import { MIN_UPLOAD_CHUNK_BYTES } from '@airlock/core';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import type { Logger } from '../log/index.ts';
import { FlightLogImportError, UploadError } from './flightlog-error.ts';
import { TusPilotStore } from './tus-store.ts';
import type { UploadPipeline } from './upload-pipeline.ts';
import { newUploadId, type PilotStaging } from './upload-staging.ts';

/** Response header naming the flight log an upload became (on the final PATCH and on later HEADs). */
export const LOG_ID_HEADER = 'Airlock-Flightlog-Id';
export const UPLOADS_PATH = '/v1/flightlogs/uploads';

/** Smallest PATCH body accepted unless it completes the upload (see core's MIN_UPLOAD_CHUNK_BYTES). */
export const MIN_PATCH_BYTES = MIN_UPLOAD_CHUNK_BYTES;

type TusError = { status_code: number; body: string };

const tusError = (status: number, code: string, message: string, offset?: number): TusError => ({
  status_code: status,
  body: JSON.stringify({ error: { code, message, status, ...(offset === undefined ? {} : { offset }) } }),
});

/** The pipeline's refusals in tus's terms (`{status_code, body}` is what @tus/server answers). */
function asTusError(e: unknown): unknown {
  if (e instanceof FlightLogImportError) return tusError(e.status, e.code, e.message, e.offset);
  if (e instanceof UploadError) return tusError(e.status, e.code, e.message);
  return e;
}

/**
 * The receive step (see upload-pipeline.ts): resumable uploads of flight logs over tus 1.0. A tus
 * server is made per request around the caller's own staging, so an upload id of another pilot does
 * not exist for it. When the last byte arrives the rest of the pipeline runs before the final PATCH is
 * answered; a client that lost that answer finds its log through HEAD.
 */
export class FlightLogUploads {
  /**
   * Within this process, a second request on an upload asks the first to let go (tus's resume after
   * a connection the server has not yet seen drop). Across servers nothing is locked: the database
   * accepts a part only at the current offset (UploadRows.addPart).
   */
  private readonly locker = new MemoryLocker();
  private readonly writes = new Map<string, Promise<number>>();

  constructor(
    readonly pipeline: UploadPipeline,
    private readonly log: Logger,
  ) {}

  async handle(req: Request, pilotId: string): Promise<Response> {
    const staging = await this.pipeline.staging(pilotId);
    const tus = new Server({
      path: UPLOADS_PATH,
      datastore: new TusPilotStore(staging, this.pipeline.options.expiryMs, this.writes),
      locker: this.locker,
      relativeLocation: true,
      maxSize: this.pipeline.options.maxBytes,
      allowedOrigins: [],
      exposedHeaders: [LOG_ID_HEADER],
      namingFunction: () => newUploadId(),
      onIncomingRequest: async (request, id) => {
        if (request.method === 'PATCH') await refuseTinyChunk(request, staging, id);
      },
      onUploadCreate: async (_req, upload) => ({ metadata: checkMetadata(upload) }),
      onUploadFinish: async (_req, upload) => ({
        headers: { [LOG_ID_HEADER]: await this.pipeline.complete(staging, upload.id) },
      }),
      onResponseError: (_req, err) => {
        const mapped = asTusError(err);
        if (typeof mapped === 'object' && mapped && 'status_code' in mapped) return mapped as TusError;
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
      logId = await this.pipeline.completeIfReceived(staging, id).catch(() => undefined);
    }
    const res = await tus.handleWeb(req);
    if (logId) res.headers.set(LOG_ID_HEADER, logId);
    return res;
  }
}

/** A PATCH below MIN_PATCH_BYTES that does not finish its upload is refused (400) before any byte is read. */
async function refuseTinyChunk(request: Request, staging: PilotStaging, id: string): Promise<void> {
  const declared = request.headers.get('content-length');
  if (declared === null) return; // a chunked body: its size is known only as it arrives
  const length = Number(declared);
  const offset = Number(request.headers.get('upload-offset'));
  if (!Number.isFinite(length) || !Number.isFinite(offset) || length >= MIN_PATCH_BYTES) return;
  const up = await staging.get(id);
  // Unknown, completing, or at the wrong offset (tus's 409 to answer, whatever its size): let tus answer.
  if (!up || offset + length >= up.size || up.offset !== offset) return;
  throw tusError(
    400,
    'chunk_too_small',
    `PATCH bodies must be at least ${MIN_PATCH_BYTES} bytes, except the one that completes the upload`,
  );
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
