import {
  TELEMETRY_CATEGORIES,
  TELEMETRY_PATHS,
  type TelemetryCategory,
  utcDay,
} from '@airlock/core/telemetry';
import { randomBytes } from '../platform/index.ts';
import { memoryStorage, safeStorage } from '../storage/index.ts';
import { contextsOf, errorEvent, featureEvent, flightEvent, timingEvent } from './build-events.ts';
import { buildReports, problemsOf } from './build-reports.ts';
import { createDropLog } from './drop-log.ts';
import { createTelemetryQueue, type QueuedEvent } from './telemetry-queue.ts';
import type { FlushResult, Scheduler, Telemetry, TelemetryOptions } from './types.ts';

const MINUTE = 60_000;

/**
 * App-performance and user-experience telemetry: events are built and scrubbed on the device,
 * checked against core's declared-field schemas before they are queued and again before they are
 * sent, queued per category (bounded, persisted), batched per day and sent after a random delay.
 * Reports carry no identifier of any kind. A category that is off collects nothing, and switching
 * it off drops its queue at once. No method throws.
 *
 * @example
 * import { createTelemetry } from '@airlock/sdk/telemetry';
 * const telemetry = createTelemetry({ transport, consent, storage: localStorage, context });
 * telemetry.countFeature('map.open');
 * telemetry.recordTiming('app.startup', 840);
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? secureRandom;
  const flushIntervalMs = atLeast(options.flushIntervalMs, 0, 5 * MINUTE);
  const jitterMs = atLeast(options.jitterMs, 0, MINUTE);
  const maxQueue = atLeast(options.maxQueue, 1, 500);
  const maxBackoffMs = atLeast(options.maxBackoffMs, 1, 60 * MINUTE);
  const schedule = options.schedule ?? defaultSchedule;
  const { consent, transport } = options;
  const storage = safeStorage(options.storage ?? memoryStorage());
  const prefix = options.storagePrefix ?? 'airlock.telemetry.v1:';
  const contexts = contextsOf(options.context);
  const queues = {
    app_performance: createTelemetryQueue(storage, `${prefix}queue:app_performance`, maxQueue),
    user_experience: createTelemetryQueue(storage, `${prefix}queue:user_experience`, maxQueue),
  };
  const drops = createDropLog(now);
  let loaded = false;
  let cancelTimer: (() => void) | null = null;
  let attempt = 0;
  let stopped = false;
  let flushing: Promise<FlushResult> | null = null;

  function dropQueue(c: TelemetryCategory, why: string): void {
    const n = queues[c].clear();
    if (n > 0) drops.add(c, 'consent_off', `${why}: ${n} queued item(s) dropped`, n);
  }

  const ready = (async () => {
    await consent.ready;
    for (const c of TELEMETRY_CATEGORIES) {
      await queues[c].load();
      if (!consent.allows(c)) dropQueue(c, 'switched off while the app was not running');
    }
    loaded = true;
    if (queues.app_performance.size() + queues.user_experience.size() > 0) scheduleFlush(flushIntervalMs);
  })().catch(() => undefined);
  let ops: Promise<unknown> = ready;

  consent.onChange((_settings, changed) => {
    for (const c of changed) {
      if ((TELEMETRY_CATEGORIES as readonly string[]).includes(c) && !consent.allows(c)) {
        dropQueue(c as TelemetryCategory, 'switched off');
      }
    }
  });

  function scheduleFlush(base: number): void {
    if (cancelTimer || stopped) return;
    const delay = base + Math.floor(random() * jitterMs);
    cancelTimer = schedule(() => {
      cancelTimer = null;
      void flushNow().then((r) => {
        if (r.retry > 0) attempt += 1;
        else attempt = 0;
        const waiting = r.pending.app_performance + r.pending.user_experience;
        if (waiting > 0)
          scheduleFlush(
            attempt > 0 ? Math.min(flushIntervalMs * 2 ** attempt, maxBackoffMs) : flushIntervalMs,
          );
      });
    }, delay);
  }

  /** Builds the event now (the clock and the error as they are), queues it in order after loading. */
  function record(category: TelemetryCategory, build: () => { day: string; event: QueuedEvent }): void {
    try {
      if (loaded && !consent.allows(category)) {
        drops.add(category, 'consent_off', 'off: not collected');
        return;
      }
      let built: { day: string; event: QueuedEvent };
      try {
        built = build();
      } catch (error) {
        drops.add(category, 'invalid', messageOf(error));
        return;
      }
      ops = ops.then(() => enqueue(category, built.day, built.event)).catch(() => undefined);
    } catch {
      // Telemetry must never break the flight app, whatever it is given.
    }
  }

  function enqueue(category: TelemetryCategory, day: string, event: QueuedEvent): void {
    if (!consent.allows(category)) {
      drops.add(category, 'consent_off', 'off: not collected');
      return;
    }
    if (!contexts) {
      drops.add(category, 'invalid', 'no context given to createTelemetry');
      return;
    }
    const queue = queues[category];
    if ('kind' in event && event.kind === 'feature' && queue.bumpFeature(day, event.name)) return;
    const problems = problemsOf(category, contexts, day, event, now());
    if (problems) {
      drops.add(category, 'invalid', problems.join('; '));
      return;
    }
    const over = queue.add(day, event);
    if (over > 0) drops.add(category, 'queue_full', `more than ${maxQueue} queued: oldest dropped`, over);
    scheduleFlush(flushIntervalMs);
  }

  async function sendCategory(c: TelemetryCategory): Promise<{ sent: number; retry: number }> {
    let sent = 0;
    if (!contexts || !consent.allows(c)) return { sent, retry: 0 };
    const { batches, invalid } = buildReports(c, contexts, queues[c].take(), now());
    for (const bad of invalid) {
      queues[c].settle(bad.ids, true);
      drops.add(c, 'invalid', bad.detail, bad.ids.length);
    }
    for (let i = 0; i < batches.length; i++) {
      const { body, ids } = batches[i];
      const res = await transport.send({
        category: c,
        method: 'POST',
        path: TELEMETRY_PATHS[c],
        body,
        headers: { 'content-type': 'application/json' },
      });
      if (res.ok) {
        queues[c].settle(ids, true);
        sent++;
      } else if (
        !res.vetoed &&
        res.status >= 400 &&
        res.status < 500 &&
        res.status !== 408 &&
        res.status !== 429
      ) {
        queues[c].settle(ids, true);
        drops.add(c, 'rejected', `HTTP ${res.status}: ${serverMessage(res.body)}`, ids.length);
      } else {
        // Offline, a busy server or a ledger that cannot write: keep everything, try later.
        queues[c].settle(
          batches.slice(i).flatMap((b) => b.ids),
          false,
        );
        return { sent, retry: 1 };
      }
    }
    return { sent, retry: 0 };
  }

  function flushNow(): Promise<FlushResult> {
    const run = async (): Promise<FlushResult> => {
      await ops;
      let sent = 0;
      let retry = 0;
      for (const c of TELEMETRY_CATEGORIES) {
        const r = await sendCategory(c).catch(() => ({ sent: 0, retry: 1 }));
        sent += r.sent;
        retry += r.retry;
      }
      return { sent, retry, pending: telemetry.pending() };
    };
    const next = (flushing ?? Promise.resolve()).then(run, run);
    flushing = next;
    return next;
  }

  const telemetry: Telemetry = {
    ready,
    reportError(error, opts) {
      record('app_performance', () => ({
        day: utcDay(now()),
        event: errorEvent(error, opts?.crash === true),
      }));
    },
    countFeature(name) {
      record('app_performance', () => ({ day: utcDay(now()), event: featureEvent(name) }));
    },
    recordTiming(name, ms) {
      record('app_performance', () => ({ day: utcDay(now()), event: timingEvent(name, ms) }));
    },
    recordFlight(flight) {
      record('user_experience', () => ({
        day: utcDay(flight?.endedAt instanceof Date ? flight.endedAt : now()),
        event: flightEvent(flight),
      }));
    },
    async flush() {
      try {
        return await flushNow();
      } catch {
        return { sent: 0, retry: 1, pending: telemetry.pending() };
      }
    },
    pending: () => ({
      app_performance: queues.app_performance.size(),
      user_experience: queues.user_experience.size(),
    }),
    dropped: () => drops.summary(),
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
  return telemetry;
}

const defaultSchedule: Scheduler = (fn, ms) => {
  const handle = setTimeout(fn, ms) as unknown as { unref?: () => void };
  // A pending report must not keep a Node process (or a test) alive.
  handle.unref?.();
  return () => clearTimeout(handle as unknown as ReturnType<typeof setTimeout>);
};

function secureRandom(): number {
  const [a, b, c, d] = randomBytes(4);
  return (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) / 2 ** 32;
}

function atLeast(value: number | undefined, min: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;
}

function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message.slice(0, 500);
  } catch {
    // Not JSON: the status says enough.
  }
  return body.slice(0, 200);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
