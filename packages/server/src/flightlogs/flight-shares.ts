import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PilotDataSource } from '../accounts/index.ts';
import { open, seal } from '../crypto/index.ts';
import type { Database } from '../storage/index.ts';
import type { ChartSeries } from './chart-series.ts';
import type { FlightLogService } from './flightlog-service.ts';
import type { FlightLogView } from './flightlog-view.ts';
import { newOffset, protectSeries, protectTrack, type ShareLocation } from './share-location.ts';
import { type ShareRow, ShareRows } from './share-rows.ts';

const PREFIX = 'alf_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A share as its owner sees it: never the token (only its hash is kept) nor the secret offset. */
export interface ShareView {
  id: string;
  flightlog_id: string;
  location: ShareLocation;
  created_at: string;
  expires_at: string;
}

/** What anyone with the link sees: no file name, checksum, e-mail or id, and no true position. */
export interface SharedFlight {
  location: ShareLocation;
  expires_at: string;
  format: string;
  summary: Omit<FlightLogView['summary'], 'max_alt_amsl_m'>;
  warnings: string[];
  track: ReturnType<typeof protectTrack>;
  series: ChartSeries;
}

const offsetAad = (shareId: string) => `flightlog-share-offset:${shareId}`;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const looksLikeToken = (t: string) => t.startsWith(PREFIX) && t.length === PREFIX.length + 22;
const toView = (r: ShareRow): ShareView => ({
  id: r.id,
  flightlog_id: r.flightlog_id,
  location: r.location,
  created_at: new Date(r.created_at).toISOString(),
  expires_at: new Date(r.expires_at).toISOString(),
});

/**
 * Link shares of a pilot's flight log. A share is a 128-bit random token handed out once; the
 * shared answer is computed on every read from the decrypted log, with the location protection the
 * pilot chose, so nothing protected is ever stored. Expired, revoked and never-existing links are
 * all the same `null` (one 404 for all).
 */
export class FlightShares implements PilotDataSource {
  readonly name = 'flight_log_shares';
  private readonly rows: ShareRows;

  constructor(
    db: Database,
    private readonly flightlogs: FlightLogService,
  ) {
    this.rows = new ShareRows(db);
  }

  async create(
    pilotId: string,
    flightlogId: string,
    options: { expiresInS: number; location: ShareLocation },
  ): Promise<{ share: ShareView; token: string } | null> {
    if (!(await this.flightlogs.get(pilotId, flightlogId))) return null;
    const token = PREFIX + randomBytes(16).toString('base64url');
    const id = randomUUID();
    const offset_sealed =
      options.location === 'offset' ? await this.sealOffset(pilotId, id, newOffset()) : null;
    const row = await this.rows.insert(
      {
        id,
        pilot_id: pilotId,
        flightlog_id: flightlogId,
        location: options.location,
        offset_sealed,
        expires_at: new Date(Date.now() + options.expiresInS * 1000),
      },
      hashToken(token),
    );
    return { share: toView(row), token };
  }

  /** The log's shares, or null when the log is not one of the pilot's. */
  async list(pilotId: string, flightlogId: string): Promise<ShareView[] | null> {
    if (!(await this.flightlogs.get(pilotId, flightlogId))) return null;
    return (await this.rows.list(pilotId, flightlogId)).map(toView);
  }

  async revoke(pilotId: string, flightlogId: string, shareId: string): Promise<boolean> {
    if (!UUID.test(flightlogId) || !UUID.test(shareId)) return false;
    return this.rows.delete(pilotId, flightlogId, shareId);
  }

  async read(token: string): Promise<SharedFlight | null> {
    if (!looksLikeToken(token)) return null;
    const row = await this.rows.findLive(hashToken(token));
    if (!row) return null;
    const [log, track, series] = await Promise.all([
      this.flightlogs.get(row.pilot_id, row.flightlog_id),
      this.flightlogs.track(row.pilot_id, row.flightlog_id),
      this.flightlogs.series(row.pilot_id, row.flightlog_id),
    ]);
    if (!log || !track || !series) return null;
    const protection = { location: row.location, ...(await this.offsetOf(row)) };
    const { max_alt_amsl_m: _amsl, ...summary } = log.summary;
    return {
      location: row.location,
      expires_at: new Date(row.expires_at).toISOString(),
      format: log.format,
      summary,
      warnings: log.warnings,
      track: protectTrack(JSON.parse(track.toString('utf8')), protection),
      series: protectSeries(series.series),
    };
  }

  /**
   * Removes expired shares (until now they only stopped answering) and seals the plaintext offsets of
   * rows written before migration 019. Any server may run it, at any time.
   */
  async sweep(now = new Date()): Promise<{ expired: number; sealed: number }> {
    const expired = await this.rows.deleteExpired(now);
    const plain = await this.rows.plainOffsets();
    for (const r of plain) {
      const offset = { offsetE: r.offset_e_m ?? 0, offsetN: r.offset_n_m ?? 0 };
      await this.rows.sealOffset(
        r.id,
        r.location === 'offset' ? await this.sealOffset(r.pilot_id, r.id, offset) : null,
      );
    }
    return { expired, sealed: plain.length };
  }

  private async sealOffset(
    pilotId: string,
    shareId: string,
    offset: { offsetE: number; offsetN: number },
  ): Promise<Buffer> {
    const key = await this.flightlogs.keyring.get(pilotId);
    try {
      return seal(key, Buffer.from(JSON.stringify([offset.offsetE, offset.offsetN])), offsetAad(shareId));
    } finally {
      key.fill(0);
    }
  }

  private async offsetOf(row: ShareRow): Promise<{ offsetE: number; offsetN: number }> {
    if (row.offset_sealed === null) return { offsetE: row.offset_e_m ?? 0, offsetN: row.offset_n_m ?? 0 };
    const key = await this.flightlogs.keyring.get(row.pilot_id);
    try {
      const [offsetE, offsetN] = JSON.parse(
        open(key, row.offset_sealed, offsetAad(row.id), 'share offset').toString('utf8'),
      ) as [number, number];
      return { offsetE, offsetN };
    } finally {
      key.fill(0);
    }
  }

  async exportFor(pilotId: string): Promise<unknown> {
    return { shares: (await this.rows.list(pilotId)).map(toView) };
  }

  /** The rows go with the account (ON DELETE CASCADE); this also covers a source erased on its own. */
  async eraseFor(pilotId: string): Promise<void> {
    await this.rows.deleteAll(pilotId);
  }
}
