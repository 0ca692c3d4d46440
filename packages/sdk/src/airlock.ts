import { type Mechanism, type RandomSource, radioRulesFor } from '@airlock/core';
import {
  type CheckOptions,
  createLocationChecker,
  type LocationCheckResult,
  type LocationPosition,
} from './location/index.ts';
import { type RegionInput, type RegionResult, resolveRegion } from './region/index.ts';
import { type KeyValueStorage, memoryStorage } from './storage/index.ts';
import {
  type BeforeSendHook,
  createTransport,
  type FetchLike,
  type SendListener,
} from './transport/index.ts';
import {
  createWarningEngine,
  type FlightState,
  type WarningEngineOptions,
  type WarningReport,
} from './warnings/index.ts';

export interface AirlockOptions {
  /** Base URL of the Airlock server. */
  serverUrl: string;
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Where zone data is cached: `localStorage`, AsyncStorage...; default in memory (lost on restart). */
  storage?: KeyValueStorage;
  /** Location privacy mechanism; default 'cell'. */
  mechanism?: Mechanism;
  /** Zones within this distance must be in the data, metres; default 5000. */
  lookAheadM?: number;
  now?: () => Date;
  /** Randomness for the 'uniform' mechanism (tests only); default secure. */
  random?: RandomSource;
  /** Run before every request, in order; any can stop it (the consent check and ledger go here). */
  beforeSend?: BeforeSendHook[];
  /** Cached zone data older than this is deleted, seconds; default 7 days. */
  hardExpiryS?: number;
  warnings?: WarningEngineOptions;
  /**
   * When `warnings()` finds no data for the position, data not reaching the horizon or stale data, it
   * starts a location check in the background (at most every 30 s); default true.
   */
  autoCheck?: boolean;
}

export interface Airlock {
  /** Zones, radio rules and data age for the position. Never rejects. */
  checkLocation(position: LocationPosition, options?: CheckOptions): Promise<LocationCheckResult>;
  /** The country and radio rules: GPS on the device, else MCC, else the server (IP). Never rejects. */
  region(input?: Omit<RegionInput, 'transport'>): Promise<RegionResult>;
  /** The warnings for one state of the drone, at up to 10 Hz, on the device. Never throws. */
  warnings(state: FlightState): WarningReport;
  /** Told about every request just before it leaves; returns the remover. */
  onSend(listener: SendListener): () => void;
  /** Deletes the cached zone data. */
  clearCache(): Promise<void>;
}

const AUTO_CHECK_INTERVAL_MS = 30_000;

/**
 * The SDK in one object: one transport, the location check with its offline cache, the region and
 * radio rules, and the on-device warning engine. No method throws into the flight app: failures come
 * back as results with `error`.
 */
export function createAirlock(options: AirlockOptions): Airlock {
  try {
    return assemble(options);
  } catch (error) {
    return broken(`createAirlock: ${messageOf(error)}`);
  }
}

function assemble(options: AirlockOptions): Airlock {
  const now = options.now ?? (() => new Date());
  const transport = createTransport({
    serverUrl: options.serverUrl,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.beforeSend ? { beforeSend: options.beforeSend } : {}),
  });
  const checker = createLocationChecker({
    transport,
    storage: options.storage ?? memoryStorage(),
    now,
    ...(options.mechanism ? { mechanism: options.mechanism } : {}),
    ...(options.lookAheadM !== undefined ? { lookAheadM: options.lookAheadM } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.hardExpiryS !== undefined ? { hardExpiryS: options.hardExpiryS } : {}),
  });
  const engine = createWarningEngine(options.warnings);
  const autoCheck = options.autoCheck ?? true;
  let autoCheckAt = Number.NEGATIVE_INFINITY;
  let autoChecking = false;

  function maybeCheckInBackground(state: FlightState, report: WarningReport): void {
    if (!autoCheck || autoChecking || report.error !== undefined) return;
    if (report.coverage === 'full' && !report.dataStale) return;
    const t = now().getTime();
    if (t - autoCheckAt < AUTO_CHECK_INTERVAL_MS) return;
    autoCheckAt = t;
    autoChecking = true;
    checker
      .check({ lon: state.lon, lat: state.lat })
      .catch(() => undefined)
      .finally(() => {
        autoChecking = false;
      });
  }

  return {
    async checkLocation(position, checkOptions) {
      try {
        return await checker.check(position, checkOptions);
      } catch (error) {
        return noLocation(`checkLocation: ${messageOf(error)}`);
      }
    },
    async region(input = {}) {
      try {
        return await resolveRegion({ ...input, transport });
      } catch (error) {
        return {
          countries: [],
          source: 'unknown',
          radio: radioRulesFor([]),
          error: `region: ${messageOf(error)}`,
        };
      }
    },
    warnings(state) {
      let report: WarningReport;
      try {
        report = engine.update(checker.currentArea(), state);
      } catch (error) {
        return unknownReport(`warnings: ${messageOf(error)}`);
      }
      try {
        maybeCheckInBackground(state, report);
      } catch {
        // A failed background check changes nothing in the report just made.
      }
      return report;
    },
    onSend(listener) {
      try {
        return transport.onSend(listener);
      } catch {
        return () => false;
      }
    },
    async clearCache() {
      try {
        await checker.clearCache();
      } catch {
        // clearCache already swallows storage failures; nothing else can go wrong here.
      }
    },
  };
}

/** An Airlock whose every method answers with the construction error: still never throws. */
function broken(error: string): Airlock {
  return {
    checkLocation: async () => noLocation(error),
    region: async () => ({ countries: [], source: 'unknown', radio: radioRulesFor([]), error }),
    warnings: () => unknownReport(error),
    onSend: () => () => false,
    clearCache: async () => undefined,
  };
}

function noLocation(error: string): LocationCheckResult {
  return {
    coverage: 'none',
    source: 'none',
    stale: false,
    ageS: null,
    datasetVersion: null,
    zones: null,
    area: null,
    zoneCount: 0,
    skippedZones: 0,
    countries: [],
    radio: radioRulesFor([]),
    offline: false,
    requestsSent: 0,
    error,
  };
}

function unknownReport(error: string): WarningReport {
  return {
    status: 'unknown',
    coverage: 'none',
    inside: [],
    approaching: [],
    ceilingM: null,
    ceilingZone: null,
    temporary: [],
    dataAgeS: null,
    dataStale: false,
    horizonM: 0,
    inputIssues: [],
    error,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
