import { parseTelemetryReport, TELEMETRY_LIMITS, type TelemetryCategory } from '@airlock/core/telemetry';
import { utf8Length } from '../platform/index.ts';
import type { contextsOf } from './build-events.ts';
import type { QueuedEvent, QueueItem } from './telemetry-queue.ts';

type Contexts = NonNullable<ReturnType<typeof contextsOf>>;

function reportOf(category: TelemetryCategory, contexts: Contexts, day: string, events: QueuedEvent[]) {
  return category === 'app_performance'
    ? { v: 1, day, context: contexts.app_performance, events }
    : { v: 1, day, context: contexts.user_experience, flights: events };
}

/**
 * Core's verdict on one event as a report of its own on `today`: null when it may be sent, else the
 * problems, each naming the field. Run before queueing and again before sending, so a field that
 * expired in between is still refused.
 */
export function problemsOf(
  category: TelemetryCategory,
  contexts: Contexts,
  day: string,
  event: QueuedEvent,
  today: Date,
): string[] | null {
  const r = parseTelemetryReport(category, reportOf(category, contexts, day, [event]), today);
  return r.ok ? null : r.errors;
}

export interface Batch {
  body: string;
  ids: number[];
}

/**
 * The reports to send for the taken items: one per day, split to stay within the wire format's
 * event count and body size; items core refuses today come back in `invalid` with the reason.
 */
export function buildReports(
  category: TelemetryCategory,
  contexts: Contexts,
  items: readonly QueueItem[],
  today: Date,
): { batches: Batch[]; invalid: { ids: number[]; detail: string }[] } {
  const invalid: { ids: number[]; detail: string }[] = [];
  const byDay = new Map<string, QueueItem[]>();
  for (const item of items) {
    const problems = problemsOf(category, contexts, item.day, item.event, today);
    if (problems) invalid.push({ ids: [item.id], detail: problems.join('; ') });
    else byDay.set(item.day, [...(byDay.get(item.day) ?? []), item]);
  }
  const maxCount = category === 'app_performance' ? TELEMETRY_LIMITS.maxEvents : TELEMETRY_LIMITS.maxFlights;
  const batches: Batch[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const base = utf8Length(JSON.stringify(reportOf(category, contexts, day, [])));
    let chunk: QueueItem[] = [];
    let size = base;
    const close = () => {
      if (chunk.length === 0) return;
      const body = JSON.stringify(
        reportOf(
          category,
          contexts,
          day,
          chunk.map((i) => i.event),
        ),
      );
      const ids = chunk.map((i) => i.id);
      const whole = parseTelemetryReport(category, JSON.parse(body), today);
      if (whole.ok) batches.push({ body, ids });
      else invalid.push({ ids, detail: whole.errors.join('; ') });
      chunk = [];
      size = base;
    };
    for (const item of byDay.get(day) ?? []) {
      const length = utf8Length(JSON.stringify(item.event));
      const comma = () => (chunk.length > 0 ? 1 : 0);
      if (chunk.length >= maxCount || size + length + comma() > TELEMETRY_LIMITS.maxBodyBytes) close();
      size += length + comma();
      chunk.push(item);
    }
    close();
  }
  return { batches, invalid };
}
