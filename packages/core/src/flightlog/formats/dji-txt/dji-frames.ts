/**
 * Decoders for the plaintext of the DJI records a track is made of (layouts after dji-log-parser's
 * record/*.rs and DJI's fr_protocol.h, both MIT). All little-endian; each returns null when the record
 * is shorter than the fields read, so a damaged record is dropped, never half-read.
 */

/** OSD (type 1), ~10 Hz: the aircraft's fused position, height above take-off, velocity and state. */
export interface DjiOsd {
  lat_deg: number;
  lon_deg: number;
  /** Barometric height above the take-off point. */
  height_m: number;
  /** North, east, down (DJI's NED frame: positive z is down). */
  vx_mps: number;
  vy_mps: number;
  vz_mps: number;
  yaw_deg: number;
  flightMode: number;
  gpsValid: boolean;
  satellites: number;
}

const RAD = 180 / Math.PI;

export function decodeOsd(d: Uint8Array): DjiOsd | null {
  if (d.length < 37) return null;
  const v = view(d);
  return {
    lon_deg: v.getFloat64(0, true) * RAD,
    lat_deg: v.getFloat64(8, true) * RAD,
    height_m: v.getInt16(16, true) / 10,
    vx_mps: v.getInt16(18, true) / 10,
    vy_mps: v.getInt16(20, true) / 10,
    vz_mps: v.getInt16(22, true) / 10,
    yaw_deg: v.getInt16(28, true) / 10,
    flightMode: d[30] & 0x7f,
    gpsValid: (d[33] & 0x80) !== 0,
    satellites: d[36],
  };
}

/** Home (type 2), ~1 Hz: the home point. Its altitude field has no documented scale and is not read. */
export function decodeHome(d: Uint8Array): { lat_deg: number; lon_deg: number } | null {
  if (d.length < 16) return null;
  const v = view(d);
  return { lon_deg: v.getFloat64(0, true) * RAD, lat_deg: v.getFloat64(8, true) * RAD };
}

/** Custom (type 5), one per OSD: the app's clock, UTC epoch ms at 10; null when not a plausible date. */
export function decodeCustomTime(d: Uint8Array): number | null {
  if (d.length < 18) return null;
  const ms = Number(view(d).getBigInt64(10, true));
  return ms > 1_262_304_000_000 && ms < 4_102_444_800_000 ? ms : null;
}

/** RC (type 4): stick positions, raw 364..1684 around 1024 (as in DJI's CSV export) → -1..1. */
export function decodeSticks(
  d: Uint8Array,
): { roll: number; pitch: number; throttle: number; yaw: number } | null {
  if (d.length < 8) return null;
  const v = view(d);
  const stick = (at: number) => Math.max(-1, Math.min(1, (v.getUint16(at, true) - 1024) / 660));
  return { roll: stick(0), pitch: stick(2), throttle: stick(4), yaw: stick(6) };
}

/** CenterBattery (type 7: percent at 0, mV at 1) or SmartBattery (type 8: mV at 24, percent at 26). */
export function decodeBattery(type: number, d: Uint8Array): { pct: number; volts: number } | null {
  if (type === 7 && d.length >= 3) return { pct: d[0], volts: view(d).getUint16(1, true) / 1000 };
  if (type === 8 && d.length >= 27) return { pct: d[26], volts: view(d).getUint16(24, true) / 1000 };
  return null;
}

/** AppTip / AppWarn / AppSeriousWarn (9, 10, 24): the app's message, UTF-8, NUL-padded. */
export function decodeText(d: Uint8Array): string {
  return new TextDecoder().decode(d).replace(/\0+$/, '').trim();
}

function view(d: Uint8Array): DataView {
  return new DataView(d.buffer, d.byteOffset, d.byteLength);
}
