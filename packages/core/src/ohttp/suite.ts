import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256 } from '@hpke/core';
import { HkdfSha256Js } from './hkdf.ts';
import type { KeyConfig } from './key-config.ts';

/**
 * The one HPKE suite used here, RFC 9458's own example: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * AES-128-GCM, from @hpke/core (Web Crypto underneath, so the same code runs in Node, browsers and
 * workers). A gateway offering a single suite gives clients nothing to differ on.
 */
export const KEM_X25519_HKDF_SHA256 = 0x0020;
export const KDF_HKDF_SHA256 = 0x0001;
export const AEAD_AES_128_GCM = 0x0001;

export const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256Js(),
  aead: new Aes128Gcm(),
});

/** A gateway key: its configuration (public) and its private half. */
export interface GatewayKey {
  config: KeyConfig;
  privateKey: CryptoKey;
  /** The public half as a key too: handed to HPKE with the private one, it is not derived per request. */
  publicKey: CryptoKey;
}

export function keyConfigFor(keyId: number, publicKey: Uint8Array): KeyConfig {
  return {
    keyId,
    kemId: KEM_X25519_HKDF_SHA256,
    publicKey,
    algorithms: [{ kdfId: KDF_HKDF_SHA256, aeadId: AEAD_AES_128_GCM }],
  };
}

/** A gateway key from the 32 bytes of its X25519 private key (as stored). */
export async function importGatewayKey(keyId: number, privateKey: Uint8Array): Promise<GatewayKey> {
  const key = await suite.kem.deserializePrivateKey(privateKey);
  // The public half, from the private key's JWK export (which carries it as `x`).
  const jwk = await crypto.subtle.exportKey('jwk', key);
  const publicKey = base64UrlBytes(jwk.x ?? '');
  return {
    config: keyConfigFor(keyId, publicKey),
    privateKey: key,
    publicKey: await suite.kem.deserializePublicKey(publicKey),
  };
}

/** A fresh key: the 32 private bytes to store, and the key itself. */
export async function generateGatewayKey(
  keyId: number,
): Promise<{ privateKey: Uint8Array; key: GatewayKey }> {
  const pair = await suite.kem.generateKeyPair();
  const privateKey = new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey));
  return { privateKey, key: await importGatewayKey(keyId, privateKey) };
}

function base64UrlBytes(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
