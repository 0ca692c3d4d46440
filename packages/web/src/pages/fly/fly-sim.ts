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
