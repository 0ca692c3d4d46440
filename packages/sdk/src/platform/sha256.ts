import { sha256Hex } from '@airlock/core/telemetry';
import { utf8Bytes } from './utf8.ts';

/**
 * SHA-256 of the bytes as 64 lower-case hex digits: what an app passes where it has its own.
 *
 * @example
 * const sha256: Sha256 = async (bytes) => toHex(await NativeCrypto.sha256(bytes));
 * const airlock = createAirlock({ serverUrl, sha256 });
 */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * SHA-256 of a body (text as UTF-8, or bytes), hex. In order: the app's function when it gave one
 * (a native crypto module), else `crypto.subtle.digest` (browsers, Node 20, React Native with a Web
 * Crypto polyfill), else core's small synchronous implementation, so every engine has one. A result
 * that is not 64 hex digits throws: the ledger then fails closed and the request is not sent.
 */
export async function sha256Of(body: string | Uint8Array, injected?: Sha256): Promise<string> {
  const bytes = typeof body === 'string' ? utf8Bytes(body) : body;
  let hex: string;
  if (injected) hex = String(await injected(bytes)).toLowerCase();
  else {
    const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
    if (subtle && typeof subtle.digest === 'function') {
      // A copy: digest wants a plain ArrayBuffer view, and the caller's bytes may be a slice of another.
      const buf = await subtle.digest('SHA-256', Uint8Array.prototype.slice.call(bytes));
      hex = Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
    } else hex = sha256Hex(bytes);
  }
  if (!HEX64.test(hex)) throw new Error(`sha256 gave ${JSON.stringify(hex.slice(0, 80))}, not 64 hex digits`);
  return hex;
}
