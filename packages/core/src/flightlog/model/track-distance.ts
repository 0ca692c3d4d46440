import { distanceM } from '../../geo/index.ts';
import type { Flight, FlightTrack } from './flight.ts';

function trackOf(input: Flight | FlightTrack): FlightTrack {
  return 'track' in input ? input.track : input;
}

/**
 * Length of the track in metres: haversine between consecutive fixes of the same segment (the gap
 * between two GPX tracks or KML lines was not flown as a straight line, if at all). The track holds
 * validated fixes only, so invalid ones are already dropped (they would add jumps to 0,0 or to a
 * drifting position).
 * @example trackDistance(parseFlightLog(bytes).flight) // 405.07 for log171.bin
 */
export function trackDistance(input: Flight | FlightTrack): number {
  const { lat_deg: lat, lon_deg: lon, segment_starts: starts } = trackOf(input);
  let sum = 0;
  let next = 1;
  for (let i = 1; i < lat.length; i++) {
    while (next < starts.length && starts[next] < i) next++;
    if (next < starts.length && starts[next] === i) continue;
    sum += distanceM(lon[i - 1], lat[i - 1], lon[i], lat[i]);
  }
  return sum;
}

/** Farthest fix from the first one (home), metres; null without fixes. */
export function maxDistanceFromHome(input: Flight | FlightTrack): number | null {
  const { lat_deg: lat, lon_deg: lon } = trackOf(input);
  if (lat.length === 0) return null;
  let max = 0;
  for (let i = 1; i < lat.length; i++) max = Math.max(max, distanceM(lon[0], lat[0], lon[i], lat[i]));
  return max;
}
