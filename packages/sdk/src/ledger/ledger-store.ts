import type { SafeStorage } from '../storage/index.ts';
import { DATA_CATEGORIES, type DataCategory } from '../transport/index.ts';
import type { LedgerEntry } from './types.ts';

/** The index row of one entry: enough to filter and prune without reading the entry itself. */
type Row = [id: string, timeMs: number, category: DataCategory];

export interface StoreLimits {
  maxEntries: number;
  maxAgeMs: number;
}

/**
 * The ledger on the app's storage: one key per entry (a payload is written once, never rewritten)
 * and a small index of [id, time, category]. Every change runs under one lock, so concurrent
 * requests cannot lose each other's index updates, and the index is written only after its entry:
 * an index row always has an entry behind it.
 */
export function createLedgerStore(
  storage: SafeStorage,
  prefix: string,
  limits: StoreLimits,
  now: () => number,
) {
  const indexKey = `${prefix}index`;
  const entryKey = (id: string) => `${prefix}e:${id}`;
  let rows: Row[] | null = null;
  let seq = 0;
  let lock: Promise<unknown> = Promise.resolve();

  function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = lock.then(run, run);
    lock = next.catch(() => undefined);
    return next;
  }

  async function load(): Promise<Row[]> {
    if (rows) return rows;
    const got = await storage.get(indexKey);
    if (!got.ok) throw new Error(got.error);
    rows = [];
    if (got.value) {
      try {
        const parsed = JSON.parse(got.value) as { seq?: unknown; rows?: unknown };
        seq = typeof parsed.seq === 'number' && Number.isFinite(parsed.seq) ? parsed.seq : 0;
        if (Array.isArray(parsed.rows)) rows = parsed.rows.filter(isRow);
      } catch {
        // An unreadable index starts afresh rather than blocking every request for ever.
      }
    }
    return rows;
  }

  async function writeIndex(next: Row[]): Promise<void> {
    const res = await storage.set(indexKey, JSON.stringify({ v: 1, seq, rows: next }));
    if (!res.ok) throw new Error(res.error);
  }

  function retained(list: Row[]): Row[] {
    const oldest = now() - limits.maxAgeMs;
    const young = list.filter((r) => r[1] >= oldest);
    return young.length > limits.maxEntries ? young.slice(young.length - limits.maxEntries) : young;
  }

  async function forget(dropped: Row[]): Promise<void> {
    // Best effort: an entry whose row is gone is never listed, whatever happens to its key.
    for (const [id] of dropped) await storage.remove(entryKey(id));
  }

  async function pruneAndWrite(current: Row[], next: Row[]): Promise<void> {
    const kept = retained(next);
    await writeIndex(kept);
    rows = kept;
    const keptIds = new Set(kept.map((r) => r[0]));
    await forget(current.filter((r) => !keptIds.has(r[0])));
  }

  return {
    /** Writes the entry, then the index; rejects (and leaves nothing behind) when either fails. */
    append(entry: Omit<LedgerEntry, 'id'>): Promise<LedgerEntry> {
      return exclusive(async () => {
        const current = await load();
        const t = Date.parse(entry.time);
        seq += 1;
        const full: LedgerEntry = { id: `${t.toString(36)}-${seq.toString(36)}`, ...entry };
        const written = await storage.set(entryKey(full.id), JSON.stringify(full));
        if (!written.ok) throw new Error(written.error);
        try {
          await pruneAndWrite(current, [...current, [full.id, t, full.category]]);
        } catch (error) {
          await storage.remove(entryKey(full.id));
          throw error;
        }
        return full;
      });
    },
    /** Sets the status of an entry; silently nothing when it is gone. */
    setStatus(id: string, status: number): Promise<void> {
      return exclusive(async () => {
        const got = await storage.get(entryKey(id));
        if (!got.ok || !got.value) return;
        const entry = JSON.parse(got.value) as LedgerEntry;
        await storage.set(entryKey(id), JSON.stringify({ ...entry, status }));
      });
    },
    /** Takes an entry back: its request never left (a gate stopped it after the entry was written). */
    remove(id: string): Promise<void> {
      return exclusive(async () => {
        const current = await load();
        const next = current.filter((r) => r[0] !== id);
        await writeIndex(next);
        rows = next;
        await storage.remove(entryKey(id));
      });
    },
    /** Entries whose rows pass `keep`, oldest first; entries that cannot be read are skipped. */
    read(keep: (timeMs: number, category: DataCategory) => boolean): Promise<LedgerEntry[]> {
      return exclusive(async () => {
        const current = await load();
        const kept = retained(current);
        if (kept.length !== current.length) await pruneAndWrite(current, current).catch(() => undefined);
        const out: LedgerEntry[] = [];
        for (const [id, t, c] of kept) {
          if (!keep(t, c)) continue;
          const got = await storage.get(entryKey(id));
          if (!got.ok || !got.value) continue;
          try {
            out.push(JSON.parse(got.value) as LedgerEntry);
          } catch {
            // A damaged entry is left out rather than failing the whole list.
          }
        }
        return out;
      });
    },
    clear(): Promise<void> {
      return exclusive(async () => {
        const current = await load();
        await writeIndex([]);
        rows = [];
        await forget(current);
      });
    },
  };
}

function isRow(value: unknown): value is Row {
  return (
    Array.isArray(value) &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number' &&
    (DATA_CATEGORIES as readonly unknown[]).includes(value[2])
  );
}
