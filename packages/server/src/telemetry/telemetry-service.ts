import {
  type AppPerformanceReport,
  addDays,
  type RandomSource,
  TELEMETRY_MAX_DAY_AGE,
  type TelemetryCategory,
  type UserExperienceReport,
  utcDay,
} from '@airlock/core';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { AggregateBuffer } from './aggregate-buffer.ts';
import { addAppPerformance, addUserExperience } from './contributions.ts';
import { type ErrorScrubber, memoizedScrubber } from './error-scrubber.ts';
import { keyedNoise, streamNoise } from './laplace-noise.ts';
import {
  type PublishedCounter,
  type PublishedErrorGroup,
  releaseCounters,
  releaseErrors,
  type Suppressed,
} from './release-stats.ts';
import { TelemetryStore } from './telemetry-store.ts';

export interface TelemetryOptions {
  log: Logger;
  /** Flush at least this often (ms). */
  flushMs?: number;
  /** Flush as soon as this many distinct rows wait. */
  flushRows?: number;
  /** Refuse reports (503) while more rows than this wait for a database that takes no flush. */
  maxPendingRows?: number;
  /** AIRLOCK_STATS_MIN_GROUP */
  minGroup?: number;
  /** AIRLOCK_STATS_EPSILON; no noise when unset. */
  epsilon?: number;
  /** Test hook: draw the noise from this (seeded) source instead of the keyed secret. */
  random?: RandomSource;
}

export interface StatsQuery {
  from: string;
  to: string;
  category?: TelemetryCategory;
  byDay?: boolean;
  /** Today, for tests; defaults to the UTC day now. */
  today?: string;
}

export interface TelemetryStats {
  from: string;
  to: string;
  category: TelemetryCategory | null;
  by_day: boolean;
  privacy: {
    min_group: number;
    epsilon: number | null;
    /** With noise, only days that can no longer receive reports are published; this is the last one. */
    published_through: string;
  };
  counters: PublishedCounter[];
  errors: PublishedErrorGroup[];
  suppressed: Suppressed;
}

/** What writing has cost so far: tests and the bench check that ingest is batched. */
export interface WriteStats {
  flushes: number;
  statements: number;
  rows: number;
  failures: number;
}

// Beyond this many waiting rows (the database being down for long), new data is dropped, not queued.
const MAX_PENDING_ROWS = 500_000;

/**
 * Telemetry on the server: aggregates validated reports in memory on arrival and adds them to SQL in
 * batches (every flushMs or flushRows rows, and on close) with multi-row upserts. No raw report or event
 * is ever written, and nothing about the sender is seen here at all: routes pass only the report body.
 */
export class TelemetryService {
  readonly store: TelemetryStore;
  readonly writes: WriteStats = { flushes: 0, statements: 0, rows: 0, failures: 0 };
  private buffer = new AggregateBuffer();
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private dropped = 0;
  private readonly scrub: ErrorScrubber = memoizedScrubber();
  private readonly flushRows: number;

  constructor(
    db: Database,
    private readonly options: TelemetryOptions,
  ) {
    this.store = new TelemetryStore(db);
    this.flushRows = options.flushRows ?? 20_000;
  }

  /**
   * Adds one validated report to the aggregates; returns how many events or flights it carried, or
   * undefined when the buffer is full (the database has not taken a flush for a while): the report is
   * then not added, and the client is told so (503) rather than told it was accepted.
   */
  ingest(category: 'app_performance', report: AppPerformanceReport): number | undefined;
  ingest(category: 'user_experience', report: UserExperienceReport): number | undefined;
  ingest(
    category: TelemetryCategory,
    report: AppPerformanceReport | UserExperienceReport,
  ): number | undefined;
  ingest(
    category: TelemetryCategory,
    report: AppPerformanceReport | UserExperienceReport,
  ): number | undefined {
    if (this.buffer.size > (this.options.maxPendingRows ?? MAX_PENDING_ROWS)) {
      if (this.dropped++ === 0)
        this.options.log.warn('telemetry buffer full; refusing reports until a flush succeeds');
      if (!this.flushQueued) void this.flush().catch(() => {});
      return undefined;
    }
    if (category === 'app_performance') {
      addAppPerformance(report as AppPerformanceReport, this.buffer, this.scrub);
    } else {
      addUserExperience(report as UserExperienceReport, this.buffer);
    }
    if (this.buffer.size >= this.flushRows && !this.flushQueued) void this.flush().catch(() => {});
    return 'events' in report ? report.events.length : report.flights.length;
  }

  startFlushing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => {}), this.options.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Writes what is waiting; flushes run one after another, never two at once. */
  flush(): Promise<void> {
    this.flushQueued = true;
    const run = this.chain.then(() => this.flushNow());
    this.chain = run.catch(() => {});
    return run;
  }

  private async flushNow(): Promise<void> {
    this.flushQueued = false;
    if (this.buffer.size === 0) return;
    const batch = this.buffer;
    this.buffer = new AggregateBuffer();
    try {
      const statements = await this.store.write(batch);
      this.writes.flushes++;
      this.writes.statements += statements;
      this.writes.rows += batch.size;
      if (this.dropped)
        this.options.log.warn('telemetry reports dropped while the buffer was full', { count: this.dropped });
      this.dropped = 0;
    } catch (e) {
      // Put it back so nothing is lost when the database blips. Log the code only: a database
      // message can quote the values of the failed statement.
      batch.merge(this.buffer);
      this.buffer = batch;
      this.writes.failures++;
      this.options.log.error('telemetry flush failed', {
        code: (e as { code?: string }).code ?? (e as Error).name,
      });
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /**
   * The operator statistics, the same for the API and `airlock stats`: aggregates over [from, to],
   * with every count below the minimum group size suppressed and, when epsilon is set, Laplace noise
   * added first (only to days that can no longer change). See docs/telemetry.md for the guarantee.
   */
  async readStats(q: StatsQuery): Promise<TelemetryStats> {
    await this.flush();
    const minGroup = this.options.minGroup ?? 10;
    const epsilon = this.options.epsilon;
    const today = q.today ?? utcDay();
    // Reports may arrive up to TELEMETRY_MAX_DAY_AGE days late: a noisy number for a day that can
    // still change would be a fresh release each time it changed, so open days wait under noise.
    const publishedThrough = epsilon ? addDays(today, -TELEMETRY_MAX_DAY_AGE - 1) : today;
    // biome-ignore lint/complexity/useMathMinMax: these are day strings, not numbers
    const to = q.to < publishedThrough ? q.to : publishedThrough;
    const noise = this.options.random
      ? streamNoise(this.options.random)
      : epsilon
        ? keyedNoise(await this.store.noiseKey())
        : streamNoise(() => 0.5);
    const policy = { minGroup, epsilon, noise, byDay: q.byDay ?? false };
    const suppressed: Suppressed = { rows: 0, values: 0 };
    const counters = q.from <= to ? await this.store.readCounters(q.from, to, q.category) : [];
    const errors =
      q.from <= to && (q.category ?? 'app_performance') === 'app_performance'
        ? await this.store.readErrors(q.from, to)
        : [];
    return {
      from: q.from,
      to: q.to,
      category: q.category ?? null,
      by_day: policy.byDay,
      privacy: { min_group: minGroup, epsilon: epsilon ?? null, published_through: publishedThrough },
      counters: releaseCounters(counters, policy, suppressed),
      errors: releaseErrors(errors, policy, suppressed),
      suppressed,
    };
  }
}
