import type { Database } from '../storage/index.ts';

export interface UploadRow {
  id: string;
  size: number;
  /** Bytes held in parts: where the next PATCH must start. */
  received: number;
  /** Sealed UploadMeta. */
  meta: Uint8Array;
  log_id: string | null;
  created_at: Date;
}

export interface UploadPart {
  at: number;
  len: number;
  blob: string;
}

/** What one pilot holds when an upload is opened: the quota is judged on it. */
export interface UploadUsage {
  open: number;
  reserved: number;
  stored: number;
}

const COLUMNS =
  'id, size_bytes::float8 AS size, received::float8 AS received, meta, log_id::text AS log_id, created_at';

/**
 * The state of resumable uploads (tables flightlog_uploads and flightlog_upload_parts, migration 010),
 * shared by every server. Every query that a request can reach names the owner.
 */
export class UploadRows {
  constructor(private readonly db: Database) {}

  /**
   * Inserts an upload once `admit` (which throws to refuse) accepted the pilot's usage. One pilot's
   * creations run one at a time on every server (an advisory lock held to the end of the
   * transaction), so a burst spread over the cluster cannot race past the quota.
   */
  async create(
    up: { id: string; pilotId: string; size: number; meta: Uint8Array; openSince: Date },
    admit: (usage: UploadUsage) => void,
  ): Promise<Date> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`airlock-upload-create:${up.pilotId}`]);
      const { rows } = await tx.query<Record<keyof UploadUsage, string | number>>(
        `SELECT count(*) AS open, COALESCE(sum(size_bytes), 0) AS reserved,
                (SELECT COALESCE(sum(size_bytes), 0) FROM flightlogs WHERE pilot_id = $1) AS stored
           FROM flightlog_uploads WHERE pilot_id = $1 AND log_id IS NULL AND created_at >= $2`,
        [up.pilotId, up.openSince],
      );
      admit({
        open: Number(rows[0].open),
        reserved: Number(rows[0].reserved),
        stored: Number(rows[0].stored),
      });
      const made = await tx.query<{ created_at: Date }>(
        `INSERT INTO flightlog_uploads (id, pilot_id, size_bytes, meta) VALUES ($1, $2, $3, $4)
         RETURNING created_at`,
        [up.id, up.pilotId, up.size, up.meta],
      );
      return made.rows[0].created_at;
    });
  }

  async find(pilotId: string, id: string): Promise<UploadRow | null> {
    const { rows } = await this.db.query<UploadRow>(
      `SELECT ${COLUMNS} FROM flightlog_uploads WHERE pilot_id = $1 AND id = $2`,
      [pilotId, id],
    );
    return rows[0] ?? null;
  }

  async unfinished(pilotId: string): Promise<UploadRow[]> {
    const { rows } = await this.db.query<UploadRow>(
      `SELECT ${COLUMNS} FROM flightlog_uploads WHERE pilot_id = $1 AND log_id IS NULL ORDER BY created_at`,
      [pilotId],
    );
    return rows;
  }

  /**
   * Records a part whose blob is already written, and moves the offset past it, in one statement and
   * only if the offset is still `at`: false when another request (on any server) got there first.
   */
  async addPart(pilotId: string, id: string, part: UploadPart): Promise<boolean> {
    const { rows } = await this.db.query(
      `WITH moved AS (
         UPDATE flightlog_uploads SET received = received + $4::bigint, touched_at = now()
          WHERE pilot_id = $1 AND id = $2 AND received = $3::bigint AND log_id IS NULL
            AND received + $4::bigint <= size_bytes
          RETURNING id)
       INSERT INTO flightlog_upload_parts (upload_id, at, len, blob)
       SELECT id, $3, $4, $5 FROM moved RETURNING at`,
      [pilotId, id, part.at, part.len, part.blob],
    );
    return rows.length === 1;
  }

  async parts(id: string): Promise<UploadPart[]> {
    const { rows } = await this.db.query<UploadPart>(
      'SELECT at::float8 AS at, len, blob FROM flightlog_upload_parts WHERE upload_id = $1 ORDER BY at',
      [id],
    );
    return rows;
  }

  /** The upload became log `logId`: its parts are forgotten, a marker stays for a client's HEAD. */
  async finish(id: string, logId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE flightlog_uploads SET log_id = $2, touched_at = now() WHERE id = $1', [
        id,
        logId,
      ]);
      await tx.query('DELETE FROM flightlog_upload_parts WHERE upload_id = $1', [id]);
    });
  }

  async delete(pilotId: string, id: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'DELETE FROM flightlog_uploads WHERE pilot_id = $1 AND id = $2 RETURNING id',
      [pilotId, id],
    );
    return rows.length === 1;
  }

  /** Deletes uploads (and markers) untouched since `before`; returns them, for their blobs. */
  async deleteUntouchedSince(before: Date): Promise<Array<{ id: string; pilot_id: string }>> {
    const { rows } = await this.db.query<{ id: string; pilot_id: string }>(
      'DELETE FROM flightlog_uploads WHERE touched_at < $1 RETURNING id, pilot_id::text AS pilot_id',
      [before],
    );
    return rows;
  }

  /** Which of these part blobs a row still refers to. */
  async referenced(blobs: string[]): Promise<Set<string>> {
    if (blobs.length === 0) return new Set();
    const { rows } = await this.db.query<{ blob: string }>(
      'SELECT blob FROM flightlog_upload_parts WHERE blob = ANY($1::text[])',
      [blobs],
    );
    return new Set(rows.map((r) => r.blob));
  }
}
