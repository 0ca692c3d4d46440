/**
 * IP address → country, offline, for the location check's last resort (SPEC: "the server may derive
 * a country from the request's IP address (country only, never stored)").
 *
 * PRIVACY-CRITICAL: this module never logs, stores, caches or echoes an IP address, not even in an
 * error. lookup() keeps no reference to its argument and answers only a country code. Keep it so.
 *
 * Data: @ip-location-db/geo-whois-asn-country (the package is marked CC0-1.0; its WHOIS and ASN
 * inputs come from the five RIRs via the NRO under CC BY 4.0, so credit "nro.net" where the
 * answer is shown: see `attribution`).
 */
import { defaultDataDir, type IpTables, NO_COUNTRY } from './ip-tables.ts';
import { loadIpTablesInWorker } from './load-in-worker.ts';
import { parsePublicIp } from './parse-ip.ts';

export interface IpCountryLookup {
  /**
   * ISO 3166-1 alpha-2 code registered for the address, or null for private, loopback, reserved,
   * unknown or malformed input. Never throws.
   */
  lookup(ip: string): string | null;
  /** Credit line for the data, to show wherever a country derived from it is shown. */
  readonly attribution: string;
  /** Number of disjoint segments held, for diagnostics. */
  readonly segments: { readonly ipv4: number; readonly ipv6: number };
}

export interface IpCountryLookupOptions {
  /** Folder holding the two -num.csv files; defaults to the installed package. */
  dataDir?: string;
}

const ATTRIBUTION =
  'IP country data: ip-location-db geo-whois-asn-country (https://github.com/sapics/ip-location-db), ' +
  'from RIR WHOIS and ASN data by the NRO (nro.net), CC BY 4.0';

const loads = new Map<string, Promise<IpTables>>();

/**
 * Loads the IP tables (once per process and folder; later calls share them) and returns a lookup.
 * The first call takes a second or two, spent in a worker thread: the event loop keeps answering
 * other requests meanwhile. Prints nothing.
 *
 * @example
 * const ipCountry = await createIpCountryLookup();
 * ipCountry.lookup('8.8.8.8');      // 'US'
 * ipCountry.lookup('192.168.1.1');  // null
 */
export async function createIpCountryLookup(options: IpCountryLookupOptions = {}): Promise<IpCountryLookup> {
  const dir = options.dataDir ?? defaultDataDir();
  let load = loads.get(dir);
  if (load === undefined) {
    load = loadIpTablesInWorker(dir);
    loads.set(dir, load);
    // A failed load must not be cached for good: the next call retries.
    load.catch(() => loads.delete(dir));
  }
  const tables = await load;
  return {
    lookup: (ip) => lookupIn(tables, ip),
    attribution: ATTRIBUTION,
    segments: { ipv4: tables.v4Starts.length, ipv6: tables.v6Starts.length / 4 },
  };
}

function lookupIn(tables: IpTables, ip: string): string | null {
  let parsed: ReturnType<typeof parsePublicIp>;
  try {
    parsed = parsePublicIp(ip);
  } catch {
    return null; // defensive: parsePublicIp validates first, but lookup() must never throw
  }
  if (parsed === null) return null;
  const index =
    parsed.version === 4
      ? tables.v4Countries[lastStartAtOrBelowV4(tables.v4Starts, parsed.value)]
      : tables.v6Countries[lastStartAtOrBelowV6(tables.v6Starts, parsed.words)];
  return index === undefined || index === NO_COUNTRY ? null : tables.codes[index];
}

/** Index of the last start ≤ value, or -1 (whose country lookup gives undefined). */
function lastStartAtOrBelowV4(starts: Uint32Array, value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function compareV6(starts: Uint32Array, i: number, words: readonly number[]): number {
  for (let k = 0; k < 4; k++) {
    const d = starts[i * 4 + k] - words[k];
    if (d !== 0) return d;
  }
  return 0;
}

function lastStartAtOrBelowV6(starts: Uint32Array, words: readonly number[]): number {
  let lo = 0;
  let hi = starts.length / 4 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareV6(starts, mid, words) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
