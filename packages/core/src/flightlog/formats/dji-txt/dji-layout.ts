import { describeOffset, FlightLogError } from '../../errors.ts';
import { xorKey } from './crc64.ts';

/**
 * Where things sit in a DJI flight record (.txt), and its "details" summary. Layout after
 * lvauvillier/dji-log-parser (MIT) and DJI's fr_protocol.h (MIT): a prefix (detail offset u64, detail
 * length u16, version u8) of 12 bytes up to v5 and 100 after; records then details up to v11; details
 * then records in v12; from v13 the details sit XOR-coded in an auxiliary block at 100, and a second
 * block names the app ("department"); those records are AES-encrypted with keys only DJI's API hands out.
 */
export interface DjiLayout {
  version: number;
  /** The framed records lie in [recordsStart, recordsEnd). */
  recordsStart: number;
  recordsEnd: number;
  /** The summary block, or null when it cannot be read; `detailsProblem` then says why. */
  details: DjiDetails | null;
  detailsProblem: string | null;
  /** The app that wrote the record (v13+ only; see dji-names.ts). */
  department: number | null;
}

export interface DjiDetails {
  startMs: number;
  totalTimeS: number;
  /** As stored: metres in older apps, kilometres in DJI Fly and DJI Pilot files (see dji-to-flight.ts). */
  totalDistanceRaw: number;
  maxHeightM: number;
  maxHSpeedMps: number;
  maxVSpeedMps: number;
  captureCount: number;
  videoTimeS: number;
  productType: number;
  appPlatform: number;
  appVersion: string;
}

/** Bytes of the details read here: up to the app version (v1–5: the take-off altitude at 352..356). */
const OLD_DETAILS_LENGTH = 356;
const DETAILS_LENGTH = 380;
/** v12 keeps a 436-byte details block between the prefix and the records. */
const V12_INFO_LENGTH = 436;

export function readDjiLayout(bytes: Uint8Array): DjiLayout {
  if (bytes.length < 12)
    throw new FlightLogError(`DJI record too short: ${bytes.length} bytes, the prefix alone is 12`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[10];
  if (version < 1 || version > 20) {
    throw new FlightLogError(`DJI record version ${version} at ${describeOffset(10)} is not supported`, {
      offset: 10,
    });
  }
  if (version >= 6 && bytes.length < 100)
    throw new FlightLogError(`DJI record too short: ${bytes.length} bytes, the prefix alone is 100`);
  if (version >= 13) return auxiliaryLayout(bytes, view, version);
  if (version === 12) {
    const details = detailsAt(bytes, version, 100);
    return {
      version,
      recordsStart: 100 + V12_INFO_LENGTH,
      recordsEnd: bytes.length,
      department: null,
      ...details,
    };
  }
  const detailOffset = view.getUint32(0, true) + view.getUint32(4, true) * 4294967296;
  const recordsStart = version <= 5 ? 12 : 100;
  if (detailOffset < recordsStart) {
    return {
      version,
      recordsStart,
      recordsEnd: bytes.length,
      department: null,
      details: null,
      detailsProblem: `the prefix points the details at ${detailOffset}, inside the prefix (corrupt)`,
    };
  }
  const recordsEnd = Math.min(detailOffset, bytes.length);
  return { version, recordsStart, recordsEnd, department: null, ...detailsAt(bytes, version, detailOffset) };
}

function detailsAt(
  bytes: Uint8Array,
  version: number,
  at: number,
): { details: DjiDetails | null; detailsProblem: string | null } {
  const need = version <= 5 ? OLD_DETAILS_LENGTH : DETAILS_LENGTH;
  if (at + need > bytes.length) {
    return {
      details: null,
      detailsProblem: `the details block at ${describeOffset(at)} lies past the end of the file (${bytes.length} bytes): the file is cut off`,
    };
  }
  return {
    details: decodeDetails(new DataView(bytes.buffer, bytes.byteOffset + at), version),
    detailsProblem: null,
  };
}

function auxiliaryLayout(bytes: Uint8Array, view: DataView, version: number): DjiLayout {
  if (bytes.length < 110 || bytes[100] !== 0)
    throw new FlightLogError(`DJI info block expected at ${describeOffset(100)}`, { offset: 100 });
  const len = view.getUint16(101, true);
  if (103 + len > bytes.length || len < 4) {
    throw new FlightLogError(`DJI info block at ${describeOffset(100)} is cut off`, { offset: 100 });
  }
  const key = xorKey(bytes[103], 0);
  const plain = new Uint8Array(len - 1);
  for (let i = 0; i < plain.length; i++) plain[i] = bytes[104 + i] ^ key[i % 8];
  const pv = new DataView(plain.buffer);
  const infoLength = pv.getUint16(1, true);
  if (3 + infoLength > plain.length || infoLength < DETAILS_LENGTH) {
    throw new FlightLogError(
      `DJI info block at ${describeOffset(100)} does not decode (wrong key or corrupt)`,
      { offset: 100 },
    );
  }
  let department: number | null = null;
  let recordsStart = 103 + len;
  if (bytes[recordsStart] === 1 && recordsStart + 6 <= bytes.length) {
    const vlen = view.getUint16(recordsStart + 1, true);
    department = bytes[recordsStart + 5];
    recordsStart += 3 + vlen;
  }
  return {
    version,
    recordsStart,
    recordsEnd: bytes.length,
    department,
    details: decodeDetails(new DataView(plain.buffer, 3, infoLength), version),
    detailsProblem: null,
  };
}

function decodeDetails(d: DataView, version: number): DjiDetails {
  // Offsets of the details struct (v1–5 move the product, serials and app fields: product 277,
  // serials 267..348, app 348..351); the location strings (0..80), home coordinates, aircraft name
  // and the serials are never read, so they cannot leak into anything built from this.
  const old = version <= 5;
  const app = old ? 348 : 376;
  return {
    startMs: Number(d.getBigInt64(91, true)),
    totalDistanceRaw: d.getFloat32(115, true),
    totalTimeS: d.getInt32(119, true) / 1000,
    maxHeightM: d.getFloat32(123, true),
    maxHSpeedMps: d.getFloat32(127, true),
    maxVSpeedMps: d.getFloat32(131, true),
    captureCount: d.getInt32(135, true),
    videoTimeS: Number(d.getBigInt64(139, true)),
    productType: d.getUint8(old ? 277 : 271),
    appPlatform: d.getUint8(app),
    appVersion: `${d.getUint8(app + 1)}.${d.getUint8(app + 2)}.${d.getUint8(app + 3)}`,
  };
}
