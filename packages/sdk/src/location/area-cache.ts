import type { SafeStorage } from '../storage/index.ts';
import type { AreaCover } from './area-cover.ts';

/** What the cache knows about one stored answer, kept in a small index beside the answer bodies. */
export interface CachedAreaMeta {
  /** The request path the answer came from: its key. */
  path: string;
  /** When the server last gave or confirmed (304) the answer, ms since the epoch. */
  fetchedAt: number;
  maxAgeS: number;
  etag: string | null;
  datasetVersion: string;
  cover: AreaCover;
}

export interface AreaCacheOptions {
  prefix: string;
  /** Answers older than this (since last confirmed) are deleted, never used. */
  hardExpiryS: number;
  /** At most this many answers are kept; the least recently confirmed go first. */
  maxAreas: number;
  now: () => number;
}

/**
 * The persistent cache of location answers: an index (`<prefix>areas`) of their metadata and one
 * entry per body (`<prefix>body:<path>`), so a 304 rewrites a few bytes, not the zones. Everything
 * past the hard expiry is dropped as soon as the cache looks at it.
 */
export interface AreaCache {
  list(): Promise<CachedAreaMeta[]>;
  get(path: string): Promise<CachedAreaMeta | null>;
  body(path: string): Promise<string | null>;
  /** Stores an answer; returns an error message when storage refused (the answer stays usable in memory). */
  put(meta: CachedAreaMeta, body: string): Promise<string | null>;
  touch(
    path: string,
    changes: Pick<CachedAreaMeta, 'fetchedAt' | 'maxAgeS' | 'etag'>,
  ): Promise<string | null>;
  remove(path: string): Promise<void>;
  clear(): Promise<void>;
}

export function createAreaCache(storage: SafeStorage, options: AreaCacheOptions): AreaCache {
  const indexKey = `${options.prefix}areas`;
  const bodyKey = (path: string) => `${options.prefix}body:${path}`;
  let index: CachedAreaMeta[] | null = null;

  async function load(): Promise<CachedAreaMeta[]> {
    if (index === null) {
      const stored = await storage.get(indexKey);
      index = stored.ok && stored.value ? parseIndex(stored.value) : [];
    }
    const limit = options.now() - options.hardExpiryS * 1000;
    const expired = index.filter((m) => m.fetchedAt < limit);
    if (expired.length > 0) {
      index = index.filter((m) => m.fetchedAt >= limit);
      for (const m of expired) await storage.remove(bodyKey(m.path));
      await save();
    }
    return index;
  }

  async function save(): Promise<string | null> {
    const r = await storage.set(indexKey, JSON.stringify(index ?? []));
    return r.ok ? null : r.error;
  }

  async function remove(path: string): Promise<void> {
    const all = await load();
    index = all.filter((m) => m.path !== path);
    await storage.remove(bodyKey(path));
    await save();
  }

  return {
    list: async () => [...(await load())],
    get: async (path) => (await load()).find((m) => m.path === path) ?? null,
    async body(path) {
      const r = await storage.get(bodyKey(path));
      return r.ok ? r.value : null;
    },
    async put(meta, body) {
      const others = (await load()).filter((m) => m.path !== meta.path);
      others.sort((a, b) => b.fetchedAt - a.fetchedAt);
      const evicted = others.splice(Math.max(0, options.maxAreas - 1));
      index = [meta, ...others];
      for (const m of evicted) await storage.remove(bodyKey(m.path));
      let stored = await storage.set(bodyKey(meta.path), body);
      // A full storage: make room by dropping the oldest answers, then try once more.
      while (!stored.ok && index.length > 1) {
        const oldest = index.pop() as CachedAreaMeta;
        await storage.remove(bodyKey(oldest.path));
        stored = await storage.set(bodyKey(meta.path), body);
      }
      if (!stored.ok) {
        index = index.filter((m) => m.path !== meta.path);
        await save();
        return stored.error;
      }
      return save();
    },
    async touch(path, changes) {
      const all = await load();
      const i = all.findIndex((m) => m.path === path);
      if (i < 0) return 'not cached';
      all[i] = { ...all[i], ...changes };
      return save();
    },
    remove,
    async clear() {
      for (const m of await load()) await storage.remove(bodyKey(m.path));
      index = [];
      await storage.remove(indexKey);
    },
  };
}

/** The stored index, keeping only well-formed entries (a corrupt index loses the cache, not the app). */
function parseIndex(text: string): CachedAreaMeta[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (m): m is CachedAreaMeta =>
        m !== null &&
        typeof m === 'object' &&
        typeof m.path === 'string' &&
        typeof m.fetchedAt === 'number' &&
        typeof m.maxAgeS === 'number' &&
        typeof m.datasetVersion === 'string' &&
        m.cover !== null &&
        typeof m.cover === 'object',
    );
  } catch {
    return [];
  }
}
