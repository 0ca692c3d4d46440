import { HkdfSha256Native, hmac, sha256 } from '@hpke/common';

type Bytes = ArrayBufferLike | ArrayBufferView;
const u8 = (b: Bytes) =>
  ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
const ab = (b: Uint8Array) => b.slice().buffer as ArrayBuffer;

/** HKDF-Extract (RFC 5869) with HMAC-SHA256; an empty salt is 32 zero bytes. */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmac(sha256, salt.length === 0 ? new Uint8Array(32) : salt, ikm);
}

/** HKDF-Expand (RFC 5869) with HMAC-SHA256, up to 255 blocks. */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > 255 * 32) throw new RangeError('HKDF-Expand: over 255 blocks');
  const out = new Uint8Array(length);
  let block: Uint8Array = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++) {
    const input = new Uint8Array(block.length + info.length + 1);
    input.set(block, 0);
    input.set(info, block.length);
    input[input.length - 1] = i;
    block = hmac(sha256, prk, input);
    out.set(block.subarray(0, length - at), at);
    at += block.length;
  }
  return out;
}

/**
 * @hpke/core's HKDF-SHA256 with its primitives computed in JavaScript (@hpke/common's HMAC and SHA-256)
 * instead of Web Crypto. Same results (the RFC 9458 vectors pin them); but a Web Crypto call costs a
 * round trip to a worker thread in Node (~30-100 µs each), and one HPKE context takes about 14 of
 * them, most of a request's cost at the gateway. The JavaScript HMAC is a few µs, and it also frees
 * the client from needing Web Crypto's HMAC/HKDF on engines that lack them.
 */
export class HkdfSha256Js extends HkdfSha256Native {
  override async extract(salt: Bytes, ikm: Bytes): Promise<ArrayBuffer> {
    return ab(hkdfExtract(u8(salt), u8(ikm)));
  }

  override async expand(prk: Bytes, info: Bytes, len: number): Promise<ArrayBuffer> {
    return ab(hkdfExpand(u8(prk), u8(info), len));
  }

  override async extractAndExpand(salt: Bytes, ikm: Bytes, info: Bytes, len: number): Promise<ArrayBuffer> {
    return ab(hkdfExpand(hkdfExtract(u8(salt), u8(ikm)), u8(info), len));
  }
}
