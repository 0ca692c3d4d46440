/**
 * RC input (PWM µs) → normalised sticks. Uses RCMAP_* for which channel is which and RCn_MIN/TRIM/MAX/
 * REVERSED (or the older RCn_REV = -1) when the log holds them, else 1000/1500/2000 µs. ArduPilot's pitch
 * channel goes low when the stick is pushed forward, hence the sign flip: stick_pitch +1 means forward.
 */
export interface StickValues {
  roll: number;
  pitch: number;
  yaw: number;
  throttle: number;
}

export type ParamLookup = (name: string) => number | undefined;

export class StickMapper {
  private readonly params: ParamLookup;

  constructor(params: ParamLookup) {
    this.params = params;
  }

  /** 1-based channel numbers for roll, pitch, throttle, yaw. */
  channels(): { roll: number; pitch: number; throttle: number; yaw: number } {
    const p = this.params;
    return {
      roll: p('RCMAP_ROLL') ?? 1,
      pitch: p('RCMAP_PITCH') ?? 2,
      throttle: p('RCMAP_THROTTLE') ?? 3,
      yaw: p('RCMAP_YAW') ?? 4,
    };
  }

  /** `pwm(ch)` gives channel ch's µs (1-based); NaN when not logged. */
  map(pwm: (ch: number) => number): StickValues {
    const c = this.channels();
    return {
      roll: this.centred(c.roll, pwm(c.roll)),
      pitch: -this.centred(c.pitch, pwm(c.pitch)),
      yaw: this.centred(c.yaw, pwm(c.yaw)),
      throttle: this.linear(c.throttle, pwm(c.throttle)),
    };
  }

  private range(ch: number): { min: number; trim: number; max: number; sign: number } {
    const p = this.params;
    const min = p(`RC${ch}_MIN`) ?? 1000;
    const max = p(`RC${ch}_MAX`) ?? 2000;
    const trim = p(`RC${ch}_TRIM`) ?? (min + max) / 2;
    const reversed = p(`RC${ch}_REVERSED`) === 1 || p(`RC${ch}_REV`) === -1;
    return { min, trim, max, sign: reversed ? -1 : 1 };
  }

  private centred(ch: number, v: number): number {
    if (!(v > 0)) return Number.NaN;
    const r = this.range(ch);
    const x = v >= r.trim ? (v - r.trim) / (r.max - r.trim || 1) : (v - r.trim) / (r.trim - r.min || 1);
    return clamp(r.sign * x);
  }

  private linear(ch: number, v: number): number {
    if (!(v > 0)) return Number.NaN;
    const r = this.range(ch);
    const x = (2 * (v - r.min)) / (r.max - r.min || 1) - 1;
    return clamp(r.sign * x);
  }
}

function clamp(x: number): number {
  return Math.max(-1, Math.min(1, x));
}

/** GPS week + ms of week → Unix ms, with the leap seconds in force then (GPS time runs ahead of UTC). */
export function gpsTimeToUnixMs(week: number, msOfWeek: number): number {
  const GPS_EPOCH_MS = 315_964_800_000;
  const gpsMs = GPS_EPOCH_MS + week * 604_800_000 + msOfWeek;
  const leap =
    gpsMs >= 1_483_228_800_000 ? 18 : gpsMs >= 1_435_708_800_000 ? 17 : gpsMs >= 1_341_100_800_000 ? 16 : 15;
  return gpsMs - leap * 1000;
}
