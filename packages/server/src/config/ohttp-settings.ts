import { z } from 'zod';

/** Settings of the Oblivious HTTP gateway (docs/oblivious-http.md), spread into the one config schema. */
export const ohttpSettings = {
  /**
   * Seconds a gateway key is current; then a new one is made (by whichever instance gets there first)
   * and published first. Shorter limits what one stolen key opens; each rotation makes every client
   * fetch the keys again.
   */
  AIRLOCK_OHTTP_KEY_ROTATE_S: z.coerce.number().int().min(60).max(31_536_000).default(604_800),
  /** Seconds a replaced key is still accepted (clients holding it), after which it is deleted. */
  AIRLOCK_OHTTP_KEY_GRACE_S: z.coerce.number().int().min(0).max(2_592_000).default(86_400),
  /**
   * An encapsulated request is accepted only if its Date is within this many seconds of the server's
   * clock, and each accepted one is remembered for twice as long: a copy is refused at any time.
   */
  AIRLOCK_OHTTP_REPLAY_WINDOW_S: z.coerce.number().int().min(10).max(3600).default(300),
};
