/** What a ByteLru holds: a value that knows its size and what to undo when it is evicted. */
export interface Sized {
  /** Bytes this entry keeps alive (an estimate: payload plus a fixed overhead). */
  readonly bytes: number;
  /** Called once when the entry leaves the cache for any reason but `clear`. */
  onEvict?: () => void;
}

/**
 * A least-recently-used map bounded in bytes, not entries: answers range from 200 bytes (an empty
 * tile) to megabytes (a 5° box), so an entry count bounds nothing. Every answer cache of the app
 * shares one, so one setting bounds them all and a flood of one kind evicts the others' coldest
 * entries instead of growing beside them. Keys of different kinds must not collide (see their owners).
 */
export class ByteLru {
  private readonly items = new Map<unknown, Sized>();
  private used = 0;

  constructor(readonly budgetBytes: number) {}

  get usedBytes(): number {
    return this.used;
  }

  get size(): number {
    return this.items.size;
  }

  /** The entry, marked most recently used. */
  get<T extends Sized>(key: unknown): T | undefined {
    const hit = this.items.get(key);
    if (hit !== undefined) {
      this.items.delete(key);
      this.items.set(key, hit);
    }
    return hit as T | undefined;
  }

  /** The entry, without changing its place. */
  peek<T extends Sized>(key: unknown): T | undefined {
    return this.items.get(key) as T | undefined;
  }

  /** Adds (or replaces) an entry, then evicts the least recently used until within budget. */
  set<T extends Sized>(key: unknown, value: T): void {
    this.delete(key);
    this.items.set(key, value);
    this.used += value.bytes;
    while (this.used > this.budgetBytes && this.items.size > 0) {
      this.delete(this.items.keys().next().value);
    }
  }

  delete(key: unknown): void {
    const old = this.items.get(key);
    if (old === undefined) return;
    this.items.delete(key);
    this.used -= old.bytes;
    old.onEvict?.();
  }

  clear(): void {
    this.items.clear();
    this.used = 0;
  }
}
