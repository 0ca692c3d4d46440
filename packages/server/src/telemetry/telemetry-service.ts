import { rmSync } from 'node:fs';
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
import { type ClaimedJournal, claimOrphans, createJournal } from './journal-files.ts';
import { encodeRecord, type JournalRecord } from './journal-format.ts';
import { replayJournal } from './journal-replay.ts';
import { keyedNoise, streamNoise } from './laplace-noise.ts';
import {
  type PublishedCounter,
  type PublishedErrorGroup,
  releaseCounters,
  releaseErrors,
  type Suppressed,
} from './release-stats.ts';
import { type JournalSync, TelemetryJournal } from './telemetry-journal.ts';
import { type JournalCheckpoint, type StreamMessageKey, TelemetryStore } from './telemetry-store.ts';

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
  /**
   * Distinct values per day kept in each free-text dimension (app_version, os_version, device_model)
   * and distinct error groups per day; the rest are counted as "other". Default 100.
   */
  maxValues?: number;
}

/**
 * What became of a report: how many events or flights it carried (202), or why it was refused (503):
 * `busy` when the database has not taken a flush for long, `not_durable` when the journal could not
 * be written. A refused report was not added to anything.
 */
export type IngestResult = number | 'busy' | 'not_durable';

const RECORD_KIND: Record<TelemetryCategory, number> = { app_performance: 1, user_experience: 2 };
const KIND_CATEGORY = new Map<number, TelemetryCategory>([
  [1, 'app_performance'],
  [2, 'user_experience'],
]);

/** What opening the journal found (logged at start). */
export interface JournalRecovery {
  journals: number;
  records: number;
  tornBytes: number;
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

const DEFAULT_MAX_VALUES = 100;

/**
 * Where reports go instead of the journal when the servers share a stream (telemetry-stream/): the
 * aggregates of the reports one turn of the event loop took in (AggregateBuffer.encode); the promise
 * settles once the stream has stored them, and the stream's aggregators add them.
 */
export interface ReportPublisher {
  publish(aggregates: string): Promise<void>;
}

/** The subject suffix (and StreamedReport kind) of a message holding a turn's aggregates. */
export const AGGREGATES = 'aggregates';

/**
 * One message as a stream delivered it: its id (the UUID of its Nats-Msg-Id) and the day it was made,
 * its sequence in the stream, kind and JSON: the aggregates of a turn's reports (AGGREGATES), or, as
 * servers published before they sent aggregates, a report or an array of reports of one category.
 */
export interface StreamedReport extends StreamMessageKey {
  category: TelemetryCategory | typeof AGGREGATES;
  payload: Uint8Array;
}

/** A turn's aggregates are sent early once this many rows, or error groups (≤ 4 KB of stack each), wait. */
const TURN_MAX_ROWS = 4000;
const TURN_MAX_GROUPS = 100;

interface Turn {
  buffer: AggregateBuffer;
  done: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

/** Streamed messages parsed and summed between two turns of the event loop. */
const STREAM_SLICE = 100;
const STREAM_DECODER = new TextDecoder();

/** One batch can hold two copies of a message (redelivered, or stored twice): the first one counts. */
function firstOfEachId(reports: StreamedReport[]): StreamedReport[] {
  const seen = new Set<string>();
  return reports.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
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
  private journal: TelemetryJournal | null = null;
  /** Set when a journal was asked for but could not be opened, or once it is closed: reports are refused. */
  private journalMissing = false;
  private publisher: ReportPublisher | null = null;
  /** The aggregates of this turn's reports, not yet sent to the stream. */
  private turn: Turn | null = null;
  private readonly closers: Array<() => Promise<void>> = [];

  constructor(
    db: Database,
    private readonly options: TelemetryOptions,
  ) {
    this.store = new TelemetryStore(db);
    this.flushRows = options.flushRows ?? 20_000;
  }

  /**
   * Adds one validated report to the aggregates. With a journal, the report (`raw`: its JSON, or the
   * report serialised) is appended and fsynced first and only then added, and the promise settles
   * after that: a 202 sent then survives a kill -9. Without one (in-memory servers, tests) it is added
   * at once. Refused reports are not added at all (see IngestResult).
   */
  ingest(category: 'app_performance', report: AppPerformanceReport, raw?: string): Promise<IngestResult>;
  ingest(category: 'user_experience', report: UserExperienceReport, raw?: string): Promise<IngestResult>;
  ingest(
    category: TelemetryCategory,
    report: AppPerformanceReport | UserExperienceReport,
    raw?: string,
  ): Promise<IngestResult>;
  ingest(
    category: TelemetryCategory,
    report: AppPerformanceReport | UserExperienceReport,
    raw?: string,
  ): Promise<IngestResult> {
    if (this.buffer.size > (this.options.maxPendingRows ?? MAX_PENDING_ROWS)) {
      if (this.dropped++ === 0)
        this.options.log.warn('telemetry buffer full; refusing reports until a flush succeeds');
      if (!this.flushQueued) void this.flush().catch(() => {});
      return Promise.resolve('busy');
    }
    const n = 'events' in report ? report.events.length : report.flights.length;
    if (this.publisher) return this.publishReport(category, report, n);
    const apply = () => this.apply(category, report);
    if (this.journalMissing) return Promise.resolve('not_durable');
    if (!this.journal) {
      apply();
      return Promise.resolve(n);
    }
    const record = encodeRecord(RECORD_KIND[category], raw ?? JSON.stringify(report));
    return this.journal.append(record, apply).then(
      () => n,
      (e: Error) => {
        // The code only: an error message could quote a path in the data dir, never report content.
        this.options.log.error('telemetry journal write failed', {
          code: (e as { code?: string }).code ?? e.name,
        });
        return 'not_durable' as const;
      },
    );
  }

  /** Runs `fn` when the service closes, before its last flush (a stream's aggregator, its connection). */
  onClose(fn: () => Promise<void>): void {
    this.closers.push(fn);
  }

  /** Sends reports to a shared stream instead of this server's journal (see ReportPublisher). */
  usePublisher(publisher: ReportPublisher): void {
    this.publisher = publisher;
  }

  /**
   * Adds the report to this turn's aggregates, which go to the stream as one message when the turn
   * ends (or early, when large): its 202 waits for the stream to store that message. Parsed, checked
   * and summed once, here, as without a stream; the stream carries a few rows instead of the reports.
   */
  private publishReport(
    category: TelemetryCategory,
    report: AppPerformanceReport | UserExperienceReport,
    n: number,
  ): Promise<IngestResult> {
    let turn = this.turn;
    if (!turn) {
      let settle!: Pick<Turn, 'resolve' | 'reject'>;
      const done = new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
      const opened: Turn = { buffer: new AggregateBuffer(), done, ...settle };
      this.turn = turn = opened;
      setImmediate(() => this.sendTurn(opened));
    }
    this.addTo(category, report, turn.buffer);
    const sent = turn.done.then(
      () => n,
      () => 'not_durable' as const,
    );
    if (turn.buffer.size >= TURN_MAX_ROWS || turn.buffer.errorGroups.size >= TURN_MAX_GROUPS)
      this.sendTurn(turn);
    return sent;
  }

  private sendTurn(turn: Turn): void {
    if (this.turn !== turn) return; // sent early
    this.turn = null;
    this.publisher!.publish(turn.buffer.encode()).then(turn.resolve, (e: Error) => {
      this.options.log.error('telemetry stream publish failed', {
        code: (e as { code?: string }).code ?? e.name,
      });
      turn.reject(e);
    });
  }

  /**
   * Adds a batch of stream messages to the tables exactly once (see TelemetryStore.writeStreamBatch):
   * returns how many messages were new. Reports were validated before they were published. The batch is
   * parsed and summed before the transaction, a slice at a time with the event loop let go between
   * slices (a batch of 1,000 is ~25 ms of work that would otherwise hold up every answer, among them
   * the acknowledgements the server's publishes wait for); inside it, only a batch that turns out to
   * hold reports already added (a second copy) is summed again without them.
   */
  async applyStreamBatch(stream: string, reports: StreamedReport[]): Promise<number> {
    const unique = firstOfEachId(reports);
    const all = new AggregateBuffer();
    for (let i = 0; i < unique.length; i += STREAM_SLICE) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      this.addStreamed(unique.slice(i, i + STREAM_SLICE), all);
    }
    return this.store.writeStreamBatch(
      stream,
      unique,
      (fresh) => {
        if (fresh.size === unique.length) return all;
        const buffer = new AggregateBuffer();
        this.addStreamed(
          unique.filter((r) => fresh.has(r.id)),
          buffer,
        );
        return buffer;
      },
      { maxValues: this.options.maxValues ?? DEFAULT_MAX_VALUES },
    );
  }

  private addStreamed(messages: StreamedReport[], buffer: AggregateBuffer): void {
    for (const m of messages) {
      const parsed = JSON.parse(STREAM_DECODER.decode(m.payload));
      if (m.category === AGGREGATES) {
        buffer.addEncoded(parsed);
        continue;
      }
      // Published before servers sent aggregates: one report, or an array of the reports of a turn.
      for (const report of Array.isArray(parsed) ? parsed : [parsed]) this.addTo(m.category, report, buffer);
    }
  }

  private addTo(
    category: TelemetryCategory,
    report: AppPerformanceReport | UserExperienceReport,
    buffer: AggregateBuffer,
  ): void {
    if (category === 'app_performance') addAppPerformance(report as AppPerformanceReport, buffer, this.scrub);
    else addUserExperience(report as UserExperienceReport, buffer);
  }

  private apply(category: TelemetryCategory, report: AppPerformanceReport | UserExperienceReport): void {
    this.addTo(category, report, this.buffer);
    if (this.buffer.size >= this.flushRows && !this.flushQueued) void this.flush().catch(() => {});
  }

  private replayRecord(r: JournalRecord): void {
    const category = KIND_CATEGORY.get(r.kind);
    // Only records this server wrote after validating them reach here (the checksum holds).
    if (category) this.apply(category, JSON.parse(r.payload.toString('utf8')));
  }

  /**
   * Opens the journal under `root` (a folder in the data dir): replays every journal left by a
   * process that died, from its checkpoint, writes the replayed aggregates with the checkpoints at the
   * journals' ends in one transaction, deletes them, and starts a new journal for this process. If the
   * folder cannot be used, the service refuses reports (503) rather than accept them undurably.
   */
  async openJournal(root: string, sync: JournalSync = 'fsync'): Promise<JournalRecovery> {
    let orphans: ClaimedJournal[];
    let mine: ClaimedJournal;
    try {
      orphans = claimOrphans(root);
      mine = createJournal(root);
    } catch (e) {
      this.journalMissing = true;
      this.options.log.error('telemetry journal cannot be opened; refusing reports', {
        code: (e as { code?: string }).code ?? (e as Error).name,
      });
      return { journals: 0, records: 0, tornBytes: 0 };
    }
    const recovery: JournalRecovery = { journals: orphans.length, records: 0, tornBytes: 0 };
    if (orphans.length > 0) {
      const from = await this.store.checkpoints(orphans.map((o) => o.id));
      const checkpoints: JournalCheckpoint[] = [];
      for (const o of orphans) {
        const r = replayJournal(o.dir, from.get(o.id), (rec) => this.replayRecord(rec));
        recovery.records += r.records;
        recovery.tornBytes += r.tornBytes;
        checkpoints.push({ journalId: o.id, position: r.end });
      }
      await this.flushWith(checkpoints);
      for (const o of orphans) rmSync(o.dir, { recursive: true, force: true });
      await this.store.dropCheckpoints(orphans.map((o) => o.id));
    }
    this.journal = await TelemetryJournal.start(mine, 0, sync);
    return recovery;
  }

  startFlushing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => {}), this.options.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Writes what is waiting; flushes run one after another, never two at once. */
  flush(): Promise<void> {
    return this.flushWith();
  }

  private flushWith(extra: JournalCheckpoint[] = []): Promise<void> {
    this.flushQueued = true;
    const run = this.chain.then(() => this.flushNow(extra));
    this.chain = run.catch(() => {});
    return run;
  }

  private async flushNow(extra: JournalCheckpoint[]): Promise<void> {
    this.flushQueued = false;
    if (this.buffer.size === 0 && extra.length === 0) return;
    const batch = this.buffer;
    this.buffer = new AggregateBuffer();
    // Taken in the same tick as the buffer: the batch holds exactly the journal up to here.
    const journal = this.journal;
    const through = journal?.position;
    const checkpoints = journal && through ? [...extra, { journalId: journal.id, position: through }] : extra;
    try {
      const statements = await this.store.write(batch, {
        checkpoints,
        maxValues: this.options.maxValues ?? DEFAULT_MAX_VALUES,
      });
      if (journal && through) void journal.release(through);
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
    for (const fn of this.closers.splice(0)) await fn();
    const journal = this.journal;
    // Reports already appended are let through to the buffer before the last flush; later ones are
    // refused (503), not added to a buffer nobody will flush.
    if (journal) {
      this.journalMissing = true;
      await journal.close();
    }
    await this.flush();
    this.journal = null;
  }

  /** Test hook: stop as a killed process would (nothing flushed, the journal left as it is). */
  abandon(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.journal?.abandon();
    this.journal = null;
  }

  /** Group commits of the journal so far (null without one). */
  get journalStats(): { commits: number; records: number } | null {
    return this.journal?.stats ?? null;
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
