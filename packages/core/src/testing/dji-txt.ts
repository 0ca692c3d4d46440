import { xorKey } from '../flightlog/formats/dji-txt/crc64.ts';

/**
 * Writes a DJI flight record (.txt) of versions 1–12 in the documented layout (dji-log-parser's
 * layout/ and record/, DJI's fr_protocol.h), for tests: real files of most versions are not public.
 * Per fix: an OSD record, then the app's Custom record with its clock; a Home record after the first
 * fix, a SmartBattery record every tenth. From v7 each payload is XOR-scrambled with the key its first
 * byte picks (plus one trailing byte that is not data); v1–6 end their records with a thumbnail JPEG,
 * v8+ with the int32 12345 end mark. Details (summary) after the records, or at 100 in v12.
 */
export interface DjiTestFix {
  t_s: number;
  lat_deg: number;
  lon_deg: number;
  /** Height above take-off. */
  height_m: number;
  /** North, east and down velocity (DJI's NED). */
  vn_mps?: number;
  ve_mps?: number;
  vd_mps?: number;
  yaw_deg?: number;
  /** OSD flight mode number (6 = P-GPS). */
  mode?: number;
  /** DJI's isGPSValid flag (default true). */
  gpsValid?: boolean;
}

export interface DjiTestRecord {
  version: number;
  startMs: number;
  fixes: DjiTestFix[];
  /** The details block's own figures (DJI GO: distance in metres). */
  stated?: { distance: number; duration_s: number; max_height_m: number; max_speed_mps: number };
  /** DJI product_type (3: Phantom 3 Advanced). */
  productType?: number;
  appVersion?: [number, number, number];
  /** Write no Custom records (no app clock): times then follow the 10 Hz OSD rate. */
  noClock?: boolean;
  /** Battery percent at the first fix; it falls by one every tenth fix. */
  batteryPct?: number;
}

const RAD = Math.PI / 180;

export function djiTestRecord(o: DjiTestRecord): Uint8Array {
  const records: number[] = [];
  let n = 0;
  const put = (type: number, data: Uint8Array) => records.push(...frame(o.version, type, data, n++));
  o.fixes.forEach((f, i) => {
    put(1, osd(o.version, f));
    if (!o.noClock) put(5, custom(o.startMs + Math.round(f.t_s * 1000)));
    if (i === 0) put(2, home(o.version, f));
    if (i % 10 === 0) put(8, smartBattery((o.batteryPct ?? 90) - i / 10));
  });
  if (o.version <= 6) records.push(0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xd9);
  if (o.version >= 8) records.push(0x39, 0x30, 0, 0);
  const details = detailsBlock(o);
  const prefix = new Uint8Array(o.version <= 5 ? 12 : 100);
  const pv = new DataView(prefix.buffer);
  const detailsAt = o.version === 12 ? 100 : prefix.length + records.length;
  pv.setUint32(0, detailsAt, true);
  pv.setUint16(8, details.length, true);
  prefix[10] = o.version;
  const parts = o.version === 12 ? [prefix, details, records] : [prefix, records, details];
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

/** type, length, payload, 0xFF; from v7 the payload is key byte + scrambled data + one spare byte. */
function frame(version: number, type: number, data: Uint8Array, n: number): number[] {
  if (version <= 6) return [type, data.length, ...data, 0xff];
  const keyByte = (n * 37 + 11) & 0xff;
  const key = xorKey(keyByte, type);
  const scrambled = Array.from(data, (b, i) => b ^ key[i % 8]);
  return [type, data.length + 2, keyByte, ...scrambled, n & 0xff, 0xff];
}

function osd(version: number, f: DjiTestFix): Uint8Array {
  // drone_type from v2, imu_init_fail_reason from v3 (dji-log-parser's record/osd.rs).
  const d = new Uint8Array(version < 2 ? 48 : version < 3 ? 49 : 50);
  const v = new DataView(d.buffer);
  v.setFloat64(0, f.lon_deg * RAD, true);
  v.setFloat64(8, f.lat_deg * RAD, true);
  v.setInt16(16, Math.round(f.height_m * 10), true);
  v.setInt16(18, Math.round((f.vn_mps ?? 0) * 10), true);
  v.setInt16(20, Math.round((f.ve_mps ?? 0) * 10), true);
  v.setInt16(22, Math.round((f.vd_mps ?? 0) * 10), true);
  v.setInt16(28, Math.round((f.yaw_deg ?? 0) * 10), true);
  d[30] = f.mode ?? 6;
  d[32] = 0x08 | 0x04; // motors up, in the air
  d[33] = f.gpsValid === false ? 0 : 0x80;
  d[36] = 14; // satellites
  v.setUint16(42, Math.round(f.t_s * 10), true); // fly time, 0.1 s
  return d;
}

function custom(ms: number): Uint8Array {
  const d = new Uint8Array(18);
  new DataView(d.buffer).setBigInt64(10, BigInt(ms), true);
  return d;
}

function home(version: number, f: DjiTestFix): Uint8Array {
  const d = new Uint8Array(version >= 8 ? 41 : 32);
  const v = new DataView(d.buffer);
  v.setFloat64(0, f.lon_deg * RAD, true);
  v.setFloat64(8, f.lat_deg * RAD, true);
  return d;
}

function smartBattery(pct: number): Uint8Array {
  const d = new Uint8Array(30);
  new DataView(d.buffer).setUint16(24, 15_200, true);
  d[26] = pct;
  return d;
}

/** The details: 400 bytes as real v3–v11 files, 436 in v12; product, app and serials move in v1–5. */
function detailsBlock(o: DjiTestRecord): Uint8Array {
  const d = new Uint8Array(o.version === 12 ? 436 : 400);
  const v = new DataView(d.buffer);
  const s = o.stated;
  v.setBigInt64(91, BigInt(o.startMs), true);
  v.setFloat32(115, s?.distance ?? 0, true);
  v.setInt32(119, Math.round((s?.duration_s ?? 0) * 1000), true);
  v.setFloat32(123, s?.max_height_m ?? 0, true);
  v.setFloat32(127, s?.max_speed_mps ?? 0, true);
  const old = o.version <= 5;
  d[old ? 277 : 271] = o.productType ?? 3;
  d.set([2, ...(o.appVersion ?? [2, 5, 1])], old ? 348 : 376);
  return d;
}

/**
 * A flight of `seconds` at 10 Hz round a circle of `radius_m` about (lat, lon), at `speed_mps`, climbing
 * at 1 m/s to 30 m: positions and NED velocities agree, so every summary check holds. Its path length
 * is speed × (seconds − 0.1), whatever the projection.
 */
export function circleFlight(
  lat: number,
  lon: number,
  radius_m: number,
  speed_mps: number,
  seconds: number,
): DjiTestFix[] {
  const mPerDegLat = (Math.PI / 180) * 6_371_008.8;
  const mPerDegLon = mPerDegLat * Math.cos(lat * RAD);
  const fixes: DjiTestFix[] = [];
  for (let i = 0; i / 10 < seconds; i++) {
    const t_s = i / 10;
    const a = (speed_mps * t_s) / radius_m;
    fixes.push({
      t_s,
      lat_deg: lat + (radius_m * Math.sin(a)) / mPerDegLat,
      lon_deg: lon + (radius_m * (1 - Math.cos(a))) / mPerDegLon,
      height_m: Math.min(30, t_s),
      vn_mps: speed_mps * Math.cos(a),
      ve_mps: speed_mps * Math.sin(a),
      vd_mps: t_s < 30 ? -1 : 0,
      yaw_deg: ((a / RAD + 180) % 360) - 180,
    });
  }
  return fixes;
}
