import type { TelemetryOs } from './field-registry.ts';

/**
 * Context sent once per app-performance report: coarse facts about the app and device, no ids.
 *
 * @example
 * const context: AppPerformanceContext = { app_version: '4.2.0', os: 'android', os_version: '14', device_model: 'Pixel 8' };
 */
export interface AppPerformanceContext {
  app_version: string;
  os: TelemetryOs;
  os_version: string;
  device_model: string;
}

/**
 * One error in an app-performance report: its type, a fingerprint and the scrubbed stack, no message.
 *
 * @example
 * const stack = scrubStack(error.stack ?? '');
 * const event: ErrorEvent = { kind: 'error', error_type: 'TypeError', fingerprint: errorFingerprint('TypeError', stack), stack, crash: false };
 */
export interface ErrorEvent {
  kind: 'error';
  error_type: string;
  /** 16 lowercase hex digits from `errorFingerprint`. */
  fingerprint: string;
  /** Output of `scrubStack`; at most 4000 characters. */
  stack: string;
  crash: boolean;
}

/**
 * Uses of one declared feature in the reported day.
 *
 * @example
 * const event: FeatureEvent = { kind: 'feature', name: 'map.open', count: 3 };
 */
export interface FeatureEvent {
  kind: 'feature';
  /** A declared feature name (DECLARED_FEATURES). */
  name: string;
  /** Uses in the reported day, 1..10000. */
  count: number;
}

/**
 * One duration of a declared timing, sent as its bucket (the precise value stays on the device).
 *
 * @example
 * const event: TimingEvent = { kind: 'timing', name: 'app.startup', bucket: bucketOf(840, TIMING_BUCKETS) };
 */
export interface TimingEvent {
  kind: 'timing';
  /** A declared timing name (DECLARED_TIMINGS). */
  name: string;
  /** One of TIMING_BUCKETS.labels. */
  bucket: string;
}

/**
 * One event of an app-performance report: an error, a feature count or a timing.
 *
 * @example
 * const events: AppPerformanceEvent[] = [{ kind: 'feature', name: 'map.open', count: 3 }];
 */
export type AppPerformanceEvent = ErrorEvent | FeatureEvent | TimingEvent;

/**
 * Body of `POST /v1/telemetry/app_performance`.
 *
 * @example
 * const report: AppPerformanceReport = {
 *   v: 1,
 *   day: '2026-12-05',
 *   context: { app_version: '4.2.0', os: 'android', os_version: '14', device_model: 'Pixel 8' },
 *   events: [{ kind: 'feature', name: 'map.open', count: 3 }],
 * };
 */
export interface AppPerformanceReport {
  v: 1;
  /** UTC day the data is about: today or up to 7 days back. */
  day: string;
  context: AppPerformanceContext;
  /** 1..100 events. */
  events: AppPerformanceEvent[];
}

/**
 * Body of `POST /v1/telemetry/user_experience`.
 *
 * @example
 * const report: UserExperienceReport = {
 *   v: 1,
 *   day: '2026-12-05',
 *   context: { app_version: '4.2.0', os: 'android' },
 *   flights: [bucketFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 })],
 * };
 */
export interface UserExperienceReport {
  v: 1;
  day: string;
  context: { app_version: string; os: TelemetryOs };
  /** 1..50 bucketed flight summaries (see `summariseFlight`). */
  flights: Array<{ duration: string; distance: string; photos: string; videos: string }>;
}

/**
 * Limits of the wire format, shared by the SDK's queue and the server.
 *
 * @example
 * const batch = queued.slice(0, TELEMETRY_LIMITS.maxEvents); // at most 100 events a report
 */
export const TELEMETRY_LIMITS = {
  maxEvents: 100,
  maxFlights: 50,
  maxBodyBytes: 64 * 1024,
} as const;

/**
 * The HTTP paths, relative to the server's base URL.
 *
 * @example
 * await transport.send({ category: 'app_performance', method: 'POST', path: TELEMETRY_PATHS.app_performance, body });
 */
export const TELEMETRY_PATHS = {
  app_performance: '/v1/telemetry/app_performance',
  user_experience: '/v1/telemetry/user_experience',
} as const;
