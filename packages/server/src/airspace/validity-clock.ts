import { earliestEnd, hasZoneEnded, type Zone, zoneChangeTimes } from '@airlock/core';

/** Every start and end time among the zones, sorted, each once: when answers about them change. */
export function changeTimesOf(zones: Iterable<Zone>): number[] {
  const set = new Set<number>();
  for (const z of zones) {
    if (z.applicability.length === 0) continue;
    for (const t of zoneChangeTimes(z)) set.add(t);
  }
  return [...set].sort((a, b) => a - b);
}

/** Longest timer Node accepts (~24.8 days); a later change is re-armed from there. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The time part of the answer generation. Datasets change when an operator imports; what answers hold
 * also changes when a restriction starts or ends. This counts the start/end times passed so far:
 * `step` changes exactly at each of them (checked on every read, so an answer built one millisecond
 * after an end never holds the zone), and a timer fires at the next one so the service can say so
 * without waiting for a request or the next dataset poll.
 */
export class ValidityClock {
  private times: number[] = [];
  private passed = 0;
  private nextAt = Number.POSITIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly now: () => number,
    private readonly onChange: (step: number) => void,
  ) {}

  /** New zones: their change times, sorted (see changeTimesOf). */
  reset(times: number[]): void {
    this.times = times;
    this.advance(false);
  }

  /** How many change times have passed: part of the answer generation. */
  get step(): number {
    if (this.now() >= this.nextAt) this.advance();
    return this.passed;
  }

  /** Whether any zone has a time at all: if not, nothing ever expires and filtering is skipped. */
  get timed(): boolean {
    return this.times.length > 0;
  }

  /** The zones whose validity has not ended by now. */
  live(zones: Zone[]): Zone[] {
    if (this.times.length === 0) return zones;
    const now = this.now();
    return zones.filter((z) => z.applicability.length === 0 || !hasZoneEnded(z, now));
  }

  /**
   * The cache lifetime for an answer holding `zones`: the configured one, cut so it does not outlive
   * the earliest end time among them. Also returns that end (ms), for caches that re-send the answer.
   */
  lifetime(zones: readonly Zone[], maxAgeS: number): { maxAgeS: number; notAfter?: number } {
    if (this.times.length === 0) return { maxAgeS };
    const now = this.now();
    const end = earliestEnd(zones, now);
    if (end === null) return { maxAgeS };
    return { maxAgeS: Math.min(maxAgeS, Math.floor((end - now) / 1000)), notAfter: end };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private advance(notify = true): void {
    const now = this.now();
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= now) lo = mid + 1;
      else hi = mid;
    }
    const changed = lo !== this.passed;
    this.passed = lo;
    this.nextAt = this.times[lo] ?? Number.POSITIVE_INFINITY;
    this.arm();
    if (changed && notify) this.onChange(lo);
  }

  private arm(): void {
    this.stop();
    if (!Number.isFinite(this.nextAt)) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, this.nextAt - this.now()));
    this.timer = setTimeout(() => this.advance(), delay);
    this.timer.unref();
  }
}
