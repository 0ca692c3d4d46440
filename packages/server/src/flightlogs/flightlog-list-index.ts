import type { Database } from '../storage/index.ts';
import type { FlightLogRow } from './flightlog-rows.ts';
import { openListKeys } from './flightlog-view.ts';

/** What a filtered or sorted list needs of one log: its summary's sort and filter keys, opened. */
export interface ListEntry {
  id: string;
  /** Upload time, ISO (as the view shows it: ties and the `uploaded` sort compare these). */
  uploaded_at: string;
  format: string;
  /** The flight's UTC day, YYYY-MM-DD, or null. */
  day: string | null;
  start: string | null;
  duration_s: number | null;
  distance_m: number | null;
  max_alt_m: number | null;
  /** Lower case, for the "part of the name, any case" filter. */
  aircraft: string;
}

interface PilotIndex {
  /** Which rows it was built from: their count and a sum over their ids (rows are never updated). */
  fingerprint: string;
  entries: ListEntry[];
  bytes: number;
  usedAt: number;
}

/** Rough memory of one entry (object, strings, id): used against the byte budget only. */
const ENTRY_BYTES = 360;

/**
 * Each pilot's opened list keys, kept in memory for a filtered or sorted list of their logs.
 *
 * Why here and not in the table: the SPEC keeps flight logs "per-user, encrypted at rest", and the
 * start time, aircraft, duration, distance and altitude are the flight itself, so none of them is
 * stored unsealed, nor as a keyed HMAC column (equality tags would still show which flights share an
 * aircraft or a day, and the filters are a substring and a date range, which tags cannot answer). The
 * database therefore cannot filter; opening 10,000 sealed summaries on every page took 0.3-0.5 s on
 * PostgreSQL and seconds on PGlite (bench/flight-list.ts). So the opened keys of a pilot who is paging
 * through their list are kept here: only in this process's memory, briefly (`ttlMs` after last use),
 * under a byte budget (least recently used pilots go first), dropped when the pilot's rows change.
 * Each use checks the pilot's rows still are the ones it was built from (count and a sum over ids, an
 * index-only read), so an import or delete through another server is seen at once.
 */
export class FlightLogListIndex {
  private readonly pilots = new Map<string, PilotIndex>();
  private bytes = 0;

  constructor(
    private readonly db: Database,
    private readonly options: { maxBytes: number; ttlMs: number } = { maxBytes: 32 << 20, ttlMs: 5 * 60_000 },
  ) {}

  /** The pilot's entries, newest upload first, opened with `open` when not held or out of date. */
  async entries(pilotId: string, open: (row: FlightLogRow) => ListEntry): Promise<ListEntry[]> {
    const now = Date.now();
    this.expire(now);
    const fingerprint = await this.fingerprint(pilotId);
    const held = this.pilots.get(pilotId);
    if (held && held.fingerprint === fingerprint) {
      held.usedAt = now;
      // Most recently used last: the Map's order is the eviction order.
      this.pilots.delete(pilotId);
      this.pilots.set(pilotId, held);
      return held.entries;
    }
    this.forget(pilotId);
    const entries = await this.build(pilotId, open);
    const bytes = entries.length * ENTRY_BYTES;
    // An index larger than the whole budget is used for this answer and not kept.
    if (bytes <= this.options.maxBytes) {
      this.pilots.set(pilotId, { fingerprint, entries, bytes, usedAt: now });
      this.bytes += bytes;
      for (const [id, p] of this.pilots) {
        if (this.bytes <= this.options.maxBytes) break;
        this.forget(id, p);
      }
    }
    return entries;
  }

  /** Drops what is held for a pilot (their logs changed, or they are gone). */
  forget(pilotId: string, held = this.pilots.get(pilotId)): void {
    if (!held) return;
    this.pilots.delete(pilotId);
    this.bytes -= held.bytes;
  }

  /** Pilots held and bytes counted, for tests. */
  stats(): { pilots: number; bytes: number } {
    return { pilots: this.pilots.size, bytes: this.bytes };
  }

  private expire(now: number): void {
    for (const [id, p] of this.pilots) if (now - p.usedAt > this.options.ttlMs) this.forget(id, p);
  }

  private async fingerprint(pilotId: string): Promise<string> {
    // The first 8 hex digits of each id as an integer: a delete, an import, or both change the sum.
    const { rows } = await this.db.query<{ n: number | string; s: number | string | null }>(
      `SELECT count(*) AS n, sum(('x' || left(id::text, 8))::bit(32)::int::bigint) AS s
       FROM flightlogs WHERE pilot_id = $1`,
      [pilotId],
    );
    return `${rows[0]?.n ?? 0}:${rows[0]?.s ?? 0}`;
  }

  private async build(pilotId: string, open: (row: FlightLogRow) => ListEntry): Promise<ListEntry[]> {
    const { rows } = await this.db.query<Omit<FlightLogRow, 'list_keys'> & { list_keys_hex: string | null }>(
      // The whole sealed summary only for logs stored before list_keys had a column of its own. The
      // keys travel as hex: PGlite's own bytea conversion of 10,000 small values took most of a cold
      // answer (~0.3 s); hex text is read at memory speed on both engines.
      `SELECT id, pilot_id, format, created_at, encode(list_keys, 'hex') AS list_keys_hex,
              CASE WHEN list_keys IS NULL THEN meta END AS meta
       FROM flightlogs WHERE pilot_id = $1 ORDER BY created_at DESC, id DESC`,
      [pilotId],
    );
    return rows.map(({ list_keys_hex, ...r }) =>
      open({
        ...r,
        created_at: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
        meta: r.meta && Buffer.from(r.meta),
        list_keys: list_keys_hex === null ? null : Buffer.from(list_keys_hex, 'hex'),
      }),
    );
  }
}

/** One row's list entry: its sealed list keys opened with the pilot's key. */
export function listEntry(key: Uint8Array, row: FlightLogRow): ListEntry {
  const s = openListKeys(key, row);
  return {
    id: row.id,
    uploaded_at: row.created_at.toISOString(),
    format: row.format,
    day: s.start?.slice(0, 10) ?? null,
    start: s.start ?? null,
    duration_s: s.duration_s ?? null,
    distance_m: s.distance_m ?? null,
    max_alt_m: s.max_alt_m ?? null,
    aircraft: (s.aircraft ?? '').toLowerCase(),
  };
}
