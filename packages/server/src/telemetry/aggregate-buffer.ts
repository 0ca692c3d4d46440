import type { TelemetryCategory } from '@airlock/core';
import type { ContributionSink, Contributions, ErrorContribution } from './contributions.ts';

export interface CounterRow {
  day: string;
  category: TelemetryCategory;
  dimension: string;
  value: string;
  reports: number;
  total: number;
}

export interface ErrorCountRow {
  day: string;
  fingerprint: string;
  reports: number;
  events: number;
  crashes: number;
}

export interface ErrorGroupRow {
  fingerprint: string;
  errorType: string;
  sampleStack: string;
  firstDay: string;
  lastDay: string;
}

/** What AggregateBuffer.encode writes, parsed. */
export interface EncodedAggregates {
  c: Array<[string, TelemetryCategory, string, string, number, number]>;
  e: Array<[string, string, number, number, number]>;
  g: Array<[string, string, string, string, string]>;
}

/**
 * Aggregates in memory between flushes. Its size grows with the number of distinct cells, not with
 * traffic: a thousand reports about the same app version on the same day are one row here.
 */
export class AggregateBuffer implements ContributionSink {
  // Nested by day, category, dimension and value rather than one concatenated key: this runs a few
  // dozen times per report, and concatenating then hashing a fresh key each time was most of ingest.
  private readonly cells = new Map<string, Map<string, Map<string, Map<string, CounterRow>>>>();
  private counterCount = 0;
  readonly errorCounts = new Map<string, ErrorCountRow>();
  readonly errorGroups = new Map<string, ErrorGroupRow>();

  /** Distinct rows waiting to be written. */
  get size(): number {
    return this.counterCount + this.errorCounts.size + this.errorGroups.size;
  }

  /** Every counter row waiting to be written. */
  *counters(): IterableIterator<CounterRow> {
    for (const byCategory of this.cells.values())
      for (const byDimension of byCategory.values())
        for (const byValue of byDimension.values()) yield* byValue.values();
  }

  add(c: Contributions): void {
    for (const x of c.counters) this.addCounter(x);
    for (const e of c.errors) this.error(e);
  }

  counter(day: string, category: TelemetryCategory, dimension: string, value: string, total: number): void {
    const row = this.row(day, category, dimension, value);
    row.reports++;
    row.total += total;
  }

  private row(day: string, category: TelemetryCategory, dimension: string, value: string): CounterRow {
    let byCategory = this.cells.get(day);
    if (!byCategory) this.cells.set(day, (byCategory = new Map()));
    let byDimension = byCategory.get(category);
    if (!byDimension) byCategory.set(category, (byDimension = new Map()));
    let byValue = byDimension.get(dimension);
    if (!byValue) byDimension.set(dimension, (byValue = new Map()));
    let row = byValue.get(value);
    if (!row) {
      byValue.set(value, (row = { day, category, dimension, value, reports: 0, total: 0 }));
      this.counterCount++;
    }
    return row;
  }

  error(e: ErrorContribution): void {
    this.addErrorCount(e);
    this.addGroup({
      fingerprint: e.fingerprint,
      errorType: e.errorType,
      sampleStack: e.sampleStack,
      firstDay: e.day,
      lastDay: e.day,
    });
  }

  /**
   * The buffer as JSON text, for a stream message (telemetry through NATS: the reports one server took
   * in one turn of its event loop travel as their aggregates). Arrays, not objects: a row is a few
   * dozen bytes. `addEncoded` adds it to another buffer.
   */
  encode(): string {
    const c: unknown[] = [];
    for (const r of this.counters()) c.push([r.day, r.category, r.dimension, r.value, r.reports, r.total]);
    const e = [...this.errorCounts.values()].map((r) => [
      r.day,
      r.fingerprint,
      r.reports,
      r.events,
      r.crashes,
    ]);
    const g = [...this.errorGroups.values()].map((r) => [
      r.fingerprint,
      r.errorType,
      r.sampleStack,
      r.firstDay,
      r.lastDay,
    ]);
    return JSON.stringify({ c, e, g });
  }

  /** Adds what `encode` wrote (parsed), as `merge` would add the buffer it came from. */
  addEncoded(parsed: EncodedAggregates): void {
    for (const [day, category, dimension, value, reports, total] of parsed.c)
      this.addCounter({ day, category, dimension, value, reports, total });
    for (const [day, fingerprint, reports, events, crashes] of parsed.e)
      this.addErrorCount({ day, fingerprint, reports, events, crashes });
    for (const [fingerprint, errorType, sampleStack, firstDay, lastDay] of parsed.g)
      this.addGroup({ fingerprint, errorType, sampleStack, firstDay, lastDay });
  }

  /** Adds everything in `other` (used to put a failed flush back). */
  merge(other: AggregateBuffer): void {
    for (const x of other.counters()) this.addCounter(x);
    for (const x of other.errorCounts.values()) this.addErrorCount(x);
    for (const x of other.errorGroups.values()) this.addGroup(x);
  }

  private addCounter(x: CounterRow): void {
    const row = this.row(x.day, x.category, x.dimension, x.value);
    row.reports += x.reports;
    row.total += x.total;
  }

  private addErrorCount(x: ErrorCountRow): void {
    const key = `${x.day}\u0001${x.fingerprint}`;
    const row = this.errorCounts.get(key);
    if (row) {
      row.reports += x.reports;
      row.events += x.events;
      row.crashes += x.crashes;
    } else {
      this.errorCounts.set(key, {
        day: x.day,
        fingerprint: x.fingerprint,
        reports: x.reports,
        events: x.events,
        crashes: x.crashes,
      });
    }
  }

  private addGroup(x: ErrorGroupRow): void {
    const g = this.errorGroups.get(x.fingerprint);
    if (!g) this.errorGroups.set(x.fingerprint, { ...x });
    else {
      // The first sample seen stays; only the day range widens.
      if (x.firstDay < g.firstDay) g.firstDay = x.firstDay;
      if (x.lastDay > g.lastDay) g.lastDay = x.lastDay;
    }
  }
}
