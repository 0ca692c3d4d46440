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
  /**
   * Key → node of a doubly linked list, most recently used at the tail. Not a Map re-inserted on every
   * hit: V8 keeps a deleted Map entry until the table is rebuilt, so delete + set per hit made hits
   * rebuild a table of every cached entry now and then — up to ~100 µs a hit with 40,000 entries,
   * and repeated tiles fell to a quarter of the empty route's speed.
   */
  private readonly items = new Map<unknown, Node>();
  private head: Node | null = null;
  private tail: Node | null = null;
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
    const node = this.items.get(key);
    if (node === undefined) return undefined;
    if (node !== this.tail) {
      this.unlink(node);
      this.append(node);
    }
    return node.value as T;
  }

  /** The entry, without changing its place. */
  peek<T extends Sized>(key: unknown): T | undefined {
    return this.items.get(key)?.value as T | undefined;
  }

  /** Adds (or replaces) an entry, then evicts the least recently used until within budget. */
  set<T extends Sized>(key: unknown, value: T): void {
    this.delete(key);
    const node: Node = { key, value, prev: null, next: null };
    this.items.set(key, node);
    this.append(node);
    this.used += value.bytes;
    while (this.used > this.budgetBytes && this.head !== null) this.delete(this.head.key);
  }

  delete(key: unknown): void {
    const node = this.items.get(key);
    if (node === undefined) return;
    this.items.delete(key);
    this.unlink(node);
    this.used -= node.value.bytes;
    node.value.onEvict?.();
  }

  /** Drops every entry (or every entry `keep` says no to), without their `onEvict`. */
  clear(keep?: (key: unknown) => boolean): void {
    if (keep) {
      for (let node = this.head; node !== null; ) {
        const next = node.next;
        if (!keep(node.key)) {
          this.items.delete(node.key);
          this.unlink(node);
          this.used -= node.value.bytes;
        }
        node = next;
      }
      return;
    }
    this.items.clear();
    this.head = null;
    this.tail = null;
    this.used = 0;
  }

  private append(node: Node): void {
    node.prev = this.tail;
    node.next = null;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }

  private unlink(node: Node): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
  }
}

interface Node {
  key: unknown;
  value: Sized;
  prev: Node | null;
  next: Node | null;
}
