import { detectFlightLogFormat, MIN_UPLOAD_CHUNK_BYTES } from '@airlock/core/flightlog';
import { type Sha256, sha256Of } from '../platform/index.ts';
import { type AppendStore, createFlightLibrary, type FlightLibrary } from '../recorder/index.ts';
import { type KeyValueStorage, memoryStorage } from '../storage/index.ts';
import type { Transport } from '../transport/index.ts';
import { createSyncState } from './sync-state.ts';
import { TusClient } from './tus-client.ts';
import { type LogSyncResult, type UploadContext, uploadLog } from './upload-log.ts';

/**
 * What `createSync` takes: the transport, the pilot's token, the store of logs, where upload progress is
 * kept, and the chunk size and retries.
 *
 * @example
 * const options: SyncOptions = { transport, auth: () => session.token, store: fileStore, state: AsyncStorage };
 * const sync = createSync(options);
 */
export interface SyncOptions {
  /** The SDK's one transport: every byte of a log leaves through it. */
  transport: Transport;
  /** The pilot's session token (from POST /v1/sessions), or null when signed out. */
  auth: () => string | null | undefined | Promise<string | null | undefined>;
  /** Where the logs are: the recorder's store (recordings and imported logs). */
  store: AppendStore;
  /** Where upload progress is remembered, so a Sync after a restart resumes; default in memory. */
  state?: KeyValueStorage;
  /** The id of the flight being recorded, never synced; default none. */
  recordingId?: () => string | null;
  /** The app's SHA-256; default `crypto.subtle`, else core's plain-JavaScript one (see platform/). */
  sha256?: Sha256;
  /**
   * Bytes per PATCH; default 512 KiB (a slow uplink must finish one within the transport's timeout),
   * never below MIN_UPLOAD_CHUNK_BYTES (4 KiB), the smallest chunk the server takes.
   */
  chunkBytes?: number;
  /** Tries per log and Sync before it is left for the next Sync; default 3. */
  maxAttempts?: number;
  /** Wait before retry n is n × this, ms; default 1000. */
  retryDelayMs?: number;
}

/**
 * Options of one `sync` call: a progress listener, told after every chunk the server confirmed.
 *
 * @example
 * const options: SyncCallOptions = { onProgress: ({ id, offset, size }) => bar(id, offset / size) };
 * await airlock.sync('all', options);
 */
export interface SyncCallOptions {
  onProgress?: (progress: { id: string; offset: number; size: number }) => void;
}

/**
 * What a `sync` call resolves to: how each log ended, or why nothing was tried.
 *
 * @example
 * const report: SyncReport = await airlock.sync('all');
 * if (report.error) askToSignIn(report.error);
 * for (const r of report.results) row(r.id, r.status, r.sentBytes);
 */
export interface SyncReport {
  results: LogSyncResult[];
  /** Why nothing was tried (not signed in, no SHA-256, the store failed). */
  error?: string;
}

/**
 * Sync on its own (`createSync`); `airlock.sync` is the same call.
 *
 * @example
 * const sync: Sync = createSync({ transport, auth: () => session.token, store: fileStore });
 * const { results } = await sync.sync(['flight-20260601T101500Z-3f9a.aflr']);
 */
export interface Sync {
  /** Uploads the named logs, or every log not being recorded ('all'). Only ever runs when called. */
  sync(ids: readonly string[] | 'all', options?: SyncCallOptions): Promise<SyncReport>;
}

/**
 * Sync: the only way a flight log leaves the device, and only when the app calls it (the pilot's Sync
 * button). Each log goes up as a tus upload through the transport, deduplicated by the file's
 * SHA-256 on the server, resumable across failures and restarts. One Sync runs at a time; a second
 * call waits for the first. No timer, no retry in the background. Never rejects.
 *
 * @example
 * import { createSync } from '@airlock/sdk/sync';
 * const sync = createSync({ transport, auth: () => session.token, store: fileStore, state: AsyncStorage });
 * const { results, error } = await sync.sync('all', { onProgress: ({ id, offset, size }) => bar(id, offset / size) });
 */
export function createSync(options: SyncOptions): Sync {
  const library: FlightLibrary = createFlightLibrary(options.store, options.recordingId ?? (() => null));
  const state = createSyncState(options.state ?? memoryStorage());
  let running: Promise<unknown> = Promise.resolve();

  async function run(ids: readonly string[] | 'all', call: SyncCallOptions): Promise<SyncReport> {
    const sha256: Sha256 = (bytes) => sha256Of(bytes, options.sha256);
    let token: string | null | undefined;
    try {
      token = await options.auth();
    } catch (error) {
      return { results: [], error: `auth: ${messageOf(error)}` };
    }
    if (!token) return { results: [], error: 'not signed in: no session token' };
    const listed = await library.list();
    if (listed.error) return { results: [], error: listed.error };
    const known = new Map(listed.logs.map((l) => [l.id, l]));
    const wanted = ids === 'all' ? listed.logs.map((l) => l.id) : [...new Set(ids)];
    const ctx: UploadContext = {
      tus: new TusClient(options.transport, token),
      state,
      // Never below what the server accepts for a chunk that does not finish the upload.
      chunkBytes: Math.max(MIN_UPLOAD_CHUNK_BYTES, Math.floor(options.chunkBytes ?? 512 * 1024)),
      maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 3)),
      retryDelayMs: Math.max(0, options.retryDelayMs ?? 1000),
      ...(call.onProgress ? { onProgress: call.onProgress } : {}),
    };
    const results: LogSyncResult[] = [];
    for (const id of wanted) results.push(await syncOne(ctx, id, known.get(id)?.status, sha256));
    return { results };
  }

  async function syncOne(ctx: UploadContext, id: string, status: string | undefined, sha256: Sha256) {
    const none = { id, logId: null, sha256: null, size: 0, sentBytes: 0, resumedFrom: null };
    if (status === undefined)
      return { ...none, status: 'failed' as const, error: 'no such log on the device' };
    if (status === 'recording') return { ...none, status: 'skipped' as const, error: 'still being recorded' };
    const bytes = await library.read(id);
    if (!bytes || bytes.length === 0)
      return { ...none, status: 'failed' as const, error: 'the log is empty or unreadable' };
    // Only flight logs leave through Sync: a photo or a document put in the store by mistake stays.
    if (!detectFlightLogFormat(id, bytes))
      return {
        ...none,
        size: bytes.length,
        status: 'failed' as const,
        error: 'not a flight log format Airlock reads',
      };
    try {
      return await uploadLog(ctx, id, bytes, await sha256(bytes));
    } catch (error) {
      return { ...none, size: bytes.length, status: 'failed' as const, error: messageOf(error) };
    }
  }

  return {
    sync(ids, call = {}) {
      const next = running
        .then(() => run(ids, call ?? {}))
        .catch((error) => ({ results: [], error: messageOf(error) }));
      running = next;
      return next;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
