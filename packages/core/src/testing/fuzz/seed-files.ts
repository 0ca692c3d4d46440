/**
 * Cuts fuzz seeds from the real sample files. Mutating a 4 MB log a million times would test the
 * machine, not the parser: each seed is a small piece of a real file that still parses as one (the head
 * of a binary log, a text file's header and first records plus its closing lines).
 */

/** Reads a file under shared/data (the caller brings node:fs; this folder stays free of I/O). */
export type ReadSample = (path: string) => Uint8Array;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The first `bytes` of a file (all of it when smaller). */
export function head(read: ReadSample, path: string, bytes: number): Uint8Array {
  const all = read(path);
  return all.subarray(0, Math.min(all.length, bytes));
}

/** The first `lines` lines and the last `tail` lines of a text file: a short file of the same shape. */
export function shortText(read: ReadSample, path: string, lines: number, tail = 0): Uint8Array {
  const all = decoder.decode(read(path)).split('\n');
  const kept = all.length <= lines + tail ? all : [...all.slice(0, lines), ...all.slice(all.length - tail)];
  return encoder.encode(kept.join('\n'));
}

/** A text file as bytes. */
export function whole(read: ReadSample, path: string): Uint8Array {
  return read(path);
}

/** Separates the two CSVs of an OurAirports seed; a mutation that breaks it leaves runways empty. */
export const RUNWAYS_MARK = '\n#runways.csv\n';

/**
 * OurAirports: the airports of a few idents from airports.csv and their runways from runways.csv, as
 * one input (airports, RUNWAYS_MARK, runways), so one mutation can hit either file.
 */
export function ourAirportsSeed(read: ReadSample, every: number, count: number): Uint8Array {
  const airports = decoder.decode(read('airspace/ourairports/airports.csv')).split('\n');
  const runways = decoder.decode(read('airspace/ourairports/runways.csv')).split('\n');
  const picked: string[] = [airports[0]];
  const idents = new Set<string>();
  for (let i = 1; i < airports.length && picked.length <= count; i += every) {
    const line = airports[i];
    if (!/"(large|medium|small)_airport"/.test(line)) continue;
    picked.push(line);
    idents.add(line.split(',')[1]);
  }
  const ways = [runways[0], ...runways.slice(1).filter((l) => idents.has(l.split(',')[2]))];
  return encoder.encode(`${picked.join('\n')}${RUNWAYS_MARK}${ways.join('\n')}`);
}

/**
 * A ULog shortened to its definitions and every message but data and log lines, plus the data and
 * log lines between byte `from` and `from + length`: a real flight's excerpt (with GPS fixes, which
 * the first seconds of a log lack), message-aligned so it parses as a whole file.
 */
export function ulogExcerpt(read: ReadSample, path: string, from: number, length: number): Uint8Array {
  const b = read(path);
  const kept: Uint8Array[] = [b.subarray(0, 16)];
  let pos = 16;
  while (pos + 3 <= b.length) {
    const end = pos + 3 + (b[pos] | (b[pos + 1] << 8));
    if (end > b.length) break;
    const type = b[pos + 2];
    const timed = type === 0x44 || type === 0x4c || type === 0x43;
    if (!timed || (pos >= from && pos < from + length)) kept.push(b.subarray(pos, end));
    pos = end;
  }
  return join(kept);
}

/**
 * A DataFlash log shortened the same way: every FMT, PARM and MSG record (formats, calibration, the
 * firmware banner) plus the other records between `from` and `from + length`. Record lengths come
 * from the FMT records, as the reader takes them.
 */
export function dataflashExcerpt(read: ReadSample, path: string, from: number, length: number): Uint8Array {
  const b = read(path);
  const lengths = new Int32Array(256);
  const names: string[] = [];
  lengths[128] = 89;
  const kept: Uint8Array[] = [];
  let pos = 0;
  while (pos + 3 <= b.length) {
    const type = b[pos + 2];
    const len = lengths[type];
    if (b[pos] !== 0xa3 || b[pos + 1] !== 0x95 || len === 0) {
      pos++;
      continue;
    }
    if (pos + len > b.length) break;
    if (type === 128) {
      lengths[b[pos + 3]] = b[pos + 4];
      names[b[pos + 3]] = decoder.decode(b.subarray(pos + 5, pos + 9)).replace(/\0.*$/, '');
    }
    const always = type === 128 || ['PARM', 'MSG', 'MODE'].includes(names[type] ?? '');
    if (always || (pos >= from && pos < from + length)) kept.push(b.subarray(pos, pos + len));
    pos += len;
  }
  return join(kept);
}

/** Whole tlog frames (8-byte time + MAVLink v1/v2 frame) from the first boundary at or after `from`. */
export function tlogExcerpt(read: ReadSample, path: string, from: number, length: number): Uint8Array {
  const b = read(path);
  let pos = 0;
  let start = -1;
  while (pos + 10 <= b.length) {
    if (start < 0 && pos >= from) start = pos;
    if (start >= 0 && pos >= start + length) break;
    const magic = b[pos + 8];
    const frame =
      magic === 0xfe ? 8 + b[pos + 9] : magic === 0xfd ? 12 + b[pos + 9] + (b[pos + 10] & 1 ? 13 : 0) : -1;
    if (frame < 0) break;
    pos += 8 + frame;
  }
  return b.slice(Math.max(0, start), Math.min(pos, b.length));
}

/** Header line plus lines [from, from + lines) of a CSV: rows from mid-flight, where GPS has a fix. */
export function csvRows(read: ReadSample, path: string, from: number, lines: number): Uint8Array {
  const all = decoder.decode(read(path)).split('\n');
  return encoder.encode([all[0], ...all.slice(from, from + lines)].join('\n'));
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
