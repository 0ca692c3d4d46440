import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlightLogCursorError } from './flightlog-error.ts';
import { type ListEntry, listEntry } from './flightlog-list-index.ts';
import { applyQuery, decodeOffset, encodeOffset, isPlainListing } from './flightlog-query.ts';
import { sealMeta } from './flightlog-view.ts';

const KEY = new Uint8Array(32).fill(7);
/** A list entry as the service makes it: the summary sealed in a row as an import seals it, then opened. */
const view = (
  id: string,
  uploaded: string,
  s: { start?: string; duration_s?: number; aircraft?: string },
  format = 'ulog',
): ListEntry => {
  const summary = { start: null, duration_s: null, distance_m: null, max_alt_m: null, aircraft: null, ...s };
  const meta = sealMeta(KEY, 'p', id, { filename: `${id}.log`, sha256: '0'.repeat(64), summary } as never);
  return listEntry(KEY, { id, pilot_id: 'p', format, size_bytes: 1, created_at: new Date(uploaded), meta });
};

const views = [
  view('a', '2026-05-03T00:00:00Z', {
    start: '2025-01-10T10:00:00Z',
    duration_s: 300,
    aircraft: 'Holybro X500',
  }),
  view(
    'b',
    '2026-05-02T00:00:00Z',
    { start: '2025-03-01T10:00:00Z', duration_s: 60, aircraft: 'DJI Mini 3' },
    'dji-txt',
  ),
  view('c', '2026-05-01T00:00:00Z', { duration_s: 900 }, 'dataflash'),
];
const ids = (v: ListEntry[]) => v.map((x) => x.id).join('');

describe('flight list queries', () => {
  test('filters by format, aircraft (any case, part of the name) and start day, both ends inclusive', () => {
    assert.equal(ids(applyQuery(views, { format: 'dji-txt' })), 'b');
    assert.equal(ids(applyQuery(views, { aircraft: 'x500' })), 'a');
    assert.equal(ids(applyQuery(views, { from: '2025-01-10', to: '2025-03-01' })), 'ab');
    assert.equal(ids(applyQuery(views, { from: '2025-01-11' })), 'b', 'a flight without a start is left out');
  });

  test('sorts either way, flights without the value last, ties newest upload first', () => {
    assert.equal(ids(applyQuery(views, { sort: 'duration', order: 'asc' })), 'bac');
    assert.equal(ids(applyQuery(views, { sort: 'duration' })), 'cab');
    assert.equal(ids(applyQuery(views, { sort: 'start', order: 'asc' })), 'abc');
    assert.equal(ids(applyQuery(views, { sort: 'start' })), 'bac');
    assert.equal(ids(applyQuery(views, { sort: 'distance' })), 'abc');
  });

  test('the plain listing stays on the database cursor; offsets round-trip and a foreign cursor is refused', () => {
    assert.ok(isPlainListing({}));
    assert.ok(isPlainListing({ sort: 'uploaded', order: 'desc' }));
    assert.ok(!isPlainListing({ order: 'asc' }));
    assert.equal(decodeOffset(encodeOffset(50)), 50);
    assert.throws(
      () => decodeOffset(Buffer.from('2026-01-01T00:00:00Z|x').toString('base64url')),
      FlightLogCursorError,
    );
  });
});
