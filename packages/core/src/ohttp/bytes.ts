/** Byte helpers for the wire formats here: Web-standard Uint8Array only, so the code runs anywhere. */

export { concat } from '../bytes/index.ts';

export const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes → text, refusing bytes that are not UTF-8 (a field value is never silently altered). */
export function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** A 16-bit big-endian integer, as every identifier in a key configuration is. */
export function u16(n: number): Uint8Array {
  return Uint8Array.of(n >>> 8, n & 0xff);
}

/** Malformed input: which structure, and where it went wrong. Callers turn it into a 4xx. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

/** A cursor over bytes that fails with a WireFormatError instead of reading past the end. */
export class Reader {
  at = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly what: string,
  ) {}

  get left(): number {
    return this.bytes.length - this.at;
  }

  take(n: number): Uint8Array {
    if (n > this.left)
      throw new WireFormatError(`${this.what}: ${n} bytes needed at ${this.at}, ${this.left} left`);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  u8(): number {
    return this.take(1)[0];
  }

  u16(): number {
    const b = this.take(2);
    return (b[0] << 8) | b[1];
  }
}

/** A fresh, unpredictable value; tests pass a fixed source instead (the RFC's example nonces). */
export type RandomBytes = (length: number) => Uint8Array;

export const secureRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));
