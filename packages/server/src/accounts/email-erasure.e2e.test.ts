// A deleted account leaves no readable trace of its e-mail address in the data dir: a real server on a
// PGlite data dir in a temp folder, sign-up, export, deletion, close, then every file of the data dir
// scanned byte by byte (UTF-8 and UTF-16, case-insensitively) for the address.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { filesHolding, filesUnder } from '../testing/privacy-scan.ts';
import { startTestServer } from '../testing/test-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-erasure-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TYPED = 'Zephyrine.Quist+Drone@Example.TEST';
const PASSWORD = 'correct horse battery staple';

test('after DELETE /v1/accounts/me no file of the data dir holds the e-mail address', async () => {
  const t = await startTestServer({ dataDir: dir });
  let closed = false;
  try {
    const json = { 'content-type': 'application/json' };
    const pilot = await t.pilot(TYPED, PASSWORD);
    const me = await (await fetch(`${t.url}/v1/accounts/me`, { headers: pilot.auth })).json();
    assert.equal(me.pilot.email, TYPED.toLowerCase());
    const exported = await (await fetch(`${t.url}/v1/accounts/me/export`, { headers: pilot.auth })).json();
    assert.equal(exported.pilot.email, TYPED.toLowerCase(), 'the export still has the address');
    // Signed in again by address: the lookup works without the address being stored.
    const again = await fetch(`${t.url}/v1/sessions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: TYPED.toUpperCase(), password: PASSWORD }),
    });
    assert.equal(again.status, 200);
    const del = await fetch(`${t.url}/v1/accounts/me`, {
      method: 'DELETE',
      headers: { ...pilot.auth, ...json },
      body: JSON.stringify({ password: PASSWORD }),
    });
    assert.equal(del.status, 204);
    await t.close();
    closed = true;
    const scanned = filesUnder(dir);
    assert.ok(
      scanned.some((f) => f.includes('pglite')),
      'the PGlite files were scanned',
    );
    assert.ok(scanned.length > 20, `${scanned.length} files`);
    for (const needle of [TYPED, 'zephyrine.quist', 'zephyrine'])
      assert.deepEqual(filesHolding(dir, needle), [], needle);
  } finally {
    if (!closed) await t.close();
  }
});
