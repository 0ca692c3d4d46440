/**
 * Lengths a message is padded to before encryption, so its size says less about its content: the
 * relay sees every encapsulated message, and the answers are public, so a relay that knew each cell's
 * answer size could otherwise tell the cell from the length alone (RFC 9458, 6.2.3). Powers of two:
 * a size class says at most log2 of the range, and padding costs under 2x (on average ~1.4x).
 */
export const MIN_REQUEST_PADDING = 256;
export const MIN_RESPONSE_PADDING = 1024;

export function paddedLength(length: number, minimum: number): number {
  let size = minimum;
  while (size < length) size *= 2;
  return size;
}
