import type { Database } from '../storage/index.ts';
import type { ShareLocation } from './share-location.ts';

export interface ShareRow {
  id: string;
  pilot_id: string;
  flightlog_id: string;
  location: ShareLocation;
  /** {e, n} in metres, sealed with the pilot's key (AAD: the share id); null for 'trim'. */
  offset_sealed: Uint8Array | null;
  /** Plaintext offset of a row written before migration 019, until the sweep seals it. */
  offset_e_m: number | null;
  offset_n_m: number | null;
  created_at: Date;
  expires_at: Date;
}

const COLUMNS =
  'id, pilot_id, flightlog_id, location, offset_sealed, offset_e_m, offset_n_m, created_at, expires_at';

/** The flightlog_shares table. Owner queries name the pilot; the public lookup goes by token hash only. */
export class ShareRows {
  constructor(private readonly db: Database) {}

  async insert(
    row: Omit<ShareRow, 'created_at' | 'offset_e_m' | 'offset_n_m'>,
    tokenHash: Buffer,
  ): Promise<ShareRow> {
    const { rows } = await this.db.query<ShareRow>(
      `INSERT INTO flightlog_shares (id, pilot_id, flightlog_id, token_hash, location, offset_sealed, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [row.id, row.pilot_id, row.flightlog_id, tokenHash, row.location, row.offset_sealed, row.expires_at],
    );
    return rows[0];
  }

  /** A live share: an expired one is the same as none (its row is removed by the next revoke or sweep). */
  async findLive(tokenHash: Buffer): Promise<ShareRow | null> {
    const { rows } = await this.db.query<ShareRow>(
      `SELECT ${COLUMNS} FROM flightlog_shares WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** The pilot's shares, of one log or of all, newest first. */
  async list(pilotId: string, flightlogId?: string): Promise<ShareRow[]> {
    const { rows } = flightlogId
      ? await this.db.query<ShareRow>(
          `SELECT ${COLUMNS} FROM flightlog_shares WHERE pilot_id = $1 AND flightlog_id = $2 ORDER BY created_at DESC, id`,
          [pilotId, flightlogId],
        )
      : await this.db.query<ShareRow>(
          `SELECT ${COLUMNS} FROM flightlog_shares WHERE pilot_id = $1 ORDER BY created_at DESC, id`,
          [pilotId],
        );
    return rows;
  }

  async delete(pilotId: string, flightlogId: string, id: string): Promise<boolean> {
    const { rows } = await this.db.query<{ id: string }>(
      'DELETE FROM flightlog_shares WHERE pilot_id = $1 AND flightlog_id = $2 AND id = $3 RETURNING id',
      [pilotId, flightlogId, id],
    );
    return rows.length > 0;
  }

  /** Removes the shares expired before `now`; returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    const { rows } = await this.db.query<{ id: string }>(
      'DELETE FROM flightlog_shares WHERE expires_at <= $1 RETURNING id',
      [now],
    );
    return rows.length;
  }

  /** Rows from before migration 019 whose offset is still plaintext. */
  async plainOffsets(): Promise<ShareRow[]> {
    const { rows } = await this.db.query<ShareRow>(
      `SELECT ${COLUMNS} FROM flightlog_shares WHERE offset_e_m IS NOT NULL OR offset_n_m IS NOT NULL`,
    );
    return rows;
  }

  /** Replaces a row's plaintext offset by its sealed form (idempotent: several servers may sweep). */
  async sealOffset(id: string, sealed: Uint8Array | null): Promise<void> {
    await this.db.query(
      'UPDATE flightlog_shares SET offset_sealed = $2, offset_e_m = NULL, offset_n_m = NULL WHERE id = $1 AND offset_e_m IS NOT NULL',
      [id, sealed],
    );
  }

  async deleteAll(pilotId: string): Promise<void> {
    await this.db.query('DELETE FROM flightlog_shares WHERE pilot_id = $1', [pilotId]);
  }
}
