import type { PilotKeyring } from '../crypto/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { eraseResidue } from './erase-residue.ts';
import { emailLookupHash, openEmail } from './pilot-email.ts';

const BATCH = 200;

/**
 * Master-key rotation, run in the background at start when AIRLOCK_MASTER_KEY_PREVIOUS is set: every
 * pilot key still wrapped by the previous master key is re-wrapped by the current one, and the
 * pilot's e-mail lookup hash recomputed under the current key (the address is opened with the pilot's
 * own key, never needed in plaintext elsewhere), each pilot in one transaction. Until a pilot is done
 * both keys open their key and find their address (PilotKeyring, emailLookupPair), so nothing waits
 * for it. Idempotent and safe on several servers at once (a row is taken FOR UPDATE and skipped when
 * already done). At the end the old wrapped keys are made to leave the database files
 * (erase-residue.ts) and the log says the previous key can be removed. Returns the pilots re-wrapped.
 */
export async function rotateMasterKey(db: Database, keyring: PilotKeyring, log: Logger): Promise<number> {
  const previous = keyring.previous;
  if (!previous) return 0;
  let done = 0;
  for (;;) {
    const { rows } = await db.query<{ pilot_id: string }>(
      'SELECT pilot_id FROM pilot_keys WHERE master_key_id = $1 ORDER BY pilot_id LIMIT $2',
      [previous.id, BATCH],
    );
    if (rows.length === 0) break;
    for (const { pilot_id } of rows) {
      await db.transaction(async (tx) => {
        const key = await keyring.rewrap(tx, pilot_id);
        if (!key) return;
        try {
          const sealed = await tx.query<{ email_sealed: Uint8Array | null }>(
            'SELECT email_sealed FROM pilots WHERE id = $1',
            [pilot_id],
          );
          const box = sealed.rows[0]?.email_sealed;
          if (box) {
            const email = openEmail(key, pilot_id, box);
            await tx.query('UPDATE pilots SET email_hmac = $2 WHERE id = $1', [
              pilot_id,
              emailLookupHash(keyring, email),
            ]);
          }
          done++;
        } finally {
          key.fill(0);
        }
      });
    }
    log.info('rotating the master key', { pilots_done: done, from: previous.id, to: keyring.masterId });
  }
  if (done > 0) await eraseResidue(db, ['pilot_keys', 'pilots']);
  log.info('master key rotation complete: AIRLOCK_MASTER_KEY_PREVIOUS can be removed', {
    pilots: done,
    key: keyring.masterId,
  });
  return done;
}
