import { concat, Reader, u16, WireFormatError } from './bytes.ts';

/** One HPKE KDF + AEAD pair a gateway accepts with its key. */
export interface SymmetricAlgorithm {
  kdfId: number;
  aeadId: number;
}

/** A key configuration (RFC 9458, section 3.1): what a client needs to encapsulate to a gateway. */
export interface KeyConfig {
  /** 8 bits: names the gateway's key in every encapsulated request. */
  keyId: number;
  kemId: number;
  publicKey: Uint8Array;
  algorithms: SymmetricAlgorithm[];
}

/** Npk, the public key length, of the KEMs this code knows (only X25519 is used). */
const PUBLIC_KEY_LENGTH: Record<number, number> = { 16: 65, 17: 97, 18: 133, 32: 32, 33: 56 };

export function encodeKeyConfig(c: KeyConfig): Uint8Array {
  if (!Number.isInteger(c.keyId) || c.keyId < 0 || c.keyId > 255) throw new RangeError('keyId is 8 bits');
  if (c.algorithms.length === 0) throw new RangeError('a key configuration needs one algorithm pair');
  const algs = concat(...c.algorithms.map((a) => concat(u16(a.kdfId), u16(a.aeadId))));
  return concat(Uint8Array.of(c.keyId), u16(c.kemId), c.publicKey, u16(algs.length), algs);
}

function readKeyConfig(r: Reader): KeyConfig {
  const keyId = r.u8();
  const kemId = r.u16();
  const npk = PUBLIC_KEY_LENGTH[kemId];
  if (npk === undefined) throw new WireFormatError(`${r.what}: unknown KEM 0x${kemId.toString(16)}`);
  const publicKey = r.take(npk).slice();
  const length = r.u16();
  if (length < 4 || length % 4 !== 0) throw new WireFormatError(`${r.what}: algorithms length ${length}`);
  const algs = new Reader(r.take(length), r.what);
  const algorithms: SymmetricAlgorithm[] = [];
  while (algs.left > 0) algorithms.push({ kdfId: algs.u16(), aeadId: algs.u16() });
  return { keyId, kemId, publicKey, algorithms };
}

export function decodeKeyConfig(bytes: Uint8Array): KeyConfig {
  const r = new Reader(bytes, 'key configuration');
  const config = readKeyConfig(r);
  if (r.left !== 0) throw new WireFormatError(`key configuration: ${r.left} bytes after its end`);
  return config;
}

/** application/ohttp-keys (section 3.2): each configuration prefixed by its 2-byte length. */
export function encodeKeyConfigList(configs: KeyConfig[]): Uint8Array {
  return concat(
    ...configs.map((c) => {
      const one = encodeKeyConfig(c);
      return concat(u16(one.length), one);
    }),
  );
}

/**
 * The whole list or an error: section 3.2 says a client MUST discard a collection with any encoding
 * error, because recovering different parts of it is a way to sort clients into groups.
 */
export function decodeKeyConfigList(bytes: Uint8Array): KeyConfig[] {
  const r = new Reader(bytes, 'application/ohttp-keys');
  const out: KeyConfig[] = [];
  while (r.left > 0) out.push(decodeKeyConfig(r.take(r.u16())));
  if (out.length === 0) throw new WireFormatError('application/ohttp-keys: no key configuration');
  return out;
}
