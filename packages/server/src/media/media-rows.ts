import type { Database } from '../storage/index.ts';

export interface MediaRow {
  id: string;
  pilot_id: string;
  kind: 'image' | 'video';
  content_type: string;
  ext: string;
  file_bytes: number;
  thumb_bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  title: string | null;
  licence: string;
  coarse_lat: number | null;
  coarse_lon: number | null;
  shared_at: Date;
  /** Set while the operator keeps the item hidden: every public route answers 451. */
  hidden_at: Date | null;
  /** The name the pilot is credited with (media_profiles), if they chose one. */
  public_name: string | null;
}

export type PageAfter = { sharedAt: Date; id: string };

const COLUMNS = `id, pilot_id, kind, content_type, ext, file_bytes::float8 AS file_bytes,
  thumb_bytes::float8 AS thumb_bytes, width, height, duration_ms::float8 AS duration_ms, title, licence,
  coarse_lat, coarse_lon, shared_at, hidden_at,
  (SELECT public_name FROM media_profiles p WHERE p.pilot_id = media_items.pilot_id) AS public_name`;

/** The media_items table. Writes and the owner's views name the owner; the public views are all rows. */
export class MediaRows {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<MediaRow | null> {
    const { rows } = await this.db.query<MediaRow>(`SELECT ${COLUMNS} FROM media_items WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Newest first, everyone's (pilotId undefined) or one pilot's; keyset pages, stable under inserts. */
  async list(limit: number, options: { pilotId?: string; after?: PageAfter }): Promise<MediaRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.pilotId) {
      params.push(options.pilotId);
      where.push(`pilot_id = $${params.length}`);
    } else where.push('hidden_at IS NULL'); // the public list: a hidden item is gone from it at once
    if (options.after) {
      params.push(options.after.sharedAt, options.after.id);
      where.push(`(shared_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const { rows } = await this.db.query<MediaRow>(
      `SELECT ${COLUMNS} FROM media_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY shared_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows;
  }

  /** Bytes a pilot's shares take in the store (files and thumbnails). */
  async usage(pilotId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT coalesce(sum(file_bytes + thumb_bytes), 0)::float8 AS n FROM media_items WHERE pilot_id = $1',
      [pilotId],
    );
    return rows[0].n;
  }

  /**
   * The last step of a share: the row, only if the pilot's shares stay within `quota` bytes. Shares of
   * one pilot are serialised by an advisory lock, so two at once cannot both slip under the quota.
   */
  async insertWithinQuota(
    row: Omit<MediaRow, 'shared_at' | 'hidden_at' | 'public_name'>,
    quota: number,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('media-quota:' || $1))", [row.pilot_id]);
      const { rows } = await tx.query<{ n: number }>(
        'SELECT coalesce(sum(file_bytes + thumb_bytes), 0)::float8 AS n FROM media_items WHERE pilot_id = $1',
        [row.pilot_id],
      );
      if (rows[0].n + row.file_bytes + row.thumb_bytes > quota) return false;
      await tx.query(
        `INSERT INTO media_items (id, pilot_id, kind, content_type, ext, file_bytes, thumb_bytes, width, height,
           duration_ms, title, licence, coarse_lat, coarse_lon)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          row.id,
          row.pilot_id,
          row.kind,
          row.content_type,
          row.ext,
          row.file_bytes,
          row.thumb_bytes,
          row.width,
          row.height,
          row.duration_ms,
          row.title,
          row.licence,
          row.coarse_lat,
          row.coarse_lon,
        ],
      );
      return true;
    });
  }

  /** One pilot's item, or (pilotId null) anyone's: the operator's removal. */
  async delete(pilotId: string | null, id: string): Promise<MediaRow | null> {
    const { rows } = await this.db.query<MediaRow>(
      `DELETE FROM media_items WHERE ($1::uuid IS NULL OR pilot_id = $1) AND id = $2 RETURNING ${COLUMNS}`,
      [pilotId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * A video's poster size, if the owner's shares stay within `quota` with it (serialised per pilot as
   * shares are). False when the item is not theirs, not a video, or the quota would be passed.
   */
  async setPoster(pilotId: string, id: string, bytes: number, quota: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('media-quota:' || $1))", [pilotId]);
      const { rows } = await tx.query(
        `UPDATE media_items SET thumb_bytes = $3
         WHERE id = $2 AND pilot_id = $1 AND kind = 'video'
           AND (SELECT sum(file_bytes + thumb_bytes) FROM media_items WHERE pilot_id = $1) - thumb_bytes + $3 <= $4
         RETURNING id`,
        [pilotId, id, bytes, quota],
      );
      return rows.length === 1;
    });
  }

  /** Which of these ids still have a row (for the orphan sweep). */
  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM media_items WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}
