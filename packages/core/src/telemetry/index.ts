/**
 * Telemetry: the declared-field registry (the only fields that may be sent or accepted), the wire
 * schemas built from it, the stack scrubber and error fingerprint, and the bucket helpers. Shared by
 * the SDK (which refuses to send anything else) and the server (which refuses to accept it).
 * See docs/telemetry.md.
 */
export {
  type BucketedFlight,
  type BucketSet,
  bucketFlight,
  bucketOf,
  FLIGHT_DISTANCE_BUCKETS,
  FLIGHT_DURATION_BUCKETS,
  type FlightMeasurement,
  PHOTO_COUNT_BUCKETS,
  TIMING_BUCKETS,
  VIDEO_COUNT_BUCKETS,
} from './buckets.ts';
export {
  describeTelemetryIssues,
  formatIssuePath,
  parseTelemetryReport,
  type TelemetryParseResult,
} from './describe-issues.ts';
export { errorFingerprint } from './error-fingerprint.ts';
export {
  DECLARED_FEATURES,
  DECLARED_TIMINGS,
  DEFAULT_FIELD_EXPIRY,
  FIELD_REGISTRY,
  TELEMETRY_OS_VALUES,
  type TelemetryOs,
} from './field-registry.ts';
export {
  type FieldDefinition,
  type FieldKind,
  type FieldRegistry,
  type FieldType,
  TELEMETRY_CATEGORIES,
  type TelemetryCategory,
} from './field-types.ts';
export { redactText } from './redact-text.ts';
export { checkRegistry, fieldsExpiringWithin, findField, isFieldLive } from './registry-check.ts';
export { compileFastReportCheck, type FastReportCheck } from './report-fast-check.ts';
export {
  appPerformanceReportSchema,
  fastReportCheck,
  telemetryReportSchema,
  userExperienceReportSchema,
} from './report-schemas.ts';
export {
  type AppPerformanceContext,
  type AppPerformanceEvent,
  type AppPerformanceReport,
  type ErrorEvent,
  type FeatureEvent,
  TELEMETRY_LIMITS,
  TELEMETRY_PATHS,
  type TimingEvent,
  type UserExperienceReport,
} from './report-types.ts';
export { STACK_MAX_LENGTH, scrubStack } from './scrub-stack.ts';
export { sha256Hex } from './sha256.ts';
export { isAppFrame, parseStackFrame, type StackFrame } from './stack-frames.ts';
export { addDays, isValidDay, TELEMETRY_MAX_DAY_AGE, utcDay } from './telemetry-day.ts';
export { utf8Bytes, utf8Length } from './utf8.ts';
