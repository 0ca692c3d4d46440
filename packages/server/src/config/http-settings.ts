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
};
