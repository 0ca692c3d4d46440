import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { PilotDataSource } from '../accounts/index.ts';
import { type BlobStore, deleteBlobPrefix, putBlobFile, readBlobRange } from '../blobs/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { hidden, MediaError } from './media-error.ts';
import { fileKey, itemPrefix, pilotPrefix, thumbnailKey } from './media-keys.ts';
import { MediaModeration } from './media-moderation.ts';
import { posterFrom } from './media-poster.ts';
import { type MediaRow, MediaRows } from './media-rows.ts';
import { sweepOrphans, sweepStaging } from './media-sweeps.ts';
import {
  decodeCursor,
  encodeCursor,
  type Licence,
  type MediaPage,
  type MediaView,
  toView,
} from './media-view.ts';
import { receiveUpload, type UploadBody } from './receive-upload.ts';
import { ShareRateLimit } from './share-limits.ts';
import { type Stripped, stripUpload } from './strip-upload.ts';

export interface MediaLimits {
  imageMaxBytes: number;
  videoMaxBytes: number;
  maxPixels: number;
  /** Bytes of stripped files and thumbnails one pilot may have shared. */
  quotaBytes: number;
  sharesPerHour: number;
}

export interface ShareOptions {
  title?: string;
  licence: Licence;
  keepLocation: boolean;
}

/**
 * Community media: a pilot shares one file at a time; the server strips it (always: nothing the client
 * did is trusted) and keeps only the stripped bytes, a thumbnail and a row. Reads are public; a delete
 * removes the row, every stored byte and, through `eraseResidue`, what the row left in the database files.
 */
export class MediaService implements PilotDataSource {
  readonly name = 'community_media';
  readonly rows: MediaRows;
  /** Reports, the operator's queue and decisions. */
  readonly moderation: MediaModeration;
  private readonly rate: ShareRateLimit;
  /** The start-up sweep of the staging folder; shares wait for it so it never takes one in flight. */
  private readonly staged: Promise<unknown>;

  constructor(
    private readonly db: Database,
    private readonly store: BlobStore,
    private readonly stagingDir: string,
    readonly limits: MediaLimits,
    /** Makes deleted media rows leave the database files (VACUUM FULL media_items, WAL rotation). */
    private readonly eraseResidue: () => Promise<void>,
    private readonly log: Logger,
  ) {
    this.rows = new MediaRows(db);
    this.moderation = new MediaModeration(db, this);
    this.rate = new ShareRateLimit(limits.sharesPerHour);
    this.staged = sweepStaging(stagingDir).then(
      (n) => n > 0 && log.info('staged media removed at start', { files: n }),
      (e) => log.warn('media staging sweep failed', { error: (e as Error).message }),
    );
  }

  async share(
    pilotId: string,
    body: UploadBody | null,
    declaredBytes: number | undefined,
    options: ShareOptions,
  ): Promise<MediaView> {
    await this.rate.take(pilotId);
    const quotaLeft = this.limits.quotaBytes - (await this.rows.usage(pilotId));
    await this.staged;
    const received = await receiveUpload(body, declaredBytes, { ...this.limits, quotaLeft }, this.stagingDir);
    const stripped = await stripUpload(received, options.keepLocation, this.limits.maxPixels);
    const id = randomUUID();
    try {
      await this.storeBytes(pilotId, id, stripped);
      const row = this.row(pilotId, id, stripped, options);
      if (!(await this.rows.insertWithinQuota(row, this.limits.quotaBytes)))
        throw new MediaError(
          'quota_exceeded',
          `your shares would pass your quota of ${this.limits.quotaBytes} bytes`,
        );
    } catch (e) {
      if (stripped.path) await rm(stripped.path, { force: true });
      await deleteBlobPrefix(this.store, itemPrefix(pilotId, id)).catch(() => {});
      throw e;
    }
    const stored = await this.rows.get(id);
    if (!stored) throw new Error('a shared item vanished before it was read back');
    return toView(stored);
  }

  private async storeBytes(pilotId: string, id: string, s: Stripped): Promise<void> {
    if (s.bytes) await this.store.put(fileKey(pilotId, id, s.ext), s.bytes);
    else if (s.path) await putBlobFile(this.store, fileKey(pilotId, id, s.ext), s.path);
    if (s.thumbnail) await this.store.put(thumbnailKey(pilotId, id), s.thumbnail);
  }

  private row(
    pilotId: string,
    id: string,
    s: Stripped,
    o: ShareOptions,
  ): Omit<MediaRow, 'shared_at' | 'hidden_at' | 'public_name'> {
    return {
      id,
      pilot_id: pilotId,
      kind: s.kind,
      content_type: s.contentType,
      ext: s.ext,
      file_bytes: s.size,
      thumb_bytes: s.thumbnail?.length ?? 0,
      width: s.width,
      height: s.height,
      duration_ms: s.durationMs,
      title: o.title ?? null,
      licence: o.licence,
      coarse_lat: s.position?.lat ?? null,
      coarse_lon: s.position?.lon ?? null,
    };
  }

  /** Everyone's shares (pilotId undefined) or one pilot's, newest first. */
  async list(options: { limit: number; cursor?: string; pilotId?: string }): Promise<MediaPage> {
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const rows = await this.rows.list(options.limit + 1, { pilotId: options.pilotId, after });
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      next_cursor: rows.length > options.limit && last ? encodeCursor(last) : null,
    };
  }

  async get(id: string): Promise<MediaView | null> {
    const row = await this.readable(id);
    return row && toView(row);
  }

  /** The row of an item anyone may read; a hidden one is refused (451) on every route alike. */
  private async readable(id: string): Promise<MediaRow | null> {
    const row = await this.rows.get(id);
    if (row?.hidden_at) throw hidden();
    return row;
  }

  /** The stripped file: its row (size, type) and a reader of byte ranges. */
  async file(
    id: string,
  ): Promise<{ row: MediaRow; read(start: number, end: number): Promise<Readable | null> } | null> {
    const row = await this.readable(id);
    if (!row) return null;
    const key = fileKey(row.pilot_id, row.id, row.ext);
    return { row, read: (start, end) => readBlobRange(this.store, key, start, end) };
  }

  async thumbnail(id: string): Promise<Buffer | null> {
    const row = await this.readable(id);
    return row && row.thumb_bytes > 0 ? this.store.get(thumbnailKey(row.pilot_id, row.id)) : null;
  }

  /**
   * Row first (gone for every reader at once), then the file and thumbnail, then the row's residue.
   * `pilotId` null: the operator's removal, whoever shared it.
   */
  async delete(pilotId: string | null, id: string): Promise<boolean> {
    const row = await this.rows.delete(pilotId, id);
    if (!row) return false;
    pilotId = row.pilot_id;
    await deleteBlobPrefix(this.store, itemPrefix(pilotId, id));
    await this.eraseResidue();
    return true;
  }

  /** The pilot's shares, and the reports they made on others' (or their own) items. */
  async exportFor(pilotId: string): Promise<unknown> {
    const items: MediaView[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await this.list({ limit: 200, cursor, pilotId });
      items.push(...page.items);
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    return {
      public_name: await this.publicName(pilotId),
      items,
      reports: await this.moderation.reportsBy(pilotId),
    };
  }

  /** After the account's rows are gone (media rows go with them): the files, and the rows' residue. */
  async eraseFor(pilotId: string): Promise<void> {
    await deleteBlobPrefix(this.store, pilotPrefix(pilotId));
    await this.eraseResidue();
  }

  /**
   * Sets a video's poster from an image the owner's device made (see posterFrom). Null when the item is
   * not theirs; a photo (which has its own thumbnail) is refused.
   */
  async setPoster(pilotId: string, id: string, image: Buffer): Promise<MediaView | null> {
    const row = await this.rows.get(id);
    if (!row || row.pilot_id !== pilotId) return null;
    if (row.kind !== 'video') throw new MediaError('not_a_video', 'a photo has its own thumbnail');
    const poster = await posterFrom(image, this.limits.imageMaxBytes, this.limits.maxPixels);
    // Bytes first, then the row that makes them served: a crash between leaves them unserved.
    await this.store.put(thumbnailKey(pilotId, id), poster);
    if (!(await this.rows.setPoster(pilotId, id, poster.length, this.limits.quotaBytes))) {
      if (row.thumb_bytes === 0) await this.store.delete(thumbnailKey(pilotId, id)).catch(() => {});
      throw new MediaError(
        'quota_exceeded',
        `the poster would pass your quota of ${this.limits.quotaBytes} bytes`,
      );
    }
    return this.get(id);
  }

  /** The name the pilot's shares are credited with, or null. */
  async publicName(pilotId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ public_name: string }>(
      'SELECT public_name FROM media_profiles WHERE pilot_id = $1',
      [pilotId],
    );
    return rows[0]?.public_name ?? null;
  }

  /** Sets (or with null, removes) the name shown under the pilot's shares, on every one at once. */
  async setPublicName(pilotId: string, name: string | null): Promise<void> {
    if (name === null) await this.db.query('DELETE FROM media_profiles WHERE pilot_id = $1', [pilotId]);
    else
      await this.db.query(
        `INSERT INTO media_profiles (pilot_id, public_name) VALUES ($1, $2)
         ON CONFLICT (pilot_id) DO UPDATE SET public_name = excluded.public_name`,
        [pilotId, name],
      );
  }

  /** Blobs without a row, left by a share or delete that stopped half-way (run at start and hourly). */
  async sweep(): Promise<void> {
    await this.staged;
    const orphans = await sweepOrphans(this.store, this.rows).catch((e) => {
      this.log.warn('media orphan sweep failed', { error: (e as Error).message });
      return 0;
    });
    if (orphans > 0) this.log.info('media without a row removed', { items: orphans });
  }
}
