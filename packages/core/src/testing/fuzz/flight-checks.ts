import {
  FLIGHT_LIMITS,
  flightToCsv,
  flightToGeoJSON,
  flightToGpx,
  flightToKml,
  type ParsedFlightLog,
} from '../../flightlog/index.ts';

const MAP_POINTS = 2000;

/** GPX and KML date every point, so their span is bounded by the plausible years (FlightBuilder). */
const maxSpan = (format: string) =>
  format === 'gpx' || format === 'kml' ? FLIGHT_LIMITS.maxCalendarSpanS : FLIGHT_LIMITS.maxSpanS;

/**
 * What the server does with an accepted log, all of it: the summary as JSON, the map track (2,000
 * points), and every export at full resolution. Throws (a plain Error naming the broken promise) when
 * an accepted log breaks one: the summary must hold only plausible figures, and the log must hold data.
 */
export function checkAcceptedFlight(parsed: ParsedFlightLog): void {
  const { flight, summary } = parsed;
  JSON.stringify(summary);
  const d = summary.duration_s;
  if (d !== null && !(Number.isFinite(d) && d >= 0 && d <= maxSpan(flight.format)))
    throw new Error(`accepted a log with duration_s ${d}`);
  if (summary.start !== null) {
    const year = new Date(summary.start).getUTCFullYear();
    if (!(year >= FLIGHT_LIMITS.minYear && year <= FLIGHT_LIMITS.maxYear))
      throw new Error(`accepted a log starting ${summary.start}`);
  }
  for (const [k, v] of Object.entries(summary))
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`accepted a log with ${k} ${v}`);
  if (
    flight.track.t_s.length === 0 &&
    flight.samples.t_s.length === 0 &&
    Object.keys(flight.stated).length === 0
  )
    throw new Error('accepted a log without flight data');
  JSON.stringify(flightToGeoJSON(flight, { maxPoints: MAP_POINTS }));
  // Up to MAP_POINTS fixes the map track is the whole track: writing it twice would test nothing more.
  if (flight.track.t_s.length > MAP_POINTS) JSON.stringify(flightToGeoJSON(flight));
  flightToCsv(flight);
  flightToGpx(flight);
  flightToKml(flight);
}
