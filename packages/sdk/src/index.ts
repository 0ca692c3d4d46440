/**
 * `@airlock/sdk` — what a flight app embeds. Runs in browsers, Node and React Native (no Node built-ins);
 * the app may pass its own `fetch` and `storage`. Every byte leaves through one transport; warnings
 * are decided on the device from the precise position, which never leaves it.
 *
 * This file is the main entry, `@airlock/sdk`: what every app needs (the location check, warnings,
 * consent, the transport, the ledger) and `createAirlock`. The rest are subpaths, so an app that does
 * not use them does not ship them: `@airlock/sdk/telemetry`, `@airlock/sdk/recorder`,
 * `@airlock/sdk/sync` and `@airlock/sdk/region` (country borders, ~230 kB gzip). Every export is
 * listed with an example.
 *
 * @module @airlock/sdk
 */

/**
 * Options of `createAirlock` and the object it returns.
 *
 * @example
 * const options: AirlockOptions = { serverUrl: 'https://airlock.example.com', mechanism: 'cell' };
 * const airlock: Airlock = createAirlock(options);
 */
export type { Airlock, AirlockOptions } from './airlock.ts';
/**
 * The SDK in one object: location check with offline cache, region and radio rules, warnings,
 * privacy settings, the ledger of every request, and telemetry. No method throws into the flight app.
 *
 * @example
 * const airlock = createAirlock({ serverUrl: 'https://airlock.example.com', storage: localStorage });
 * const check = await airlock.checkLocation({ lon: 8.54, lat: 47.37 });
 * const report = airlock.warnings({ lon: 8.54, lat: 47.37, altAglM: 40, speedMps: 8, headingDeg: 90, time: new Date() });
 * if (report.status === 'blocked') showBlocked(report.inside);
 */
export { createAirlock } from './airlock.ts';
/**
 * The privacy parts of an Airlock: `airlock.settings`, `airlock.ledger` and the telemetry tuning options.
 *
 * @example
 * const settings: AirlockSettings = airlock.settings;
 * const ledger: AirlockLedger = airlock.ledger;
 * const tuning: TelemetryTuning = { flushIntervalMs: 300_000, jitterMs: 60_000, maxQueue: 500 };
 */
export type { AirlockLedger, AirlockSettings, TelemetryTuning } from './airlock-privacy.ts';
/**
 * SPEC.md's table of the five data categories as one constant (default, whether the pilot can switch
 * it off, what leaves, what the server keeps); the two profiles' defaults for unchosen categories;
 * the categories a pilot switches in settings; the consent state machine on its own; and its types
 * (`PrivacySettings` is what `airlock.settings.get()` returns, `SetResult` what `set` resolves to).
 *
 * @example
 * for (const [category, p] of Object.entries(PRIVACY_DEFAULTS)) row(category, p.title, p.default, p.howToStop);
 * CONSENT_PROFILES.strict.app_performance; // false: off until the pilot agrees
 * SWITCHABLE_CATEGORIES; // ['app_performance', 'user_experience']
 * const consent = createConsent({ storage: localStorage, profile: 'strict' });
 * transport.useBeforeSend(consent.beforeSend);
 * transport.useGate(consent.gate);
 */
export {
  type CategoryControl,
  type CategoryPolicy,
  type CategorySetting,
  type ChoiceState,
  CONSENT_PROFILES,
  type Consent,
  type ConsentOptions,
  type ConsentProfile,
  type ConsentState,
  createConsent,
  PRIVACY_DEFAULTS,
  type PrivacySettings,
  type SetResult,
  type SettingsChange,
  type SettingsListener,
  SWITCHABLE_CATEGORIES,
  type SwitchableCategory,
} from './consent/index.ts';
/**
 * The ledger on its own: a transport hook that awaits a durable record of each request (fail closed)
 * before it leaves, the default retention, and its types (`LedgerEntry` is one request as sent).
 *
 * @example
 * const ledger = createLedger({ storage: localStorage, maxAgeDays: 30 });
 * ledger.attachTo(transport); // last hook + result listener
 * const entries: LedgerEntry[] = await ledger.list({ category: 'app_performance', from: '2026-05-01' });
 * const json = await ledger.export();
 * LEDGER_DEFAULTS.maxEntries; // 5000
 */
export {
  type CreateLedgerOptions,
  createLedger,
  LEDGER_DEFAULTS,
  type Ledger,
  type LedgerEntry,
  type LedgerFilter,
  type LedgerOptions,
} from './ledger/index.ts';
/**
 * The location check's types.
 *
 * @example
 * const result: LocationCheckResult = await checker.check(position);
 * console.log(result.source, result.ageS, result.stale, result.zoneCount);
 */
export type {
  AreaCover,
  CheckOptions,
  LoadedArea,
  LocationChecker,
  LocationCheckerOptions,
  LocationCheckResult,
  LocationPosition,
} from './location/index.ts';
/**
 * The location check on its own: privacy mechanism → request → cached answer → zones for the area.
 *
 * @example
 * const checker = createLocationChecker({ transport, storage: memoryStorage() });
 * const result = await checker.check({ lon: 8.54, lat: 47.37, accuracyM: 5 });
 * if (result.coverage === 'none') showNoData(result.error);
 */
export { createLocationChecker } from './location/index.ts';
/**
 * An app's own SHA-256 (bytes → 64 lowercase hex digits), for the `sha256` options; `Sha256Function`
 * is its older name.
 *
 * @example
 * const sha256: Sha256 = async (bytes) => toHex(await NativeCrypto.sha256(bytes));
 * const airlock = createAirlock({ serverUrl, sha256 });
 */
export type { Sha256, Sha256 as Sha256Function } from './platform/index.ts';
/**
 * The flight recorder's types (`createFlightRecorder` and `memoryAppendStore` are in
 * `@airlock/sdk/recorder`): the store the app provides, one sample, the recorder, a stored log.
 *
 * @example
 * const sample: RecorderSample = { lat: 47.3769, lon: 8.5417, altRelM: 42.5, hSpeedMps: 6.1, stickPitch: 0.6, mode: 'POSCTL' };
 * const logs: StoredFlightLog[] = (await recorder.list()).logs;
 */
export type {
  AppendStore,
  FlightLibrary,
  FlightRecorder,
  FlightRecorderOptions,
  RecorderSample,
  RecorderState,
  RecordingResult,
  StoredFlightLog,
} from './recorder/index.ts';
/**
 * Input and result of `airlock.region()` and `resolveRegion` (`@airlock/sdk/region`), and the shape of
 * `createAirlock`'s `gpsRegion` option.
 *
 * @example
 * const input: RegionInput = { mcc: '228' };
 * const result: RegionResult = await airlock.region(input); // { countries: ['CH'], source: 'mcc', ... }
 */
export type { GpsCountries, GpsFix, RegionInput, RegionResult } from './region-rules/index.ts';
/**
 * The storage interface: `window.localStorage` and React Native's AsyncStorage both satisfy it.
 *
 * @example
 * import AsyncStorage from '@react-native-async-storage/async-storage';
 * const storage: KeyValueStorage = AsyncStorage;
 */
export type { KeyValueStorage } from './storage/index.ts';

/**
 * A storage in memory, with the interface of localStorage / AsyncStorage the SDK takes.
 *
 * @example
 * const airlock = createAirlock({ serverUrl, storage: memoryStorage() });
 */
export { memoryStorage } from './storage/index.ts';
/**
 * Sync's types (`createSync` is in `@airlock/sdk/sync`): options, what one call returns, how each log ended.
 *
 * @example
 * const report: SyncReport = await airlock.sync('all');
 * for (const r of report.results as LogSyncResult[]) console.log(r.id, r.status, r.sentBytes, r.logId);
 */
export type { LogSyncResult, Sync, SyncCallOptions, SyncOptions, SyncReport } from './sync/index.ts';
/**
 * Telemetry's types (`createTelemetry` is in `@airlock/sdk/telemetry`): `TelemetryContext` is the app
 * and device facts; `DroppedSummary` what was dropped and why.
 *
 * @example
 * const context: TelemetryContext = { app_version: '4.2.0', os: 'android', os_version: '14', device_model: 'Pixel 8' };
 * const dropped: DroppedSummary = airlock.telemetry.dropped();
 */
export type {
  DroppedSummary,
  DropReason,
  DropRecord,
  FlightSummaryInput,
  FlushResult,
  Scheduler,
  Telemetry,
  TelemetryContext,
  TelemetryOptions,
} from './telemetry/index.ts';
/**
 * The transport's types: what is sent, what listeners and hooks see, what comes back.
 *
 * @example
 * const consent: BeforeSendHook = (record: SendRecord) =>
 *   record.category === 'app_performance' && !settings.performance ? { veto: 'consent off' } : undefined;
 */
export type {
  BeforeSendDecision,
  BeforeSendHook,
  DataCategory,
  FetchInit,
  FetchLike,
  FetchResponseLike,
  HttpMethod,
  ResultListener,
  SendGate,
  SendListener,
  SendRecord,
  Transport,
  TransportOptions,
  TransportRequest,
  TransportResponse,
} from './transport/index.ts';
/**
 * The one function every byte leaves through: no cookies, no identifying headers, no redirects;
 * ordered `beforeSend` hooks may veto; offline resolves to `{ ok: false, offline: true }`.
 *
 * @example
 * const transport = createTransport({ serverUrl: 'https://airlock.example.com' });
 * transport.onSend((r) => console.log(r.category, r.method, r.url, r.bytes));
 * const res = await transport.send({ category: 'location_check', method: 'GET', path: '/v1/location/country' });
 */
/**
 * The five data categories of the specification, in its order.
 *
 * @example
 * DATA_CATEGORIES.includes('location_check'); // true
 */
export { createTransport, DATA_CATEGORIES } from './transport/index.ts';
/**
 * The warning engine's types.
 *
 * @example
 * const report: WarningReport = engine.update(area, state);
 * for (const z of report.approaching) console.log(z.zone.name, z.distanceM, z.timeToEntryS);
 */
export type {
  ApproachingZone,
  Consequence,
  FlightState,
  InsideZone,
  TemporaryRestriction,
  WarningEngine,
  WarningEngineOptions,
  WarningReport,
  WarningStatus,
  ZoneData,
  ZoneRef,
} from './warnings/index.ts';
/**
 * The on-device warning engine (10 Hz, microseconds per update).
 *
 * @example
 * const engine = createWarningEngine({ horizonS: 60 });
 * const report = engine.update(check.area, { lon, lat, altAglM, velocity: { east, north }, time: new Date() });
 */
/**
 * What each zone category means for the flight.
 *
 * @example
 * CONSEQUENCE_OF.authorization; // 'unlock_required'
 */
export { CONSEQUENCE_OF, createWarningEngine } from './warnings/index.ts';
