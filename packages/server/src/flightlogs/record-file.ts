import { type FileHandle, open as openFile } from 'node:fs/promises';
import { DecryptError, open, SEAL_OVERHEAD, seal } from '../crypto/index.ts';

/**
 * What the last scan or append of each staged file left: while the file still has that size nothing
 * else wrote it, so the next PATCH need not walk every record header again (438 small PATCHes cost
 * 73 ms each by the end). A size that differs (a crash mid-append, another process) means a full scan.
 */
const known = new Map<string, { size: number; records: number; bytes: number; last: number }>();

/** Forgets what is known of a staged file deleted without its RecordFile (the expiry sweep). */
export function forgetRecordFile(path: string): void {
  known.delete(path);
}

/** Plaintext bytes per record: what a server killed mid-upload can lose of an unacknowledged request. */
export const RECORD_BYTES = 1024 * 1024;
const HEADER = 4;

/**
 * An upload being received, encrypted as it arrives: a sequence of records
 * `u32 plaintext length | sealed chunk`, each sealed with the pilot's key and bound to its upload and
 * position. Plaintext never touches the disk. A record torn by a crash is cut off on the next scan, so
 * the offset reported to a resuming client is exactly what can be read back.
 */
export class RecordFile {
  constructor(
    readonly path: string,
    private readonly key: Uint8Array,
    private readonly aadBase: string,
  ) {}

  /** Counts the complete records (cutting a torn tail) and checks the last one decrypts. */
  async scan(): Promise<{ records: number; bytes: number }> {
    const fh = await openFile(this.path, 'r+');
    try {
      const size = (await fh.stat()).size;
      const seen = known.get(this.path);
      // Still one check: the last record must decrypt (a flipped bit costs a full scan, as before).
      if (
        seen &&
        seen.size === size &&
        (seen.records === 0 || (await this.decrypts(fh, seen.last, seen.records - 1)))
      )
        return { records: seen.records, bytes: seen.bytes };
      const starts: number[] = [];
      let pos = 0;
      let bytes = 0;
      const head = Buffer.alloc(HEADER);
      while (pos + HEADER <= size) {
        await fh.read(head, 0, HEADER, pos);
        const len = head.readUInt32BE(0);
        const end = pos + HEADER + len + SEAL_OVERHEAD;
        if (len === 0 || len > RECORD_BYTES || end > size) break;
        starts.push(pos);
        bytes += len;
        pos = end;
      }
      if (starts.length > 0) {
        const last = starts.length - 1;
        const ok = await this.readRecord(fh, starts[last], last).then(
          () => true,
          (e) => (e instanceof DecryptError ? false : Promise.reject(e)),
        );
        if (!ok) {
          pos = starts[last];
          bytes -= (await this.recordLength(fh, pos)) ?? 0;
          starts.pop();
        }
      }
      if (pos !== size) await fh.truncate(pos);
      known.set(this.path, {
        size: pos,
        records: starts.length,
        bytes,
        last: starts[starts.length - 1] ?? 0,
      });
      return { records: starts.length, bytes };
    } finally {
      await fh.close();
    }
  }

  /**
   * Appends what `source` yields as sealed records, then fsyncs: when this resolves the bytes are
   * durable and may be acknowledged. Bytes received before a source error are still kept (the tus
   * protocol lets a client resume after them); the error is rethrown.
   */
  async append(source: AsyncIterable<Buffer>, firstIndex: number): Promise<number> {
    const fh = await openFile(this.path, 'a');
    let index = firstIndex;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let written = 0;
    let fileBytes = 0;
    let lastStart = -1;
    const flush = async (all: boolean) => {
      while (pendingBytes >= RECORD_BYTES || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const take = Math.min(RECORD_BYTES, joined.length);
        const chunk = joined.subarray(0, take);
        const sealed = seal(this.key, chunk, this.aad(index));
        const header = Buffer.alloc(HEADER);
        header.writeUInt32BE(take, 0);
        const record = Buffer.concat([header, sealed]);
        await fh.write(record);
        lastStart = fileBytes;
        fileBytes += record.length;
        index++;
        written += take;
        const rest = joined.subarray(take);
        pending = rest.length > 0 ? [rest] : [];
        pendingBytes = rest.length;
      }
    };
    try {
      for await (const chunk of source) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= RECORD_BYTES) await flush(false);
      }
    } finally {
      await flush(true).catch(() => {});
      await fh.sync().catch(() => {});
      const before = known.get(this.path);
      const size = (await fh.stat().catch(() => null))?.size;
      // Known only if this append started from a known state and the file grew by exactly the records
      // written whole (a write that failed half-way leaves a torn tail for the next full scan to cut).
      if (before && size !== undefined && size === before.size + fileBytes && before.records === firstIndex)
        known.set(this.path, {
          size,
          records: index,
          bytes: before.bytes + written,
          last: lastStart < 0 ? before.last : before.size + lastStart,
        });
      else known.delete(this.path);
      await fh.close();
    }
    return written;
  }

  /** Forgets what is known of the file (it was removed or finished). */
  forget(): void {
    forgetRecordFile(this.path);
  }

  /** The whole plaintext, record by record; `expected` guards against a short or overlong file. */
  async readAll(expected: number): Promise<Buffer> {
    const out = Buffer.alloc(expected);
    const fh = await openFile(this.path, 'r');
    try {
      const size = (await fh.stat()).size;
      let pos = 0;
      let at = 0;
      let index = 0;
      while (pos < size) {
        const plain = await this.readRecord(fh, pos, index);
        if (at + plain.length > expected) throw new Error('staged upload is longer than declared');
        plain.copy(out, at);
        at += plain.length;
        pos += HEADER + plain.length + SEAL_OVERHEAD;
        index++;
      }
      if (at !== expected) throw new Error(`staged upload holds ${at} of ${expected} bytes`);
      return out;
    } finally {
      await fh.close();
    }
  }

  private decrypts(fh: FileHandle, pos: number, index: number): Promise<boolean> {
    return this.readRecord(fh, pos, index).then(
      () => true,
      (e) => (e instanceof DecryptError ? false : Promise.reject(e)),
    );
  }

  private async recordLength(fh: FileHandle, pos: number): Promise<number | null> {
    const head = Buffer.alloc(HEADER);
    const { bytesRead } = await fh.read(head, 0, HEADER, pos);
    return bytesRead === HEADER ? head.readUInt32BE(0) : null;
  }

  private async readRecord(fh: FileHandle, pos: number, index: number): Promise<Buffer> {
    const len = await this.recordLength(fh, pos);
    if (len === null) throw new DecryptError('staged record');
    const sealed = Buffer.alloc(len + SEAL_OVERHEAD);
    const { bytesRead } = await fh.read(sealed, 0, sealed.length, pos + HEADER);
    if (bytesRead !== sealed.length) throw new DecryptError('staged record');
    return open(this.key, sealed, this.aad(index), 'staged record');
  }

  private aad(index: number): string {
    return `${this.aadBase}\0${index}`;
  }
}
