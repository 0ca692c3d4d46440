import type { FlightState } from '@airlock/sdk';

/** The simulated drone's rate: the warning engine is made for 10 Hz, as a flight app calls it. */
export const TICK_MS = 100;

const EARTH_RADIUS_M = 6_371_008.8;
const CRUISE_MPS = 12;
const CLIMB_MPS = 3;
const CRUISE_ALT_M = 60;

export interface SimStep {
  state: FlightState;
  /** Metres flown since take-off. */
  distanceM: number;
}

/**
 * A flight out and back from the chosen place: climb to 60 m, fly east at 12 m/s for `legS`
 * seconds, turn, fly back and descend. Plain kinematics, enough to carry the drone into and out of
 * the zones east of the take-off point; the SDK sees it as it would see a real drone's state.
 */
export function simulatedState(home: { lon: number; lat: number }, tS: number, legS = 40): SimStep {
  const out = Math.min(tS, legS);
  const back = Math.max(0, Math.min(tS - legS, legS));
  const eastM = CRUISE_MPS * (out - back);
  const returning = tS > legS;
  const altAglM = Math.max(0, Math.min(CRUISE_ALT_M, CLIMB_MPS * tS, CLIMB_MPS * (2 * legS + 5 - tS)));
  const east = tS >= 2 * legS ? 0 : returning ? -CRUISE_MPS : CRUISE_MPS;
  const lat = home.lat;
  const lon = home.lon + (eastM / (EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180))) * (180 / Math.PI);
  return {
    state: { lon, lat, altAglM, velocity: { east, north: 0 }, time: new Date() },
    distanceM: CRUISE_MPS * (out + back),
  };
}

/** Whole flight length in seconds for a leg: out, back, and the last metres of descent. */
export const flightSeconds = (legS = 40) => 2 * legS + 5;

/** A path the Fly page flies: the simulated one, or a synced log replayed. */
export interface FlyPath {
  home: { lon: number; lat: number };
  durationS: number;
  at(tS: number): SimStep;
}

/** The default flight: out east from `home` and back. */
export function simulatedPath(home: { lon: number; lat: number }): FlyPath {
  return { home, durationS: flightSeconds(), at: (tS) => simulatedState(home, tS) };
}

/** The columns of a log's chart series the replay reads (the API's /series answer). */
export interface ReplaySeries {
  t_s: number[];
  channels: { lat_deg?: (number | null)[]; lon_deg?: (number | null)[]; alt_rel_m?: (number | null)[] };
}

/**
 * A synced log flown again, in real time from its first fix: positions interpolated between the
 * series' rows (at most 2,000, so a few seconds apart at worst), velocity from the neighbouring rows,
 * height above take-off as the log says. Null when the log has fewer than two fixes.
 */
export function replayPath(series: ReplaySeries): FlyPath | null {
  const { lat_deg: lat = [], lon_deg: lon = [], alt_rel_m: alt = [] } = series.channels;
  const rows: { t: number; lon: number; lat: number; alt: number }[] = [];
  for (let i = 0; i < series.t_s.length; i++) {
    const la = lat[i];
    const lo = lon[i];
    if (la == null || lo == null || (la === 0 && lo === 0)) continue;
    rows.push({ t: series.t_s[i], lon: lo, lat: la, alt: alt[i] ?? rows.at(-1)?.alt ?? 0 });
  }
  if (rows.length < 2) return null;
  const t0 = rows[0].t;
  const durationS = rows[rows.length - 1].t - t0;
  const mPerDegLat = (EARTH_RADIUS_M * Math.PI) / 180;
  let at = 0;
  let flown = 0;
  let flownTo = 0;
  return {
    home: { lon: rows[0].lon, lat: rows[0].lat },
    durationS,
    at(tS) {
      const t = t0 + Math.max(0, Math.min(durationS, tS));
      if (rows[at].t > t) at = 0;
      while (at < rows.length - 2 && rows[at + 1].t <= t) at++;
      const a = rows[at];
      const b = rows[at + 1];
      const k = b.t > a.t ? Math.max(0, Math.min(1, (t - a.t) / (b.t - a.t))) : 0;
      const mPerDegLon = mPerDegLat * Math.cos((a.lat * Math.PI) / 180);
      const dt = Math.max(b.t - a.t, 1e-3);
      const legM = (p: (typeof rows)[number], q: (typeof rows)[number]) =>
        Math.hypot((q.lon - p.lon) * mPerDegLon, (q.lat - p.lat) * mPerDegLat);
      if (flownTo > at) [flown, flownTo] = [0, 0];
      for (; flownTo < at; flownTo++) flown += legM(rows[flownTo], rows[flownTo + 1]);
      return {
        state: {
          lon: a.lon + (b.lon - a.lon) * k,
          lat: a.lat + (b.lat - a.lat) * k,
          altAglM: Math.max(0, a.alt + (b.alt - a.alt) * k),
          velocity: { east: ((b.lon - a.lon) * mPerDegLon) / dt, north: ((b.lat - a.lat) * mPerDegLat) / dt },
          time: new Date(),
        },
        distanceM: flown + k * legM(a, b),
      };
    },
  };
}
