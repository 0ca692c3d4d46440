import { describeOffset, FlightLogError } from '../../errors.ts';
import type { FlightEventKind } from '../../model/index.ts';
import {
  AFLR_HEADER_BYTES,
  AFLR_MAGIC,
  AFLR_MAX_LENGTH_BYTES,
  AFLR_MAX_RECORD_BYTES,
  AFLR_VERSION,
  type AirlockInfo,
  type AirlockSample,
  EVENT_KINDS,
  RECORD,
  SAMPLE_FIELDS,
} from './airlock-layout.ts';
import { crc32 } from './crc32.ts';
import { ByteReader, peekUvarint } from './varint.ts';

/**
 * Everything an AFLR file holds, decoded, plus what could not be read.
 *
 * @example
 * const contents: AirlockContents = readAirlockRecord(bytes);
 * console.log(contents.info?.aircraft, contents.samples.length, contents.events, contents.end_ms !== null);
 */
export interface AirlockContents {
  version: number;
  info: AirlockInfo | null;
  samples: AirlockSample[];
  events: { t_ms: number; kind: FlightEventKind; text?: string }[];
  modes: { t_ms: number; mode: string }[];
  /** The end record's time, or null when the flight was not closed (app killed, or still recording). */
  end_ms: number | null;
  /** Records read, per kind, plus `sample` (samples in all chunks). */
  counts: Record<string, number>;
  warnings: string[];
  /** Offset just past the last record read in full: the file is whole up to here. */
  readBytes: number;
  /** Offset of a record cut off by the end of the file (torn final write), else null. */
  tornAt: number | null;
}

type Framed = { kind: 'ok'; start: number; next: number } | { kind: 'torn' } | { kind: 'bad' };

/**
 * Reads an AFLR file record by record. A record cut off by the end of the file (the app was killed
 * mid-write) ends the read with a warning naming its offset; bytes that fail their CRC are skipped to
 * the next record that passes one, with a warning. Only a wrong magic or version throws.
 * @example readAirlockRecord(bytes).samples.length
 */
export function readAirlockRecord(bytes: Uint8Array): AirlockContents {
  checkHeader(bytes);
  const out: AirlockContents = {
    version: bytes[4],
    info: null,
    samples: [],
    events: [],
    modes: [],
    end_ms: null,
    counts: {},
    warnings: [],
    readBytes: AFLR_HEADER_BYTES,
    tornAt: null,
  };
  let pos = AFLR_HEADER_BYTES;
  const budget = { bytes: RESYNC_CRC_BYTES_PER_BYTE * bytes.length + RESYNC_CRC_BYTES_MIN };
  while (pos < bytes.length) {
    const r = frameAt(bytes, pos);
    if (r.kind === 'ok') {
      decodeRecord(bytes, r.start, r.next - 4, pos, out);
      pos = out.readBytes = r.next;
      continue;
    }
    const resume = r.kind === 'bad' ? nextGoodRecord(bytes, pos + 1, budget) : -1;
    if (resume === BUDGET_SPENT) {
      out.warnings.push(
        `Damaged bytes from ${describeOffset(pos)} on: too much damage to look for intact records in ` +
          `the last ${bytes.length - pos} bytes; everything before them was read`,
      );
      break;
    }
    if (resume < 0) {
      out.tornAt = pos;
      out.warnings.push(
        `The recording ends in a record cut off at ${describeOffset(pos)} (the app stopped while writing it): ` +
          `the last ${bytes.length - pos} bytes were not read; everything before them was`,
      );
      break;
    }
    out.warnings.push(
      `Damaged bytes at ${describeOffset(pos)}: ${resume - pos} bytes skipped up to the next intact record`,
    );
    pos = resume;
  }
  if (out.info === null)
    out.warnings.push('The recording has no info record: start time and aircraft unknown');
  return out;
}

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < AFLR_HEADER_BYTES || AFLR_MAGIC.some((b, i) => bytes[i] !== b))
    throw new FlightLogError(`Not an Airlock flight record: no "AFLR" magic at ${describeOffset(0)}`, {
      offset: 0,
    });
  if (bytes[4] !== AFLR_VERSION)
    throw new FlightLogError(
      `Airlock flight record version ${bytes[4]} at ${describeOffset(4)} is newer than this reader (${AFLR_VERSION})`,
      { offset: 4 },
    );
}

/**
 * Looking for the next intact record checks a CRC at every candidate offset, over up to 1 MiB each: on
 * a hostile or badly damaged file that is quadratic (a 2 KB file took 100 ms, a few MB would take
 * hours). The search gets a budget of CRC bytes in proportion to the file, so reading stays linear.
 */
const RESYNC_CRC_BYTES_PER_BYTE = 16;
const RESYNC_CRC_BYTES_MIN = 1 << 20;
const BUDGET_SPENT = -2;

/** The record framed at `pos`: whole and CRC-checked, cut off by the end of the file, or damaged. */
function frameAt(bytes: Uint8Array, pos: number, budget?: { bytes: number }): Framed {
  const len = peekUvarint(bytes, pos, AFLR_MAX_LENGTH_BYTES);
  if (!len) return pos + AFLR_MAX_LENGTH_BYTES > bytes.length ? { kind: 'torn' } : { kind: 'bad' };
  if (len.value === 0 || len.value > AFLR_MAX_RECORD_BYTES) return { kind: 'bad' };
  const start = pos + len.size;
  const next = start + len.value + 4;
  if (next > bytes.length) return { kind: 'torn' };
  if (bytes[start] === 0) return { kind: 'bad' };
  if (budget) {
    // While resynchronising only the record types this reader knows can end the damage.
    if (bytes[start] > MAX_KNOWN_RECORD) return { kind: 'bad' };
    budget.bytes -= next - pos;
  }
  const stored =
    (bytes[next - 4] | (bytes[next - 3] << 8) | (bytes[next - 2] << 16) | (bytes[next - 1] << 24)) >>> 0;
  return stored === crc32(bytes, pos, next - 4) ? { kind: 'ok', start, next } : { kind: 'bad' };
}

const MAX_KNOWN_RECORD = Math.max(...Object.values(RECORD));

/**
 * The offset of the next record that passes its CRC, -1 when the damage runs to the end, or
 * BUDGET_SPENT when the search used up its budget first.
 */
function nextGoodRecord(bytes: Uint8Array, from: number, budget: { bytes: number }): number {
  for (let p = from; p < bytes.length; p++) {
    if (frameAt(bytes, p, budget).kind === 'ok') return p;
    if (budget.bytes < 0) return BUDGET_SPENT;
  }
  return -1;
}

function decodeRecord(bytes: Uint8Array, start: number, end: number, at: number, out: AirlockContents): void {
  const r = new ByteReader(bytes, start + 1, end);
  const type = bytes[start];
  try {
    switch (type) {
      case RECORD.info: {
        const startMs = r.uvarint();
        const aircraft = r.text();
        const app = r.text();
        // A later writer may append fields to the info record; this reader ignores them.
        out.info = { start_ms: startMs > 0 ? startMs : null, aircraft: aircraft || null, app: app || null };
        count(out, 'info');
        return;
      }
      case RECORD.samples:
        decodeSamples(r, out);
        count(out, 'samples');
        return;
      case RECORD.event: {
        const t_ms = r.uvarint();
        const kind = EVENT_KINDS[r.byte() - 1] ?? 'info';
        const text = r.text();
        out.events.push(text ? { t_ms, kind, text } : { t_ms, kind });
        count(out, 'event');
        return;
      }
      case RECORD.mode:
        out.modes.push({ t_ms: r.uvarint(), mode: r.text() });
        count(out, 'mode');
        return;
      case RECORD.end:
        out.end_ms = r.uvarint();
        count(out, 'end');
        return;
      default:
        count(out, `unknown_${type}`);
        warnOnce(
          out,
          `Record type ${type} (first at ${describeOffset(at)}) is unknown to this reader: skipped`,
        );
    }
  } catch (e) {
    // The CRC matched, so these are the bytes the writer wrote: a writer bug, not a damaged file.
    out.warnings.push(`Malformed record at ${describeOffset(at)} (${(e as Error).message}): skipped`);
  }
}

function decodeSamples(r: ByteReader, out: AirlockContents): void {
  const prev = new Array<number>(SAMPLE_FIELDS.length).fill(0);
  const decoded: AirlockSample[] = [];
  let known = 0;
  let t = 0;
  while (!r.done) {
    t += r.uvarint();
    const head = r.uvarint();
    if (head % 2 === 1) known = r.uvarint();
    const changed = Math.floor(head / 2);
    const s = { t_ms: t } as AirlockSample;
    for (let i = 0; i < SAMPLE_FIELDS.length; i++) {
      const f = SAMPLE_FIELDS[i];
      if (Math.floor(changed / 2 ** i) % 2 === 1) {
        const q = prev[i] + r.svarint();
        prev[i] = f.wrap ? ((q % f.wrap) + f.wrap) % f.wrap : q;
      }
      s[f.name] = Math.floor(known / 2 ** i) % 2 === 1 ? prev[i] / f.scale : Number.NaN;
    }
    decoded.push(s);
  }
  // Pushed only once the whole chunk decoded: a malformed chunk adds nothing.
  for (const s of decoded) out.samples.push(s);
  out.counts.sample = (out.counts.sample ?? 0) + decoded.length;
}

function count(out: AirlockContents, kind: string): void {
  out.counts[kind] = (out.counts[kind] ?? 0) + 1;
}

function warnOnce(out: AirlockContents, message: string): void {
  const key = message.slice(0, message.indexOf('('));
  if (!out.warnings.some((w) => w.startsWith(key))) out.warnings.push(message);
}
