// Rows from before migration 007 held the address in plaintext: the start-up step seals them, rewrites
// the table, and old password hashes (made of the password as typed) keep working and are upgraded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hash } from '@node-rs/argon2';
import { deriveMasterKey, PilotKeyring } from '../crypto/index.ts';
import { silentLogger } from '../log/index.ts';
import { migrate, openPgliteDatabase } from '../storage/index.ts';
import { AccountService } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-legacy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function files(root: string): string[] {
  return readdirSync(root).flatMap((n) => {
    const p = join(root, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('plaintext e-mail rows are sealed at start-up; legacy password hashes verify, then are re-hashed in NFKC', async () => {
  const db = await openPgliteDatabase(join(dir, 'pglite'));
  await migrate(db);
  const keyring = new PilotKeyring(db, deriveMasterKey(randomBytes(32)));
  // A row as the server wrote it before 007: the address in the clear, the password hashed as typed
  // (here typed decomposed, NFD), no lookup hash.
  const email = 'legacy.pilot@example.test';
  const typed = 'café crème brûlée à la pâtisserie'.normalize('NFD');
  const id = '00000000-0000-4000-8000-000000000007';
  await db.exec('ALTER TABLE pilots DROP CONSTRAINT pilots_email_sealed');
  await db.query('INSERT INTO pilots (id, email, password_hash, password_nfkc) VALUES ($1, $2, $3, false)', [
    id,
    email,
    await hash(typed, { algorithm: 2, memoryCost: 64, timeCost: 1 }),
  ]);
  await keyring.create(db, id);
  await db.exec(
    'ALTER TABLE pilots ADD CONSTRAINT pilots_email_sealed CHECK (email IS NULL AND email_hmac IS NOT NULL AND email_sealed IS NOT NULL) NOT VALID',
  );
  await db.exec('CHECKPOINT');

  const accounts = new AccountService(
    db,
    keyring,
    { argon2: { memoryKiB: 64, timeCost: 1 }, sessionTtlDays: 1, signInMaxAttempts: 5, signInLockoutS: 60 },
    silentLogger,
  );
  assert.equal((await accounts.pilot(id)).email, email, 'readable through the pilot key');
  const { rows } = await db.query<{ email: string | null }>('SELECT email FROM pilots');
  assert.deepEqual(rows, [{ email: null }]);
  assert.equal((await accounts.findPilotByEmail(email))?.id, id);
  // The old hash was of the NFD form: typing that still works, and upgrades the hash to NFKC...
  assert.ok((await accounts.signIn(email, typed)).token);
  const upgraded = await db.query<{ password_nfkc: boolean }>('SELECT password_nfkc FROM pilots');
  assert.equal(upgraded.rows[0].password_nfkc, true);
  // ...after which the composed (NFC) form works too.
  assert.ok((await accounts.signIn(email, typed.normalize('NFC'))).token);
  await db.close();

  // The table was rewritten: no table or index file holds the address any more. (WAL segments written
  // before the step may still hold it until PostgreSQL recycles and overwrites them: see the docs.)
  const held = files(join(dir, 'pglite'))
    .filter((f) => !f.includes('pg_wal'))
    .filter((f) => readFileSync(f).includes(Buffer.from(email)));
  assert.deepEqual(held, []);
});
