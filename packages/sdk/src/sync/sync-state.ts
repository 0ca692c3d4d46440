import { type KeyValueStorage, safeStorage } from '../storage/index.ts';

/** What the device remembers about one log's upload, so a later Sync resumes or skips it. */
export interface UploadState {
  sha256: string;
  size: number;
  /** The tus upload's path on the server, while it is unfinished. */
  path: string | null;
  /** Bytes the server confirmed. */
  offset: number;
  /** The server's id of the log once it is synced. */
  logId: string | null;
  /** The server refused these bytes for good (corrupt, too large): they are not sent again. */
  rejected?: string;
}

const PREFIX = 'airlock.sync.v1:';

/** Upload states in the app's key-value storage; a storage failure costs resuming, never the upload. */
export function createSyncState(storage: KeyValueStorage) {
  const safe = safeStorage(storage);
  return {
    async get(id: string): Promise<UploadState | null> {
      const r = await safe.get(PREFIX + id);
      if (!r.ok || !r.value) return null;
      try {
        const s = JSON.parse(r.value) as Partial<UploadState>;
        if (typeof s.sha256 !== 'string' || typeof s.size !== 'number') return null;
        return {
          sha256: s.sha256,
          size: s.size,
          path: typeof s.path === 'string' ? s.path : null,
          offset: typeof s.offset === 'number' ? s.offset : 0,
          logId: typeof s.logId === 'string' ? s.logId : null,
          ...(typeof s.rejected === 'string' ? { rejected: s.rejected } : {}),
        };
      } catch {
        return null;
      }
    },
    async set(id: string, state: UploadState): Promise<void> {
      await safe.set(PREFIX + id, JSON.stringify(state));
    },
    async remove(id: string): Promise<void> {
      await safe.remove(PREFIX + id);
    },
  };
}

export type SyncStateStore = ReturnType<typeof createSyncState>;
