import type { EncryptionContext } from '@hpke/core';
import { concat, utf8 } from './bytes.ts';
import { hkdfExpand, hkdfExtract } from './hkdf.ts';

/** AES-128-GCM's Nk and Nn, and max(Nn, Nk): the response nonce and exported secret length (4.4). */
const KEY_LENGTH = 16;
const NONCE_LENGTH = 12;
export const RESPONSE_NONCE_LENGTH = Math.max(KEY_LENGTH, NONCE_LENGTH);

const EXPORT_LABEL = utf8.encode('message/bhttp response');
const KEY_LABEL = utf8.encode('key');
const NONCE_LABEL = utf8.encode('nonce');

/**
 * The AEAD that protects a response (RFC 9458, section 4.4): a secret exported from the request's HPKE
 * context; prk = Extract(enc || response_nonce, secret); key and nonce = Expand(prk, "key" | "nonce").
 * Both sides run this, the gateway with its receiving context and the client with its sending one.
 * HKDF is hkdf.ts's (this salt is enc plus the nonce, 48 bytes, which @hpke/core's HKDF refuses);
 * AES-GCM is Web Crypto's.
 */
export async function responseAead(context: EncryptionContext, enc: Uint8Array, responseNonce: Uint8Array) {
  const secret = new Uint8Array(await context.export(EXPORT_LABEL, RESPONSE_NONCE_LENGTH));
  const prk = hkdfExtract(concat(enc, responseNonce), secret);
  const iv = hkdfExpand(prk, NONCE_LABEL, NONCE_LENGTH) as Uint8Array<ArrayBuffer>;
  const rawKey = hkdfExpand(prk, KEY_LABEL, KEY_LENGTH) as Uint8Array<ArrayBuffer>;
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const params = { name: 'AES-GCM', iv, additionalData: new Uint8Array(0) };
  return {
    seal: async (pt: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.encrypt(params, key, pt)),
    open: async (ct: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.decrypt(params, key, ct)),
  };
}
