import type * as z from 'zod/mini';
import { safeParseEnglish } from '../schema/index.ts';
import type { TelemetryCategory } from './field-types.ts';
import { fastReportCheck, telemetryReportSchema } from './report-schemas.ts';
import type { AppPerformanceReport, UserExperienceReport } from './report-types.ts';

const MAX_MESSAGES = 10;

/**
 * `events[3].name` from `['events', 3, 'name']`.
 *
 * @example
 * formatIssuePath(['events', 3, 'name']); // 'events[3].name'
 * formatIssuePath([]); // '(body)'
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(body)';
}

/**
 * One line per problem, each naming the field: `events[3].name: "map.zoom" is not a declared field`,
 * `context.device_id: unknown field`. Unknown keys are reported at their own path, not the parent's.
 *
 * @example
 * const r = appPerformanceReportSchema().safeParse(body);
 * if (!r.success) console.warn(describeTelemetryIssues(r.error.issues)); // ['events[0].name: ...', ...]
 */
export function describeTelemetryIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) lines.push(`${formatIssuePath([...i.path, k])}: unknown field (not declared)`);
    } else lines.push(`${formatIssuePath(i.path)}: ${i.message}`);
  }
  if (lines.length > MAX_MESSAGES)
    return [...lines.slice(0, MAX_MESSAGES), `and ${lines.length - MAX_MESSAGES} more`];
  return lines;
}

/**
 * What `parseTelemetryReport` returns: the typed report, or one readable line per problem.
 *
 * @example
 * const r: TelemetryParseResult<AppPerformanceReport> = parseTelemetryReport('app_performance', body);
 * if (!r.ok) return reply(422, r.errors);
 */
export type TelemetryParseResult<T> = { ok: true; report: T } | { ok: false; errors: string[] };

/**
 * Validates a report body against the registry as of `today`; the SDK runs this before queueing and
 * the server on arrival, so both refuse exactly the same things.
 *
 * @example
 * const r = parseTelemetryReport('user_experience', body);
 * if (!r.ok) console.warn(r.errors.join('; '));
 */
export function parseTelemetryReport(
  category: 'app_performance',
  body: unknown,
  today?: Date | string,
): TelemetryParseResult<AppPerformanceReport>;
export function parseTelemetryReport(
  category: 'user_experience',
  body: unknown,
  today?: Date | string,
): TelemetryParseResult<UserExperienceReport>;
export function parseTelemetryReport(
  category: TelemetryCategory,
  body: unknown,
  today?: Date | string,
): TelemetryParseResult<AppPerformanceReport | UserExperienceReport>;
export function parseTelemetryReport(
  category: TelemetryCategory,
  body: unknown,
  today?: Date | string,
): TelemetryParseResult<AppPerformanceReport | UserExperienceReport> {
  // The fast check accepts only what the schema accepts; anything else gets the schema's verdict.
  if (fastReportCheck(category, today)(body))
    return { ok: true, report: body as AppPerformanceReport | UserExperienceReport };
  const r = safeParseEnglish(telemetryReportSchema(category, today), body);
  return r.success
    ? { ok: true, report: r.data }
    : { ok: false, errors: describeTelemetryIssues(r.error.issues) };
}
