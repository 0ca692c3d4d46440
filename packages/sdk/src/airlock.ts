import type { Mechanism, RandomSource } from '@airlock/core/location-privacy';
import { radioRulesFor } from '@airlock/core/radio';
import { messageOf, noLocation, unknownReport } from './airlock-fallbacks.ts';
import {
  type AirlockLedger,
  type AirlockSettings,
  assemblePrivacy,
  inertPrivacy,
  type TelemetryTuning,
} from './airlock-privacy.ts';
import { type ConsentProfile, createConsent } from './consent/index.ts';
import type { LedgerOptions } from './ledger/index.ts';
import {
  type CheckOptions,
  createLocationChecker,
  type LocationCheckResult,
  type LocationPosition,
  type ZonePackChoice,
} from './location/index.ts';
import type { AirlockMedia, MediaDeps } from './media/index.ts';
import type { Sha256 } from './platform/index.ts';
import {
  type AppendStore,
  createFlightRecorder,
  type FlightRecorder,
  type FlightRecorderOptions,
  memoryAppendStore,
} from './recorder/index.ts';
import {
  type GpsCountries,
  type RegionInput,
  type RegionResult,
  resolveRegionWith,
} from './region-rules/index.ts';
import { type KeyValueStorage, memoryStorage } from './storage/index.ts';
import { createSync, type SyncCallOptions, type SyncOptions, type SyncReport } from './sync/index.ts';
import type { Telemetry, TelemetryContext } from './telemetry/index.ts';
import {
  type BeforeSendHook,
  createTransport,
  type FetchLike,
  type OhttpModule,
  type SendListener,
} from './transport/index.ts';
import {
  createWarningEngine,
  type FlightState,
  type WarningEngineOptions,
  type WarningReport,
} from './warnings/index.ts';

/**
 * What `createAirlock` takes: the server's URL, and optionally the platform (`fetch`, `storage`,
 * `sha256`), the privacy mechanism, profile and hooks, and the stores for flights and Sync.
 *
 * @example
 * const options: AirlockOptions = {
 *   serverUrl: 'https://airlock.example.com',
 *   storage: localStorage,
 *   profile: 'strict',
 *   context: { app_version: '4.2.0', os: 'android', os_version: '14', device_model: 'Pixel 8' },
 * };
 * const airlock = createAirlock(options);
 */
export interface AirlockOptions {
  /** Base URL of the Airlock server. */
  serverUrl: string;
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * An Oblivious HTTP relay (`airlock relay`): every location check and telemetry report is then
   * encrypted to the server and sent through it, so the server never sees the device's address and
   * the relay never sees what is asked. Nothing else changes (see docs/oblivious-http.md).
   */
  relayUrl?: string;
  /** The server's OHTTP keys (application/ohttp-keys bytes) pinned in the app; default: read through the relay. */
  ohttpKeys?: Uint8Array;
  /** `obliviousHttp` from `@airlock/sdk/relay`, needed with `relayUrl` (kept out of apps without a relay). */
  ohttp?: OhttpModule;
  /**
   * Where zone data, privacy settings, the ledger and queued telemetry are kept: `localStorage`,
   * AsyncStorage...; default in memory (all lost on restart).
   */
  storage?: KeyValueStorage;
  /** Location privacy mechanism; default 'cell'. */
  mechanism?: Mechanism;
  /** Zones within this distance must be in the data, metres; default 5000. */
  lookAheadM?: number;
  /**
   * Hold signed zone packs ('tile': the 5° tile the device is in, { country }, or 'world') and decide
   * on the device: a check then sends only the pack id and version (docs/location-privacy.md).
   */
  zonePacks?: ZonePackChoice;
  /** The server's zone-pack public key pinned by the app (raw Ed25519, base64url); default: read once. */
  zonePackKey?: string | Uint8Array;
  now?: () => Date;
  /** Randomness for the 'uniform' mechanism (tests only); default secure. */
  random?: RandomSource;
  /** Run before every request, in order, after the consent check and before the ledger; any can stop it. */
  beforeSend?: BeforeSendHook[];
  /** Defaults for what the pilot has not chosen: 'reference' (SPEC.md) or 'strict' (opt-in); default 'reference'. */
  profile?: ConsentProfile;
  /** App and device facts sent with telemetry; without it no telemetry is collected. */
  context?: TelemetryContext;
  /** Ledger retention and payload size: default 5000 entries, 90 days, 64 KiB. */
  ledger?: Omit<LedgerOptions, 'sha256'>;
  /** Batching of telemetry: default every 5 min + up to 60 s jitter, 500 items per category. */
  telemetry?: TelemetryTuning;
  /**
   * The app's SHA-256 (bytes → 64 hex digits) for the ledger and Sync, e.g. a native module; default
   * `crypto.subtle`, else core's plain-JavaScript one.
   */
  sha256?: Sha256;
  /** Cached zone data older than this is deleted, seconds; default 7 days. */
  hardExpiryS?: number;
  warnings?: WarningEngineOptions;
  /**
   * When `warnings()` finds no data for the position, data not reaching the horizon or stale data, it
   * starts a location check in the background (at most every 30 s); default true.
   */
  autoCheck?: boolean;
  /**
   * Countries for a GPS fix in `region()`: `gpsFromBorders` from `@airlock/sdk/region` answers from
   * borders on the device. Default: the location check's answer for the fix, whose grid cell names
   * its countries (cached when the position was checked; else one location check is sent).
   */
  gpsRegion?: GpsCountries;
  /** Where flights are recorded and logs imported for Sync (a folder, see docs/sdk.md); default in memory. */
  flightLogStore?: AppendStore;
  /** The pilot's session token for Sync (from POST /v1/sessions); without it Sync sends nothing. */
  auth?: SyncOptions['auth'];
  recorder?: Pick<FlightRecorderOptions, 'flushIntervalMs' | 'maxChunkSamples'>;
  sync?: Pick<SyncOptions, 'chunkBytes' | 'maxAttempts' | 'retryDelayMs' | 'sha256'>;
  /**
   * `createMedia` from `@airlock/sdk/media` to share photos and videos (`airlock.media`); without it
   * the SDK holds no code that sends media, and `airlock.media` is null.
   */
  media?: (deps: MediaDeps) => AirlockMedia;
}

/**
 * The SDK in one object, as `createAirlock` returns it. No method throws or rejects into the flight
 * app: failures come back as results with `error`.
 *
 * @example
 * const airlock: Airlock = createAirlock({ serverUrl: 'https://airlock.example.com', storage: localStorage });
 * const check = await airlock.checkLocation({ lon: 8.5492, lat: 47.4582, accuracyM: 5 });
 * const report = airlock.warnings({ lon: 8.5492, lat: 47.4582, altAglM: 40, time: new Date() });
 * airlock.close();
 */
export interface Airlock {
  /** Zones, radio rules and data age for the position. Never rejects. */
  checkLocation(position: LocationPosition, options?: CheckOptions): Promise<LocationCheckResult>;
  /**
   * The country and radio rules: from GPS (`gpsRegion`, default the location check's cell), else MCC,
   * else the server (IP). Never rejects.
   */
  region(input?: Omit<RegionInput, 'transport'>): Promise<RegionResult>;
  /** The warnings for one state of the drone, at up to 10 Hz, on the device. Never throws. */
  warnings(state: FlightState): WarningReport;
  /** Told about every request just before it leaves; returns the remover. */
  onSend(listener: SendListener): () => void;
  /** Deletes the cached zone data. */
  clearCache(): Promise<void>;
  /** Records flights on the device and keeps imported logs; sends nothing. Never throws. */
  readonly recorder: FlightRecorder;
  /**
   * Uploads the named logs (or 'all' but the one being recorded): the pilot's Sync button, and the only
   * way a flight log leaves the device. Resumable, deduplicated by SHA-256. Never rejects.
   */
  sync(ids: readonly string[] | 'all', options?: SyncCallOptions): Promise<SyncReport>;
  /** The pilot's privacy settings: get, set (takes effect at once), onChange. */
  readonly settings: AirlockSettings;
  /** Every request the SDK sent: list, export (JSON), clear. */
  readonly ledger: AirlockLedger;
  /** Errors, feature counts, timings and flight summaries, as the settings allow. Never throws. */
  readonly telemetry: Telemetry;
  /** Inspect and share photos and videos, one per call (null unless `media` was passed). */
  readonly media: AirlockMedia | null;
  /** Stops timers (telemetry); what is queued stays in storage for the next start. */
  close(): void;
}

const AUTO_CHECK_INTERVAL_MS = 30_000;

/**
 * The SDK in one object: one transport (consent check, app hooks, ledger, consent gate), privacy
 * settings, the ledger, telemetry, the location check with its offline cache, the region and radio
 * rules, and the on-device warning engine. No method throws into the flight app: failures come back
 * as results with `error`.
 *
 * @example
 * const airlock = createAirlock({ serverUrl: 'https://airlock.example.com', storage: localStorage });
 * airlock.onSend((r) => console.log('sent', r.category, r.method, r.url, r.bytes));
 * const check = await airlock.checkLocation({ lon: 8.5492, lat: 47.4582, accuracyM: 5 });
 * if (check.coverage === 'none') showBanner('No zone data here: airspace unknown');
 * const report = airlock.warnings({ lon: 8.5492, lat: 47.4582, altAglM: 40, time: new Date() });
 * if (report.status === 'blocked') showBlocked(report.inside);
 */
export function createAirlock(options: AirlockOptions): Airlock {
  try {
    return assemble(options);
  } catch (error) {
    return broken(`createAirlock: ${messageOf(error)}`, options?.flightLogStore);
  }
}

function assemble(options: AirlockOptions): Airlock {
  const now = options.now ?? (() => new Date());
  const storage = options.storage ?? memoryStorage();
  const consent = createConsent({ storage, profile: options.profile ?? 'reference' });
  const transport = createTransport({
    serverUrl: options.serverUrl,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.relayUrl !== undefined ? { relayUrl: options.relayUrl } : {}),
    ...(options.ohttpKeys ? { ohttpKeys: options.ohttpKeys } : {}),
    ...(options.ohttp ? { ohttp: options.ohttp } : {}),
    beforeSend: [consent.beforeSend, ...(options.beforeSend ?? [])],
  });
  const { ledger, telemetry } = assemblePrivacy(transport, consent, {
    storage,
    now,
    ...(options.context ? { context: options.context } : {}),
    ...(options.ledger ? { ledger: options.ledger } : {}),
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
  });
  const checker = createLocationChecker({
    transport,
    storage,
    now,
    ...(options.mechanism ? { mechanism: options.mechanism } : {}),
    ...(options.lookAheadM !== undefined ? { lookAheadM: options.lookAheadM } : {}),
    ...(options.zonePacks ? { zonePacks: options.zonePacks } : {}),
    ...(options.zonePackKey ? { zonePackKey: options.zonePackKey } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.hardExpiryS !== undefined ? { hardExpiryS: options.hardExpiryS } : {}),
  });
  const engine = createWarningEngine(options.warnings);
  const flightLogStore = options.flightLogStore ?? memoryAppendStore();
  const recorder = createFlightRecorder({ ...options.recorder, store: flightLogStore, now });
  const sync = createSync({
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
    ...options.sync,
    transport,
    auth: options.auth ?? (() => null),
    store: flightLogStore,
    // Upload states sit beside the zone cache, so a Sync after a restart resumes where it stopped.
    state: storage,
    recordingId: () => recorder.state().id,
  });
  const gpsRegion: GpsCountries =
    options.gpsRegion ??
    (async (gps) => {
      const check = await checker.check({ lon: gps.lon, lat: gps.lat, accuracyM: gps.accuracyM ?? 0 });
      return check.coverage === 'none' ? null : { countries: check.countries, source: 'cell' };
    });
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
        return await resolveRegionWith({ ...input, transport }, gpsRegion);
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
    recorder,
    sync: (ids, syncOptions) => sync.sync(ids, syncOptions),
    settings: { ready: consent.ready, get: consent.get, set: consent.set, onChange: consent.onChange },
    ledger: { list: ledger.list, export: ledger.export, clear: ledger.clear },
    telemetry,
    media: options.media ? options.media({ transport, auth: options.auth ?? (() => null) }) : null,
    close() {
      telemetry.stop();
    },
  };
}

/** An Airlock whose every method answers with the construction error: still never throws. */
function broken(error: string, flightLogStore?: AppendStore): Airlock {
  return {
    checkLocation: async () => noLocation(error),
    region: async () => ({ countries: [], source: 'unknown', radio: radioRulesFor([]), error }),
    warnings: () => unknownReport(error),
    onSend: () => () => false,
    clearCache: async () => undefined,
    // Recording needs nothing that can have failed: flights still go to the app's store (else memory);
    // Sync explains why it cannot run.
    recorder: createFlightRecorder({ store: flightLogStore ?? memoryAppendStore() }),
    sync: async () => ({ results: [], error }),
    ...inertPrivacy(error),
    media: null,
    close: () => undefined,
  };
}
