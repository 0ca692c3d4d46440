import type { AppPerformanceReport, TelemetryCategory, UserExperienceReport } from '@airlock/core';
import { type ErrorScrubber, scrubError } from './error-scrubber.ts';

/**
 * The most one report adds to the `total` of one counter (its `reports` grows by at most 1). Capping
 * what a single report can contribute bounds how far one pilot's data can move any published number,
 * which is what the suppression threshold and the differential-privacy noise are calibrated to.
 */
export const CONTRIBUTION_CAPS = {
  /** report, app_version, os, os_version, device_model: one report is one. */
  context: 1,
  /** Uses of one feature in one report. */
  feature: 100,
  /** Timings of one name in one bucket in one report. */
  timing: 20,
  /** Errors (or crashes) of one kind in one report. */
  errorKind: 20,
  /** Occurrences (and crashes) of one error group in one report. */
  errorGroup: 20,
  /** Flights in one report, and flights in one bucket of one flight field. */
  flights: 20,
} as const;

/** One counter cell and what one report adds to it. */
export interface CounterContribution {
  day: string;
  category: TelemetryCategory;
  dimension: string;
  value: string;
  /** 1: a report adds one to the number of reports in the cell. */
  reports: number;
  total: number;
}

/** What one report adds to one error group. */
export interface ErrorContribution {
  day: string;
  fingerprint: string;
  errorType: string;
  /** Scrubbed again on the server (see scrubError). */
  sampleStack: string;
  reports: number;
  events: number;
  crashes: number;
}

export interface Contributions {
  counters: CounterContribution[];
  errors: ErrorContribution[];
}

/**
 * Where a report's contributions go: the aggregate buffer on the ingest path (no intermediate objects:
 * this runs for every report), or arrays in tests. Each call is one report's part in one cell.
 */
export interface ContributionSink {
  /** Adds 1 to the cell's reports and `total` (already capped) to its total. */
  counter(day: string, category: TelemetryCategory, dimension: string, value: string, total: number): void;
  error(e: ErrorContribution): void;
}

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Adds a validated app-performance report to `sink`: counters per dimension and error groups. */
export function addAppPerformance(
  r: AppPerformanceReport,
  sink: ContributionSink,
  scrub: ErrorScrubber,
): void {
  const { day, context: c } = r;
  const C = 'app_performance';
  sink.counter(day, C, 'report', 'all', 1);
  sink.counter(day, C, 'app_version', c.app_version, 1);
  sink.counter(day, C, 'os', c.os, 1);
  sink.counter(day, C, 'os_version', `${c.os} ${c.os_version}`, 1);
  sink.counter(day, C, 'device_model', c.device_model, 1);
  // Per-report sums first, so each cell gets one capped contribution from this report.
  // Few distinct names per report: linear search in small arrays beats building Map keys here.
  const features: Array<{ name: string; n: number }> = [];
  const timings: Array<{ name: string; bucket: string; n: number }> = [];
  let crashes = 0;
  let handled = 0;
  let groups: Map<string, ErrorContribution> | undefined;
  for (const e of r.events) {
    if (e.kind === 'feature') {
      const f = features.find((x) => x.name === e.name);
      if (f) f.n += e.count;
      else features.push({ name: e.name, n: e.count });
    } else if (e.kind === 'timing') {
      const t = timings.find((x) => x.name === e.name && x.bucket === e.bucket);
      if (t) t.n++;
      else timings.push({ name: e.name, bucket: e.bucket, n: 1 });
    } else {
      if (e.crash) crashes++;
      else handled++;
      const { stack, fingerprint } = scrub(e.error_type, e.stack, e.fingerprint);
      groups ??= new Map();
      const g = groups.get(fingerprint);
      if (g) {
        g.events++;
        g.crashes += e.crash ? 1 : 0;
      } else {
        const crash = e.crash ? 1 : 0;
        groups.set(fingerprint, {
          day,
          fingerprint,
          errorType: e.error_type,
          sampleStack: stack,
          reports: 1,
          events: 1,
          crashes: crash,
        });
      }
    }
  }
  for (const f of features) sink.counter(day, C, 'feature', f.name, Math.min(f.n, CONTRIBUTION_CAPS.feature));
  for (const t of timings)
    sink.counter(day, C, `timing:${t.name}`, t.bucket, Math.min(t.n, CONTRIBUTION_CAPS.timing));
  if (crashes) sink.counter(day, C, 'error', 'crash', Math.min(crashes, CONTRIBUTION_CAPS.errorKind));
  if (handled) sink.counter(day, C, 'error', 'handled', Math.min(handled, CONTRIBUTION_CAPS.errorKind));
  if (groups) {
    for (const g of groups.values()) {
      g.events = Math.min(g.events, CONTRIBUTION_CAPS.errorGroup);
      g.crashes = Math.min(g.crashes, CONTRIBUTION_CAPS.errorGroup);
      sink.error(g);
    }
  }
}

const FLIGHT_FIELDS = ['duration', 'distance', 'photos', 'videos'] as const;

/** Adds a validated user-experience report: one histogram cell per flight field and bucket. */
export function addUserExperience(r: UserExperienceReport, sink: ContributionSink): void {
  const { day } = r;
  const C = 'user_experience';
  sink.counter(day, C, 'report', 'all', 1);
  sink.counter(day, C, 'app_version', r.context.app_version, 1);
  sink.counter(day, C, 'os', r.context.os, 1);
  sink.counter(day, C, 'flights', 'all', Math.min(r.flights.length, CONTRIBUTION_CAPS.flights));
  for (const field of FLIGHT_FIELDS) {
    const buckets = new Map<string, number>();
    for (const f of r.flights) addTo(buckets, f[field], 1);
    for (const [bucket, n] of buckets)
      sink.counter(day, C, `flight.${field}`, bucket, Math.min(n, CONTRIBUTION_CAPS.flights));
  }
}

function collector(): { sink: ContributionSink; out: Contributions } {
  const out: Contributions = { counters: [], errors: [] };
  return {
    out,
    sink: {
      counter: (day, category, dimension, value, total) =>
        out.counters.push({ day, category, dimension, value, reports: 1, total }),
      error: (e) => out.errors.push(e),
    },
  };
}

/** What a validated app-performance report adds to the counters and error groups, as arrays. */
export function appPerformanceContributions(
  r: AppPerformanceReport,
  scrub: ErrorScrubber = scrubError,
): Contributions {
  const { sink, out } = collector();
  addAppPerformance(r, sink, scrub);
  return out;
}

/** What a validated user-experience report adds, as arrays. */
export function userExperienceContributions(r: UserExperienceReport): Contributions {
  const { sink, out } = collector();
  addUserExperience(r, sink);
  return out;
}

/** The most one report adds to `total` of a counter in `dimension` (the noise scale's numerator). */
export function totalCap(dimension: string): number {
  if (dimension === 'feature') return CONTRIBUTION_CAPS.feature;
  if (dimension.startsWith('timing:')) return CONTRIBUTION_CAPS.timing;
  if (dimension === 'error') return CONTRIBUTION_CAPS.errorKind;
  if (dimension === 'flights' || dimension.startsWith('flight.')) return CONTRIBUTION_CAPS.flights;
  return CONTRIBUTION_CAPS.context;
}
