import { readAirlockRecord } from '@airlock/core/flightlog/formats/airlock';
import { type AppendStore, attemptStore } from './append-store.ts';

/**
 * Recordings end in `.aflr`; every other file in the store is a log the app imported.
 *
 * @example
 * const recordings = (await airlock.recorder.list()).logs.filter((l) => l.id.endsWith(RECORDING_SUFFIX));
 */
export const RECORDING_SUFFIX = '.aflr';

/**
 * One flight log on the device, as the app's log list shows it.
 *
 * @example
 * const { logs } = await airlock.recorder.list();
 * for (const log of logs as StoredFlightLog[]) row(log.id, log.status, log.start, log.durationS, log.bytes);
 */
export interface StoredFlightLog {
  /** Its name in the store; pass it to `sync([id])`. */
  id: string;
  source: 'recorded' | 'imported';
  /**
   * Recordings: 'recording' (being written now), 'complete' (stopped), 'interrupted' (the app stopped
   * mid-flight: readable up to the last write). Imported logs: 'imported'.
   */
  status: 'recording' | 'complete' | 'interrupted' | 'imported';
  /** Recordings: size, UTC start, seconds recorded and samples; null for imported logs (not read). */
  bytes: number | null;
  start: string | null;
  durationS: number | null;
  samples: number | null;
}

/**
 * The flight logs on the device: list, read, remove, and import a file as a log for Sync.
 *
 * @example
 * const library: FlightLibrary = airlock.recorder;
 * const imported = await library.importLog('vtol.tlog', bytes);
 * const { logs } = await library.list();
 */
export interface FlightLibrary {
  list(): Promise<{ logs: StoredFlightLog[]; error?: string }>;
  read(id: string): Promise<Uint8Array | null>;
  remove(id: string): Promise<boolean>;
  importLog(name: string, bytes: Uint8Array): Promise<{ id: string } | { error: string }>;
}

/**
 * The logs in an AppendStore; `recordingId()` names the one being written (listed, never synced).
 *
 * @example
 * const library = createFlightLibrary(memoryAppendStore(), () => null);
 * await library.importLog('flight.ulg', bytes);
 * (await library.list()).logs[0].status; // 'imported'
 */
export function createFlightLibrary(store: AppendStore, recordingId: () => string | null): FlightLibrary {
  async function describe(id: string): Promise<StoredFlightLog> {
    if (!id.endsWith(RECORDING_SUFFIX))
      return {
        id,
        source: 'imported',
        status: 'imported',
        bytes: null,
        start: null,
        durationS: null,
        samples: null,
      };
    const bytes = await attemptStore('read', () => store.read(id));
    const data = bytes.ok ? bytes.value : null;
    let contents: ReturnType<typeof readAirlockRecord> | null = null;
    try {
      contents = data ? readAirlockRecord(data) : null;
    } catch {
      // Not a readable recording: listed as interrupted, so the pilot can still sync or delete it.
    }
    const endMs = contents?.end_ms ?? contents?.samples[contents.samples.length - 1]?.t_ms ?? null;
    const startMs = contents?.info?.start_ms ?? null;
    return {
      id,
      source: 'recorded',
      status: id === recordingId() ? 'recording' : contents?.end_ms != null ? 'complete' : 'interrupted',
      bytes: data?.length ?? null,
      start: startMs === null ? null : new Date(startMs).toISOString(),
      durationS: endMs === null ? null : endMs / 1000,
      samples: contents ? contents.samples.length : null,
    };
  }

  return {
    async list() {
      const names = await attemptStore('list', () => store.list());
      if (!names.ok) return { logs: [], error: names.error };
      const current = recordingId();
      // Its first write may still be queued: the flight being recorded is listed all the same.
      const all = current && !names.value.includes(current) ? [...names.value, current] : [...names.value];
      const logs = await Promise.all(all.sort().map(describe));
      return { logs };
    },
    async read(id) {
      const r = await attemptStore('read', () => store.read(id));
      return r.ok ? r.value : null;
    },
    async remove(id) {
      if (id === recordingId()) return false;
      return (await attemptStore('remove', () => store.remove(id))).ok;
    },
    async importLog(name, bytes) {
      if (!(bytes instanceof Uint8Array) || bytes.length === 0) return { error: 'importLog: no bytes' };
      const base = safeName(name);
      const names = await attemptStore('list', () => store.list());
      if (!names.ok) return { error: names.error };
      for (let n = 1; n < 1000; n++) {
        const id = n === 1 ? base : base.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
        if (names.value.includes(id)) {
          const existing = await attemptStore('read', () => store.read(id));
          if (existing.ok && existing.value && sameBytes(existing.value, bytes)) return { id };
          continue;
        }
        const written = await attemptStore('append', () => store.append(id, bytes));
        return written.ok ? { id } : { error: written.error };
      }
      return { error: `importLog: too many files named like ${base}` };
    },
  };
}

/** A file name that is safe everywhere and never taken for a recording. */
function safeName(name: string): string {
  const base = String(name ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  const trimmed = base.slice(-100) || 'flight-log';
  return trimmed.endsWith(RECORDING_SUFFIX) ? `${trimmed}.imported` : trimmed;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
