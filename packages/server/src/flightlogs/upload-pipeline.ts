import type { PilotDataSource } from '../accounts/index.ts';
import { type BlobStore, deleteBlobPrefix } from '../blobs/index.ts';
import type { PilotKeyring } from '../crypto/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { FlightLogImportError, UploadError } from './flightlog-error.ts';
import { pilotPrefix } from './pilot-blobs.ts';
import { sweepExpiredUploads, sweepOrphanParts } from './sweeps.ts';
import type { UploadQuota } from './upload-quota.ts';
import { UploadRows } from './upload-rows.ts';
import { PilotStaging, type UploadMeta } from './upload-staging.ts';

/** The import step: the file becomes a log (dedupe, parse, sealed blobs, the row last). */
export type ImportLog = (
  pilotId: string,
  bytes: Buffer,
  meta: UploadMeta,
) => Promise<{ log: { id: string } }>;

export interface UploadPipelineOptions {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** An unfinished upload untouched this long is swept (and refused by tus as expired). */
  expiryMs: number;
  quota: Omit<UploadQuota, 'expiryMs'>;
}

/**
 * A resumable flight-log upload as one pipeline, each step in one place:
 *
 *   receive  flightlog-uploads.ts   tus 1.0 over HTTP: a PATCH becomes a byte stream at an offset
 *   stage    upload-staging.ts      sealed parts in the blob store; state and offset in the database
 *   verify   PilotStaging.assemble  every part present, in order, authentic, exactly the declared size
 *   import   ImportLog              SHA-256 against the declared one, dedupe, parse, sealed blobs
 *   row      the log's row last (import-flight-log.ts), then the upload's marker (UploadRows.finish)
 *
 * Nothing of an upload is held by one process, so each step can run on any server of a cluster: a
 * PATCH on one, the next on another, the import wherever the last byte arrives (or the next HEAD).
 */
export class UploadPipeline implements PilotDataSource {
  readonly name = 'flight_log_uploads';
  private readonly rows: UploadRows;
  /** Imports running in this process, so a HEAD racing the last PATCH here joins it. */
  private readonly completing = new Map<string, Promise<string>>();

  constructor(
    db: Database,
    private readonly keyring: PilotKeyring,
    private readonly blobs: BlobStore,
    private readonly importLog: ImportLog,
    readonly options: UploadPipelineOptions,
    private readonly log: Logger,
  ) {
    this.rows = new UploadRows(db);
  }

  /** The stage step for one pilot, sealed with the pilot's key; another pilot's upload is not found. */
  async staging(pilotId: string, key?: Buffer): Promise<PilotStaging> {
    return new PilotStaging(this.rows, this.blobs, pilotId, key ?? (await this.keyring.get(pilotId)), {
      ...this.options.quota,
      expiryMs: this.options.expiryMs,
    });
  }

  /**
   * verify → import → row, for an upload that has every byte. Idempotent: run twice (here, or on two
   * servers at once) it yields one log, since the import dedupes by content. A file the import
   * refuses is dropped whole, staged bytes included, and the refusal thrown.
   */
  complete(staging: PilotStaging, id: string): Promise<string> {
    const k = `${staging.pilotId}/${id}`;
    let running = this.completing.get(k);
    if (!running) {
      running = this.run(staging, id).finally(() => this.completing.delete(k));
      this.completing.set(k, running);
    }
    return running;
  }

  /** For HEAD: an upload that received every byte but was never imported (its server died) is imported now. */
  async completeIfReceived(staging: PilotStaging, id: string): Promise<string | undefined> {
    const up = await staging.get(id);
    if (!up) return undefined;
    if (up.logId) return up.logId;
    return up.offset === up.size ? this.complete(staging, id) : undefined;
  }

  private async run(staging: PilotStaging, id: string): Promise<string> {
    const up = await staging.get(id);
    if (!up) throw new UploadError('not_found', 'no such upload');
    if (up.logId) return up.logId;
    const bytes = await staging.assemble(id, up.size);
    try {
      const { log } = await this.importLog(staging.pilotId, bytes, up.meta);
      await staging.finish(id, log.id);
      return log.id;
    } catch (e) {
      if (e instanceof FlightLogImportError) await staging.discard(id).catch(() => {});
      throw e;
    }
  }

  async exportFor(pilotId: string, key: Buffer): Promise<unknown> {
    const staging = await this.staging(pilotId, key);
    return (await staging.unfinished()).map((u) => ({
      upload_id: u.id,
      filename: u.meta.filename,
      size_bytes: u.size,
      received_bytes: u.offset,
      started: u.createdAt.toISOString(),
    }));
  }

  /** After the pilot's rows are gone (their uploads with them): the parts left in the blob store. */
  async eraseFor(pilotId: string): Promise<void> {
    await deleteBlobPrefix(this.blobs, `${pilotPrefix(pilotId)}uploads/`);
  }

  /** Uploads untouched past the expiry, and parts no upload refers to. Any server may run it. */
  async sweep(now = Date.now()): Promise<{ expired: number; orphanParts: number }> {
    const expired = await sweepExpiredUploads(this.blobs, this.rows, this.options.expiryMs, now);
    const orphanParts = await sweepOrphanParts(this.blobs, this.rows, now);
    if (expired + orphanParts > 0) this.log.info('upload sweep', { expired, orphan_parts: orphanParts });
    return { expired, orphanParts };
  }
}
