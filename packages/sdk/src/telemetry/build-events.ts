import {
  type AppPerformanceContext,
  type AppPerformanceEvent,
  type BucketedFlight,
  bucketFlight,
  bucketOf,
  type ErrorEvent,
  errorFingerprint,
  FIELD_REGISTRY,
  scrubStack,
  TELEMETRY_OS_VALUES,
  type TelemetryOs,
  TIMING_BUCKETS,
} from '@airlock/core/telemetry';
import type { FlightSummaryInput, TelemetryContext } from './types.ts';

const errorTypeField = FIELD_REGISTRY.find((f) => f.kind === 'error' && f.name === 'error_type');
const ERROR_TYPE_PATTERN = errorTypeField?.type.type === 'string' ? errorTypeField.type.pattern : /^\w+$/;

/** The error's class name when it is a plausible type name; 'Error' otherwise (never its message). */
function errorTypeOf(error: unknown): string {
  const candidates: unknown[] = [];
  if (error && typeof error === 'object') {
    candidates.push((error as { name?: unknown }).name, (error as object).constructor?.name);
  }
  for (const c of candidates) {
    if (typeof c === 'string' && c.length <= 128 && ERROR_TYPE_PATTERN.test(c)) return c;
  }
  return 'Error';
}

/**
 * An error event: type, scrubbed stack (core's `scrubStack`: app frames only, no message, no paths)
 * and the fingerprint of both. Anything thrown works, even a string; its text is never used.
 */
export function errorEvent(error: unknown, crash: boolean): ErrorEvent {
  const raw = error && typeof error === 'object' ? (error as { stack?: unknown }).stack : undefined;
  const stack = typeof raw === 'string' ? scrubStack(raw) : '';
  const type = errorTypeOf(error);
  return { kind: 'error', error_type: type, fingerprint: errorFingerprint(type, stack), stack, crash };
}

export function featureEvent(name: string): AppPerformanceEvent {
  return { kind: 'feature', name: String(name), count: 1 };
}

/** A timing as the bucket of its declared bucket set; throws on a negative or NaN duration. */
export function timingEvent(name: string, ms: number): AppPerformanceEvent {
  const field = FIELD_REGISTRY.find((f) => f.kind === 'timing' && f.name === name);
  const buckets = field?.type.type === 'buckets' ? field.type.buckets : TIMING_BUCKETS;
  return { kind: 'timing', name: String(name), bucket: bucketOf(Number(ms), buckets) };
}

/** The bucketed flight; throws on a negative or NaN measurement. */
export function flightEvent(input: FlightSummaryInput): BucketedFlight {
  return bucketFlight({
    durationS: Number(input.durationS),
    distanceM: Number(input.distanceM),
    photos: Number(input.photos),
    videos: Number(input.videos),
  });
}

function osOf(os: unknown): TelemetryOs {
  const lower = typeof os === 'string' ? os.trim().toLowerCase() : '';
  return (TELEMETRY_OS_VALUES as readonly string[]).includes(lower) ? (lower as TelemetryOs) : 'other';
}

/** The two report contexts; only the declared fields, whatever else the app's object holds. */
export function contextsOf(context: TelemetryContext | undefined): {
  app_performance: AppPerformanceContext;
  user_experience: { app_version: string; os: TelemetryOs };
} | null {
  if (!context || typeof context !== 'object') return null;
  const os = osOf(context.os);
  const app_version = String(context.app_version ?? '');
  return {
    app_performance: {
      app_version,
      os,
      os_version: String(context.os_version ?? ''),
      device_model: String(context.device_model ?? ''),
    },
    user_experience: { app_version, os },
  };
}
