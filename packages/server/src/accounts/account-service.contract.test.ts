// The account service against each database adapter: PGlite always, PostgreSQL when
// AIRLOCK_TEST_DATABASE_URL is set. argon2id runs with test-only cheap parameters.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { deriveMasterKey, PilotKeyring } from '../crypto/index.ts';
import { silentLogger } from '../log/index.ts';
import { type Database, forEachTestDatabase } from '../storage/index.ts';
import { AccountError, AccountService, type PilotDataSource } from './index.ts';

const PASSWORD = 'correct horse battery staple';

function service(db: Database, lockoutS = 900) {
  const keyring = new PilotKeyring(db, deriveMasterKey(randomBytes(32)));
  return new AccountService(
    db,
    keyring,
    {
      argon2: { memoryKiB: 64, timeCost: 1 },
      sessionTtlDays: 30,
      signInMaxAttempts: 3,
      signInLockoutS: lockoutS,
    },
    silentLogger,
  );
}

/** Moves every lockout and counting window into the past, instead of sleeping through them. */
async function expireLockouts(db: Database): Promise<void> {
  await db.query(
    "UPDATE sign_in_throttle SET locked_until = locked_until - interval '1 hour', window_start = window_start - interval '1 hour'",
  );
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<AccountError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AccountError, String(e));
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

for (const factory of forEachTestDatabase()) {
  describe(`AccountService on ${factory.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ db, dispose } = await factory.open());
    });
    after(async () => dispose());

    test('sign-up normalises the e-mail, keeps the day only, refuses duplicates and weak passwords', async () => {
      const accounts = service(db);
      const pilot = await accounts.signUp('  Ada@Example.ORG ', PASSWORD);
      assert.equal(pilot.email, 'ada@example.org');
      assert.match(pilot.created_on, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(pilot.id, /^[0-9a-f-]{36}$/);
      await rejectsWith(accounts.signUp('ada@example.org', PASSWORD), 'email_taken');
      await rejectsWith(accounts.signUp('bob@example.org', 'short'), 'weak_password');
      await rejectsWith(accounts.signUp('not an address', PASSWORD), 'invalid_email');
      const { rows } = await db.query<{ password_hash: string }>(
        'SELECT password_hash FROM pilots WHERE id = $1',
        [pilot.id],
      );
      assert.match(rows[0].password_hash, /^\$argon2id\$/);
      assert.ok(!rows[0].password_hash.includes(PASSWORD));
    });

    test('sign-in gives a token stored only as a hash; sign-out revokes it', async () => {
      const accounts = service(db);
      await accounts.signUp('carol@example.org', PASSWORD);
      const s = await accounts.signIn('CAROL@example.org', PASSWORD);
      const session = await accounts.authenticate(s.token);
      assert.ok(session);
      const { rows } = await db.query<{ token_hash: Buffer }>('SELECT token_hash FROM sessions');
      assert.ok(rows.every((r) => !Buffer.from(r.token_hash).toString('latin1').includes(s.token)));
      await accounts.signOut(session);
      assert.equal(await accounts.authenticate(s.token), null);
      assert.equal(await accounts.authenticate('als_garbage'), null);
      await rejectsWith(accounts.signIn('carol@example.org', 'wrong password!'), 'wrong_credentials');
      await rejectsWith(accounts.signIn('nobody@example.org', PASSWORD), 'wrong_credentials');
    });

    test('attempts are limited per e-mail: locked with Retry-After even for the right password, then free again', async () => {
      const accounts = service(db, 60);
      await accounts.signUp('dave@example.org', PASSWORD);
      for (let i = 0; i < 3; i++)
        await rejectsWith(accounts.signIn('dave@example.org', 'nope nope nope'), 'wrong_credentials');
      const locked = await rejectsWith(accounts.signIn('dave@example.org', PASSWORD), 'too_many_attempts');
      assert.equal(locked.retryAfterS, 60);
      // Parallel guesses cannot slip past the count: each reserves its attempt first.
      await expireLockouts(db);
      const burst = await Promise.allSettled(
        Array.from({ length: 8 }, () => accounts.signIn('dave@example.org', 'nope nope nope')),
      );
      const codes = burst.map((b) => (b.status === 'rejected' ? (b.reason as AccountError).code : 'ok'));
      assert.equal(codes.filter((c) => c === 'wrong_credentials').length, 3, codes.join());
      assert.equal(codes.filter((c) => c === 'too_many_attempts').length, 5);
      await expireLockouts(db);
      assert.ok((await accounts.signIn('dave@example.org', PASSWORD)).token, 'unlocked after the lockout');
      // Another address is not affected by dave's lockout.
      await accounts.signUp('erin@example.org', PASSWORD);
      assert.ok((await accounts.signIn('erin@example.org', PASSWORD)).token);
    });

    test('a password change revokes every other session and needs the current password', async () => {
      const accounts = service(db);
      await accounts.signUp('fay@example.org', PASSWORD);
      const a = await accounts.signIn('fay@example.org', PASSWORD);
      const b = await accounts.signIn('fay@example.org', PASSWORD);
      const sa = (await accounts.authenticate(a.token))!;
      await rejectsWith(
        accounts.changePassword(sa, 'wrong password!', 'a new long password'),
        'wrong_credentials',
      );
      await accounts.changePassword(sa, PASSWORD, 'a new long password');
      assert.ok(await accounts.authenticate(a.token), 'this session stays');
      assert.equal(await accounts.authenticate(b.token), null, 'the other is revoked');
      await rejectsWith(accounts.signIn('fay@example.org', PASSWORD), 'wrong_credentials');
      assert.ok(await accounts.signIn('fay@example.org', 'a new long password'));
    });

    test('deletion removes the pilot, key and sessions, and asks each data source to erase', async () => {
      const accounts = service(db);
      const erased: string[] = [];
      const source: PilotDataSource = {
        name: 'things',
        exportFor: async () => ({ n: 1 }),
        eraseFor: async (id) => void erased.push(id),
      };
      accounts.addDataSource(source);
      const pilot = await accounts.signUp('gil@example.org', PASSWORD);
      const s = await accounts.signIn('gil@example.org', PASSWORD);
      const session = (await accounts.authenticate(s.token))!;
      const exported = await accounts.exportData(session);
      assert.deepEqual(exported.things, { n: 1 });
      assert.equal((exported.pilot as { email: string }).email, 'gil@example.org');
      assert.ok(!JSON.stringify(exported).includes('$argon2'), 'no password hash in the export');
      await rejectsWith(accounts.deleteAccount(session, 'wrong password!'), 'wrong_credentials');
      await accounts.deleteAccount(session, PASSWORD);
      assert.deepEqual(erased, [pilot.id]);
      for (const table of ['pilots', 'pilot_keys', 'sessions']) {
        const { rows } = await db.query(
          `SELECT * FROM ${table} WHERE ${table === 'pilots' ? 'id' : 'pilot_id'} = $1`,
          [pilot.id],
        );
        assert.equal(rows.length, 0, table);
      }
      await assert.rejects(accounts.keyring.get(pilot.id), /no data key/);
      assert.equal(await accounts.authenticate(s.token), null);
    });
  });
}
