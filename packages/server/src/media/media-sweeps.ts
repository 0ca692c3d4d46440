import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BlobStore, deleteBlobPrefix } from '../blobs/index.ts';
import { itemOfKey } from './media-keys.ts';
import type { MediaRows } from './media-rows.ts';

/** Blobs younger than this may belong to a share still writing them (on any instance). */
const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Removes every staged upload: run at start, before the first share, when a staged file can only be an
 * original (or a half-stripped one) left by a stopped server.
 */
export async function sweepStaging(stagingDir: string): Promise<number> {
  let staged = 0;
  for (const name of await readdir(stagingDir).catch(() => [] as string[])) {
    await rm(join(stagingDir, name), { force: true, recursive: true });
    staged++;
  }
  return staged;
}

/** Removes the blobs of items without a row (a share stopped before its row, a delete before its blobs). */
export async function sweepOrphans(store: BlobStore, rows: MediaRows, now = Date.now()): Promise<number> {
  const items = new Map<string, { prefix: string; newest: number }>();
  for (const b of await store.list('pilots/')) {
    const item = itemOfKey(b.key);
    if (!item) continue;
    const e = items.get(item.id) ?? { prefix: item.prefix, newest: 0 };
    e.newest = Math.max(e.newest, b.modifiedAt.getTime());
    items.set(item.id, e);
  }
  const old = [...items].filter(([, e]) => now - e.newest > ORPHAN_MIN_AGE_MS);
  const alive = await rows.existing(old.map(([id]) => id));
  let orphans = 0;
  for (const [id, e] of old) {
    if (alive.has(id)) continue;
    await deleteBlobPrefix(store, e.prefix);
    orphans++;
  }
  return orphans;
}
