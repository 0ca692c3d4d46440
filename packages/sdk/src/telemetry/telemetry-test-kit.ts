// Shared by the telemetry tests: a consent, a fake telemetry endpoint and a hand-driven scheduler.
import { parseTelemetryReport, type TelemetryCategory } from '@airlock/core/telemetry';
import { createConsent } from '../consent/index.ts';
import { memoryStorage } from '../storage/index.ts';
import { createTransport, type FetchInit, type FetchLike } from '../transport/index.ts';
import { createTelemetry } from './create-telemetry.ts';
import type { Scheduler, TelemetryOptions } from './types.ts';

export const CONTEXT = { app_version: '4.2.0', os: 'Android', os_version: '14', device_model: 'Pixel 8' };

export interface Received {
  path: string;
  category: TelemetryCategory;
  body: string;
  init: FetchInit;
}

/** Answers like the server's telemetry routes: 202 when core accepts the body, else 400 naming it. */
export function fakeTelemetryServer(today: () => Date) {
  const state = { offline: false, status: null as number | null, received: [] as Received[] };
  const fetch: FetchLike = async (url, init) => {
    if (state.offline) throw new TypeError('fetch failed');
    const path = new URL(url).pathname;
    const category = path.split('/').pop() as TelemetryCategory;
    const body = String(init.body ?? '');
    state.received.push({ path, category, body, init });
    const parsed = parseTelemetryReport(category, JSON.parse(body), today());
    const status = state.status ?? (parsed.ok ? 202 : 400);
    const answer = parsed.ok ? { accepted: 1 } : { error: { message: parsed.errors.join('; ') } };
    return { status, headers: { get: () => null }, text: async () => JSON.stringify(answer) };
  };
  return { state, fetch };
}

export function manualScheduler() {
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const schedule: Scheduler = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    timers.push(t);
    return () => {
      t.cancelled = true;
    };
  };
  /** Runs the timers due (not cancelled, not run); returns their delays. */
  const fire = () => {
    const due = timers.splice(0).filter((t) => !t.cancelled);
    for (const t of due) t.fn();
    return due.map((t) => t.ms);
  };
  return { schedule, fire, timers };
}

export function telemetrySetup(
  opts: { profile?: 'reference' | 'strict'; storage?: ReturnType<typeof memoryStorage>; at?: string } & Omit<
    Partial<TelemetryOptions>,
    'storage'
  > = {},
) {
  const clock = { t: Date.parse(opts.at ?? '2026-05-01T10:00:00Z') };
  const now = () => new Date(clock.t);
  const storage = opts.storage ?? memoryStorage();
  const server = fakeTelemetryServer(now);
  const transport = createTransport({ serverUrl: 'https://airlock.test', fetch: server.fetch, now });
  const consent = createConsent({ storage, profile: opts.profile ?? 'reference' });
  transport.useBeforeSend(consent.beforeSend);
  transport.useGate(consent.gate);
  const timers = manualScheduler();
  const telemetry = createTelemetry({
    transport,
    consent,
    storage,
    now,
    context: CONTEXT,
    random: () => 0.5,
    flushIntervalMs: 1000,
    jitterMs: 200,
    schedule: timers.schedule,
    ...opts,
  });
  return { clock, storage, server, transport, consent, telemetry, timers };
}

export const settle = () => new Promise((r) => setTimeout(r, 5));
