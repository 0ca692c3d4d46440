import type { PilotKeyring } from '../crypto/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { eraseResidue } from './erase-residue.ts';
import { emailLookupHash, sealEmail } from './pilot-email.ts';

/**
 * The start-up step of migration 007: rows written before it hold the address in plaintext. Each is
 * given its lookup hash and its sealed address, and the plaintext is cleared; then the table is
 * rewritten and the WAL that logged the old rows retired (erase-residue.ts), so the addresses leave
 * the data dir instead of waiting for a vacuum that may never overwrite them. Idempotent: several
 * instances may run it at once. Returns how many rows it sealed.
 */
export async function sealPlainEmails(db: Database, keyring: PilotKeyring, log: Logger): Promise<number> {
  const { rows } = await db.query<{ id: string; email: string }>(
    'SELECT id, email FROM pilots WHERE email IS NOT NULL',
  );
  if (rows.length === 0) return 0;
  for (const r of rows) {
    const key = await keyring.get(r.id);
    try {
      await db.query(
        'UPDATE pilots SET email = NULL, email_hmac = $2, email_sealed = $3 WHERE id = $1 AND email IS NOT NULL',
        [r.id, emailLookupHash(keyring, r.email), sealEmail(key, r.id, r.email)],
      );
    } finally {
      key.fill(0);
    }
  }
  await eraseResidue(db, ['pilots']);
  log.info('sealed the e-mail addresses of existing pilots', { pilots: rows.length });
  return rows.length;
}
