import { describeOffset, FlightLogError } from '../../errors.ts';
import { xorKey } from './crc64.ts';

/**
 * The unencrypted parts of a DJI flight record (.txt): the 100-byte prefix, and the "details" summary.
 * Layout after lvauvillier/dji-log-parser (MIT): from version 13 on, the details sit XOR-coded in the
 * first auxiliary block at offset 100, and a second block names the app ("department"). The flight
 * records after them are AES-encrypted with keys only DJI's API hands out.
 */
export interface DjiDetails {
  version: number;
  startMs: number;
  totalTimeS: number;
  /** As stored: metres in older apps, kilometres in DJI Fly v14 files (see dji-to-flight.ts). */
  totalDistanceRaw: number;
  maxHeightM: number;
  maxHSpeedMps: number;
  maxVSpeedMps: number;
  captureCount: number;
  videoTimeS: number;
  productType: number;
  appPlatform: number;
  appVersion: string;
  department: number | null;
  recordsStart: number;
  recordsEnd: number;
}

export function readDjiDetails(bytes: Uint8Array): DjiDetails {
  if (bytes.length < 100)
    throw new FlightLogError(`DJI record too short: ${bytes.length} bytes, the prefix alone is 100`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const detailOffset = view.getUint32(0, true) + view.getUint32(4, true) * 4294967296;
  const version = bytes[10];
  if (version < 1 || version > 20) {
    throw new FlightLogError(`DJI record version ${version} at ${describeOffset(10)} is not supported`, {
      offset: 10,
    });
  }
  if (version < 13) {
    const at = version < 12 ? detailOffset : 100;
    if (at + (version <= 5 ? OLD_DETAILS_LENGTH : 380) > bytes.length)
      throw new FlightLogError(`DJI details at ${describeOffset(at)} lie past the end`, { offset: at });
    // Versions 1–5 (2015–16) have a 12-byte prefix; 6–11 a 100-byte one; 12 adds a 436-byte info block.
    const recordsStart = version <= 5 ? 12 : version < 12 ? 100 : 536;
    return decodeDetails(
      new DataView(bytes.buffer, bytes.byteOffset + at),
      version,
      null,
      recordsStart,
      version < 12 ? at : bytes.length,
    );
  }
  if (bytes[100] !== 0)
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
  if (3 + infoLength > plain.length || infoLength < 380) {
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
  return decodeDetails(
    new DataView(plain.buffer, 3, infoLength),
    version,
    department,
    recordsStart,
    bytes.length,
  );
}

/** Versions 1–5 end their details with the take-off altitude at 352..356. */
const OLD_DETAILS_LENGTH = 356;

function decodeDetails(
  d: DataView,
  version: number,
  department: number | null,
  start: number,
  end: number,
): DjiDetails {
  // Offsets of the details struct (v1–5 move the product, serials and app fields: product 277,
  // serials 267..348, app 348..351); the location strings (0..80) and the serials are never read,
  // so they cannot leak into anything built from this.
  const bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  const old = version <= 5;
  return {
    version,
    startMs: Number(d.getBigInt64(91, true)),
    totalDistanceRaw: d.getFloat32(115, true),
    totalTimeS: d.getInt32(119, true) / 1000,
    maxHeightM: d.getFloat32(123, true),
    maxHSpeedMps: d.getFloat32(127, true),
    maxVSpeedMps: d.getFloat32(131, true),
    captureCount: d.getInt32(135, true),
    videoTimeS: Number(d.getBigInt64(139, true)),
    productType: d.getUint8(old ? 277 : 271),
    appPlatform: d.getUint8(old ? 348 : 376),
    appVersion: old
      ? `${bytes[349]}.${bytes[350]}.${bytes[351]}`
      : `${bytes[377]}.${bytes[378]}.${bytes[379]}`,
    department,
    recordsStart: start,
    recordsEnd: end,
  };
}
