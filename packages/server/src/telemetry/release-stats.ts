import type { TelemetryCategory } from '@airlock/core';
import type { CounterRow } from './aggregate-buffer.ts';
import { CONTRIBUTION_CAPS, totalCap } from './contributions.ts';
import { laplace, type NoiseSource } from './laplace-noise.ts';
import type { ErrorDayRow } from './telemetry-store.ts';

export interface ReleasePolicy {
  /** Counts below this are not published (AIRLOCK_STATS_MIN_GROUP). */
  minGroup: number;
  /** Laplace noise with scale sensitivity/epsilon when set (AIRLOCK_STATS_EPSILON). */
  epsilon?: number;
  noise: NoiseSource;
  /** Sum over the range (false) or one row per day (true). */
  byDay: boolean;
}

export interface PublishedCounter {
  day?: string;
  category: TelemetryCategory;
  dimension: string;
  value: string;
  reports: number;
  /** null when suppressed. */
  total: number | null;
}

export interface PublishedErrorGroup {
  day?: string;
  fingerprint: string;
  error_type: string;
  sample_stack: string;
  first_day: string;
  last_day: string;
  reports: number;
  events: number | null;
  crashes: number | null;
}

export interface Suppressed {
  /** Rows left out because fewer than minGroup reports make them up. */
  rows: number;
  /** Single numbers in published rows replaced by null for being below minGroup. */
  values: number;
}

// Rounding to whole numbers also blunts attacks on the low bits of floating-point Laplace samples
// (Mironov 2012); clamping at zero is post-processing and costs no privacy.
function noisy(value: number, sensitivity: number, p: ReleasePolicy, draw: () => number): number {
  if (!p.epsilon) return value;
  return Math.max(0, Math.round(value + laplace(sensitivity / p.epsilon, draw)));
}

function gate(value: number, p: ReleasePolicy, s: Suppressed): number | null {
  if (value >= p.minGroup) return value;
  s.values++;
  return null;
}

/**
 * Publishes counters: noise per day cell first (each report lives in one day cell, so a sum over days
 * is post-processing and costs no further privacy), then sums over the range unless byDay, then
 * suppresses every row whose (noisy) report count is below minGroup.
 */
export function releaseCounters(rows: CounterRow[], p: ReleasePolicy, s: Suppressed): PublishedCounter[] {
  const out = new Map<string, { row: PublishedCounter; total: number }>();
  for (const r of rows) {
    const draw = p.noise(`c|${r.day}|${r.category}|${r.dimension}|${r.value}|${r.reports}|${r.total}`);
    const reports = noisy(r.reports, 1, p, draw);
    const total = noisy(r.total, totalCap(r.dimension), p, draw);
    const key = `${p.byDay ? r.day : ''}|${r.category}|${r.dimension}|${r.value}`;
    const acc = out.get(key);
    if (acc) {
      acc.row.reports += reports;
      acc.total += total;
    } else {
      const row: PublishedCounter = {
        ...(p.byDay ? { day: r.day } : {}),
        category: r.category,
        dimension: r.dimension,
        value: r.value,
        reports,
        total: null,
      };
      out.set(key, { row, total });
    }
  }
  const published: PublishedCounter[] = [];
  for (const { row, total } of out.values()) {
    if (row.reports < p.minGroup) {
      s.rows++;
      continue;
    }
    row.total = gate(total, p, s);
    published.push(row);
  }
  return published;
}

/** Publishes error groups the same way: noise per day, sum, then suppression by report count. */
export function releaseErrors(rows: ErrorDayRow[], p: ReleasePolicy, s: Suppressed): PublishedErrorGroup[] {
  const cap = CONTRIBUTION_CAPS.errorGroup;
  const out = new Map<string, { row: PublishedErrorGroup; events: number; crashes: number }>();
  for (const r of rows) {
    const draw = p.noise(`e|${r.day}|${r.fingerprint}|${r.reports}|${r.events}|${r.crashes}`);
    const reports = noisy(r.reports, 1, p, draw);
    const events = noisy(r.events, cap, p, draw);
    const crashes = noisy(r.crashes, cap, p, draw);
    const key = `${p.byDay ? r.day : ''}|${r.fingerprint}`;
    const acc = out.get(key);
    if (acc) {
      acc.row.reports += reports;
      acc.events += events;
      acc.crashes += crashes;
    } else {
      const row: PublishedErrorGroup = {
        ...(p.byDay ? { day: r.day } : {}),
        fingerprint: r.fingerprint,
        error_type: r.errorType,
        sample_stack: r.sampleStack,
        first_day: r.firstDay,
        last_day: r.lastDay,
        reports,
        events: null,
        crashes: null,
      };
      out.set(key, { row, events, crashes });
    }
  }
  const published: PublishedErrorGroup[] = [];
  for (const { row, events, crashes } of out.values()) {
    if (row.reports < p.minGroup) {
      s.rows++;
      continue;
    }
    row.events = gate(events, p, s);
    row.crashes = gate(crashes, p, s);
    published.push(row);
  }
  return published.sort((a, b) => b.reports - a.reports);
}
