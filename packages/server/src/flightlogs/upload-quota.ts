import { UploadError } from './flightlog-error.ts';
import type { UploadUsage } from './upload-rows.ts';

/**
 * What one pilot may hold: stored logs plus the declared size of unfinished uploads (an upload reserves
 * its whole declared size when it is created, so 40 uploads declaring 256 MiB each cannot be opened on
 * an empty account), and how many unfinished uploads at once.
 */
export interface UploadQuota {
  /** Stored logs plus the declared size of unfinished uploads. */
  bytes: number;
  openUploads: number;
  /** Unfinished uploads created longer ago are expired (swept soon) and do not count. */
  expiryMs: number;
}

/** Throws the refusal (413 past the bytes, 429 past the number of unfinished uploads), if any. */
export function admit(usage: UploadUsage, size: number, quota: UploadQuota): void {
  if (usage.open >= quota.openUploads)
    throw new UploadError(
      'too_many_uploads',
      `at most ${quota.openUploads} unfinished uploads at once: finish or cancel (DELETE) one first`,
    );
  if (usage.stored + usage.reserved + size > quota.bytes)
    throw new UploadError(
      'quota_exceeded',
      `this upload (${size} bytes) would take the account past its storage quota of ${quota.bytes} bytes (${usage.stored} stored, ${usage.reserved} reserved by unfinished uploads)`,
    );
}
