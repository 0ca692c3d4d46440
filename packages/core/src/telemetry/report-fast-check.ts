import { TIMING_BUCKETS } from './buckets.ts';
import type { FieldDefinition, FieldKind, FieldRegistry, TelemetryCategory } from './field-types.ts';
import { looksLikeIdentifier } from './identifier-like.ts';
import { isFieldLive } from './registry-check.ts';
import { TELEMETRY_LIMITS } from './report-types.ts';
import { addDays, isValidDay, TELEMETRY_MAX_DAY_AGE } from './telemetry-day.ts';

/**
 * A plain-JavaScript pre-check of a report, compiled from the same registry as the zod schemas. The
 * server validates every report it receives, and zod (which copies the whole report and builds issue
 * lists) cost more than everything else ingest does. This check only ever answers "certainly valid":
 * whatever it does not accept goes through the zod schema, which stays the authority and writes the
 * error messages. A test feeds both thousands of mutated reports: this never accepts what zod rejects.
 *
 * @example
 * const check: FastReportCheck = fastReportCheck('app_performance');
 * if (!check(body)) return parseTelemetryReport('app_performance', body); // slow path names the problems
 */
export type FastReportCheck = (body: unknown) => boolean;

type Check = (v: unknown) => boolean;

function valueCheck(f: FieldDefinition): Check {
  const t = f.type;
  switch (t.type) {
    case 'string': {
      // The same few app versions and device models arrive over and over: remember the good ones.
      const seen = new Set<string>();
      return (v) => {
        if (typeof v !== 'string') return false;
        if (seen.has(v)) return true;
        const ok = v.length >= 1 && v.length <= t.maxLength && t.pattern.test(v) && !looksLikeIdentifier(v);
        if (ok) {
          if (seen.size >= 1000) seen.clear();
          seen.add(v);
        }
        return ok;
      };
    }
    case 'enum': {
      const values = new Set(t.values);
      return (v) => typeof v === 'string' && values.has(v);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'integer':
      return (v) => Number.isSafeInteger(v) && (v as number) >= t.min && (v as number) <= t.max;
    case 'hex': {
      const re = new RegExp(`^[0-9a-f]{${t.length}}$`);
      return (v) => typeof v === 'string' && re.test(v);
    }
    case 'stack':
      return (v) => typeof v === 'string' && v.length <= t.maxLength;
    case 'buckets': {
      const labels = new Set(t.buckets.labels);
      return (v) => typeof v === 'string' && labels.has(v);
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function keyCount(o: Record<string, unknown>): number {
  // Own enumerable keys; with the prototype checked to be Object.prototype (which has no enumerable
  // properties), for-in sees exactly those, without allocating the array Object.keys would.
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** Exactly the live fields of one kind (plus `extra` keys), each valid; no other key. */
function objectCheck(
  registry: FieldRegistry,
  category: TelemetryCategory,
  kind: FieldKind,
  today: string,
  extra: Record<string, Check> = {},
): Check {
  const fields: Array<[string, Check]> = Object.entries(extra);
  for (const f of registry)
    if (f.category === category && f.kind === kind && isFieldLive(f, today))
      fields.push([f.name, valueCheck(f)]);
  return (v) => {
    if (!isRecord(v) || Object.getPrototypeOf(v) !== Object.prototype || keyCount(v) !== fields.length)
      return false;
    for (const [name, check] of fields) if (!Object.hasOwn(v, name) || !check(v[name])) return false;
    return true;
  };
}

/** 1..max items, each passing `item`; indexed, so holes in a sparse array count as invalid items. */
function arrayCheck(item: Check, max: number): Check {
  return (v) => {
    if (!Array.isArray(v) || v.length < 1 || v.length > max) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  };
}

function liveNames(registry: FieldRegistry, category: TelemetryCategory, kind: FieldKind, today: string) {
  return new Set(
    registry
      .filter((f) => f.category === category && f.kind === kind && isFieldLive(f, today))
      .map((f) => f.name),
  );
}

function dayCheck(today: string): Check {
  const oldest = addDays(today, -TELEMETRY_MAX_DAY_AGE);
  return (v) => typeof v === 'string' && isValidDay(v) && v >= oldest && v <= today;
}

/**
 * Compiles the fast check for one category as of `today` (a UTC day).
 *
 * @example
 * const check = compileFastReportCheck('user_experience', '2026-12-05', FIELD_REGISTRY);
 * check({ v: 1, day: '2026-12-05', context: { app_version: '4.2.0', os: 'android' }, flights: [] }); // false: 1..50 flights
 */
export function compileFastReportCheck(
  category: TelemetryCategory,
  today: string,
  registry: FieldRegistry,
): FastReportCheck {
  const isOne = (v: unknown) => v === 1;
  const day = dayCheck(today);
  const context = objectCheck(registry, category, 'context', today);
  if (category === 'user_experience') {
    const flights = arrayCheck(objectCheck(registry, category, 'flight', today), TELEMETRY_LIMITS.maxFlights);
    return objectCheck([], category, 'context', today, { v: isOne, day, context, flights });
  }
  const error = objectCheck(registry, category, 'error', today, { kind: (k) => k === 'error' });
  const features = registry.filter(
    (f) => f.category === category && f.kind === 'feature' && isFieldLive(f, today),
  );
  const featureNames = liveNames(registry, category, 'feature', today);
  // Narrower per-feature ranges or per-timing bucket sets are left to zod.
  const uniformCounts = features.every(
    (f) => f.type.type === 'integer' && f.type.min === 1 && f.type.max === 10_000,
  );
  const timings = registry.filter((f) => f.category === category && f.kind === 'timing');
  const timingNames = liveNames(registry, category, 'timing', today);
  const uniformBuckets = timings.every((f) => f.type.type === 'buckets' && f.type.buckets === TIMING_BUCKETS);
  const buckets = new Set(TIMING_BUCKETS.labels);
  const event: Check = (e) => {
    if (!isRecord(e) || Object.getPrototypeOf(e) !== Object.prototype) return false;
    if (!Object.hasOwn(e, 'kind')) return false;
    if (e.kind === 'feature')
      return (
        uniformCounts &&
        keyCount(e) === 3 &&
        Object.hasOwn(e, 'name') &&
        Object.hasOwn(e, 'count') &&
        typeof e.name === 'string' &&
        featureNames.has(e.name) &&
        Number.isSafeInteger(e.count) &&
        (e.count as number) >= 1 &&
        (e.count as number) <= 10_000
      );
    if (e.kind === 'timing')
      return (
        uniformBuckets &&
        keyCount(e) === 3 &&
        Object.hasOwn(e, 'name') &&
        Object.hasOwn(e, 'bucket') &&
        typeof e.name === 'string' &&
        timingNames.has(e.name) &&
        typeof e.bucket === 'string' &&
        buckets.has(e.bucket)
      );
    return e.kind === 'error' && error(e);
  };
  const events = arrayCheck(event, TELEMETRY_LIMITS.maxEvents);
  return objectCheck([], category, 'context', today, { v: isOne, day, context, events });
}
