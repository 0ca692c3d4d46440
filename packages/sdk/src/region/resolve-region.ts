import { countriesForMcc, countriesNear, type RadioRules, radioRulesFor } from '@airlock/core';
import type { Transport } from '../transport/index.ts';

/** Added to the GPS accuracy: country-coder's borders are simplified by up to about a kilometre. */
const BORDER_SLACK_M = 1000;
export const COUNTRY_PATH = '/v1/location/country';

export interface RegionInput {
  /** A GPS fix; its coordinates never leave the device (the lookup runs on it). */
  gps?: { lon: number; lat: number; accuracyM?: number } | null;
  /** Mobile country code of the SIM/network, three digits. */
  mcc?: string | number | null;
  /** Asked only when neither GPS nor MCC gave an answer; without it, the region stays unknown. */
  transport?: Transport;
}

export interface RegionResult {
  /** Candidate countries, ISO 3166-1 alpha-2, sorted; several near borders, empty when unknown. */
  countries: readonly string[];
  source: 'gps' | 'mcc' | 'ip' | 'unknown';
  /** The strictest rules over the candidates; the strict default (2.4 GHz at 20 dBm) when unknown. */
  radio: RadioRules;
  error?: string;
}

/**
 * Which country (or countries) the drone is in, and so which radio rules apply: from GPS on the
 * device (every country within the fix's accuracy + 1 km), else from the MCC, else by asking the
 * server, which derives a country from the request's IP and forgets it. Never rejects.
 *
 * @example
 * await resolveRegion({ gps: { lon: 8.54, lat: 47.37, accuracyM: 10 } }); // { countries: ['CH'], source: 'gps', ... }
 */
export async function resolveRegion(input: RegionInput): Promise<RegionResult> {
  try {
    const gps = input.gps;
    if (gps && Number.isFinite(gps.lon) && Number.isFinite(gps.lat) && gps.lat >= -90 && gps.lat <= 90) {
      const accuracy = Number.isFinite(gps.accuracyM) && (gps.accuracyM as number) > 0 ? gps.accuracyM! : 0;
      const countries = countriesNear(gps.lon, gps.lat, accuracy + BORDER_SLACK_M);
      // At sea the answer is empty: that is the GPS's answer (international waters), strict radio rules.
      return result(countries, 'gps');
    }
    if (input.mcc !== undefined && input.mcc !== null) {
      const countries = countriesForMcc(input.mcc);
      if (countries.length > 0) return result(countries, 'mcc');
    }
    if (input.transport) return await askServer(input.transport);
    return result([], 'unknown');
  } catch (error) {
    return {
      ...result([], 'unknown'),
      error: `region: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

async function askServer(transport: Transport): Promise<RegionResult> {
  const response = await transport.send({ category: 'location_check', method: 'GET', path: COUNTRY_PATH });
  if (!response.ok) {
    return { ...result([], 'unknown'), error: response.error ?? `server answered HTTP ${response.status}` };
  }
  try {
    const doc = JSON.parse(response.body) as { countries?: unknown; source?: unknown };
    const countries = Array.isArray(doc.countries)
      ? doc.countries.filter((c): c is string => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c))
      : [];
    return doc.source === 'ip' && countries.length > 0 ? result(countries, 'ip') : result([], 'unknown');
  } catch {
    return { ...result([], 'unknown'), error: 'server answer is not JSON' };
  }
}

function result(countries: readonly string[], source: RegionResult['source']): RegionResult {
  const radio = radioRulesFor(countries);
  return { countries: radio.countries, source, radio };
}
