/** Seconds of `max-age` in a Cache-Control header, or null when it has none (s-maxage is not it). */
export function maxAgeFromCacheControl(value: string | undefined): number | null {
  if (!value) return null;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/i.exec(value);
  return match ? Number(match[1]) : null;
}

/** True when Cache-Control says the answer must not be written to storage. */
export function forbidsStore(value: string | undefined): boolean {
  return value !== undefined && /(?:^|,)\s*no-store\s*(?:,|$)/i.test(value);
}
