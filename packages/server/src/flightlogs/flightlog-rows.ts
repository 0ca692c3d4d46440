import type { Database } from '../storage/index.ts';

export interface FlightLogRow {
  id: string;
  pilot_id: string;
  format: string;
  size_bytes: number;
  created_at: Date;
  /** Sealed FlightLogMeta. */
  meta: Buffer;
  /** Sealed ListKeys (flightlog-view.ts); null for logs stored before the column, absent when not read. */
  list_keys?: Buffer | null;
}

const COLUMNS = 'id, pilot_id, format, size_bytes::float8 AS size_bytes, created_at, meta';

/** The flightlogs table. Every query names the owner: no method can reach another pilot's row. */
export class FlightLogRows {
  constructor(private readonly db: Database) {}

  async find(pilotId: string, id: string): Promise<FlightLogRow | null> {
    const { rows } = await this.db.query<FlightLogRow>(
      `SELECT ${COLUMNS} FROM flightlogs WHERE pilot_id = $1 AND id = $2`,
      [pilotId, id],
    );
    return rows[0] ? normalise(rows[0]) : null;
  }

  /** The pilot's rows of these ids (any order; ids that are not hers, or gone, are left out). */
  async findMany(pilotId: string, ids: string[]): Promise<FlightLogRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<FlightLogRow>(
      `SELECT ${COLUMNS} FROM flightlogs WHERE pilot_id = $1 AND id = ANY($2::uuid[])`,
      [pilotId, ids],
    );
    return rows.map(normalise);
  }

  async findByContent(pilotId: string, contentHmac: Buffer): Promise<FlightLogRow | null> {
    const { rows } = await this.db.query<FlightLogRow>(
      `SELECT ${COLUMNS} FROM flightlogs WHERE pilot_id = $1 AND content_hmac = $2`,
      [pilotId, contentHmac],
    );
    return rows[0] ? normalise(rows[0]) : null;
  }

  /** Newest first; `after` is the last row of the previous page (keyset pagination, stable under inserts). */
  async list(
    pilotId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<FlightLogRow[]> {
    const { rows } = after
      ? await this.db.query<FlightLogRow>(
          `SELECT ${COLUMNS} FROM flightlogs WHERE pilot_id = $1 AND (created_at, id) < ($2, $3)
           ORDER BY created_at DESC, id DESC LIMIT $4`,
          [pilotId, after.createdAt, after.id, limit],
        )
      : await this.db.query<FlightLogRow>(
          `SELECT ${COLUMNS} FROM flightlogs WHERE pilot_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
          [pilotId, limit],
        );
    return rows.map(normalise);
  }

  /** The last step of an import, in its own transaction; false when the same content won a race. */
  async insert(row: FlightLogRow & { content_hmac: Buffer }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO flightlogs (id, pilot_id, content_hmac, format, size_bytes, meta, list_keys)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (pilot_id, content_hmac) DO NOTHING RETURNING id`,
        [row.id, row.pilot_id, row.content_hmac, row.format, row.size_bytes, row.meta, row.list_keys ?? null],
      );
      return rows.length === 1;
    });
  }

  async delete(pilotId: string, id: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'DELETE FROM flightlogs WHERE pilot_id = $1 AND id = $2 RETURNING id',
      [pilotId, id],
    );
    return rows.length === 1;
  }

  /** Which of these log ids still have a row (for the orphan sweep). */
  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM flightlogs WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}

function normalise(r: FlightLogRow): FlightLogRow {
  return {
    ...r,
    size_bytes: Number(r.size_bytes),
    created_at: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
    meta: Buffer.from(r.meta),
  };
}
