import type { ReadSample } from './seed-files.ts';

/**
 * Thin excerpts of DataFlash and tlog files (see ulog-excerpt.ts for why): from byte `from` on, the
 * first few records of each kind the flight reader decodes, plus one kind it only counts, with the
 * definitions those need; everything in file order, so the excerpt parses as a whole file.
 */

/** DataFlash messages parseDataFlash decodes (dataflash-handlers.ts). */
const DATAFLASH_DECODED = new Set([
  'GPS',
  'POS',
  'CTUN',
  'BARO',
  'ATT',
  'RCIN',
  'CURR',
  'BAT',
  'MODE',
  'MSG',
  'PARM',
  'CAM',
  'TRIG',
  'EV',
  'ERR',
]);
/** Kept wherever they are: the firmware banner and the first parameters come at the start. */
const DATAFLASH_FIRST: Record<string, number> = { MSG: 4, PARM: 4 };
const FMT = 128;

export function dataflashExcerpt(read: ReadSample, path: string, from: number, perType = 3): Uint8Array {
  const b = read(path);
  const lengths = new Int32Array(256);
  lengths[FMT] = 89;
  const names: string[] = [];
  const records: { type: number; start: number; end: number }[] = [];
  for (let pos = 0; pos + 3 <= b.length; ) {
    const type = b[pos + 2];
    const len = lengths[type];
    if (b[pos] !== 0xa3 || b[pos + 1] !== 0x95 || len === 0) {
      pos++;
      continue;
    }
    if (pos + len > b.length) break;
    if (type === FMT) {
      lengths[b[pos + 3]] = b[pos + 4];
      names[b[pos + 3]] = new TextDecoder().decode(b.subarray(pos + 5, pos + 9)).replace(/\0.*$/, '');
    }
    records.push({ type, start: pos, end: pos + len });
    pos += len;
  }
  const counts = new Int32Array(256);
  let other = -1;
  const picked = records.filter(({ type, start }) => {
    if (type === FMT) return false;
    const name = names[type] ?? '';
    const first = DATAFLASH_FIRST[name];
    if (first !== undefined && counts[type] < first) return ++counts[type] > 0;
    if (start < from) return false;
    if (!DATAFLASH_DECODED.has(name)) {
      if (other < 0) other = type;
      if (other !== type) return false;
    }
    return counts[type]++ < perType;
  });
  const used = new Set(picked.map((r) => r.type));
  const defs = records.filter((r) => r.type === FMT && used.has(b[r.start + 3]));
  return join(
    b,
    [...defs, ...picked].sort((x, y) => x.start - y.start),
  );
}

/** MAVLink messages parseTlog decodes (mavlink-ids.ts). */
const TLOG_DECODED = new Set([0, 1, 2, 22, 24, 30, 33, 35, 65, 74, 147, 180, 253]);

/** A tlog: 8-byte receive time + a MAVLink v1 (0xFE) or v2 (0xFD, maybe signed) frame, repeated. */
export function tlogExcerpt(read: ReadSample, path: string, from: number, perMessage = 4): Uint8Array {
  const b = read(path);
  const counts = new Map<number, number>();
  let other = -1;
  const picked: { start: number; end: number }[] = [];
  for (let pos = 0; pos + 10 <= b.length; ) {
    const magic = b[pos + 8];
    const v2 = magic === 0xfd;
    if (magic !== 0xfe && !v2) break;
    const end = pos + 8 + (v2 ? 12 + b[pos + 9] + (b[pos + 10] & 1 ? 13 : 0) : 8 + b[pos + 9]);
    if (end > b.length) break;
    const id = v2 ? b[pos + 15] | (b[pos + 16] << 8) | (b[pos + 17] << 16) : b[pos + 13];
    if (pos >= from && !TLOG_DECODED.has(id) && other < 0) other = id;
    const n = counts.get(id) ?? 0;
    // Heartbeats come from the ground station too: a few more, so the aircraft's are among them.
    const cap = id === 0 ? 2 * perMessage : perMessage;
    if (pos >= from && (TLOG_DECODED.has(id) || id === other) && n < cap) {
      counts.set(id, n + 1);
      picked.push({ start: pos, end });
    }
    pos = end;
  }
  return join(b, picked);
}

function join(b: Uint8Array, parts: { start: number; end: number }[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.end - p.start, 0));
  let at = 0;
  for (const p of parts) {
    out.set(b.subarray(p.start, p.end), at);
    at += p.end - p.start;
  }
  return out;
}
