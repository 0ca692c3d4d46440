import { type Reader, WireFormatError } from './bytes.ts';

/**
 * QUIC's variable-length integers (RFC 9000, section 16), which Binary HTTP uses for every length and
 * number: the top two bits of the first byte say 1, 2, 4 or 8 bytes. Values here are JavaScript
 * numbers, so the 8-byte form is limited to 2^53 - 1; no message here comes near it.
 */
export function encodeVarint(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`varint: ${n} is not a non-negative integer`);
  if (n < 0x40) return Uint8Array.of(n);
  if (n < 0x4000) return Uint8Array.of(0x40 | (n >>> 8), n & 0xff);
  if (n < 0x40000000) return Uint8Array.of(0x80 | (n >>> 24), (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const out = new Uint8Array(8);
  let v = n;
  for (let i = 7; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] |= 0xc0;
  return out;
}

export function readVarint(r: Reader): number {
  const first = r.u8();
  const length = 1 << (first >> 6);
  let v = first & 0x3f;
  for (const b of r.take(length - 1)) v = v * 256 + b;
  if (!Number.isSafeInteger(v)) throw new WireFormatError(`${r.what}: integer over 2^53 at ${r.at - length}`);
  return v;
}
