import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { silentLogger } from '../log/index.ts';
import { loadMasterKey, open, seal } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-crypto-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('seal/open: AES-256-GCM bound to its associated data', () => {
  const key = randomBytes(32);
  const sealed = seal(key, Buffer.from('flight over the garden'), 'pilot-a\0log-1');
  assert.ok(!sealed.includes(Buffer.from('garden')));
  assert.equal(open(key, sealed, 'pilot-a\0log-1').toString(), 'flight over the garden');
  assert.throws(() => open(key, sealed, 'pilot-b\0log-1'), /cannot decrypt/, 'swapped between pilots');
  assert.throws(() => open(randomBytes(32), sealed, 'pilot-a\0log-1'), /cannot decrypt/);
  const tampered = Buffer.from(sealed);
  tampered[20] ^= 1;
  assert.throws(() => open(key, tampered, 'pilot-a\0log-1'), /cannot decrypt/);
  assert.notDeepEqual(
    seal(key, Buffer.from('x'), 'a'),
    seal(key, Buffer.from('x'), 'a'),
    'fresh nonce each time',
  );
});

test('master key: generated once into the data folder with mode 0600, then reused; config wins', () => {
  const a = loadMasterKey({ dataDir: dir }, silentLogger);
  const file = join(dir, 'master.key');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const b = loadMasterKey({ dataDir: dir }, silentLogger);
  assert.equal(a.id, b.id);
  assert.ok(a.wrapKey.equals(b.wrapKey));
  assert.ok(
    !a.wrapKey.equals(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')),
    'subkeys, not the root',
  );
  const configured = randomBytes(32).toString('base64');
  const c = loadMasterKey({ dataDir: dir, configured }, silentLogger);
  assert.notEqual(c.id, a.id);
  assert.equal(loadMasterKey({ dataDir: '/nonexistent', configured }, silentLogger).id, c.id);
});
