import { open, type PilotKeyring, seal } from '../crypto/index.ts';

/**
 * The pilot's e-mail address at rest: found by a keyed hash (HMAC under a subkey of the master key, so
 * a copy of the table alone cannot be checked against a list of addresses), and readable only sealed
 * under the pilot's own data key, which is deleted with the account.
 */
export function emailLookupHash(keyring: PilotKeyring, email: string): Buffer {
  return keyring.lookupHash('pilot-email', email);
}

/**
 * The lookup hashes to search by: the current key's, and the previous key's while a master-key
 * rotation runs (rotate-master-key.ts), always two so the SQL is one (`email_hmac IN ($1, $2)`).
 */
export function emailLookupPair(keyring: PilotKeyring, email: string): [Buffer, Buffer] {
  const [current, previous = current] = keyring.lookupHashes('pilot-email', email);
  return [current, previous];
}

export function sealEmail(key: Uint8Array, pilotId: string, email: string): Buffer {
  return seal(key, Buffer.from(email, 'utf8'), aad(pilotId));
}

export function openEmail(key: Uint8Array, pilotId: string, sealed: Uint8Array): string {
  return open(key, sealed, aad(pilotId), 'e-mail address').toString('utf8');
}

function aad(pilotId: string): string {
  return `airlock/pilot-email/v1\0${pilotId}`;
}
