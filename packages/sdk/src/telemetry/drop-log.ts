import type { TelemetryCategory } from '@airlock/core/telemetry';
import type { DroppedSummary, DropReason, DropRecord } from './types.ts';

const RECENT = 50;

/** What was dropped and why: kept in memory for the app's diagnostics, never sent. */
export function createDropLog(now: () => Date) {
  const counts: Record<DropReason, number> = { invalid: 0, queue_full: 0, consent_off: 0, rejected: 0 };
  const recent: DropRecord[] = [];
  return {
    add(category: TelemetryCategory, reason: DropReason, detail: string, count = 1): void {
      counts[reason] += count;
      recent.push({ time: now().toISOString(), category, reason, detail, count });
      if (recent.length > RECENT) recent.splice(0, recent.length - RECENT);
    },
    summary(): DroppedSummary {
      return { counts: { ...counts }, recent: recent.map((r) => ({ ...r })) };
    },
  };
}
