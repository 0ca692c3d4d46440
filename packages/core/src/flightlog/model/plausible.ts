import type { SampleChannel, StatedFigures } from './flight.ts';

/**
 * What a flight log may claim before it is called corrupt. A bit flip in a timestamp makes a 20-minute
 * flight 584,000 years long, and a date built from it is no date at all (exports threw "Invalid time
 * value"), so every parser's output passes through these bounds once, in FlightBuilder.build.
 *
 * @example
 * if (spanS > FLIGHT_LIMITS.maxSpanS) warnings.push('time jumps past a week: clock fault?');
 */
export const FLIGHT_LIMITS = {
  /** Longest span from t = 0 a log may cover: a week (tethered and fixed-wing logs run for days). */
  maxSpanS: 7 * 86_400,
  /**
   * The same for formats whose every point carries its own calendar date (GPX, KML): a file of many
   * tracks recorded on different days is a collection, not a corrupt clock, and each date is already
   * held to minYear..maxYear. Only the span of those years bounds it.
   */
  maxCalendarSpanS: 110 * 366 * 86_400,
  /** Earliest and latest plausible year of a flight's start. */
  minYear: 1990,
  maxYear: 2100,
} as const;

/**
 * Physical bounds per channel, wide enough for any aircraft that logs these formats: values outside
 * are decoding garbage (a NaN bit pattern, a 1e38 float, a mis-scaled integer), not flight.
 *
 * @example
 * const [min, max] = CHANNEL_BOUNDS.alt_rel_m; // [-20000, 100000]
 * const plausible = value >= min && value <= max;
 */
export const CHANNEL_BOUNDS: Record<SampleChannel, readonly [number, number]> = {
  lat_deg: [-90, 90],
  lon_deg: [-180, 180],
  alt_rel_m: [-20_000, 100_000],
  alt_amsl_m: [-2_000, 100_000],
  h_speed_mps: [-2_000, 2_000],
  v_speed_mps: [-2_000, 2_000],
  heading_deg: [-720, 720],
  stick_roll: [-10, 10],
  stick_pitch: [-10, 10],
  stick_yaw: [-10, 10],
  stick_throttle: [-10, 10],
  battery_pct: [-100, 1_000],
  battery_v: [-1, 10_000],
};

const STATED_BOUNDS: Record<keyof StatedFigures, readonly [number, number]> = {
  duration_s: [0, FLIGHT_LIMITS.maxSpanS],
  distance_m: [0, 1e8],
  max_alt_m: [-20_000, 100_000],
  max_speed_mps: [0, 2_000],
};

export function withinBounds(v: number, [lo, hi]: readonly [number, number]): boolean {
  return v >= lo && v <= hi;
}

/** A time in seconds from t = 0 that can be a moment of this flight (negative: before t = 0). */
export function isPlausibleTime(t_s: number, maxSpanS: number = FLIGHT_LIMITS.maxSpanS): boolean {
  return t_s >= -maxSpanS && t_s <= maxSpanS;
}

/** An ISO start whose year is plausible, else null. */
export function plausibleStart(start: string | null): string | null {
  if (start === null) return null;
  const ms = Date.parse(start);
  if (!Number.isFinite(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= FLIGHT_LIMITS.minYear && year <= FLIGHT_LIMITS.maxYear ? new Date(ms).toISOString() : null;
}

/** The stated figures that are plausible; the rest are left out (and named in `dropped`). */
export function plausibleStated(stated: StatedFigures, dropped: string[]): StatedFigures {
  const out: StatedFigures = {};
  for (const key of Object.keys(STATED_BOUNDS) as (keyof StatedFigures)[]) {
    const v = stated[key];
    if (v === undefined) continue;
    if (withinBounds(v, STATED_BOUNDS[key])) out[key] = v;
    else dropped.push(key);
  }
  return out;
}
