import type { FlightBuilder } from '../../model/index.ts';
import { navStateName } from './px4-names.ts';
import type { ULogDataHandler, ULogSubscription } from './read-ulog.ts';
import { type FieldReader, fieldReader } from './ulog-layout.ts';

/** Binds a field by its first present name (schemas drift between PX4 releases: key on names). */
export function bind(
  sub: ULogSubscription,
  ...names: string[]
): ((v: DataView, at: number) => number) | null {
  for (const name of names) {
    const f = sub.layout?.fields.get(name);
    if (!f) continue;
    const read: FieldReader = fieldReader(f.type);
    const off = f.offset;
    return (v, at) => read(v, at + off);
  }
  return null;
}

const DEG = 180 / Math.PI;

export interface DecodeContext {
  b: FlightBuilder;
  /** µs → seconds since the flight's t = 0. */
  t: (timestamp: number) => number;
}

export function localPositionDecoder(
  sub: ULogSubscription,
  { b, t }: DecodeContext,
): ULogDataHandler | undefined {
  const z = bind(sub, 'z');
  const vx = bind(sub, 'vx');
  const vy = bind(sub, 'vy');
  const vz = bind(sub, 'vz');
  const zValid = bind(sub, 'z_valid');
  if (!z) return undefined;
  let z0 = Number.NaN;
  return (v, at, ts) => {
    const s = t(ts);
    if (!zValid || zValid(v, at)) {
      const up = -z(v, at);
      // Height above take-off: PX4's local origin is where the estimator started, near take-off.
      if (Number.isNaN(z0)) z0 = up;
      b.sample('alt_rel_m', s, up - z0);
    }
    if (vx && vy) b.sample('h_speed_mps', s, Math.hypot(vx(v, at), vy(v, at)));
    if (vz) b.sample('v_speed_mps', s, -vz(v, at));
  };
}

export function attitudeDecoder(sub: ULogSubscription, { b, t }: DecodeContext): ULogDataHandler | undefined {
  const q0 = bind(sub, 'q[0]');
  const q1 = bind(sub, 'q[1]');
  const q2 = bind(sub, 'q[2]');
  const q3 = bind(sub, 'q[3]');
  const yaw = bind(sub, 'yaw');
  if (q0 && q1 && q2 && q3) {
    return (v, at, ts) => {
      const w = q0(v, at);
      const x = q1(v, at);
      const y = q2(v, at);
      const zz = q3(v, at);
      const psi = Math.atan2(2 * (w * zz + x * y), 1 - 2 * (y * y + zz * zz));
      b.sample('heading_deg', t(ts), (psi * DEG + 360) % 360);
    };
  }
  if (yaw) return (v, at, ts) => b.sample('heading_deg', t(ts), (yaw(v, at) * DEG + 360) % 360);
  return undefined;
}

export function globalPositionDecoder(
  sub: ULogSubscription,
  { b, t }: DecodeContext,
): ULogDataHandler | undefined {
  const alt = bind(sub, 'alt');
  return alt ? (v, at, ts) => b.sample('alt_amsl_m', t(ts), alt(v, at)) : undefined;
}

export function sticksDecoder(sub: ULogSubscription, { b, t }: DecodeContext): ULogDataHandler | undefined {
  const roll = bind(sub, 'roll');
  const pitch = bind(sub, 'pitch');
  const yaw = bind(sub, 'yaw');
  const throttle = bind(sub, 'throttle');
  if (roll && pitch && yaw && throttle) {
    return (v, at, ts) => {
      const s = t(ts);
      b.sample('stick_roll', s, roll(v, at));
      b.sample('stick_pitch', s, pitch(v, at));
      b.sample('stick_yaw', s, yaw(v, at));
      b.sample('stick_throttle', s, throttle(v, at));
    };
  }
  // Before PX4 v1.14: x = pitch, y = roll, r = yaw (all -1..1), z = throttle 0..1.
  const x = bind(sub, 'x');
  const y = bind(sub, 'y');
  const z = bind(sub, 'z');
  const r = bind(sub, 'r');
  if (!(x && y && z && r)) return undefined;
  return (v, at, ts) => {
    const s = t(ts);
    b.sample('stick_roll', s, y(v, at));
    b.sample('stick_pitch', s, x(v, at));
    b.sample('stick_yaw', s, r(v, at));
    b.sample('stick_throttle', s, 2 * z(v, at) - 1);
  };
}

export function batteryDecoder(sub: ULogSubscription, { b, t }: DecodeContext): ULogDataHandler | undefined {
  const remaining = bind(sub, 'remaining');
  const volts = bind(sub, 'voltage_filtered_v', 'voltage_v');
  return (v, at, ts) => {
    const s = t(ts);
    const r = remaining ? remaining(v, at) : -1;
    if (r >= 0 && r <= 1) b.sample('battery_pct', s, r * 100);
    const u = volts ? volts(v, at) : 0;
    if (u > 0) b.sample('battery_v', s, u);
  };
}

export function statusDecoder(sub: ULogSubscription, { b, t }: DecodeContext): ULogDataHandler | undefined {
  const nav = bind(sub, 'nav_state');
  const arming = bind(sub, 'arming_state');
  let armed = false;
  return (v, at, ts) => {
    const s = t(ts);
    if (nav) b.mode(s, navStateName(nav(v, at)));
    if (!arming) return;
    const now = arming(v, at) === 2;
    if (now !== armed) b.event(s, now ? 'armed' : 'disarmed');
    armed = now;
  };
}

export function cameraDecoder(_sub: ULogSubscription, { b, t }: DecodeContext): ULogDataHandler {
  return (_v, _at, ts) => b.event(t(ts), 'photo');
}
