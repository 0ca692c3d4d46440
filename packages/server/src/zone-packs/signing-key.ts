import { generateKeyPairSync } from 'node:crypto';
import { signingKeyId } from '@airlock/core/zone-pack';
import type { Database } from '../storage/index.ts';

/** The server's zone-pack signing key, ready for core's `sealPayload`, and what it publishes. */
export interface PackSigningKey {
  keyId: string;
  privateKey: CryptoKey;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/**
 * Reads the signing key, making it on a new database. Several servers starting at once on one
 * PostgreSQL: the insert that loses does nothing and every one reads the winner's key.
 */
export async function loadSigningKey(db: Database): Promise<PackSigningKey> {
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
  await db.query('INSERT INTO zone_pack_key (id, private_key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [
    fresh,
  ]);
  const { rows } = await db.query<{ private_key: Uint8Array }>(
    'SELECT private_key FROM zone_pack_key WHERE id = 1',
  );
  const der = new Uint8Array(rows[0].private_key);
  const privateKey = await crypto.subtle.importKey('pkcs8', der, 'Ed25519', true, ['sign']);
  // The public half from the private key's JWK (x is the raw public key, base64url).
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
  return { keyId: await signingKeyId(publicKey), privateKey, publicKey };
}
