/**
 * Byte helpers shared by the wire formats (OHTTP, zone packs, the flight recorder): Web-standard
 * Uint8Array only, so the code runs in every runtime the SDK supports.
 */

/**
 * The parts one after another, in one new array.
 * @example
 * concat(Uint8Array.of(1), Uint8Array.of(2, 3)); // Uint8Array [1, 2, 3]
 */
export function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
