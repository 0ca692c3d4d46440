import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type BlobStore, deleteBlobPrefix } from '../blobs/index.ts';
import type { FlightLogRows } from './flightlog-rows.ts';
import { forgetRecordFile } from './record-file.ts';

/** Blobs younger than this may belong to an import still writing them (on any instance). */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/** Deletes staged uploads (and finished-upload markers) untouched for longer than `expiryMs`. */
export async function sweepStaging(root: string, expiryMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const pilot of await readdir(root).catch(() => [] as string[])) {
    const dir = join(root, pilot);
    const names = await readdir(dir).catch(() => [] as string[]);
    const newest = new Map<string, number>();
    for (const name of names) {
      const id = name.split('.')[0];
      const s = await stat(join(dir, name)).catch(() => null);
      if (s) newest.set(id, Math.max(newest.get(id) ?? 0, s.mtimeMs));
    }
    for (const [id, mtime] of newest) {
      if (now - mtime <= expiryMs) continue;
      for (const name of names.filter((n) => n.split('.')[0] === id)) {
        await rm(join(dir, name), { force: true });
        forgetRecordFile(join(dir, name)); // an abandoned upload must not stay in memory either
      }
      removed++;
    }
    await rmdir(dir).catch(() => {}); // only when empty
  }
  return removed;
}

/**
 * Blobs of logs without a row: left by an import that crashed between writing blobs and the row, or
 * by a delete whose blob clean-up failed. Unreachable either way; this reclaims the space.
 */
export async function sweepOrphanBlobs(
  blobs: BlobStore,
  rows: FlightLogRows,
  now = Date.now(),
): Promise<number> {
  const logs = new Map<string, { prefix: string; newest: number }>();
  for (const b of await blobs.list('pilots/')) {
    const m = /^(pilots\/[^/]+\/flightlogs\/([^/]+)\/)/.exec(b.key);
    if (!m) continue;
    const e = logs.get(m[2]) ?? { prefix: m[1], newest: 0 };
    e.newest = Math.max(e.newest, b.modifiedAt.getTime());
    logs.set(m[2], e);
  }
  const old = [...logs.entries()].filter(([, e]) => now - e.newest > ORPHAN_MIN_AGE_MS);
  const uuid = /^[0-9a-f-]{36}$/;
  const alive = await rows.existing(old.map(([id]) => id).filter((id) => uuid.test(id)));
  let removed = 0;
  for (const [id, e] of old) {
    if (alive.has(id)) continue;
    await deleteBlobPrefix(blobs, e.prefix);
    removed++;
  }
  return removed;
}
