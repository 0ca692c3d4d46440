import { type RadioRules, radioRulesFor } from '@airlock/core/radio';
import { countriesForMcc } from '@airlock/core/region';
import type { Transport } from '../transport/index.ts';

/**
 * The server's IP-to-country endpoint, asked only when neither GPS nor MCC answered.
 *
 * @example
 * COUNTRY_PATH; // '/v1/location/country'
 */
export const COUNTRY_PATH = '/v1/location/country';

/**
 * A GPS fix; its coordinates never leave the device.
 *
 * @example
 * const fix: GpsFix = { lon: 6.9125, lat: 46.4334, accuracyM: 8 };
 * const { countries } = await airlock.region({ gps: fix });
 */
export interface GpsFix {
  lon: number;
  lat: number;
  accuracyM?: number;
}

/**
 * What the region is found from: a GPS fix (never sent), else the SIM's mobile country code, else the
 * server (which looks up the request's IP and forgets it).
 *
 * @example
 * const input: RegionInput = { gps: { lon: 6.91, lat: 46.43, accuracyM: 10 }, mcc: '228' };
 * const region = await airlock.region(input);
 */
export interface RegionInput {
  /** A GPS fix; its coordinates never leave the device. */
  gps?: GpsFix | null;
  /** Mobile country code of the SIM/network, three digits. */
  mcc?: string | number | null;
  /** Asked only when neither GPS nor MCC gave an answer; without it, the region stays unknown. */
  transport?: Transport;
}

/**
 * The countries the drone may be in, where that came from, and the strictest radio rules over them.
 *
 * @example
 * const result: RegionResult = await airlock.region({ mcc: '228' });
 * // { countries: ['CH'], source: 'mcc', radio: { bands: [...], ... } }
 */
export interface RegionResult {
  /** Candidate countries, ISO 3166-1 alpha-2, sorted; several near borders, empty when unknown. */
  countries: readonly string[];
  /**
   * 'gps': from country borders on the device; 'cell': from the location check's answer for the fix
   * (the countries of its grid cell); 'mcc'; 'ip': the server's lookup; 'unknown'.
   */
  source: 'gps' | 'cell' | 'mcc' | 'ip' | 'unknown';
  /** The strictest rules over the candidates; the strict default (2.4 GHz at 20 dBm) when unknown. */
  radio: RadioRules;
  error?: string;
}

/**
 * The countries for a valid GPS fix, or null when this source cannot tell (then the MCC and the
 * server are asked). `gpsFromBorders` (`@airlock/sdk/region`) answers on the device from borders.
 *
 * @example
 * const fromMyBorders: GpsCountries = async ({ lon, lat }) => ({ countries: myCountryLookup(lon, lat), source: 'gps' });
 * const airlock = createAirlock({ serverUrl, gpsRegion: fromMyBorders });
 */
export type GpsCountries = (
  gps: GpsFix,
) => Promise<{ countries: readonly string[]; source: 'gps' | 'cell' } | null>;

/**
 * The region from GPS through `fromGps`, else from the MCC, else by asking the server, which derives
 * a country from the request's IP and forgets it. Never rejects.
 */
export async function resolveRegionWith(input: RegionInput, fromGps: GpsCountries): Promise<RegionResult> {
  try {
    const gps = input.gps;
    if (gps && Number.isFinite(gps.lon) && Number.isFinite(gps.lat) && gps.lat >= -90 && gps.lat <= 90) {
      const found = await fromGps(gps);
      // At sea the answer is empty: that is the GPS's answer (international waters), strict radio rules.
      if (found) return regionOf(found.countries, found.source);
    }
    if (input.mcc !== undefined && input.mcc !== null) {
      const countries = countriesForMcc(input.mcc);
      if (countries.length > 0) return regionOf(countries, 'mcc');
    }
    if (input.transport) return await askServer(input.transport);
    return regionOf([], 'unknown');
  } catch (error) {
    return {
      ...regionOf([], 'unknown'),
      error: `region: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

async function askServer(transport: Transport): Promise<RegionResult> {
  const response = await transport.send({ category: 'location_check', method: 'GET', path: COUNTRY_PATH });
  if (!response.ok) {
    return { ...regionOf([], 'unknown'), error: response.error ?? `server answered HTTP ${response.status}` };
  }
  try {
    const doc = JSON.parse(response.body) as { countries?: unknown; source?: unknown };
    const countries = Array.isArray(doc.countries)
      ? doc.countries.filter((c): c is string => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c))
      : [];
    return doc.source === 'ip' && countries.length > 0 ? regionOf(countries, 'ip') : regionOf([], 'unknown');
  } catch {
    return { ...regionOf([], 'unknown'), error: 'server answer is not JSON' };
  }
}

/** A region result for the candidates, with the strictest radio rules over them. */
export function regionOf(countries: readonly string[], source: RegionResult['source']): RegionResult {
  const radio = radioRulesFor(countries);
  return { countries: radio.countries, source, radio };
}
