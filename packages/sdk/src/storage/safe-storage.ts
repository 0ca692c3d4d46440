import type { KeyValueStorage } from './key-value-storage.ts';

/** What a storage call gave: the value, or the error it threw or rejected with (never thrown on). */
export type StorageOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The app's storage wrapped so that nothing it does can throw into the SDK: a full disk, a quota
 * exceeded or a storage that rejects becomes an `{ ok: false }` the caller decides about.
 */
export interface SafeStorage {
  get(key: string): Promise<StorageOutcome<string | null>>;
  set(key: string, value: string): Promise<StorageOutcome<void>>;
  remove(key: string): Promise<StorageOutcome<void>>;
}

export function safeStorage(storage: KeyValueStorage): SafeStorage {
  async function attempt<T>(run: () => Promise<T> | T): Promise<StorageOutcome<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      return { ok: false, error: `storage: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return {
    get: (key) =>
      attempt(() => storage.getItem(key)).then((r) => (r.ok ? { ok: true, value: r.value ?? null } : r)),
    set: (key, value) =>
      attempt(() => storage.setItem(key, value)).then((r) => (r.ok ? { ok: true, value: undefined } : r)),
    remove: (key) =>
      attempt(() => storage.removeItem(key)).then((r) => (r.ok ? { ok: true, value: undefined } : r)),
  };
}
