import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

const BATCH = 8 * 2 ** 20;
const SYNC_EVERY = 64 * 2 ** 20;

/**
 * A new 0600 file in the staging folder, written in 8 MiB batches (an upload arrives in 64 KiB chunks,
 * and one write per chunk cost several times the transfer itself) and flushed to disk every 64 MiB as
 * it arrives, so the fsync that must precede publishing a stripped video finds little left to write
 * (it took 1–3 s for a 1 GB upload left all in the page cache).
 */
export class StagingFile {
  private readonly batch = Buffer.allocUnsafe(BATCH);
  private filled = 0;
  private unsynced = 0;
  /** The flush in flight: at most one, overlapping the upload rather than stalling it. */
  private syncing: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(dir: string): Promise<StagingFile> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, randomUUID());
    return new StagingFile(path, await open(path, 'wx', 0o600));
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.filled + chunk.length > BATCH) await this.flush();
    if (chunk.length >= BATCH) {
      await this.fh.write(chunk);
      this.unsynced += chunk.length;
    } else {
      this.batch.set(chunk, this.filled);
      this.filled += chunk.length;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.syncing;
    await this.fh.close();
  }

  /** Closes and removes the file (an upload refused half-way: its bytes go at once). */
  async discard(): Promise<void> {
    await this.syncing.catch(() => {});
    await this.fh.close().catch(() => {});
    await rm(this.path, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.filled > 0) await this.fh.write(this.batch, 0, this.filled);
    this.unsynced += this.filled;
    this.filled = 0;
    if (this.unsynced >= SYNC_EVERY) {
      await this.syncing;
      this.syncing = this.fh.datasync();
      this.unsynced = 0;
    }
  }
}
