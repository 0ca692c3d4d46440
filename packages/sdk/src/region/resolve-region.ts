import { countriesNear } from '@airlock/core/borders';
import {
  type GpsCountries,
  type RegionInput,
  type RegionResult,
  resolveRegionWith,
} from '../region-rules/index.ts';

/** Added to the GPS accuracy: country-coder's borders are simplified by up to about a kilometre. */
const BORDER_SLACK_M = 1000;

/**
 * Countries from borders on the device, offline: every country within the fix's accuracy + 1 km.
 * Pass it to `createAirlock({ gpsRegion: gpsFromBorders })` for `airlock.region()` to use the borders
 * (about 230 kB gzip, hence an optional subpath) instead of the location check's answer.
 *
 * @example
 * import { gpsFromBorders } from '@airlock/sdk/region';
 * const airlock = createAirlock({ serverUrl, gpsRegion: gpsFromBorders });
 * await airlock.region({ gps: { lon: 6.9125, lat: 46.4334, accuracyM: 10 } }); // { countries: ['CH'], source: 'gps', ... }
 */
export const gpsFromBorders: GpsCountries = async (gps) => {
  const accuracy = Number.isFinite(gps.accuracyM) && (gps.accuracyM as number) > 0 ? gps.accuracyM! : 0;
  return { countries: countriesNear(gps.lon, gps.lat, accuracy + BORDER_SLACK_M), source: 'gps' };
};

/**
 * Which country (or countries) the drone is in, and so which radio rules apply: from GPS on the
 * device (every country within the fix's accuracy + 1 km), else from the MCC, else by asking the
 * server, which derives a country from the request's IP and forgets it. Never rejects.
 *
 * @example
 * await resolveRegion({ gps: { lon: 8.54, lat: 47.37, accuracyM: 10 } }); // { countries: ['CH'], source: 'gps', ... }
 */
export function resolveRegion(input: RegionInput): Promise<RegionResult> {
  return resolveRegionWith(input, gpsFromBorders);
}
