import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BlobStore } from '../blobs/index.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { MediaService } from './media-service.ts';

/**
 * The media service over its own store. Videos are stripped in `<data dir>/media-staging` (a temporary
 * folder in memory mode), beside the default media folder so a stripped file is renamed into it.
 */
export function openMediaService(
  config: Config,
  db: Database,
  store: BlobStore,
  log: Logger,
  options: { memory?: boolean; eraseResidue: () => Promise<void> },
): { media: MediaService; close(): void } {
  const temp = options.memory ? mkdtempSync(join(tmpdir(), 'airlock-media-staging-')) : null;
  const staging = temp ?? join(resolve(config.AIRLOCK_DATA_DIR), 'media-staging');
  const media = new MediaService(
    db,
    store,
    staging,
    {
      imageMaxBytes: config.AIRLOCK_MEDIA_IMAGE_MAX_BYTES,
      videoMaxBytes: config.AIRLOCK_MEDIA_VIDEO_MAX_BYTES,
      maxPixels: config.AIRLOCK_MEDIA_MAX_PIXELS,
      quotaBytes: config.AIRLOCK_MEDIA_QUOTA_BYTES,
      sharesPerHour: config.AIRLOCK_MEDIA_SHARES_PER_HOUR,
    },
    options.eraseResidue,
    log,
  );
  return {
    media,
    close() {
      if (temp) rmSync(temp, { recursive: true, force: true });
    },
  };
}
