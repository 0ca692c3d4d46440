/**
 * Where flight logs live on the device: named files that only ever grow. The app provides it (a folder
 * through react-native-fs, expo-file-system or node:fs; see docs/sdk.md), so the SDK needs no platform
 * module. Appends must keep their order; each append should be one write, so a kill tears at most the
 * last one, which the reader then drops.
 *
 * @example
 * const dir = '/var/lib/myapp/flightlogs';
 * const fileStore: AppendStore = {
 *   append: (name, bytes) => appendFile(join(dir, name), bytes),
 *   read: (name) => readFile(join(dir, name)).then((b) => new Uint8Array(b), () => null),
 *   list: () => readdir(dir).catch(() => []),
 *   remove: (name) => rm(join(dir, name), { force: true }),
 * };
 * const airlock = createAirlock({ serverUrl, flightLogStore: fileStore });
 */
export interface AppendStore {
  /** Adds bytes at the end of the named file, creating it when missing. */
  append(name: string, bytes: Uint8Array): Promise<void> | void;
  /** The whole file, or null when there is none. */
  read(name: string): Promise<Uint8Array | null> | Uint8Array | null;
  /** The names of every file. */
  list(): Promise<readonly string[]> | readonly string[];
  remove(name: string): Promise<void> | void;
}

/**
 * An AppendStore in memory (lost when the app stops): for tests and for trying the SDK out.
 *
 * @example
 * const store = memoryAppendStore();
 * const recorder = createFlightRecorder({ store });
 */
export function memoryAppendStore(): AppendStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    append(name, bytes) {
      const old = files.get(name) ?? new Uint8Array(0);
      const next = new Uint8Array(old.length + bytes.length);
      next.set(old, 0);
      next.set(bytes, old.length);
      files.set(name, next);
    },
    read: (name) => files.get(name)?.slice() ?? null,
    list: () => [...files.keys()],
    remove(name) {
      files.delete(name);
    },
  };
}

export type StoreOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs a store call so that nothing it throws or rejects with reaches the flight app. */
export async function attemptStore<T>(what: string, run: () => Promise<T> | T): Promise<StoreOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
