import * as z from 'zod/mini';
import { TIMING_BUCKETS } from './buckets.ts';
import { FIELD_REGISTRY } from './field-registry.ts';
import { declaredNameSchema, declaredObject } from './field-schema.ts';
import type { FieldRegistry, TelemetryCategory } from './field-types.ts';
import { compileFastReportCheck, type FastReportCheck } from './report-fast-check.ts';
import type { AppPerformanceReport, UserExperienceReport } from './report-types.ts';
import { TELEMETRY_LIMITS } from './report-types.ts';
import { addDays, isValidDay, TELEMETRY_MAX_DAY_AGE, utcDay } from './telemetry-day.ts';

function daySchema(today: string) {
  const oldest = addDays(today, -TELEMETRY_MAX_DAY_AGE);
  return z.string().check(
    z.maxLength(10),
    z.refine(isValidDay, 'must be a day as YYYY-MM-DD'),
    z.superRefine((d, ctx) => {
      if (isValidDay(d) && (d < oldest || d > today))
        ctx.addIssue({
          code: 'custom',
          message: `must be today or within the last ${TELEMETRY_MAX_DAY_AGE} days (UTC, ${oldest}..${today}), got ${JSON.stringify(d)}`,
        });
    }),
  );
}

function buildAppPerformance(today: string, registry: FieldRegistry) {
  const C = 'app_performance' as const;
  const error = declaredObject(registry, C, 'error', today, { kind: z.literal('error') });
  const features = registry.filter((f) => f.category === C && f.kind === 'feature');
  let feature = z.strictObject({
    kind: z.literal('feature'),
    name: declaredNameSchema(registry, C, 'feature', today),
    count: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
  });
  // Refinements run per event, so they are attached only when the registry needs them.
  if (features.some((f) => f.type.type !== 'integer' || f.type.min !== 1 || f.type.max !== 10_000)) {
    feature = feature.check(
      z.refine(
        (e) => {
          const t = features.find((f) => f.name === e.name)?.type;
          return t?.type !== 'integer' || (e.count >= t.min && e.count <= t.max);
        },
        { error: 'is outside the declared range of this feature', path: ['count'] },
      ),
    );
  }
  const timings = registry.filter((f) => f.category === C && f.kind === 'timing');
  const bucketSets = new Set(
    timings.map((f) => (f.type.type === 'buckets' ? f.type.buckets : TIMING_BUCKETS)),
  );
  const labels = [...new Set([...bucketSets].flatMap((b) => b.labels))];
  let timing = z.strictObject({
    kind: z.literal('timing'),
    name: declaredNameSchema(registry, C, 'timing', today),
    bucket: z.enum(labels as [string, ...string[]], {
      error: (i) =>
        `${JSON.stringify(String(i.input).slice(0, 32))} is not a declared bucket (${labels.join(', ')})`,
    }),
  });
  if (bucketSets.size > 1) {
    timing = timing.check(
      z.superRefine((e, ctx) => {
        const f = timings.find((x) => x.name === e.name);
        const own = f?.type.type === 'buckets' ? f.type.buckets.labels : labels;
        if (!own.includes(e.bucket))
          ctx.addIssue({
            code: 'custom',
            message: `${JSON.stringify(e.bucket)} is not a declared bucket of "${e.name}"`,
            path: ['bucket'],
          });
      }),
    );
  }
  return z.strictObject({
    v: z.literal(1),
    day: daySchema(today),
    context: declaredObject(registry, C, 'context', today),
    events: z
      .array(z.discriminatedUnion('kind', [error, feature, timing]))
      .check(z.minLength(1), z.maxLength(TELEMETRY_LIMITS.maxEvents)),
  }) as unknown as z.ZodMiniType<AppPerformanceReport>;
}

function buildUserExperience(today: string, registry: FieldRegistry) {
  const C = 'user_experience' as const;
  return z.strictObject({
    v: z.literal(1),
    day: daySchema(today),
    context: declaredObject(registry, C, 'context', today),
    flights: z
      .array(declaredObject(registry, C, 'flight', today))
      .check(z.minLength(1), z.maxLength(TELEMETRY_LIMITS.maxFlights)),
  }) as unknown as z.ZodMiniType<UserExperienceReport>;
}

// Building a schema costs more than using it; the default registry's schemas change only at midnight.
const cache = new Map<string, unknown>();
function cached<T>(key: string, registry: FieldRegistry, build: () => T): T {
  if (registry !== FIELD_REGISTRY) return build();
  let s = cache.get(key);
  if (!s) {
    if (cache.size > 16) cache.clear();
    s = build();
    cache.set(key, s);
  }
  return s as T;
}

/**
 * The fast pre-check for a category on `today` (see report-fast-check.ts); cached like the schemas.
 *
 * @example
 * const ok = fastReportCheck('app_performance')(body); // true: accept; false: parseTelemetryReport says why
 */
export function fastReportCheck(
  category: TelemetryCategory,
  today?: Date | string,
  registry: FieldRegistry = FIELD_REGISTRY,
): FastReportCheck {
  const day = utcDay(today);
  if (registry === FIELD_REGISTRY && day === current.day) {
    const hit = current.checks[category];
    if (hit) return hit;
  }
  const check = cached(`fast|${category}|${day}`, registry, () =>
    compileFastReportCheck(category, day, registry),
  );
  if (registry === FIELD_REGISTRY) {
    if (day !== current.day) current = { day, checks: {} };
    current.checks[category] = check;
  }
  return check;
}

// The checks for the current day, looked up without building a cache key on every report.
let current: { day: string; checks: Partial<Record<TelemetryCategory, FastReportCheck>> } = {
  day: '',
  checks: {},
};

/**
 * The strict schema of an app-performance report accepted on `today` (UTC day or Date): only live
 * declared fields, feature and timing names; no unknown keys anywhere; 1..100 events.
 *
 * @example
 * const r = appPerformanceReportSchema(new Date()).safeParse(body);
 */
export function appPerformanceReportSchema(
  today?: Date | string,
  registry: FieldRegistry = FIELD_REGISTRY,
): z.ZodMiniType<AppPerformanceReport> {
  const day = utcDay(today);
  return cached(`ap|${day}`, registry, () => buildAppPerformance(day, registry));
}

/**
 * The strict schema of a user-experience report (bucketed flight summaries) accepted on `today`.
 *
 * @example
 * userExperienceReportSchema('2026-05-01').parse(body);
 */
export function userExperienceReportSchema(
  today?: Date | string,
  registry: FieldRegistry = FIELD_REGISTRY,
): z.ZodMiniType<UserExperienceReport> {
  const day = utcDay(today);
  return cached(`ux|${day}`, registry, () => buildUserExperience(day, registry));
}

/**
 * The schema for a category, for code that handles both.
 *
 * @example
 * const r = telemetryReportSchema(category).safeParse(body);
 * if (!r.success) console.warn(describeTelemetryIssues(r.error.issues));
 */
export function telemetryReportSchema(
  category: TelemetryCategory,
  today?: Date | string,
  registry: FieldRegistry = FIELD_REGISTRY,
): z.ZodMiniType<AppPerformanceReport | UserExperienceReport> {
  return category === 'app_performance'
    ? appPerformanceReportSchema(today, registry)
    : userExperienceReportSchema(today, registry);
}
