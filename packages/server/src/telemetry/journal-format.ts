import { crc32 } from 'node:zlib';

/**
 * The on-disk form of the telemetry journal. A segment is a 4-byte magic followed by records; a
 * record is [u32 body length][u32 CRC-32 of length and body][body], the body being one kind byte and
 * the report's JSON. The length and checksum are what let replay tell a whole record from one torn by
 * a kill -9 mid-write (or from zeros a crash left at the end of the file): the first record that does
 * not check out ends the segment.
 */
export const SEGMENT_MAGIC = Buffer.from('ALJ1');
const HEADER = 8;
/** No valid report is larger (64 KiB body); anything claiming more is a torn or foreign length. */
const MAX_BODY = 1 << 20;

/** A position in a journal: everything before `offset` of `segment`, and every earlier segment. */
export interface JournalPosition {
  segment: number;
  offset: number;
}

export interface JournalRecord {
  kind: number;
  payload: Buffer;
}

/** One record, ready to append. `payload` is UTF-8 JSON. */
export function encodeRecord(kind: number, payload: string): Buffer {
  const bodyLength = 1 + Buffer.byteLength(payload);
  const out = Buffer.allocUnsafe(HEADER + bodyLength);
  out.writeUInt32LE(bodyLength, 0);
  out[HEADER] = kind;
  out.write(payload, HEADER + 1, 'utf8');
  out.writeUInt32LE(checksum(out, bodyLength), 4);
  return out;
}

function checksum(record: Buffer, bodyLength: number): number {
  return crc32(record.subarray(HEADER, HEADER + bodyLength), crc32(record.subarray(0, 4)));
}

export interface DecodedSegment {
  records: JournalRecord[];
  /** Where the last whole record ends: appending (or replay) may continue from here. */
  end: number;
  /** Bytes after `end` that are not a whole record (a torn write), 0 when the segment is clean. */
  tornBytes: number;
  /** The file does not start with the magic (empty, or not a segment): nothing in it is read. */
  foreign: boolean;
}

/** The whole records of a segment from `from` (a record boundary) on, stopping at the first bad one. */
export function decodeSegment(data: Buffer, from = SEGMENT_MAGIC.length): DecodedSegment {
  if (data.length < SEGMENT_MAGIC.length || !data.subarray(0, 4).equals(SEGMENT_MAGIC)) {
    return { records: [], end: 0, tornBytes: data.length, foreign: true };
  }
  const records: JournalRecord[] = [];
  let at = Math.max(from, SEGMENT_MAGIC.length);
  while (at + HEADER <= data.length) {
    const bodyLength = data.readUInt32LE(at);
    if (bodyLength < 1 || bodyLength > MAX_BODY || at + HEADER + bodyLength > data.length) break;
    const record = data.subarray(at, at + HEADER + bodyLength);
    if (record.readUInt32LE(4) !== checksum(record, bodyLength)) break;
    records.push({ kind: record[HEADER], payload: record.subarray(HEADER + 1) });
    at += HEADER + bodyLength;
  }
  return { records, end: at, tornBytes: data.length - at, foreign: false };
}

const SEGMENT_NAME = /^(\d{12})\.seg$/;

export const segmentName = (n: number): string => `${String(n).padStart(12, '0')}.seg`;

/** The segment number of a file name, or undefined when the file is not a segment. */
export function segmentNumber(name: string): number | undefined {
  const m = SEGMENT_NAME.exec(name);
  return m ? Number(m[1]) : undefined;
}
