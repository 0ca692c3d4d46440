import { xorKey } from './crc64.ts';

/**
 * Walks the framed records of a DJI flight record: `type u8, length (u8 up to v12, u16 after), payload,
 * 0xFF`. Framing is plaintext in every version, so a count and a check that the file is whole need no
 * key. Up to v6 payloads are plain; in v7–12 the first payload byte picks an XOR key (crc64.ts) for the
 * rest, whose last byte is not data; from v13 payloads are also AES-encrypted and are not handed out.
 * The int32 12345 DJI writes after the last record ends them; thumbnail JPEGs may follow it (v13+) or
 * sit among the last records (v1–6), and are skipped.
 */
export interface DjiRecordScan {
  counts: Map<number, number>;
  images: number;
  /** Bytes skipped where framing was lost, and where that first happened. */
  skippedBytes: number;
  firstSkipAt: number | null;
  /** Offset of a record or image cut off by the end of the file. */
  truncatedAt: number | null;
}

/** Called with each record's plaintext (versions ≤ 12 only). */
export type DjiRecordVisitor = (type: number, data: Uint8Array, offset: number) => void;

const END_MARK = [0x39, 0x30, 0x00, 0x00];

export function scanDjiRecords(
  bytes: Uint8Array,
  version: number,
  start: number,
  end: number,
  visit?: DjiRecordVisitor,
): DjiRecordScan {
  const scan: DjiRecordScan = {
    counts: new Map(),
    images: 0,
    skippedBytes: 0,
    firstSkipAt: null,
    truncatedAt: null,
  };
  const stop = Math.min(end, bytes.length);
  const head = version >= 13 ? 3 : 2;
  const lengthAt = (p: number) => (head === 3 ? bytes[p + 1] | (bytes[p + 2] << 8) : bytes[p + 1]);
  /** End of a well-framed record at p, or -1. */
  const framed = (p: number): number => {
    if (p + head > stop || bytes[p] === 0 || bytes[p] === 0xff) return -1;
    const next = p + head + lengthAt(p) + 1;
    return next <= stop && bytes[next - 1] === 0xff ? next : -1;
  };
  const isJpeg = (p: number) => p + 1 < stop && bytes[p] === 0xff && bytes[p + 1] === 0xd8;
  const isEndMark = (p: number) =>
    p + 4 <= stop && END_MARK.every((b, i) => bytes[p + i] === b) && (p + 4 === stop || isJpeg(p + 4));
  /** Somewhere a record stream can go on from: the end, a record, an image or the end mark. */
  const goesOn = (p: number) => p === stop || framed(p) > 0 || isJpeg(p) || isEndMark(p);

  let pos = start;
  while (pos < stop) {
    if (isEndMark(pos)) {
      pos = skipImages(bytes, pos + 4, stop, scan);
      break;
    }
    if (isJpeg(pos)) {
      const after = jpegEnd(bytes, pos, stop, goesOn);
      scan.images++;
      if (after < 0) {
        scan.truncatedAt = pos;
        break;
      }
      pos = after;
      continue;
    }
    const next = framed(pos);
    if (next > 0) {
      const type = bytes[pos];
      scan.counts.set(type, (scan.counts.get(type) ?? 0) + 1);
      if (visit && version <= 12) visit(type, plaintext(bytes, version, type, pos + head, next - 1), pos);
      pos = next;
      continue;
    }
    if (pos + head > stop || pos + head + lengthAt(pos) + 1 > stop) {
      // Could be a record cut by the end of the file, or garbage: only a cut if nothing after parses.
      const resume = resync(pos + 1, stop, framed, goesOn, isJpeg, isEndMark);
      if (resume === stop) {
        scan.truncatedAt = pos;
        break;
      }
      skip(scan, pos, resume);
      pos = resume;
      continue;
    }
    const resume = resync(pos + 1, stop, framed, goesOn, isJpeg, isEndMark);
    skip(scan, pos, resume);
    pos = resume;
  }
  return scan;
}

function skip(scan: DjiRecordScan, from: number, to: number): void {
  scan.skippedBytes += to - from;
  scan.firstSkipAt ??= from;
}

/**
 * The next offset where two records follow each other (or a record ends the stream, or an image or the
 * end mark begins): one plausible frame alone is found by chance every few hundred bytes.
 */
function resync(
  from: number,
  stop: number,
  framed: (p: number) => number,
  goesOn: (p: number) => boolean,
  isJpeg: (p: number) => boolean,
  isEndMark: (p: number) => boolean,
): number {
  for (let p = from; p < stop; p++) {
    if (isEndMark(p) || isJpeg(p)) return p;
    const next = framed(p);
    if (next > 0 && goesOn(next)) return p;
  }
  return stop;
}

/** Offset after the image at p: the first FF D9 after which the stream goes on; -1 when it is cut off. */
function jpegEnd(bytes: Uint8Array, p: number, stop: number, goesOn: (p: number) => boolean): number {
  for (let i = p + 2; i + 1 < stop; i++) {
    // A JPEG may hold an EXIF thumbnail with its own end marker, so the first FF D9 is not always it.
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9 && goesOn(i + 2)) return i + 2;
  }
  return -1;
}

/** After the end mark: only images, counted; anything else there is not records and is left alone. */
function skipImages(bytes: Uint8Array, p: number, stop: number, scan: DjiRecordScan): number {
  while (p + 1 < stop && bytes[p] === 0xff && bytes[p + 1] === 0xd8) {
    const after = jpegEnd(bytes, p, stop, (q) => q === stop || (bytes[q] === 0xff && bytes[q + 1] === 0xd8));
    scan.images++;
    if (after < 0) return stop;
    p = after;
  }
  return stop;
}

/** The payload as data: as stored up to v6; in v7–12 XOR-decoded after the key byte, minus the last byte. */
function plaintext(bytes: Uint8Array, version: number, type: number, from: number, to: number): Uint8Array {
  if (version <= 6) return bytes.subarray(from, to);
  if (to - from < 2) return new Uint8Array(0);
  const key = xorKey(bytes[from], type);
  const out = new Uint8Array(to - from - 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes[from + 1 + i] ^ key[i % 8];
  return out;
}
