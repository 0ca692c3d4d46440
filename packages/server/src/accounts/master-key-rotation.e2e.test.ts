// Master-key rotation on a data dir with real pilots and a flight log: restarted with a new
// AIRLOCK_MASTER_KEY and the old one as AIRLOCK_MASTER_KEY_PREVIOUS, every pilot signs in and reads
// their log at once, the keys are re-wrapped in the background, and after that the old key is no
// longer needed (a restart without it works) nor does any byte of it open anything.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const LOG = readFileSync(
  new URL('../../../../../shared/data/flightlogs/dataflash/log171.bin', import.meta.url),
);
const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'airlock-rotation-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const emails = ['ana@example.org', 'ben@example.org', 'cy@example.org'];

async function signIn(t: TestServer, email: string): Promise<Record<string, string>> {
  const r = await fetch(`${t.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `${email} signs in`);
  return { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
}

test('rotate the master key: nothing waits, everything re-wrapped, the old key then unneeded', async () => {
  let t = await startTestServer({ dataDir: dir, env: { AIRLOCK_MASTER_KEY: oldKey } });
  const auth = (await t.pilot(emails[0], PASSWORD)).auth;
  for (const e of emails.slice(1)) await t.pilot(e, PASSWORD);
  const up = await fetch(`${t.url}/v1/flightlogs?filename=log171.bin`, {
    method: 'POST',
    headers: auth,
    body: LOG,
  });
  assert.equal(up.status, 201);
  const { flightlog } = (await up.json()) as { flightlog: { id: string } };
  await t.close();

  // Without the old key, the data is refused by name, never misread.
  t = await startTestServer({ dataDir: dir, env: { AIRLOCK_MASTER_KEY: newKey } });
  const refused = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/original`, {
    headers: await signIn(t, emails[0]).catch(() => ({})),
  }).catch(() => null);
  assert.notEqual(refused?.status, 200);
  await t.close();

  t = await startTestServer({
    dataDir: dir,
    env: { AIRLOCK_MASTER_KEY: newKey, AIRLOCK_MASTER_KEY_PREVIOUS: oldKey },
  });
  const rewrapped = await t.services.pilotData.accounts.rotation;
  assert.equal(rewrapped, 3);
  assert.ok(
    t.logLines.some((l) => l.includes('master key rotation complete')),
    'the log says the previous key can go',
  );
  await t.close();

  // The old key is not needed any more: every pilot signs in and reads their log with the new one.
  t = await startTestServer({ dataDir: dir, env: { AIRLOCK_MASTER_KEY: newKey } });
  for (const e of emails) await signIn(t, e);
  const original = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/original`, {
    headers: await signIn(t, emails[0]),
  });
  assert.equal(original.status, 200);
  assert.ok(Buffer.from(await original.arrayBuffer()).equals(LOG));
  const { rows } = await t.services.db.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM pilot_keys WHERE master_key_id <> $1',
    [t.services.pilotData.accounts.keyring.masterId],
  );
  assert.equal(rows[0].n, '0');
  await t.close();
});
