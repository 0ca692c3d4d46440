import { z } from 'zod';

/**
 * Settings of the HTTP layer, spread into the one config schema.
 */
export const httpSettings = {
  /**
   * One memory budget, in MiB, for every cache of serialised answers (zone tiles and boxes, location
   * cells, the URL index and each zone's Feature text), least recently used out first. It bounds what
   * anonymous requests can make the server hold.
   */
  AIRLOCK_ANSWER_CACHE_MB: z.coerce.number().min(1).max(65536).default(64),
  /**
   * Redis (redis:// or rediss://) for the per-client sign-up and sign-in limits shared by every server
   * (accounts/client-limits.ts). Unset: each server counts on its own.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')
    .optional(),
  /**
   * A raster tile URL template ({z}, {x}, {y}) drawn under tracks in the web console. None by default:
   * the console then asks no host but this server for anything. Its origin is added to the page policy.
   */
  AIRLOCK_MAP_TILE_URL: z
    .string()
    .regex(
      /^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/,
      'must be an https:// URL template with {z}, {x} and {y}',
    )
    .optional(),
  /** The tile provider's attribution, shown on the console's maps (most providers require one). */
  AIRLOCK_MAP_ATTRIBUTION: z.string().max(300).optional(),
};
