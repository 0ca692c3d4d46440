import { createHash, createHmac, randomUUID } from 'node:crypto';
import {
  describeOffset,
  FlightLogError,
  type FlightLogFormat,
  flightToGeoJSON,
  NoFlightDataError,
  type ParsedFlightLog,
  parseFlightLog,
} from '@airlock/core';
import type { deleteBlobPrefix } from '../blobs/index.ts';
import { buildChartSeries } from './chart-series.ts';
import { flightDetails } from './flight-details.ts';
import { FlightLogImportError } from './flightlog-error.ts';
import type { FlightLogRow, FlightLogRows } from './flightlog-rows.ts';
import { sealListKeys, sealMeta } from './flightlog-view.ts';
import { logPrefix, type PilotBlobs } from './pilot-blobs.ts';

/** Track points kept for the map; the full track is in the exports. */
export const TRACK_POINTS = 2000;

export const BLOB = {
  original: 'original',
  track: 'track.geojson',
  series: 'series.json',
  details: 'details.json',
} as const;

export interface ImportInput {
  pilotId: string;
  key: Buffer;
  bytes: Buffer;
  filename: string;
  /** The SHA-256 the client computed, when it sent one: checked before anything is stored. */
  declaredSha256?: string;
}

/** Dedupe handle: the file's SHA-256 under the pilot's key, so the table does not fingerprint files. */
export function contentHmac(key: Uint8Array, sha256: string): Buffer {
  return createHmac('sha256', key).update(`airlock/flightlog-content/v1\0${sha256}`).digest();
}

/**
 * One log into the store: verify, dedupe, parse, write the encrypted blobs, and only then the row.
 * The row is what makes a log visible, so a crash at any step leaves either nothing visible or the
 * whole log; blobs without a row are swept later. A corrupt file stores nothing.
 */
export async function importFlightLog(
  rows: FlightLogRows,
  blobs: PilotBlobs,
  input: ImportInput,
  sweep: (prefix: string) => ReturnType<typeof deleteBlobPrefix>,
): Promise<{ row: FlightLogRow; created: boolean }> {
  const { pilotId, key, bytes } = input;
  if (bytes.length === 0) throw new FlightLogImportError('empty_file', 'the file is empty');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (input.declaredSha256 && input.declaredSha256.toLowerCase() !== sha256)
    throw new FlightLogImportError(
      'sha256_mismatch',
      `the file's SHA-256 is ${sha256}, not the declared ${input.declaredSha256}: the upload was damaged; send it again`,
    );
  const hmac = contentHmac(key, sha256);
  const existing = await rows.findByContent(pilotId, hmac);
  if (existing) return { row: existing, created: false };

  const parsed = parse(bytes, input.filename);
  const id = randomUUID();
  const prefix = logPrefix(pilotId, id);
  const track = flightToGeoJSON(parsed.flight, { maxPoints: TRACK_POINTS });
  const series = buildChartSeries(parsed.flight.samples);
  const row: FlightLogRow & { content_hmac: Buffer } = {
    id,
    pilot_id: pilotId,
    format: parsed.summary.format,
    size_bytes: bytes.length,
    created_at: new Date(),
    meta: sealMeta(key, pilotId, id, { filename: input.filename, sha256, summary: parsed.summary }),
    list_keys: sealListKeys(key, pilotId, id, parsed.summary),
    content_hmac: hmac,
  };
  try {
    await Promise.all([
      blobs.put(prefix + BLOB.original, bytes),
      blobs.put(prefix + BLOB.track, Buffer.from(JSON.stringify(track))),
      blobs.put(prefix + BLOB.series, Buffer.from(JSON.stringify(series))),
      blobs.put(prefix + BLOB.details, Buffer.from(JSON.stringify(flightDetails(parsed.flight)))),
    ]);
    if (await rows.insert(row)) return { row: (await rows.find(pilotId, id)) ?? row, created: true };
  } catch (e) {
    await sweep(prefix).catch(() => {});
    throw e;
  }
  // The same file finished in a parallel request first: keep that one.
  await sweep(prefix).catch(() => {});
  const winner = await rows.findByContent(pilotId, hmac);
  if (!winner) throw new Error('flight log vanished during a concurrent import');
  return { row: winner, created: false };
}

function parse(bytes: Buffer, filename: string): ParsedFlightLog {
  try {
    return parseFlightLog(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { name: filename });
  } catch (e) {
    // Headers only (a 16-byte ULog, `<gpx></gpx>`): readable, but not a flight to store.
    if (e instanceof NoFlightDataError) throw new FlightLogImportError('no_flight_data', e.message);
    if (e instanceof FlightLogError) {
      const where =
        e.offset !== undefined && !/offset/.test(e.message) ? ` (at ${describeOffset(e.offset)})` : '';
      throw new FlightLogImportError('corrupt_flight_log', `${e.message}${where}`, e.offset);
    }
    throw e;
  }
}

/**
 * Re-parses a stored original (for exports); the format is known from the row. A log stored before the
 * no-flight-data rule is still read (an empty export beats a 500), and a file this version's parser
 * refuses is a 422 naming why, never a 500.
 */
export function reparse(bytes: Buffer, format: string, filename: string): ParsedFlightLog {
  try {
    return parseFlightLog(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), {
      name: filename,
      format: format as FlightLogFormat,
      requireFlightData: false,
    });
  } catch (e) {
    if (e instanceof FlightLogError)
      throw new FlightLogImportError('corrupt_flight_log', e.message, e.offset);
    throw e;
  }
}
