import { FlightLogCursorError } from './flightlog-error.ts';
import type { ListEntry } from './flightlog-list-index.ts';

export const FLIGHT_SORTS = ['uploaded', 'start', 'duration', 'distance', 'max_alt'] as const;
export type FlightSort = (typeof FLIGHT_SORTS)[number];

/** A filtered or sorted flight list: what the pilot narrows their logbook by. */
export interface FlightLogQuery {
  sort?: FlightSort;
  order?: 'asc' | 'desc';
  /** Flights that started on or after this UTC day (YYYY-MM-DD). */
  from?: string;
  /** ...and on or before this one. */
  to?: string;
  /** Part of the aircraft's name, any case. */
  aircraft?: string;
  format?: string;
}

export const isPlainListing = (q: FlightLogQuery) =>
  (q.sort ?? 'uploaded') === 'uploaded' &&
  (q.order ?? 'desc') === 'desc' &&
  !q.from &&
  !q.to &&
  !q.aircraft &&
  !q.format;

const KEY: Record<FlightSort, (v: ListEntry) => string | number | null> = {
  uploaded: (v) => v.uploaded_at,
  start: (v) => v.start,
  duration: (v) => v.duration_s,
  distance: (v) => v.distance_m,
  max_alt: (v) => v.max_alt_m,
};

/**
 * The pilot's logs narrowed and ordered, as a new array. The summary that holds start, aircraft and
 * distances is sealed in each row (encrypted at rest), so the database cannot filter on it: the
 * service opens the pilot's rows (FlightLogListIndex) and this runs in memory. Flights without the
 * sorted value come last either way; ties keep the newest upload first.
 */
export function applyQuery(entries: readonly ListEntry[], q: FlightLogQuery): ListEntry[] {
  const aircraft = q.aircraft?.toLowerCase();
  const kept = entries.filter((v) => {
    if (q.format && v.format !== q.format) return false;
    if (aircraft && !v.aircraft.includes(aircraft)) return false;
    if (q.from && (v.day === null || v.day < q.from)) return false;
    if (q.to && (v.day === null || v.day > q.to)) return false;
    return true;
  });
  const key = KEY[q.sort ?? 'uploaded'];
  const sign = (q.order ?? 'desc') === 'desc' ? -1 : 1;
  return kept.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? tie(a, b) : x === null ? 1 : -1;
    return x < y ? -sign : x > y ? sign : tie(a, b);
  });
}

const tie = (a: ListEntry, b: ListEntry) =>
  a.uploaded_at === b.uploaded_at ? (a.id < b.id ? 1 : -1) : a.uploaded_at < b.uploaded_at ? 1 : -1;

/** A page of a queried list is an offset into it: the cursor says so, and which query it belongs to. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o|${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string): number {
  const [tag, n] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const offset = Number(n);
  if (tag !== 'o' || !Number.isSafeInteger(offset) || offset < 0)
    throw new FlightLogCursorError(
      'cursor is not one this server handed out for this query: start again without it',
    );
  return offset;
}
