// A deleted account's wrapped data key, sealed address and address hash leave every file of the data
// dir (table files, indexes, WAL): with the master key beside them (master.key, the embedded default)
// they would give the address back. Real server, PGlite data dir in a temp folder, byte scan of every
// file; also when the server stopped between the deletion and the erasure (finished at start-up).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { filesHolding } from '../testing/privacy-scan.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const PASSWORD = 'correct horse battery staple';
const json = { 'content-type': 'application/json' };
const dirs: string[] = [];

/** Servers still open, closed by the test's end whatever happened. */
const open = new Set<TestServer>();
async function start(dataDir: string): Promise<TestServer> {
  const t = await startTestServer({ dataDir });
  open.add(t);
  return t;
}
async function stop(t: TestServer): Promise<void> {
  open.delete(t);
  await t.close();
}
after(async () => {
  for (const t of open) await t.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'airlock-key-erasure-'));
  dirs.push(d);
  return d;
}

/** The bytes the database holds for a pilot that would identify or unlock them. */
async function storedSecrets(t: TestServer, pilotId: string): Promise<Record<string, Buffer>> {
  const db = t.services.db;
  const key = await db.query<{ wrapped_key: Uint8Array }>(
    'SELECT wrapped_key FROM pilot_keys WHERE pilot_id = $1',
    [pilotId],
  );
  const row = await db.query<{ email_sealed: Uint8Array; email_hmac: Uint8Array }>(
    'SELECT email_sealed, email_hmac FROM pilots WHERE id = $1',
    [pilotId],
  );
  return {
    'wrapped key': Buffer.from(key.rows[0].wrapped_key),
    'sealed e-mail': Buffer.from(row.rows[0].email_sealed),
    'e-mail hash': Buffer.from(row.rows[0].email_hmac),
  };
}

/** Which of the secrets some file of `dir` still holds (whole, or its first 16 bytes). */
function survivors(dir: string, secrets: Record<string, Buffer>): string[] {
  return Object.entries(secrets).flatMap(([what, bytes]) =>
    filesHolding(dir, bytes.subarray(0, 16)).map((f) => `${what} in ${f.slice(dir.length + 1)}`),
  );
}

async function signIn(url: string, email: string): Promise<Response> {
  return fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
}

test('DELETE /v1/accounts/me leaves no byte of the wrapped key, sealed address or its hash in the data dir', async () => {
  const dir = tempDir();
  let t = await start(dir);
  await t.pilot('kept.before@example.test', PASSWORD);
  const gone = await t.pilot('erased.pilot@example.test', PASSWORD);
  const kept = await t.pilot('kept.after@example.test', PASSWORD);
  assert.equal((await signIn(t.url, 'erased.pilot@example.test')).status, 200);
  const secrets = await storedSecrets(t, gone.id);
  const keptSecrets = await storedSecrets(t, kept.id);
  // The scan sees these bytes where they are: without the erasure they would be found below.
  assert.ok(
    survivors(dir, secrets).some((s) => s.startsWith('wrapped key')),
    'the scan finds a live key',
  );
  const del = await fetch(`${t.url}/v1/accounts/me`, {
    method: 'DELETE',
    headers: { ...gone.auth, ...json },
    body: JSON.stringify({ password: PASSWORD }),
  });
  assert.equal(del.status, 204);
  await stop(t);
  assert.deepEqual(survivors(dir, secrets), []);
  assert.ok(survivors(dir, keptSecrets).length > 0, 'the other pilots are still stored');
  // The rewrite kept everyone else whole: they sign in and read their address after a restart.
  t = await start(dir);
  for (const email of ['kept.before@example.test', 'kept.after@example.test']) {
    const r = await signIn(t.url, email);
    assert.equal(r.status, 200, email);
    const { token } = (await r.json()) as { token: string };
    const me = await fetch(`${t.url}/v1/accounts/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(((await me.json()) as { pilot: { email: string } }).pilot.email, email);
  }
  assert.equal((await signIn(t.url, 'erased.pilot@example.test')).status, 401);
});

test('a deletion the server stopped before erasing is erased at the next start', async () => {
  const dir = tempDir();
  let t = await start(dir);
  const gone = await t.pilot('stopped.midway@example.test', PASSWORD);
  const secrets = await storedSecrets(t, gone.id);
  // What the deleting transaction commits, without the erasure that follows it (a crash there).
  await t.services.db.transaction(async (tx) => {
    await tx.query('DELETE FROM pilots WHERE id = $1', [gone.id]);
    await tx.query('INSERT INTO erasure_pending DEFAULT VALUES');
  });
  await stop(t);
  assert.ok(survivors(dir, secrets).length > 0, 'a DELETE alone leaves the bytes in the data dir');
  t = await start(dir);
  // Any account operation waits for the start-up steps, the erasure among them.
  assert.equal((await signIn(t.url, 'stopped.midway@example.test')).status, 401);
  const owed = await t.services.db.query('SELECT n FROM erasure_pending');
  assert.equal(owed.rows.length, 0);
  await stop(t);
  assert.deepEqual(survivors(dir, secrets), []);
});
