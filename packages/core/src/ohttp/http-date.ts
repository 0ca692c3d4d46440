/**
 * The Date an encapsulated request carries for the gateway's replay window (RFC 9458, 6.5.1), to the
 * whole minute: a device's clock error to the second would tell the gateway which requests come from
 * the same device (section 6.8); rounded, every device with a synchronised clock sends the same value
 * in the same minute, which says no more than the time the request arrives.
 */
export function requestDate(nowMs: number): string {
  return new Date(Math.floor(nowMs / 60_000) * 60_000).toUTCString();
}

/** Milliseconds from an HTTP-date, or NaN when it is not one. */
export function parseHttpDate(value: string): number {
  return /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)
    ? Date.parse(value)
    : Number.NaN;
}
