import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const SLICE = 4 * 2 ** 20;

/**
 * SHA-256 of a file, read a few MB at a time. Not Web Crypto: crypto.subtle exists only on secure
 * origins, and a console reached over plain HTTP on a local network must still upload.
 */
export async function fileSha256(file: Blob, onProgress?: (done: number) => void): Promise<string> {
  const h = sha256.create();
  for (let at = 0; at < file.size; at += SLICE) {
    h.update(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()));
    onProgress?.(Math.min(file.size, at + SLICE));
  }
  return bytesToHex(h.digest());
}
