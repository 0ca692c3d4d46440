/** SHA-256 of the bytes as lower-case hex, from the platform's Web Crypto. */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/**
 * `crypto.subtle` (browsers, Node ≥ 19, React Native with a Web Crypto polyfill such as
 * react-native-quick-crypto), or null when the platform has none: the app then passes `sha256`.
 */
export function webCryptoSha256(): Sha256 | null {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!subtle || typeof subtle.digest !== 'function') return null;
  return async (bytes) => {
    const buf = await subtle.digest('SHA-256', Uint8Array.prototype.slice.call(bytes));
    return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of the text's UTF-8 bytes (tus Upload-Metadata values), without `btoa` (absent in some engines). */
export function base64Utf8(text: string): string {
  const b = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? B64[n & 63] : '=';
  }
  return out;
}
