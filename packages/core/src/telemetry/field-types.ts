import type { BucketSet } from './buckets.ts';

/**
 * The two telemetry categories a pilot can switch off separately (SPEC: the five data categories).
 *
 * @example
 * for (const category of TELEMETRY_CATEGORIES) console.log(category, TELEMETRY_PATHS[category]);
 */
export const TELEMETRY_CATEGORIES = ['app_performance', 'user_experience'] as const;
/**
 * One of the two telemetry categories: `app_performance` or `user_experience`.
 *
 * @example
 * const category: TelemetryCategory = 'user_experience';
 * const check = fastReportCheck(category);
 */
export type TelemetryCategory = (typeof TELEMETRY_CATEGORIES)[number];

/**
 * Where a field sits in a report: `context` (once per report), `error` (a field of an error event),
 * `feature` / `timing` (an event name), `flight` (a field of a flight summary).
 *
 * @example
 * const contextFields = FIELD_REGISTRY.filter((f) => f.kind === ('context' satisfies FieldKind));
 */
export type FieldKind = 'context' | 'error' | 'feature' | 'timing' | 'flight';

/**
 * What values a field may carry. Free text is never allowed: strings are capped and pattern-bound.
 *
 * @example
 * const version: FieldType = { type: 'string', maxLength: 32, pattern: /^[0-9A-Za-z][0-9A-Za-z.+_-]*$/ };
 */
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
 *
 * @example
 * const f: FieldDefinition | undefined = findField(FIELD_REGISTRY, 'app_performance', 'feature', 'map.open');
 * console.log(f?.description, f?.expires);
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

/**
 * The declared-field registry's shape: every field that may be sent, with its type and expiry.
 *
 * @example
 * const registry: FieldRegistry = FIELD_REGISTRY;
 * const check = fastReportCheck('app_performance', new Date(), registry);
 */
export type FieldRegistry = readonly FieldDefinition[];
