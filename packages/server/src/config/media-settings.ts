import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Settings of community media (sharing, limits), spread into the one config schema. Where the media
 * store lives (AIRLOCK_MEDIA_DIR, AIRLOCK_MEDIA_S3_URL, AIRLOCK_MEDIA_REGION) is with the other stores
 * in pilot-data-settings.ts.
 */
export const mediaSettings = {
  /** Largest photo accepted, in bytes (413 beyond); a photo is stripped in memory. */
  AIRLOCK_MEDIA_IMAGE_MAX_BYTES: int(1024, 2 ** 31).default(50 * 2 ** 20),
  /**
   * Largest video accepted, in bytes (413 beyond). Videos are stripped in a staging file; on an S3
   * media store the stripped file is then uploaded from memory, so keep this within the server's RAM.
   */
  AIRLOCK_MEDIA_VIDEO_MAX_BYTES: int(1024, 2 ** 40).default(2 * 2 ** 30),
  /** Largest photo in pixels (width × height) the server decodes (413 beyond): 100 MP by default. */
  AIRLOCK_MEDIA_MAX_PIXELS: int(1, 2 ** 31).default(100_000_000),
  /** Bytes of shared media (stripped files and thumbnails) one pilot may hold (413 past it). */
  AIRLOCK_MEDIA_QUOTA_BYTES: int(1024, 2 ** 50).default(10 * 2 ** 30),
  /** Shares one pilot may start per hour, refused or not (429 past it). */
  AIRLOCK_MEDIA_SHARES_PER_HOUR: int(1, 100_000).default(60),
};
