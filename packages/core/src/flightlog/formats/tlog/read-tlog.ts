import { describeOffset, FlightLogError } from '../../errors.ts';
import { crcExtra, messageName } from './mavlink-ids.ts';
import { mavlinkCrc } from './x25-crc.ts';

/** One decoded frame: payload zero-padded to 255 bytes (MAVLink 2 trims trailing zeros). */
export interface MavFrame {
  /** Receive time from the tlog record, µs since the Unix epoch (as the GCS clock had it). */
  timeUs: number;
  msgId: number;
  sysId: number;
  compId: number;
  payload: DataView;
}

export interface TlogFile {
  /** Frames per message name whose CRC checked out (what pymavlink counts). */
  counts: Map<string, number>;
  frames: number;
  /** Frames of a known message whose CRC failed: corrupt, so neither counted nor decoded. */
  crcErrors: number;
  /** Frames of ids outside the MAVLink definitions: their CRC cannot be checked, so they are not counted. */
  unknownIds: number;
  warnings: string[];
  firstTimeUs: number;
  lastTimeUs: number;
}

const scratch = new Uint8Array(256);
const scratchView = new DataView(scratch.buffer);

function readBe(b: Uint8Array, at: number): number {
  const hi = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  const lo = ((b[at + 4] << 24) | (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7]) >>> 0;
  return hi * 4294967296 + lo;
}

/** Frame length (timestamp excluded) starting at `at`, or 0 if no frame starts there. */
function frameLength(b: Uint8Array, at: number): number {
  const magic = b[at];
  if (magic === 0xfe) return 8 + b[at + 1];
  if (magic === 0xfd) return 12 + b[at + 1] + (b[at + 2] & 1 ? 13 : 0);
  return 0;
}

/**
 * Walks a .tlog: records of an 8-byte big-endian µs timestamp + one MAVLink v1 (0xFE) or v2 (0xFD,
 * optionally signed) frame. Every frame of a known id is CRC-checked (with its CRC_EXTRA) and counted
 * only when it passes; those in `wanted` are handed over. Bytes that are no frame are skipped and reported with their offset.
 *
 * @example
 * const positions: MavFrame[] = [];
 * const file = readTlog(bytes, new Set([33]), (frame) => positions.push(frame)); // 33: GLOBAL_POSITION_INT
 * console.log(file.frames, file.crcErrors, file.counts.get('HEARTBEAT'));
 */
export function readTlog(bytes: Uint8Array, wanted: Set<number>, onFrame: (f: MavFrame) => void): TlogFile {
  if (bytes.length < 8 + 8 || frameLength(bytes, 8) === 0) {
    throw new FlightLogError(`Not a MAVLink tlog: no MAVLink frame start at ${describeOffset(8)}`, {
      offset: 8,
    });
  }
  const counts = new Map<number, number>();
  const file: TlogFile = {
    counts: new Map(),
    frames: 0,
    crcErrors: 0,
    unknownIds: 0,
    warnings: [],
    firstTimeUs: 0,
    lastTimeUs: 0,
  };
  let pos = 0;
  let skipFrom = -1;
  let skipped = 0;
  let firstSkip = -1;
  const n = bytes.length;
  while (pos + 9 <= n) {
    const len = frameLength(bytes, pos + 8);
    if (len === 0 || !plausibleTime(bytes, pos, file)) {
      if (skipFrom < 0) skipFrom = pos;
      pos++;
      continue;
    }
    if (pos + 8 + len > n) {
      file.warnings.push(`tlog is truncated: the frame at ${describeOffset(pos)} is cut off`);
      break;
    }
    if (skipFrom >= 0) {
      file.warnings.push(
        `tlog has ${pos - skipFrom} unreadable bytes at ${describeOffset(skipFrom)}; skipped`,
      );
      skipped += pos - skipFrom;
      if (firstSkip < 0) firstSkip = skipFrom;
      skipFrom = -1;
    }
    const timeUs = readBe(bytes, pos);
    if (file.frames === 0) file.firstTimeUs = timeUs;
    if (timeUs > file.lastTimeUs) file.lastTimeUs = timeUs;
    const f = pos + 8;
    const v2 = bytes[f] === 0xfd;
    const plen = bytes[f + 1];
    const hdr = v2 ? 10 : 6;
    const msgId = v2 ? bytes[f + 7] | (bytes[f + 8] << 8) | (bytes[f + 9] << 16) : bytes[f + 5];
    file.frames++;
    const extra = crcExtra(msgId);
    const crc = bytes[f + hdr + plen] | (bytes[f + hdr + plen + 1] << 8);
    if (extra === undefined) file.unknownIds++;
    else if (mavlinkCrc(bytes, f + 1, f + hdr + plen, extra) !== crc) file.crcErrors++;
    else {
      counts.set(msgId, (counts.get(msgId) ?? 0) + 1);
      if (wanted.has(msgId)) {
        scratch.fill(0);
        scratch.set(bytes.subarray(f + hdr, f + hdr + plen));
        const sysId = bytes[f + (v2 ? 5 : 3)];
        const compId = bytes[f + (v2 ? 6 : 4)];
        onFrame({ timeUs, msgId, sysId, compId, payload: scratchView });
      }
    }
    pos += 8 + len;
  }
  if (skipFrom >= 0) {
    file.warnings.push(`tlog ends with ${n - skipFrom} unreadable bytes at ${describeOffset(skipFrom)}`);
    skipped += n - skipFrom;
    if (firstSkip < 0) firstSkip = skipFrom;
  }
  if (skipped > n / 2) {
    throw new FlightLogError(
      `Not a readable MAVLink tlog: ${skipped} of ${n} bytes are no frames, from ${describeOffset(firstSkip)} on`,
      { offset: firstSkip },
    );
  }
  if (file.crcErrors > 0)
    file.warnings.push(
      `${file.crcErrors} MAVLink frames failed their CRC check: corrupt, so not counted and not decoded`,
    );
  if (file.unknownIds > 0)
    file.warnings.push(
      `${file.unknownIds} MAVLink frames have message ids outside the common and ardupilotmega definitions: their CRC cannot be checked, so they were not counted`,
    );
  for (const [id, c] of counts) file.counts.set(messageName(id), c);
  return file;
}

/** While resynchronising, a frame start only counts if its timestamp is near the last good one. */
function plausibleTime(b: Uint8Array, at: number, file: TlogFile): boolean {
  if (file.frames === 0) return true;
  const t = readBe(b, at);
  return Math.abs(t - file.lastTimeUs) < 3_600_000_000;
}
