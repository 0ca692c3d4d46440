import { constants, type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClaimedJournal } from './journal-files.ts';
import { type JournalPosition, SEGMENT_MAGIC, segmentName } from './journal-format.ts';

/** A segment is closed and a new one begun past this size, so covered ones can be deleted whole. */
const SEGMENT_BYTES = 8 * 1024 * 1024;

interface Pending {
  record: Buffer;
  apply: () => void;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** Opens a new segment file (0600) with its magic, durable together with its folder entry. */
async function createSegment(dir: string, n: number): Promise<FileHandle> {
  const fh = await open(
    join(dir, segmentName(n)),
    constants.O_CREAT | constants.O_EXCL | constants.O_RDWR,
    0o600,
  );
  await fh.write(SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length, 0);
  await fh.datasync();
  // A file whose folder entry was never synced can vanish on power loss, records and all.
  const folder = await open(dir, constants.O_RDONLY);
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return fh;
}

/**
 * How far a record goes before its report is answered 202. 'write': into the operating system with
 * write(2), which survives the server being killed (kill -9, a crash, an OOM kill) — the bar the rest
 * of the embedded store meets too (PGlite runs with fsync off). 'fsync': on the disk with fdatasync,
 * which survives the machine losing power as well, at ~4 ms per group commit on this project's disk.
 */
export type JournalSync = 'write' | 'fsync';

/**
 * The append side of a telemetry journal, with group commit: records appended while a commit is in
 * flight wait and go together in the next write (+ fdatasync in 'fsync' mode), so the commit rate
 * stays at what the disk allows however many reports arrive, and each report waits for at most two. A record's
 * `apply` (adding it to the in-memory aggregates) runs only once it is durable, in journal order, and
 * `position` moves with it: whatever the aggregates hold is exactly the journal up to `position`.
 */
export class TelemetryJournal {
  /** Group commits and the records they carried (tests check that commits are shared). */
  readonly stats = { commits: 0, records: 0 };
  private pending: Pending[] = [];
  private running: Promise<void> | null = null;
  private broken: Error | null = null;

  private constructor(
    private readonly claimed: ClaimedJournal,
    private fh: FileHandle,
    private segment: number,
    private offset: number,
    private readonly sync: JournalSync,
  ) {}

  /** Starts appending to `claimed` in a new segment numbered `first`. */
  static async start(
    claimed: ClaimedJournal,
    first: number,
    sync: JournalSync = 'fsync',
  ): Promise<TelemetryJournal> {
    return new TelemetryJournal(
      claimed,
      await createSegment(claimed.dir, first),
      first,
      SEGMENT_MAGIC.length,
      sync,
    );
  }

  get id(): string {
    return this.claimed.id;
  }

  /** Everything before this is durable and applied. */
  get position(): JournalPosition {
    return { segment: this.segment, offset: this.offset };
  }

  /** Resolves once `record` is on disk and `apply` has run; rejects when it could not be written. */
  append(record: Buffer, apply: () => void): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.pending.push({ record, apply, resolve, reject });
      this.running ??= this.commitLoop().finally(() => {
        this.running = null;
      });
    });
  }

  private async commitLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const bytes = batch.length === 1 ? batch[0].record : Buffer.concat(batch.map((p) => p.record));
      try {
        if (this.broken) throw this.broken;
        const { bytesWritten } = await this.fh.write(bytes, 0, bytes.length, this.offset);
        if (bytesWritten !== bytes.length) throw new Error('short write to the telemetry journal');
        if (this.sync === 'fsync') await this.fh.datasync();
      } catch (e) {
        await this.undo(e as Error);
        for (const p of batch) p.reject(e as Error);
        continue;
      }
      this.offset += bytes.length;
      for (const p of batch) p.apply();
      this.stats.commits++;
      this.stats.records += batch.length;
      for (const p of batch) p.resolve();
      if (this.offset >= SEGMENT_BYTES) await this.rotate();
    }
  }

  /** After a failed write: cut the file back to its last durable record, or stop accepting any. */
  private async undo(cause: Error): Promise<void> {
    try {
      await this.fh.truncate(this.offset);
      await this.fh.datasync();
    } catch {
      this.broken = cause;
    }
  }

  private async rotate(): Promise<void> {
    try {
      const next = await createSegment(this.claimed.dir, this.segment + 1);
      await this.fh.close();
      this.fh = next;
      this.segment++;
      this.offset = SEGMENT_MAGIC.length;
    } catch {
      // Keep appending to the current segment; it only grows past its nominal size.
    }
  }

  /** Deletes the segments wholly before `upTo` (their aggregates are in the database). */
  async release(upTo: JournalPosition): Promise<void> {
    for (let n = upTo.segment - 1; n >= 0; n--) {
      try {
        await unlink(join(this.claimed.dir, segmentName(n)));
      } catch {
        break; // earlier ones are gone already
      }
    }
  }

  /** Waits for the commits in flight, then closes the file; the journal is left for the next start. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    this.broken ??= new Error('the telemetry journal is closed');
    await this.fh.close();
    this.claimed.release();
  }

  /** Test hook: stop as a killed process would, without waiting for anything. */
  abandon(): void {
    this.broken = new Error('abandoned');
    this.pending = [];
    void this.fh.close().catch(() => {});
    this.claimed.release();
  }
}
