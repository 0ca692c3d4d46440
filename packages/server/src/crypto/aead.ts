import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE = 12;
const TAG = 16;
/** Bytes a sealed message adds to its plaintext: version, nonce, tag. */
export const SEAL_OVERHEAD = 1 + NONCE + TAG;

export class DecryptError extends Error {
  constructor(what: string) {
    super(`cannot decrypt ${what}: wrong key, wrong owner or tampered data`);
    this.name = 'DecryptError';
  }
}

/**
 * AES-256-GCM with a fresh random 96-bit nonce: `version | nonce | ciphertext | tag`. The associated
 * data binds the ciphertext to where it belongs (owner and key), so a blob copied to another pilot's
 * folder or under another name does not decrypt. Random nonces are safe far beyond our volumes
 * (NIST's 2^32 messages per key).
 */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([Buffer.of(VERSION), nonce, body, tail, cipher.getAuthTag()]);
}

/** The inverse of `seal`; throws DecryptError when the key, the associated data or a byte is wrong. */
export function open(key: Uint8Array, sealed: Uint8Array, aad: string, what = 'data'): Buffer {
  if (sealed.length < SEAL_OVERHEAD || sealed[0] !== VERSION) throw new DecryptError(what);
  const nonce = sealed.subarray(1, 1 + NONCE);
  const tag = sealed.subarray(sealed.length - TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(1 + NONCE, sealed.length - TAG)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptError(what);
  }
}
