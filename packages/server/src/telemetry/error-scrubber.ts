import { errorFingerprint, scrubStack } from '@airlock/core';

/** Scrubs a stack again and derives the fingerprint from the result. */
export type ErrorScrubber = (
  errorType: string,
  stack: string,
  claimedFingerprint?: string,
) => { stack: string; fingerprint: string };

/**
 * The server scrubs every stack again and recomputes the fingerprint from it: the device's scrubber is
 * trusted for nothing, and a client cannot use the fingerprint to smuggle an identifier in.
 */
export const scrubError: ErrorScrubber = (errorType, raw) => {
  const stack = scrubStack(raw);
  return { stack, fingerprint: errorFingerprint(errorType, stack) };
};

/**
 * `scrubError` with a small cache in front: the same error arrives from many devices with the same
 * scrubbed stack, and scrubbing is the costliest step of ingest. The cache is keyed by the fingerprint
 * the client claims (short, so cheap to hash) and a hit needs the same type and stack, compared as
 * strings; a wrong claim only costs a fresh scrub.
 */
export function memoizedScrubber(size = 2000): ErrorScrubber {
  const cache = new Map<
    string,
    { errorType: string; raw: string; result: { stack: string; fingerprint: string } }
  >();
  return (errorType, raw, claimed = `${errorType}\u0000${raw}`) => {
    const hit = cache.get(claimed);
    if (hit && hit.errorType === errorType && hit.raw === raw) return hit.result;
    const result = scrubError(errorType, raw);
    if (!hit && cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(claimed, { errorType, raw, result });
    return result;
  };
}
