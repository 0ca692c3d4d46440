import { FlightLogError, type FlightLogFormat, parseFlightLog } from '../../flightlog/index.ts';
import { checkAcceptedFlight } from './flight-checks.ts';
import type { FuzzTarget } from './fuzz-targets.ts';
import type { ReadSample } from './seed-files.ts';

const EXTENSION: Record<FlightLogFormat, string> = {
  ulog: 'ulg',
  dataflash: 'bin',
  tlog: 'tlog',
  'airdata-csv': 'csv',
  gpx: 'gpx',
  kml: 'kml',
  'dji-txt': 'txt',
  airlock: 'aflr',
};

/** A flight-log reader: bytes in, then everything the product makes of an accepted log. */
export function flightTarget(format: FlightLogFormat, seeds: (read: ReadSample) => Uint8Array[]): FuzzTarget {
  return {
    name: format,
    seeds,
    run(input, seed) {
      // One case in four goes through detection by content and name, as an upload does.
      const parsed =
        seed % 4 === 0
          ? parseFlightLog(input, { name: `fuzz.${EXTENSION[format]}` })
          : parseFlightLog(input, { format });
      checkAcceptedFlight(parsed);
      return parsed;
    },
    refusal: (e) => e instanceof FlightLogError,
  };
}
