import type { AppPerformanceEvent, BucketedFlight } from '@airlock/core/telemetry';
import type { SafeStorage } from '../storage/index.ts';

export type QueuedEvent = AppPerformanceEvent | BucketedFlight;

/** One queued event and the UTC day it belongs to (the only time telemetry keeps). */
export interface QueueItem {
  id: number;
  day: string;
  event: QueuedEvent;
}

const MAX_FEATURE_COUNT = 10_000;

/**
 * One category's queue, bounded (oldest dropped first), persisted to the app's storage after every
 * change. Items being sent are marked in flight: they are not handed out twice, feature counts are
 * not added to them (the addition would be lost with the batch), and a clear drops them too.
 */
export function createTelemetryQueue(storage: SafeStorage, key: string, maxQueue: number) {
  let items: QueueItem[] = [];
  let nextId = 1;
  const inFlight = new Set<number>();
  let writeQueued = false;
  let writes: Promise<unknown> = Promise.resolve();

  function persist(): Promise<unknown> {
    if (writeQueued) return writes;
    writeQueued = true;
    // Each write stores the state as it is when the write runs, so writes may coalesce but never
    // put back an older state (a queue dropped by a consent change stays dropped).
    writes = writes.then(() => {
      writeQueued = false;
      return items.length === 0
        ? storage.remove(key)
        : storage.set(key, JSON.stringify({ v: 1, nextId, items }));
    });
    return writes;
  }

  return {
    async load(): Promise<void> {
      const got = await storage.get(key);
      if (!got.ok || !got.value) return;
      try {
        const parsed = JSON.parse(got.value) as { nextId?: unknown; items?: unknown };
        const loaded = Array.isArray(parsed.items) ? parsed.items.filter(isItem) : [];
        items = [...loaded, ...items];
        nextId = Math.max(
          nextId,
          typeof parsed.nextId === 'number' ? parsed.nextId : 0,
          ...items.map((i) => i.id + 1),
        );
      } catch {
        // A queue that cannot be read is lost data, not a reason to stop collecting.
      }
    },
    /** Adds an item; returns how many of the oldest were dropped to stay within the bound. */
    add(day: string, event: QueuedEvent): number {
      items.push({ id: nextId++, day, event });
      let dropped = 0;
      while (items.length > maxQueue) {
        const [oldest] = items.splice(0, 1);
        inFlight.delete(oldest.id);
        dropped++;
      }
      persist();
      return dropped;
    },
    /** Counts one more use into a queued feature item of that day; false when there is none to add to. */
    bumpFeature(day: string, name: string): boolean {
      const item = items.find(
        (i) =>
          i.day === day &&
          !inFlight.has(i.id) &&
          'kind' in i.event &&
          i.event.kind === 'feature' &&
          i.event.name === name &&
          i.event.count < MAX_FEATURE_COUNT,
      );
      if (!item || !('kind' in item.event) || item.event.kind !== 'feature') return false;
      item.event.count += 1;
      persist();
      return true;
    },
    /** Items not in flight, oldest first, now marked in flight. */
    take(): QueueItem[] {
      const out = items.filter((i) => !inFlight.has(i.id));
      for (const i of out) inFlight.add(i.id);
      return out;
    },
    /** Ends a send: `remove` for sent or refused items, else they go back to waiting. */
    settle(ids: readonly number[], remove: boolean): void {
      const set = new Set(ids);
      for (const id of ids) inFlight.delete(id);
      if (remove) {
        items = items.filter((i) => !set.has(i.id));
        persist();
      }
    },
    /** Drops everything, in flight included, at once; the storage follows. Returns the count. */
    clear(): number {
      const n = items.length;
      items = [];
      inFlight.clear();
      persist();
      return n;
    },
    size: () => items.length,
    /** Resolves when the latest state is written. */
    flushed: () => writes,
  };
}

function isItem(value: unknown): value is QueueItem {
  const v = value as QueueItem;
  return (
    !!v && typeof v.id === 'number' && typeof v.day === 'string' && !!v.event && typeof v.event === 'object'
  );
}
