import type { ZoneIndex } from '@airlock/core/geofence';
import type { Mechanism, RandomSource } from '@airlock/core/location-privacy';
import type { RadioRules } from '@airlock/core/radio';
import type { KeyValueStorage } from '../storage/index.ts';
import type { Transport } from '../transport/index.ts';
import type { LoadedArea } from './loaded-area.ts';

/**
 * A position fix as the app has it. Only the location-privacy mechanism's output leaves the device.
 *
 * @example
 * const fix: LocationPosition = { lon: 8.5492, lat: 47.4582, altM: 432, accuracyM: 5 };
 * const check = await airlock.checkLocation(fix);
 */
export interface LocationPosition {
  lon: number;
  lat: number;
  /** Not used by the location check (it is horizontal); accepted so a fix can be passed as it is. */
  altM?: number;
  /** Horizontal uncertainty, metres: widens the look-ahead so zones near the true position are covered. */
  accuracyM?: number;
}

/** Which zone pack the device holds: the 5° tile it is in, one country, or the whole world. */
export type ZonePackChoice = 'tile' | 'world' | { country: string };

/**
 * What `createLocationChecker` takes: the transport and storage, the privacy mechanism and look-ahead,
 * and how long cached answers are kept and trusted.
 *
 * @example
 * const options: LocationCheckerOptions = { transport, storage: localStorage, mechanism: 'cell', lookAheadM: 5000 };
 * const checker = createLocationChecker(options);
 */
export interface LocationCheckerOptions {
  transport: Transport;
  storage: KeyValueStorage;
  /** Privacy mechanism; default 'cell' (see docs/location-privacy.md). */
  mechanism?: Mechanism;
  /** Zones within this distance of the position must be in the data, metres; default 5000. */
  lookAheadM?: number;
  /** Randomness for the 'uniform' mechanism; default the secure source. */
  random?: RandomSource;
  now?: () => Date;
  /** Cached answers older than this are deleted, never used, seconds; default 7 days. */
  hardExpiryS?: number;
  /** Max-age used when the server names none, seconds; default 1 hour. */
  defaultMaxAgeS?: number;
  /** Answers kept in storage; default 8. */
  maxCachedAreas?: number;
  /** Storage key prefix; default 'airlock.location.v1:' ('airlock.packs.v1:' with zone packs). */
  storagePrefix?: string;
  /**
   * Zone packs instead of cell answers: the device holds the region's signed zones and sends only the
   * pack id and version, so the server learns nothing finer than the region (docs/location-privacy.md).
   */
  zonePacks?: ZonePackChoice;
  /** The server's zone-pack public key (raw Ed25519, base64url or bytes) pinned by the app; default: read once from the server. */
  zonePackKey?: string | Uint8Array;
}

/**
 * Options of one location check.
 *
 * @example
 * const options: CheckOptions = { refresh: true }; // pull to refresh: ask the server even with a fresh cache
 * const check = await airlock.checkLocation({ lon: 8.5492, lat: 47.4582 }, options);
 */
export interface CheckOptions {
  /** Ask the server even when a fresh cached answer covers the position (e.g. pull to refresh). */
  refresh?: boolean;
}

/**
 * What a location check found. `coverage: 'none'` means: no data for this place, so nothing is known.
 *
 * @example
 * const result: LocationCheckResult = await airlock.checkLocation({ lon: 8.5492, lat: 47.4582, accuracyM: 5 });
 * if (result.coverage === 'none') showBanner('No zone data here: airspace unknown');
 * else if (result.stale) showBanner(`Zone data is ${Math.round(result.ageS! / 3600)} h old`);
 * console.log(result.source, result.zoneCount, result.countries, result.radio);
 */
export interface LocationCheckResult {
  /** 'full': the zones cover the position and its look-ahead; 'none': there is no such data. */
  coverage: 'full' | 'none';
  /** 'network': given or confirmed by the server just now; 'cache': from the device; 'none': no data. */
  source: 'network' | 'cache' | 'none';
  /** The data is older than the server's max-age (it is still used, and the app should say so). */
  stale: boolean;
  /** Seconds since the server gave or confirmed the data; null without data. */
  ageS: number | null;
  datasetVersion: string | null;
  /** The zones of the covering area, ready for `assessPosition` or the warning engine. */
  zones: ZoneIndex | null;
  /** The covering area itself (zones, coverage, age): what the warning engine takes. */
  area: LoadedArea | null;
  zoneCount: number;
  /** Features of the answer that could not be read as zones. */
  skippedZones: number;
  countries: readonly string[];
  /** Strictest radio rules over `countries`; the strict default when there is no data. */
  radio: RadioRules;
  /** The server could not be reached this time. */
  offline: boolean;
  /** Requests sent by this check (0 when the cache answered). */
  requestsSent: number;
  error?: string;
}

/**
 * The location check on its own (`createLocationChecker`); `airlock.checkLocation` is one.
 *
 * @example
 * const checker: LocationChecker = createLocationChecker({ transport, storage: localStorage });
 * const result = await checker.check({ lon: 8.5492, lat: 47.4582 });
 * const area = checker.currentArea(); // for createWarningEngine().update(area, state)
 */
export interface LocationChecker {
  /** Never rejects: failures come back as a result with `error`. */
  check(position: LocationPosition, options?: CheckOptions): Promise<LocationCheckResult>;
  /** The area of the last successful check (null when none or hard-expired): for the warning engine. */
  currentArea(): LoadedArea | null;
  /** Deletes every cached answer. */
  clearCache(): Promise<void>;
}
