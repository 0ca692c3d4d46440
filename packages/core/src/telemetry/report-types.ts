import type { TelemetryOs } from './field-registry.ts';

/** Context sent once per app-performance report: coarse facts about the app and device, no ids. */
export interface AppPerformanceContext {
  app_version: string;
  os: TelemetryOs;
  os_version: string;
  device_model: string;
}

export interface ErrorEvent {
  kind: 'error';
  error_type: string;
  /** 16 lowercase hex digits from `errorFingerprint`. */
  fingerprint: string;
  /** Output of `scrubStack`; at most 4000 characters. */
  stack: string;
  crash: boolean;
}

export interface FeatureEvent {
  kind: 'feature';
  /** A declared feature name (DECLARED_FEATURES). */
  name: string;
  /** Uses in the reported day, 1..10000. */
  count: number;
}

export interface TimingEvent {
  kind: 'timing';
  /** A declared timing name (DECLARED_TIMINGS). */
  name: string;
  /** One of TIMING_BUCKETS.labels. */
  bucket: string;
}

export type AppPerformanceEvent = ErrorEvent | FeatureEvent | TimingEvent;

/** Body of `POST /v1/telemetry/app_performance`. */
export interface AppPerformanceReport {
  v: 1;
  /** UTC day the data is about: today or up to 7 days back. */
  day: string;
  context: AppPerformanceContext;
  /** 1..100 events. */
  events: AppPerformanceEvent[];
}

/** Body of `POST /v1/telemetry/user_experience`. */
export interface UserExperienceReport {
  v: 1;
  day: string;
  context: { app_version: string; os: TelemetryOs };
  /** 1..50 bucketed flight summaries (see `summariseFlight`). */
  flights: Array<{ duration: string; distance: string; photos: string; videos: string }>;
}

/** Limits of the wire format, shared by the SDK's queue and the server. */
export const TELEMETRY_LIMITS = {
  maxEvents: 100,
  maxFlights: 50,
  maxBodyBytes: 64 * 1024,
} as const;

/** The HTTP paths, relative to the server's base URL. */
export const TELEMETRY_PATHS = {
  app_performance: '/v1/telemetry/app_performance',
  user_experience: '/v1/telemetry/user_experience',
} as const;
