import { randomBytes } from 'node:crypto';
import { AccountService } from '../accounts/index.ts';
import { deriveMasterKey, PilotKeyring } from '../crypto/index.ts';
import { silentLogger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';

/**
 * A fresh master key's keyring and an account service over `db`, for tests and benches that need
 * pilots but not a server: argon2 at its cheapest (64 KiB, one pass), so sign-ups take milliseconds.
 */
export function testAccounts(db: Database): { keyring: PilotKeyring; accounts: AccountService } {
  const keyring = new PilotKeyring(db, deriveMasterKey(randomBytes(32)));
  const accounts = new AccountService(
    db,
    keyring,
    { argon2: { memoryKiB: 64, timeCost: 1 }, sessionTtlDays: 1, signInMaxAttempts: 5, signInLockoutS: 60 },
    silentLogger,
  );
  return { keyring, accounts };
}
