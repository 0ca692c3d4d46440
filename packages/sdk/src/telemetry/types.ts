import type { TelemetryCategory } from '@airlock/core/telemetry';
import type { Consent } from '../consent/index.ts';
import type { KeyValueStorage } from '../storage/index.ts';
import type { Transport } from '../transport/index.ts';

/**
 * Coarse facts about the app and device, sent with each report: no name, serial or id.
 *
 * @example
 * const context: TelemetryContext = { app_version: '4.2.0', os: 'android', os_version: '14', device_model: 'Pixel 8' };
 * const airlock = createAirlock({ serverUrl, storage: localStorage, context });
 */
export interface TelemetryContext {
  app_version: string;
  /** 'android' | 'ios' | 'web' | 'windows' | 'macos' | 'linux'; anything else becomes 'other'. */
  os: string;
  os_version: string;
  /** A model name such as "Pixel 8", never the device's own name. */
  device_model: string;
}

/**
 * A finished flight as the app measured it; only bucket labels and the UTC day leave.
 *
 * @example
 * const flight: FlightSummaryInput = { durationS: 734, distanceM: 1800, photos: 12, videos: 1 };
 * airlock.telemetry.recordFlight(flight); // sent as buckets and the UTC day only
 */
export interface FlightSummaryInput {
  durationS: number;
  distanceM: number;
  photos: number;
  videos: number;
  /** When the flight ended; only its UTC day is kept. Default now. */
  endedAt?: Date;
}

/**
 * Why telemetry was dropped: `invalid` (not a declared field or value), `queue_full`, `consent_off`
 * (the pilot switched the category off), `rejected` (the server refused it).
 *
 * @example
 * const reason: DropReason = 'consent_off';
 * airlock.telemetry.dropped().counts[reason];
 */
export type DropReason = 'invalid' | 'queue_full' | 'consent_off' | 'rejected';

/**
 * Why data was not (or will not be) sent.
 *
 * @example
 * const last: DropRecord | undefined = airlock.telemetry.dropped().recent.at(-1);
 * if (last) console.warn(last.reason, last.detail); // invalid events[0].name: "map.zoom" is not a declared field
 */
export interface DropRecord {
  time: string;
  category: TelemetryCategory;
  reason: DropReason;
  /** Names the field: `events[0].name: "map.zoom" is not a declared field`. */
  detail: string;
  /** Items this record stands for. */
  count: number;
}

/**
 * What telemetry dropped since the app started: counts per reason and the latest records.
 *
 * @example
 * const dropped: DroppedSummary = airlock.telemetry.dropped();
 * console.log(dropped.counts.invalid, dropped.recent.map((r) => r.detail));
 */
export interface DroppedSummary {
  /** Items dropped since start, per reason. */
  counts: Record<DropReason, number>;
  /** The latest records, newest last (at most 50). */
  recent: DropRecord[];
}

/**
 * What `telemetry.flush()` resolves to: reports sent, reports kept for a retry, items still queued.
 *
 * @example
 * const result: FlushResult = await airlock.telemetry.flush(); // e.g. when the app goes to the background
 * console.log(result.sent, result.retry, result.pending.app_performance);
 */
export interface FlushResult {
  /** Reports the server accepted. */
  sent: number;
  /** Reports kept for a retry (offline, server busy, ledger failure). */
  retry: number;
  /** Items still queued, per category. */
  pending: Record<TelemetryCategory, number>;
}

/**
 * A timer function: runs `fn` after `ms`, returns the canceller.
 *
 * @example
 * const timers: Scheduler = (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); };
 * const airlock = createAirlock({ serverUrl, context, telemetry: { schedule: timers } });
 */
export type Scheduler = (fn: () => void, ms: number) => () => void;

/**
 * What `createTelemetry` takes: the transport and consent it sends through, storage for its queues, the
 * app and device context, and the batching (interval, jitter, queue size, backoff).
 *
 * @example
 * const options: TelemetryOptions = { transport, consent, storage: localStorage, context, flushIntervalMs: 300_000 };
 * const telemetry = createTelemetry(options);
 */
export interface TelemetryOptions {
  transport: Transport;
  consent: Pick<Consent, 'allows' | 'onChange' | 'ready'>;
  /** Where queues survive restarts; default in memory. */
  storage?: KeyValueStorage;
  now?: () => Date;
  /** In [0, 1): the jitter; default crypto.getRandomValues, else Math.random. */
  random?: () => number;
  /** Without a context nothing is collected (every item is dropped as invalid). */
  context?: TelemetryContext;
  /** Delay before queued data is sent; default 5 minutes. */
  flushIntervalMs?: number;
  /** Up to this much random delay is added to every automatic send; default 60 s. */
  jitterMs?: number;
  /** Items kept per category; the oldest are dropped (and counted) beyond; default 500. */
  maxQueue?: number;
  /** Longest wait between retries, ms; default 1 hour. */
  maxBackoffMs?: number;
  /** Default setTimeout (unref'd where possible). */
  schedule?: Scheduler;
  /** Default 'airlock.telemetry.v1:'. */
  storagePrefix?: string;
}

/**
 * Telemetry without identifiers: error reports, feature counts, timings and flight summaries, each
 * checked against the declared fields, queued per category and sent in batches as consent allows.
 *
 * @example
 * const telemetry: Telemetry = airlock.telemetry;
 * try { await loadMap(); } catch (e) { telemetry.reportError(e); }
 * telemetry.countFeature('map.open');
 * telemetry.recordFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
 */
export interface Telemetry {
  /** Resolves once the stored queues are read. */
  readonly ready: Promise<void>;
  /** An error or crash: its type, a fingerprint and the scrubbed stack (no message). */
  reportError(error: unknown, options?: { crash?: boolean }): void;
  /** One use of a declared feature (counted per day). */
  countFeature(name: string): void;
  /** A duration of a declared timing, sent as its bucket. */
  recordTiming(name: string, ms: number): void;
  /** One flight summary, bucketed, with its UTC day only. */
  recordFlight(flight: FlightSummaryInput): void;
  /** Sends what is queued now, without jitter (e.g. when the app goes to the background). */
  flush(): Promise<FlushResult>;
  /** Items waiting, per category. */
  pending(): Record<TelemetryCategory, number>;
  dropped(): DroppedSummary;
  /** Cancels timers; queued data stays in storage for the next start. */
  stop(): void;
}
