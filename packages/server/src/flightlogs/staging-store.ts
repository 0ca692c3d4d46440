import { randomBytes } from 'node:crypto';
import { mkdir, open as openFile, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { open, seal } from '../crypto/index.ts';
import { RecordFile } from './record-file.ts';

const UPLOAD_ID = /^[0-9a-f]{32}$/;

interface StagedInfo {
  size: number;
  metadata: Record<string, string | null>;
  creation_date: string;
  /** Set once the upload became a flight log; the staged bytes are gone by then. */
  log_id?: string;
}

export function newUploadId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The tus data store for one pilot: uploads live in `<root>/<pilotId>/`, so another pilot's upload id
 * is simply not found here. The description (`.info`, holding the file name) and the bytes (`.data`,
 * see RecordFile) are both encrypted with the pilot's key.
 */
export class PilotStagingStore extends DataStore {
  private readonly dir: string;

  constructor(
    root: string,
    private readonly pilotId: string,
    private readonly key: Uint8Array,
    private readonly expirationMs: number,
  ) {
    super();
    this.dir = join(root, pilotId);
    // No 'creation-defer-length': the size must be known up front, to refuse oversized files at once.
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  async create(upload: Upload): Promise<Upload> {
    this.check(upload.id);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    upload.creation_date ??= new Date().toISOString();
    await (await openFile(this.dataPath(upload.id), 'wx', 0o600)).close();
    await this.writeInfo(upload.id, {
      size: upload.size ?? 0,
      metadata: upload.metadata ?? {},
      creation_date: upload.creation_date,
    });
    return upload;
  }

  async getUpload(id: string): Promise<Upload> {
    const info = await this.readInfo(id);
    const offset = info.log_id ? info.size : (await this.records(id).scan()).bytes;
    return new Upload({
      id,
      size: info.size,
      offset,
      metadata: info.metadata,
      creation_date: info.creation_date,
    });
  }

  async write(stream: Readable, id: string, offset: number): Promise<number> {
    const info = await this.readInfo(id);
    if (info.log_id) throw ERRORS.INVALID_OFFSET;
    const records = this.records(id);
    const { records: count } = await records.scan();
    return offset + (await records.append(stream, count));
  }

  async remove(id: string): Promise<void> {
    this.check(id);
    if (!(await stat(this.infoPath(id)).catch(() => null))) throw ERRORS.FILE_NOT_FOUND;
    await rm(this.infoPath(id), { force: true });
    this.records(id).forget();
    await rm(this.dataPath(id), { force: true });
  }

  async declareUploadLength(): Promise<void> {
    throw ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION;
  }

  /** Sweeping runs for all pilots at once (FlightLogService.sweepStaging), not per request. */
  async deleteExpired(): Promise<number> {
    return 0;
  }

  getExpiration(): number {
    return this.expirationMs;
  }

  /** The staged bytes, decrypted; throws unless exactly `size` bytes were received. */
  async readPlaintext(id: string): Promise<Buffer> {
    const info = await this.readInfo(id);
    return this.records(id).readAll(info.size);
  }

  async info(id: string): Promise<StagedInfo | null> {
    return this.readInfo(id).catch(() => null);
  }

  /** Drops the staged bytes and keeps a small marker, so a client retrying after a lost reply finds its log. */
  async markFinalized(id: string, logId: string): Promise<void> {
    const info = await this.readInfo(id);
    await this.writeInfo(id, { ...info, log_id: logId });
    this.records(id).forget();
    await unlink(this.dataPath(id)).catch(() => {});
  }

  /** Every upload of this pilot (for the export and for deleting markers of a deleted log). */
  async listIds(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.info')).map((n) => n.slice(0, -5));
  }

  async stagedBytes(id: string): Promise<number> {
    return (await stat(this.dataPath(id)).catch(() => null))?.size ?? 0;
  }

  private records(id: string): RecordFile {
    return new RecordFile(this.dataPath(id), this.key, `airlock/staging/v1\0${this.pilotId}\0${id}`);
  }

  private async readInfo(id: string): Promise<StagedInfo> {
    this.check(id);
    let sealed: Buffer;
    try {
      sealed = await readFile(this.infoPath(id));
    } catch {
      throw ERRORS.FILE_NOT_FOUND;
    }
    return JSON.parse(open(this.key, sealed, this.infoAad(id), 'staged upload').toString('utf8'));
  }

  private async writeInfo(id: string, info: StagedInfo): Promise<void> {
    const tmp = `${this.infoPath(id)}.tmp`;
    const fh = await openFile(tmp, 'w', 0o600);
    try {
      await fh.writeFile(seal(this.key, Buffer.from(JSON.stringify(info)), this.infoAad(id)));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.infoPath(id));
  }

  private check(id: string): void {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
  }

  private infoAad(id: string): string {
    return `airlock/staging-info/v1\0${this.pilotId}\0${id}`;
  }

  private infoPath(id: string): string {
    return join(this.dir, `${id}.info`);
  }

  private dataPath(id: string): string {
    return join(this.dir, `${id}.data`);
  }
}
