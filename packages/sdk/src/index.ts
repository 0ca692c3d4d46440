/**
 * @airlock/sdk — what a flight app embeds. Runs in browsers, Node and React Native (no Node built-ins);
 * the app may pass its own `fetch` and `storage`. Every byte leaves through one transport; warnings
 * are decided on the device from the precise position, which never leaves it.
 *
 * This file is the public API: every export is listed here, with an example.
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
 * The SDK in one object: location check with offline cache, region and radio rules, warnings, and a
 * view of every request. No method throws into the flight app.
 *
 * @example
 * const airlock = createAirlock({ serverUrl: 'https://airlock.example.com', storage: localStorage });
 * const check = await airlock.checkLocation({ lon: 8.54, lat: 47.37 });
 * const report = airlock.warnings({ lon: 8.54, lat: 47.37, altAglM: 40, speedMps: 8, headingDeg: 90, time: new Date() });
 * if (report.status === 'blocked') showBlocked(report.inside);
 */
export { createAirlock } from './airlock.ts';
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
 * Input and result of `resolveRegion`.
 *
 * @example
 * const input: RegionInput = { mcc: '228' };
 * const result: RegionResult = await resolveRegion(input); // { countries: ['CH'], source: 'mcc', ... }
 */
export type { RegionInput, RegionResult } from './region/index.ts';
/**
 * Country candidates and radio rules: GPS on the device, else MCC, else the server's IP lookup.
 *
 * @example
 * const region = await resolveRegion({ gps: { lon: 9.17, lat: 47.66, accuracyM: 20 } });
 * region.countries; // ['CH', 'DE'] near Konstanz: radio rules are the stricter of both
 */
export { resolveRegion } from './region/index.ts';
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
