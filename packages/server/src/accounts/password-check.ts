import { normalisePassword } from './credentials.ts';
import type { HashTicket, PasswordHasher } from './password-hasher.ts';

/** What sign-in needs of a pilot row to check its password. */
export interface StoredPassword {
  password_hash: string;
  /** False for hashes made before passwords were NFKC-normalised (migration 007). */
  password_nfkc: boolean;
}

/**
 * Checks a typed password against a stored hash. A hash made before NFKC normalisation was of the
 * password as typed at the time: the raw, NFKC and NFC forms of what is typed now are tried (at most
 * three argon2 runs, and only for such old rows). Returns the NFKC form to re-hash with when an old
 * hash matched, so the next sign-in costs one run; `true` for a plain match, `false` for none.
 */
export async function checkStoredPassword(
  hasher: PasswordHasher,
  stored: StoredPassword,
  typed: string,
  ticket: HashTicket,
): Promise<boolean | { rehash: string }> {
  const nfkc = normalisePassword(typed);
  if (stored.password_nfkc) return hasher.verify(stored.password_hash, nfkc, ticket);
  for (const candidate of new Set([typed, nfkc, typed.normalize('NFC')]))
    if (await hasher.verify(stored.password_hash, candidate, ticket)) return { rehash: nfkc };
  return false;
}
