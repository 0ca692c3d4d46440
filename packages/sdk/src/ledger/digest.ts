import { sha256Hex } from '@airlock/core';

/** An app-provided SHA-256 over bytes, as 64 lowercase hex digits (e.g. a native crypto module). */
export type Sha256Function = (bytes: Uint8Array) => Promise<string>;

/** UTF-8 bytes of a string, without TextEncoder (not every React Native engine has one). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    // A lone surrogate is encoded as U+FFFD, as fetch and TextEncoder do with the same string.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

function platformSubtle(): SubtleLike | null {
  const c = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto;
  return c?.subtle && typeof c.subtle.digest === 'function' ? c.subtle : null;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * SHA-256 of a body (text as UTF-8, or bytes), hex. In order: the app's function when it gave one,
 * else `crypto.subtle.digest` (browsers, Node 20, React Native with a polyfill), else, for text,
 * core's small synchronous implementation. Without any of them, or when the result is not 64 hex
 * digits, it throws: the ledger then fails closed and the request is not sent.
 */
export async function digestHex(body: string | Uint8Array, sha256?: Sha256Function): Promise<string> {
  const bytes = typeof body === 'string' ? utf8Bytes(body) : body;
  let hex: string;
  if (sha256) hex = String(await sha256(bytes)).toLowerCase();
  else {
    const subtle = platformSubtle();
    if (subtle) {
      const buf = new Uint8Array(await subtle.digest('SHA-256', bytes));
      hex = Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
    } else if (typeof body === 'string') hex = sha256Hex(body);
    else throw new Error('no SHA-256 for binary bodies on this platform: pass the `sha256` option');
  }
  if (!HEX64.test(hex)) throw new Error(`sha256 gave ${JSON.stringify(hex.slice(0, 80))}, not 64 hex digits`);
  return hex;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding), without btoa or Buffer: the form binary payloads are kept in. */
export function base64Of(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}
