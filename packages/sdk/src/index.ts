/**
 * `@airlock/sdk` — what a flight app embeds. Runs in browsers, Node and React Native (no Node built-ins);
 * the app may pass its own `fetch` and `storage`. Every byte leaves through one transport; warnings
 * are decided on the device from the precise position, which never leaves it.
 *
 * This file is the main entry, `@airlock/sdk`: what every app needs (the location check, warnings,
 * consent, the transport, the ledger) and `createAirlock`. The rest are subpaths, so an app that does
 * not use them does not ship them: `@airlock/sdk/telemetry`, `@airlock/sdk/recorder`,
 * `@airlock/sdk/sync` and `@airlock/sdk/region` (country borders, ~230 kB gzip). Each export's
 * description and example are on its declaration, where the API reference (`npm run docs:api`) reads them.
 *
 * @module @airlock/sdk
 */

// Options of `createAirlock` and the object it returns.
export type { Airlock, AirlockOptions } from './airlock.ts';
// The SDK in one object.
export { createAirlock } from './airlock.ts';
// The privacy parts of an Airlock.
export type { AirlockLedger, AirlockSettings, TelemetryTuning } from './airlock-privacy.ts';
// Privacy settings: SPEC.md's table of the five data categories, the two profiles, the consent machine.
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
// The ledger on its own.
export {
  type CreateLedgerOptions,
  createLedger,
  LEDGER_DEFAULTS,
  type Ledger,
  type LedgerEntry,
  type LedgerFilter,
  type LedgerOptions,
} from './ledger/index.ts';
// The location check's types.
export type {
  AreaCover,
  CheckOptions,
  LoadedArea,
  LocationChecker,
  LocationCheckerOptions,
  LocationCheckResult,
  LocationPosition,
} from './location/index.ts';
// The location check on its own.
export { createLocationChecker } from './location/index.ts';
// An app's own SHA-256, for the `sha256` options; `Sha256Function` is its older name.
export type { Sha256, Sha256 as Sha256Function } from './platform/index.ts';
// The flight recorder's types (`createFlightRecorder` is in `@airlock/sdk/recorder`).
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
// Input and result of `airlock.region()` and `resolveRegion` (`@airlock/sdk/region`).
export type { GpsCountries, GpsFix, RegionInput, RegionResult } from './region-rules/index.ts';
// The storage interface.
export type { KeyValueStorage } from './storage/index.ts';

// A storage in memory, with the interface of localStorage / AsyncStorage the SDK takes.
export { memoryStorage } from './storage/index.ts';
// Sync's types (`createSync` is in `@airlock/sdk/sync`).
export type { LogSyncResult, Sync, SyncCallOptions, SyncOptions, SyncReport } from './sync/index.ts';
// Telemetry's types (`createTelemetry` is in `@airlock/sdk/telemetry`).
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
// The transport's types.
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
// The one function every byte leaves through, and the five data categories.
export { createTransport, DATA_CATEGORIES } from './transport/index.ts';
// The warning engine's types.
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
// The on-device warning engine, and what each zone category means for the flight.
export { CONSEQUENCE_OF, createWarningEngine } from './warnings/index.ts';
