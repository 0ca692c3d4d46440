import type { FlightState } from './types.ts';

const RAD = Math.PI / 180;

/** The state checked once: unknown values are NaN, and what had to be ignored is said in `issues`. */
export interface FlightInput {
  lon: number;
  lat: number;
  t: number;
  altAglM: number;
  altAmslM: number;
  /** Velocity east/north, m/s; NaN when the direction is unknown. */
  east: number;
  north: number;
  /** Ground speed, m/s (0 when unknown). */
  speed: number;
  issues: readonly string[];
}

const NO_ISSUES: readonly string[] = Object.freeze([]);

/** Reads a state; returns a message (the report becomes 'unknown') when the position or time is unusable. */
export function readFlightInput(state: FlightState | null | undefined): FlightInput | string {
  if (!state || typeof state !== 'object') return 'state must be an object { lon, lat, time, ... }';
  const { lon, lat } = state;
  if (!(typeof lon === 'number' && Number.isFinite(lon)))
    return `lon must be a finite number, got ${String(lon)}`;
  if (!(typeof lat === 'number' && lat >= -90 && lat <= 90))
    return `lat must be within [-90, 90], got ${String(lat)}`;
  const t = state.time instanceof Date ? state.time.getTime() : Number.NaN;
  if (!Number.isFinite(t)) return `time must be a valid Date, got ${String(state.time)}`;
  let issues: string[] | null = null;
  const note = (issue: string) => {
    issues ??= [];
    issues.push(issue);
  };
  const altAglM = optional(state.altAglM, 'altAglM', note);
  const altAmslM = optional(state.altAmslM, 'altAmslM', note);
  let east = Number.NaN;
  let north = Number.NaN;
  let speed = 0;
  const v = state.velocity;
  if (v !== undefined && v !== null) {
    if (Number.isFinite(v.east) && Number.isFinite(v.north)) {
      east = v.east;
      north = v.north;
      speed = Math.sqrt(east * east + north * north);
    } else note('velocity is not finite: ignored');
  } else if (state.speedMps !== undefined) {
    if (Number.isFinite(state.speedMps) && (state.speedMps as number) >= 0) {
      speed = state.speedMps as number;
      if (Number.isFinite(state.headingDeg)) {
        east = speed * Math.sin((state.headingDeg as number) * RAD);
        north = speed * Math.cos((state.headingDeg as number) * RAD);
      } else if (state.headingDeg !== undefined) note('headingDeg is not finite: ignored');
    } else note('speedMps is not a finite number ≥ 0: ignored');
  }
  const lonIn = lon > 180 || lon < -180 ? wrap(lon) : lon;
  return { lon: lonIn, lat, t, altAglM, altAmslM, east, north, speed, issues: issues ?? NO_ISSUES };
}

function optional(value: number | undefined, name: string, note: (issue: string) => void): number {
  if (value === undefined || value === null) return Number.NaN;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  note(`${name} is not finite: ignored (every layer counts as reached)`);
  return Number.NaN;
}

function wrap(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
