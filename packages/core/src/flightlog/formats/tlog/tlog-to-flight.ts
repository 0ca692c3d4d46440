import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { shortestFloat32 } from '../../model/parameters.ts';
import { arduModeName, firmwareFromText, redactSerials, StickMapper } from '../ardupilot/index.ts';
import { airframe, isGroundStation } from './mav-types.ts';
import { MSG } from './mavlink-ids.ts';
import { MAV_AUTOPILOT_PX4, px4ModeName } from './px4-custom-mode.ts';
import { type MavFrame, readTlog } from './read-tlog.ts';

const decoder = new TextDecoder();

function cString(v: DataView, at: number, size: number): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset + at, size);
  const end = bytes.indexOf(0);
  return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/**
 * PARAM_VALUE.param_value: ArduPilot sends every type as a float of its value; PX4 puts integer types'
 * bytes in the float's place (MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_BYTEWISE).
 */
function paramValue(p: DataView, px4: boolean): number {
  const type = p.getUint8(24); // MAV_PARAM_TYPE: 1..6 are 8/16/32-bit integers, 9 float32
  if (px4 && type >= 1 && type <= 6) {
    switch (type) {
      case 1:
        return p.getUint8(0);
      case 2:
        return p.getInt8(0);
      case 3:
        return p.getUint16(0, true);
      case 4:
        return p.getInt16(0, true);
      case 5:
        return p.getUint32(0, true);
      default:
        return p.getInt32(0, true);
    }
  }
  return shortestFloat32(p.getFloat32(0, true));
}

/**
 * MAVLink telemetry log → Flight. t = 0 is the first record's receive time, which is also the start
 * (the GCS clock). Only frames from the aircraft (the first non-GCS HEARTBEAT's system id) are decoded.
 * @example parseTlog(bytes).messages.GPS_RAW_INT // 799 for vtol.tlog
 */
export function parseTlog(bytes: Uint8Array, options: BuildOptions = {}): Flight {
  const b = new FlightBuilder('tlog');
  let t0 = Number.NaN;
  let vehicleSys = -1;
  let vehicle = airframe(-1);
  let px4 = false;
  let armed = false;
  const params = new Map<string, number>();
  const rc: { t: number; ch: number[] }[] = [];
  const gpsSpeed: { t: number; v: number }[] = [];
  const packPct: { t: number; v: number }[] = [];
  const handle = (f: MavFrame) => {
    if (Number.isNaN(t0)) t0 = f.timeUs;
    const t = (f.timeUs - t0) / 1e6;
    const p = f.payload;
    if (f.msgId === MSG.HEARTBEAT) {
      const type = p.getUint8(4);
      if (isGroundStation(type, p.getUint8(5))) return;
      if (vehicleSys < 0) {
        vehicleSys = f.sysId;
        vehicle = airframe(type);
        px4 = p.getUint8(5) === MAV_AUTOPILOT_PX4;
      }
    }
    if (f.sysId !== vehicleSys && (vehicleSys >= 0 || f.sysId === 255)) return;
    switch (f.msgId) {
      case MSG.HEARTBEAT: {
        const custom = p.getUint32(0, true);
        b.mode(t, px4 ? px4ModeName(custom) : arduModeName(vehicle.vehicle, custom));
        const now = (p.getUint8(6) & 128) !== 0; // MAV_MODE_FLAG_SAFETY_ARMED
        if (now !== armed) b.event(t, now ? 'armed' : 'disarmed');
        armed = now;
        break;
      }
      case MSG.GPS_RAW_INT:
        if (p.getUint8(28) >= 3) {
          b.addFix(t, p.getInt32(8, true) * 1e-7, p.getInt32(12, true) * 1e-7, p.getInt32(16, true) / 1000);
          if (p.getUint16(24, true) !== 65535) gpsSpeed.push({ t, v: p.getUint16(24, true) / 100 });
        }
        break;
      case MSG.GLOBAL_POSITION_INT:
        if (p.getInt32(4, true) === 0 && p.getInt32(8, true) === 0) break; // no position yet
        b.sample('alt_amsl_m', t, p.getInt32(12, true) / 1000);
        b.sample('alt_rel_m', t, p.getInt32(16, true) / 1000);
        break;
      case MSG.VFR_HUD:
        b.sample('h_speed_mps', t, p.getFloat32(4, true));
        b.sample('v_speed_mps', t, p.getFloat32(12, true));
        break;
      case MSG.ATTITUDE:
        b.sample('heading_deg', t, ((p.getFloat32(12, true) * 180) / Math.PI + 360) % 360);
        break;
      case MSG.SYS_STATUS:
        if (p.getUint16(14, true) !== 65535 && p.getUint16(14, true) > 0)
          b.sample('battery_v', t, p.getUint16(14, true) / 1000);
        if (p.getInt8(30) >= 0) b.sample('battery_pct', t, p.getInt8(30));
        break;
      case MSG.BATTERY_STATUS:
        if (p.getUint8(32) === 0 && p.getInt8(35) >= 0) packPct.push({ t, v: p.getInt8(35) });
        break;
      case MSG.RC_CHANNELS:
      case MSG.RC_CHANNELS_RAW:
        rc.push({ t, ch: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => p.getUint16(4 + 2 * i, true)) });
        break;
      case MSG.PARAM_VALUE: {
        const name = cString(p, 8, 16);
        const value = paramValue(p, px4);
        params.set(name, value);
        // The GCS's first full read gives the values at the start; a later different one was set in flight.
        b.parameter(name, value, t);
        break;
      }
      case MSG.STATUSTEXT: {
        const sev = p.getUint8(0);
        const text = cString(p, 1, 50);
        b.app ??= firmwareFromText(text);
        b.event(t, sev <= 3 ? 'error' : sev === 4 ? 'warning' : 'info', redactSerials(text));
        break;
      }
      case MSG.CAMERA_FEEDBACK:
        b.event(t, 'photo');
        break;
    }
  };
  const file = readTlog(bytes, new Set<number>(Object.values(MSG)), handle);
  for (const [name, n] of file.counts) b.count(name, n);
  b.crcFailures = file.crcErrors;
  for (const w of file.warnings) b.warn(w);
  b.duration_s = (file.lastTimeUs - file.firstTimeUs) / 1e6;
  b.start = isoFromEpochMs(file.firstTimeUs / 1000);
  b.aircraft = vehicleSys >= 0 ? vehicle.name : null;
  // Fallbacks only: VFR_HUD and SYS_STATUS are what the GCS itself displays.
  if (!b.hasChannel('h_speed_mps')) for (const s of gpsSpeed) b.sample('h_speed_mps', s.t, s.v);
  if (!b.hasChannel('battery_pct')) for (const s of packPct) b.sample('battery_pct', s.t, s.v);
  const mapper = new StickMapper((n) => params.get(n));
  for (const { t, ch } of rc) {
    const v = mapper.map((c) => (ch[c - 1] > 0 && ch[c - 1] !== 65535 ? ch[c - 1] : Number.NaN));
    b.sample('stick_roll', t, v.roll);
    b.sample('stick_pitch', t, v.pitch);
    b.sample('stick_yaw', t, v.yaw);
    b.sample('stick_throttle', t, v.throttle);
  }
  if (b.fixCount === 0) b.warn('No valid GPS fix (fix type 3 or better): the flight has no track');
  return b.build(options);
}
