import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import type { PilotStaging } from './upload-staging.ts';

/**
 * @tus/server's data store over one pilot's staging: tus asks, the stage step answers. Holds nothing
 * itself, so the server that handles the next request of an upload need not be this one.
 */
export class TusPilotStore extends DataStore {
  constructor(
    private readonly staging: PilotStaging,
    private readonly expiryMs: number,
    /**
     * This process's writes in progress, by upload id. tus may answer a PATCH whose connection broke
     * before the bytes that did arrive are stored; a HEAD or PATCH that follows here waits for them,
     * so the offset it reports includes them. (On another server it may not: the next PATCH is then
     * at a stale offset, and one of the two is refused with 409, never both stored.)
     */
    private readonly writes: Map<string, Promise<number>>,
  ) {
    super();
    // No 'creation-defer-length': the size must be known up front, to refuse oversized files at once.
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  /** The metadata was checked (and reduced to filename and sha256) by the endpoint's onUploadCreate. */
  async create(upload: Upload): Promise<Upload> {
    const { filename, sha256 } = upload.metadata ?? {};
    const created = await this.staging.open(upload.id, upload.size ?? 0, {
      filename: filename ?? 'flight-log',
      sha256: sha256 ?? '',
    });
    upload.creation_date = created.toISOString();
    return upload;
  }

  async getUpload(id: string): Promise<Upload> {
    await this.writes.get(id)?.catch(() => {});
    const up = await this.staging.get(id);
    if (!up) throw ERRORS.FILE_NOT_FOUND;
    return new Upload({
      id,
      size: up.size,
      offset: up.offset,
      metadata: { ...up.meta },
      creation_date: up.createdAt.toISOString(),
    });
  }

  async write(stream: Readable, id: string, offset: number): Promise<number> {
    const running = this.staging.append(id, offset, stream);
    this.writes.set(id, running);
    try {
      return await running;
    } finally {
      if (this.writes.get(id) === running) this.writes.delete(id);
    }
  }

  async remove(id: string): Promise<void> {
    if (!(await this.staging.discard(id))) throw ERRORS.FILE_NOT_FOUND;
  }

  async declareUploadLength(): Promise<void> {
    throw ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION;
  }

  /** Expired uploads are swept for every pilot at once (UploadPipeline.sweep), not per request. */
  async deleteExpired(): Promise<number> {
    return 0;
  }

  getExpiration(): number {
    return this.expiryMs;
  }
}
