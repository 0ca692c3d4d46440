import { randomBytes } from 'node:crypto';
import type { BlobStore } from '../blobs/index.ts';
import { open, seal } from '../crypto/index.ts';
import { UploadError } from './flightlog-error.ts';
import { PilotBlobs, pilotPrefix } from './pilot-blobs.ts';
import { admit, type UploadQuota } from './upload-quota.ts';
import type { UploadRow, UploadRows } from './upload-rows.ts';

/**
 * Plaintext bytes per part: what a server killed mid-PATCH can lose of a request it never answered,
 * and what one PATCH holds in memory at a time.
 */
export const PART_BYTES = 1024 * 1024;
/** Parts fetched at once when an upload is read back (an S3 round trip each). */
const READ_AHEAD = 8;
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export interface UploadMeta {
  filename: string;
  sha256: string;
}

export interface StagedUpload {
  id: string;
  size: number;
  /** Bytes received so far: where the next PATCH must start. */
  offset: number;
  meta: UploadMeta;
  /** The log it became, once imported. */
  logId: string | null;
  createdAt: Date;
}

export function newUploadId(): string {
  return randomBytes(16).toString('hex');
}

export function uploadPrefix(pilotId: string, id: string): string {
  return `${pilotPrefix(pilotId)}uploads/${id}/`;
}

/**
 * The stage step for one pilot: uploads whose state is in the database (UploadRows) and whose bytes
 * are sealed parts in the blob store, so any server can take the next PATCH. Why the blob store and
 * not the database for the bytes: they are up to AIRLOCK_FLIGHTLOG_MAX_BYTES per upload and
 * short-lived; in PostgreSQL they would pass through the WAL, replicas and backups and be vacuumed
 * away again, while the object store is made (and priced) for bytes, and is where the import puts the
 * original anyway. On one machine the blob store is the local folder, as staging always was.
 */
export class PilotStaging {
  private readonly sealed: PilotBlobs;

  constructor(
    private readonly rows: UploadRows,
    private readonly blobs: BlobStore,
    readonly pilotId: string,
    private readonly key: Buffer,
    private readonly quota: UploadQuota,
  ) {
    this.sealed = new PilotBlobs(blobs, pilotId, key);
  }

  /** Opens an upload if the pilot's quota allows it (413, 429 otherwise); resolves to its creation time. */
  async open(id: string, size: number, meta: UploadMeta): Promise<Date> {
    if (!UPLOAD_ID.test(id)) throw new Error('upload ids are 32 hex digits');
    return this.rows.create(
      {
        id,
        pilotId: this.pilotId,
        size,
        meta: seal(this.key, Buffer.from(JSON.stringify(meta)), this.metaAad(id)),
        openSince: new Date(Date.now() - this.quota.expiryMs),
      },
      (usage) => admit(usage, size, this.quota),
    );
  }

  async get(id: string): Promise<StagedUpload | null> {
    if (!UPLOAD_ID.test(id)) return null;
    const row = await this.rows.find(this.pilotId, id);
    return row && this.view(row);
  }

  async unfinished(): Promise<StagedUpload[]> {
    return (await this.rows.unfinished(this.pilotId)).map((r) => this.view(r));
  }

  /**
   * Appends what `source` yields at `offset`, part by part; resolves to the new offset. Each part is
   * written (sealed) before its row, and counts from its row on, so what a PATCH acknowledges is
   * durable on every server. Bytes that arrived before a cut connection are kept (tus lets the client
   * resume after them). 409 when another request moved the offset first.
   */
  async append(id: string, offset: number, source: AsyncIterable<Buffer>): Promise<number> {
    let at = offset;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // Once a part failed, nothing after it may be written (it would land at the wrong offset).
    let broken = false;
    const commit = async (bytes: Buffer) => {
      const blob = `${uploadPrefix(this.pilotId, id)}${String(at).padStart(12, '0')}-${randomBytes(6).toString('hex')}`;
      broken = true;
      await this.sealed.put(blob, bytes);
      if (!(await this.rows.addPart(this.pilotId, id, { at, len: bytes.length, blob }))) {
        await this.blobs.delete(blob).catch(() => {}); // the orphan sweep gets it otherwise
        throw new UploadError(
          'offset_conflict',
          'another request moved this upload on: ask HEAD for the offset',
        );
      }
      broken = false;
      at += bytes.length;
    };
    const take = (n: number) => {
      const joined = Buffer.concat(pending, pendingBytes);
      pending = n < joined.length ? [joined.subarray(n)] : [];
      pendingBytes = joined.length - n;
      return joined.subarray(0, n);
    };
    try {
      for await (const chunk of source) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        while (pendingBytes >= PART_BYTES) await commit(take(PART_BYTES));
      }
    } catch (e) {
      // The source failed (a cut connection): keep what arrived before it.
      if (!broken && pendingBytes > 0) await commit(take(pendingBytes)).catch(() => {});
      throw e;
    }
    if (pendingBytes > 0) await commit(take(pendingBytes));
    return at;
  }

  /**
   * The verify step's reading: every part present, in order and without gaps up to the declared
   * size, and authentic (each decrypts under its own upload and offset). Throws otherwise.
   */
  async assemble(id: string, size: number): Promise<Buffer> {
    const parts = await this.rows.parts(id);
    const out = Buffer.alloc(size);
    let pos = 0;
    for (const p of parts) {
      if (p.at !== pos) throw new Error(`staged upload has a gap at byte ${pos}`);
      pos += p.len;
    }
    if (pos !== size) throw new Error(`staged upload holds ${pos} of ${size} bytes`);
    for (let i = 0; i < parts.length; i += READ_AHEAD) {
      const batch = parts.slice(i, i + READ_AHEAD);
      const read = await Promise.all(batch.map((p) => this.sealed.get(p.blob)));
      batch.forEach((p, k) => {
        const plain = read[k];
        if (!plain || plain.length !== p.len)
          throw new Error(`staged part at byte ${p.at} is missing or damaged`);
        plain.copy(out, p.at);
      });
    }
    return out;
  }

  /** The upload became `logId`: its parts go, a small marker stays for a client's HEAD. */
  async finish(id: string, logId: string): Promise<void> {
    await this.rows.finish(id, logId);
    await this.dropParts(id);
  }

  /** Cancels an upload: the row first (it is gone for every server at once), then its parts. */
  async discard(id: string): Promise<boolean> {
    if (!UPLOAD_ID.test(id) || !(await this.rows.delete(this.pilotId, id))) return false;
    await this.dropParts(id);
    return true;
  }

  private async dropParts(id: string): Promise<void> {
    // A part left behind (an error here) has no row any more: the orphan sweep takes it.
    for (const b of await this.blobs.list(uploadPrefix(this.pilotId, id)).catch(() => []))
      await this.blobs.delete(b.key).catch(() => {});
  }

  private view(row: UploadRow): StagedUpload {
    const meta = JSON.parse(open(this.key, row.meta, this.metaAad(row.id), 'staged upload').toString('utf8'));
    return {
      id: row.id,
      size: row.size,
      offset: row.received,
      meta,
      logId: row.log_id,
      createdAt: new Date(row.created_at),
    };
  }

  private metaAad(id: string): string {
    return `airlock/upload-meta/v1\0${this.pilotId}\0${id}`;
  }
}
