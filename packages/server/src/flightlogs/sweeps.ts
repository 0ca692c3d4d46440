import { type BlobStore, deleteBlobPrefix } from '../blobs/index.ts';
import type { FlightLogRows } from './flightlog-rows.ts';
import type { UploadRows } from './upload-rows.ts';
import { uploadPrefix } from './upload-staging.ts';

/** Blobs younger than this may belong to an import or a PATCH still writing them (on any instance). */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Uploads (and finished-upload markers) untouched for longer than `expiryMs`: the rows first, so the
 * upload is gone for every server at once, then their parts.
 */
export async function sweepExpiredUploads(
  blobs: BlobStore,
  rows: UploadRows,
  expiryMs: number,
  now = Date.now(),
): Promise<number> {
  const gone = await rows.deleteUntouchedSince(new Date(now - expiryMs));
  for (const u of gone) await deleteBlobPrefix(blobs, uploadPrefix(u.pilot_id, u.id));
  return gone.length;
}

/**
 * Upload parts no row refers to: written by a PATCH that lost the race for their offset or died
 * before the row, or left by a clean-up that failed. Only old ones: a young part may be between its
 * blob and its row on another server right now.
 */
export async function sweepOrphanParts(
  blobs: BlobStore,
  rows: UploadRows,
  now = Date.now(),
): Promise<number> {
  const old = (await blobs.list('pilots/'))
    .filter(
      (b) => /^pilots\/[^/]+\/uploads\//.test(b.key) && now - b.modifiedAt.getTime() > ORPHAN_MIN_AGE_MS,
    )
    .map((b) => b.key);
  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const alive = await rows.referenced(batch);
    for (const key of batch) if (!alive.has(key) && (await blobs.delete(key))) removed++;
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
