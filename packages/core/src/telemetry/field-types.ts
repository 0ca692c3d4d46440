import type { BucketSet } from './buckets.ts';

/** The two telemetry categories a pilot can switch off separately (SPEC: the five data categories). */
export const TELEMETRY_CATEGORIES = ['app_performance', 'user_experience'] as const;
export type TelemetryCategory = (typeof TELEMETRY_CATEGORIES)[number];

/**
 * Where a field sits in a report: `context` (once per report), `error` (a field of an error event),
 * `feature` / `timing` (an event name), `flight` (a field of a flight summary).
 */
export type FieldKind = 'context' | 'error' | 'feature' | 'timing' | 'flight';

/** What values a field may carry. Free text is never allowed: strings are capped and pattern-bound. */
export type FieldType =
  | { readonly type: 'string'; readonly maxLength: number; readonly pattern: RegExp }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'hex'; readonly length: number }
  | { readonly type: 'stack'; readonly maxLength: number }
  | { readonly type: 'buckets'; readonly buckets: BucketSet };

/**
 * One declared telemetry field. Nothing that is not declared here can be sent or accepted, and a
 * field stops being accepted on its `expires` day (Glean's `expires` discipline): keeping a field
 * means renewing it on purpose, see docs/telemetry.md.
 */
export interface FieldDefinition {
  /** Unique within (category, kind): 'app_version', 'map.open', 'duration'. */
  readonly name: string;
  readonly kind: FieldKind;
  readonly category: TelemetryCategory;
  readonly type: FieldType;
  /** Why we collect it and what it answers; shown in docs and reviewed on renewal. */
  readonly description: string;
  /** ISO day (YYYY-MM-DD) from which the field is rejected by the SDK and the server. */
  readonly expires: string;
}

export type FieldRegistry = readonly FieldDefinition[];
