import { looksLikeDjiTxt } from './formats/dji-txt/index.ts';
import type { FlightLogFormat } from './model/index.ts';

const ULOG_MAGIC = [0x55, 0x4c, 0x6f, 0x67, 0x01, 0x12, 0x35];
const AFLR_MAGIC = [0x41, 0x46, 0x4c, 0x52];

const BY_EXTENSION: Record<string, FlightLogFormat> = {
  ulg: 'ulog',
  ulog: 'ulog',
  bin: 'dataflash',
  tlog: 'tlog',
  aflr: 'airlock',
  mavlink: 'tlog',
  csv: 'airdata-csv',
  gpx: 'gpx',
  kml: 'kml',
  txt: 'dji-txt',
};

/**
 * The format of a flight log, from its bytes first (magic numbers, frame shapes, XML roots, CSV headers)
 * and its file name only when the content does not decide it; null when neither does.
 * @example detectFlightLogFormat('flight.bin', bytes) // 'dataflash'
 */
export function detectFlightLogFormat(name: string | undefined, bytes: Uint8Array): FlightLogFormat | null {
  if (bytes.length >= 16 && ULOG_MAGIC.every((b, i) => bytes[i] === b)) return 'ulog';
  if (bytes.length >= 8 && AFLR_MAGIC.every((b, i) => bytes[i] === b)) return 'airlock';
  if (bytes.length >= 3 && bytes[0] === 0xa3 && bytes[1] === 0x95 && bytes[2] === 0x80) return 'dataflash';
  const tlog = tlogEvidence(bytes);
  if (tlog === 2) return 'tlog';
  if (looksLikeDjiTxt(bytes)) return 'dji-txt';
  const text = new TextDecoder()
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) {
    if (/<(\w+:)?gpx[\s>]/.test(text)) return 'gpx';
    if (/<(\w+:)?kml[\s>]/.test(text)) return 'kml';
  }
  // ArduPilot's text log (.log) opens with the FMT-of-FMT row.
  if (/^FMT, *128, *89, *FMT,/.test(text)) return 'dataflash';
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0).toLowerCase();
  if (firstLine.includes(',') && firstLine.includes('latitude') && firstLine.includes('longitude'))
    return 'airdata-csv';
  const ext = name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const byName = ext ? BY_EXTENSION[ext] : undefined;
  if (byName === 'tlog' && tlog === 1) return 'tlog';
  // A name alone is not enough for binary formats whose bytes we checked above and rejected.
  return byName && !['ulog', 'dataflash', 'tlog', 'dji-txt', 'airlock'].includes(byName) ? byName : null;
}

/**
 * 2: a v1/v2 frame follows the 8-byte timestamp and the next record lines up behind it (or the file ends
 * there); 1: only the first frame fits (a one-frame capture with trailing bytes); 0: no tlog.
 */
function tlogEvidence(b: Uint8Array): 0 | 1 | 2 {
  if (b.length < 8 + 8) return 0;
  const len = frameLength(b, 8);
  const next = 8 + len;
  if (len === 0 || next > b.length) return 0;
  if (next === b.length) return 2;
  return next + 9 <= b.length && frameLength(b, next + 8) > 0 ? 2 : 1;
}

function frameLength(b: Uint8Array, at: number): number {
  if (b[at] === 0xfe) return 8 + b[at + 1];
  if (b[at] === 0xfd) return 12 + b[at + 1] + (b[at + 2] & 1 ? 13 : 0);
  return 0;
}
