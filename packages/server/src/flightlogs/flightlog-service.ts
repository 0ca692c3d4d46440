import {
  diffParameters,
  type FlightModeChange,
  type FlightParameters,
  type ParameterDiff,
} from '@airlock/core';
import type { PilotDataSource } from '../accounts/index.ts';
import { type BlobStore, deleteBlobPrefix } from '../blobs/index.ts';
import type { PilotKeyring } from '../crypto/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { type ChartSeries, resolveSeriesFields } from './chart-series.ts';
import { DETAILS_VERSION, type FlightDetails, flightDetails } from './flight-details.ts';
import { FlightLogCursorError } from './flightlog-error.ts';
import { downloadName, type ExportFormat, renderExport } from './flightlog-exports.ts';
import { FlightLogListIndex, listEntry } from './flightlog-list-index.ts';
import {
  applyQuery,
  decodeOffset,
  encodeOffset,
  type FlightLogQuery,
  isPlainListing,
} from './flightlog-query.ts';
import { FlightLogRows } from './flightlog-rows.ts';
import { type FlightLogView, toView } from './flightlog-view.ts';
import { BLOB, contentHmac, importFlightLog, reparse } from './import-flight-log.ts';
import { logPrefix, PilotBlobs, pilotPrefix } from './pilot-blobs.ts';
import { sweepOrphanBlobs } from './sweeps.ts';

export interface FlightLogOptions {
  maxBytes: number;
}

export interface FlightLogPage {
  items: FlightLogView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Synced flight logs: import (from a finished upload or a raw body), the owner's views and exports,
 * and deletion. Every method takes the pilot id first and every lookup is scoped by it: another
 * pilot's log, whatever its id, is simply not found.
 */
export class FlightLogService implements PilotDataSource {
  readonly name = 'flight_logs';
  readonly rows: FlightLogRows;
  /** Opened list keys of pilots paging through a filtered or sorted list (see FlightLogListIndex). */
  readonly listIndex: FlightLogListIndex;

  constructor(
    db: Database,
    readonly keyring: PilotKeyring,
    readonly blobs: BlobStore,
    readonly options: FlightLogOptions,
    private readonly log: Logger,
  ) {
    this.rows = new FlightLogRows(db);
    this.listIndex = new FlightLogListIndex(db);
  }

  async importBytes(
    pilotId: string,
    bytes: Buffer,
    meta: { filename: string; sha256?: string },
  ): Promise<{ log: FlightLogView; created: boolean }> {
    const key = await this.keyring.get(pilotId);
    const { row, created } = await importFlightLog(
      this.rows,
      new PilotBlobs(this.blobs, pilotId, key),
      { pilotId, key, bytes, filename: meta.filename, declaredSha256: meta.sha256 },
      (prefix) => deleteBlobPrefix(this.blobs, prefix),
    );
    if (created) this.listIndex.forget(pilotId);
    return { log: toView(key, row), created };
  }

  async list(
    pilotId: string,
    options: { limit: number; cursor?: string; sha256?: string } & FlightLogQuery,
  ): Promise<FlightLogPage> {
    const key = await this.keyring.get(pilotId);
    if (options.sha256) {
      const row = await this.rows.findByContent(pilotId, contentHmac(key, options.sha256.toLowerCase()));
      return { items: row ? [toView(key, row)] : [], next_cursor: null };
    }
    if (!isPlainListing(options)) {
      const offset = options.cursor ? decodeOffset(options.cursor) : 0;
      const all = applyQuery(await this.listIndex.entries(pilotId, (row) => listEntry(key, row)), options);
      const end = offset + options.limit;
      // Only the page's rows are read and opened whole; one deleted meanwhile is left out.
      const page = all.slice(offset, end);
      const rows = new Map(
        (
          await this.rows.findMany(
            pilotId,
            page.map((e) => e.id),
          )
        ).map((r) => [r.id, r]),
      );
      const items = page.flatMap((e) => {
        const row = rows.get(e.id);
        return row ? [toView(key, row)] : [];
      });
      return { items, next_cursor: end < all.length ? encodeOffset(end) : null };
    }
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const rows = await this.rows.list(pilotId, options.limit + 1, after);
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toView(key, r)),
      next_cursor: rows.length > options.limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  async get(pilotId: string, id: string): Promise<FlightLogView | null> {
    const found = await this.load(pilotId, id);
    return found && toView(found.key, found.row);
  }

  /** The downsampled track (GeoJSON text), as stored at import. */
  async track(pilotId: string, id: string): Promise<Buffer | null> {
    const found = await this.load(pilotId, id);
    if (!found) return null;
    return found.blobs.get(logPrefix(pilotId, id) + BLOB.track);
  }

  /** Chart series, all channels or the requested ones; `unknown` lists names that are not channels. */
  async series(
    pilotId: string,
    id: string,
    fields?: string[],
  ): Promise<{ series: ChartSeries; unknown: string[] } | null> {
    const found = await this.load(pilotId, id);
    const blob = found && (await found.blobs.get(logPrefix(pilotId, id) + BLOB.series));
    if (!blob) return null;
    const all = JSON.parse(blob.toString('utf8')) as ChartSeries;
    if (!fields || fields.length === 0) return { series: all, unknown: [] };
    const { channels, unknown } = resolveSeriesFields(fields);
    const picked: ChartSeries['channels'] = {};
    for (const ch of channels) picked[ch] = all.channels[ch] ?? [];
    return { series: { ...all, channels: picked }, unknown };
  }

  /** The flight modes in time order. */
  async modes(pilotId: string, id: string): Promise<FlightModeChange[] | null> {
    const found = await this.load(pilotId, id);
    return found && (await this.details(pilotId, id, found)).modes;
  }

  /** The autopilot's parameters: values at the start (with defaults where logged) and in-flight changes. */
  async parameters(pilotId: string, id: string): Promise<FlightParameters | null> {
    const found = await this.load(pilotId, id);
    return found && (await this.details(pilotId, id, found)).parameters;
  }

  /** How the parameters of the pilot's log `withId` differ from those of `id`; null unless both are hers. */
  async parameterDiff(pilotId: string, id: string, withId: string): Promise<ParameterDiff | null> {
    const [a, b] = await Promise.all([this.load(pilotId, id), this.load(pilotId, withId)]);
    if (!a || !b) return null;
    const [da, db] = await Promise.all([this.details(pilotId, id, a), this.details(pilotId, withId, b)]);
    return diffParameters(da.parameters, db.parameters);
  }

  /** The details blob, built from the original (and kept) when the log predates it. */
  private async details(
    pilotId: string,
    id: string,
    found: { row: { format: string }; view: { filename: string }; blobs: PilotBlobs },
  ): Promise<FlightDetails> {
    const key = logPrefix(pilotId, id) + BLOB.details;
    const blob = await found.blobs.get(key);
    if (blob) {
      const stored = JSON.parse(blob.toString('utf8')) as FlightDetails;
      if (stored.v === DETAILS_VERSION) return stored;
    }
    const original = await found.blobs.get(logPrefix(pilotId, id) + BLOB.original);
    if (!original) throw new Error('flight log original missing');
    const details = flightDetails(reparse(original, found.row.format, found.view.filename).flight);
    await found.blobs.put(key, Buffer.from(JSON.stringify(details)));
    return details;
  }

  async original(pilotId: string, id: string): Promise<{ bytes: Buffer; filename: string } | null> {
    const found = await this.load(pilotId, id);
    const bytes = found && (await found.blobs.get(logPrefix(pilotId, id) + BLOB.original));
    return found && bytes ? { bytes, filename: downloadName(found.view.filename) } : null;
  }

  /** An export, built from the original on first request and kept beside it (deleted with the log). */
  async export(
    pilotId: string,
    id: string,
    format: ExportFormat,
  ): Promise<{ body: Buffer; filename: string } | null> {
    const found = await this.load(pilotId, id);
    if (!found) return null;
    const cacheKey = `${logPrefix(pilotId, id)}export.${format}`;
    const filename = downloadName(found.view.filename, format);
    const cached = await found.blobs.get(cacheKey);
    if (cached) return { body: cached, filename };
    const original = await found.blobs.get(logPrefix(pilotId, id) + BLOB.original);
    if (!original) return null;
    const { flight } = reparse(original, found.row.format, found.view.filename);
    const body = Buffer.from(renderExport(flight, format), 'utf8');
    await found.blobs.put(cacheKey, body);
    return { body, filename };
  }

  /**
   * Removes the row first (the log is gone for every reader at once, and with it the marker of the
   * upload it came from), then its blobs.
   */
  async delete(pilotId: string, id: string): Promise<boolean> {
    if (!UUID.test(id) || !(await this.rows.delete(pilotId, id))) return false;
    this.listIndex.forget(pilotId);
    await deleteBlobPrefix(this.blobs, logPrefix(pilotId, id)).catch((e) =>
      this.log.warn('flight log blobs left for the sweep', { error: (e as Error).message }),
    );
    return true;
  }

  async exportFor(pilotId: string, key: Buffer): Promise<unknown> {
    const logs = (await this.allViews(pilotId, key)).map((v) => ({
      ...v,
      original: `/v1/flightlogs/${v.id}/original`,
      track: `/v1/flightlogs/${v.id}/track`,
    }));
    return { logs };
  }

  /** Every log of the pilot, opened, newest upload first (read 2000 rows at a time). */
  private async allViews(pilotId: string, key: Uint8Array): Promise<FlightLogView[]> {
    const views: FlightLogView[] = [];
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await this.rows.list(pilotId, 2000, after);
      for (const r of rows) views.push(toView(key, r));
      if (rows.length < 2000) return views;
      after = { createdAt: rows[rows.length - 1].created_at, id: rows[rows.length - 1].id };
    }
  }

  /** Everything under the pilot's prefix: logs, exports and any upload part left. */
  async eraseFor(pilotId: string): Promise<void> {
    this.listIndex.forget(pilotId);
    await deleteBlobPrefix(this.blobs, pilotPrefix(pilotId));
  }

  /** Blobs whose row never came (a crash mid-import). Unfinished uploads: UploadPipeline.sweep. */
  async sweep(): Promise<{ orphans: number }> {
    const orphans = await sweepOrphanBlobs(this.blobs, this.rows);
    if (orphans > 0) this.log.info('flight-log sweep', { orphans });
    return { orphans };
  }

  private async load(pilotId: string, id: string) {
    if (!UUID.test(id)) return null;
    const key = await this.keyring.get(pilotId);
    const row = await this.rows.find(pilotId, id);
    if (!row) return null;
    return { key, row, view: toView(key, row), blobs: new PilotBlobs(this.blobs, pilotId, key) };
  }
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [t, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(t);
  if (!UUID.test(id ?? '') || Number.isNaN(createdAt.getTime()))
    throw new FlightLogCursorError('cursor is not one this server handed out: start again without it');
  return { createdAt, id };
}
