import type { Flight } from './flight.ts';

/**
 * Whether a parsed log holds anything of a flight: a fix, a sampled value, or a figure the file states
 * about itself. A bare header (16 bytes of ULog, `<gpx></gpx>`, a CSV header line) holds none, and
 * storing it as a log would show the pilot an empty flight.
 *
 * @example
 * if (!hasFlightData(parseGpx(bytes))) throw new NoFlightDataError('no track, samples or figures');
 */
export function hasFlightData(flight: Flight): boolean {
  return (
    flight.track.lat_deg.length > 0 ||
    flight.samples.t_s.length > 0 ||
    Object.values(flight.stated).some((v) => v !== undefined)
  );
}
