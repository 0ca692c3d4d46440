import type { AirlockSample } from '@airlock/core/flightlog/formats/airlock';

/**
 * One state of the aircraft as the app reads it from the flight controller, in SI units. Everything is
 * optional: what the app leaves out is stored as unknown, never as 0.
 *
 * @example
 * const sample: RecorderSample = { lat: 47.3769, lon: 8.5417, altRelM: 42.5, hSpeedMps: 6.1, stickPitch: 0.6, mode: 'POSCTL' };
 * airlock.recorder.sample(sample);
 */
export interface RecorderSample {
  /** When the state was measured: a Date or epoch milliseconds; default the recorder's clock. */
  time?: Date | number;
  /** WGS-84 degrees. */
  lat?: number;
  lon?: number;
  /** The GNSS fix can be trusted (3D fix); default true when lat and lon are given. */
  fixOk?: boolean;
  /** Height above the take-off point, m. */
  altRelM?: number;
  /** Altitude above mean sea level, m. */
  altAmslM?: number;
  /** Ground speed, m/s. */
  hSpeedMps?: number;
  /** Vertical speed, m/s, positive up. */
  vSpeedMps?: number;
  /** Degrees clockwise from true north. */
  headingDeg?: number;
  /** Sticks, -1..1: roll +right, pitch +forward, yaw +right, throttle +up. */
  stickRoll?: number;
  stickPitch?: number;
  stickYaw?: number;
  stickThrottle?: number;
  batteryPct?: number;
  batteryV?: number;
  /** The flight mode as the autopilot names it; a change is recorded once, when it happens. */
  mode?: string;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

/** The sample in the format's fields, at `t_ms` after the flight's start. */
export function toAirlockSample(s: RecorderSample, t_ms: number): AirlockSample {
  let lat = num(s.lat);
  let lon = num(s.lon);
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) lat = lon = Number.NaN;
  const hasPosition = Number.isFinite(lat) && Number.isFinite(lon);
  const fix = typeof s.fixOk === 'boolean' ? s.fixOk : hasPosition ? true : undefined;
  return {
    t_ms,
    lat_deg: lat,
    lon_deg: lon,
    alt_rel_m: num(s.altRelM),
    alt_amsl_m: num(s.altAmslM),
    h_speed_mps: num(s.hSpeedMps),
    v_speed_mps: num(s.vSpeedMps),
    heading_deg: num(s.headingDeg),
    stick_roll: num(s.stickRoll),
    stick_pitch: num(s.stickPitch),
    stick_yaw: num(s.stickYaw),
    stick_throttle: num(s.stickThrottle),
    battery_pct: num(s.batteryPct),
    battery_v: num(s.batteryV),
    fix_ok: fix === undefined ? Number.NaN : fix ? 1 : 0,
  };
}

/** Epoch milliseconds of a sample's time, or null when it has none (or an invalid one). */
export function timeOf(time: Date | number | undefined): number | null {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}
