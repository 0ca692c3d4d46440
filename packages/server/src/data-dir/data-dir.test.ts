import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  DataDirLockedError,
  exposedEntries,
  LOCK_FILE,
  lockDataDir,
  readLock,
  resolveDataDir,
  secureDataDir,
} from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'airlock-datadir-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('data dir lock', () => {
  test('a second owner is refused at once, naming the holder; release frees it', () => {
    const dir = join(root, 'a');
    mkdirSync(dir);
    const first = lockDataDir(dir, 'server');
    first.setUrl('http://127.0.0.1:1234');
    assert.throws(
      () => lockDataDir(dir, 'cli'),
      (e) => e instanceof DataDirLockedError && /pid \d+, http:\/\/127\.0\.0\.1:1234/.test(e.message),
    );
    const seen = readLock(dir);
    assert.equal(seen?.url, 'http://127.0.0.1:1234');
    assert.equal(seen?.token, first.holder.token);
    assert.equal(statSync(join(dir, LOCK_FILE)).mode & 0o777, 0o600);
    first.release();
    assert.equal(readLock(dir), null);
    lockDataDir(dir, 'cli').release();
  });

  test('a lock left by a process that is gone (kill -9) is taken over', () => {
    const dir = join(root, 'b');
    mkdirSync(dir);
    // A real process that took the lock and died without releasing it.
    const r = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    assert.equal(r.status, 0);
    const dead = {
      pid: r.pid,
      host: readLockHost(),
      kind: 'server',
      procStart: null,
      startedAt: 'then',
      nonce: 'x',
    };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(dead));
    assert.equal(readLock(dir), null);
    const lock = lockDataDir(dir, 'server');
    assert.equal(readLock(dir)?.nonce, lock.holder.nonce);
    lock.release();
  });

  test('a reused pid is not mistaken for the holder (start time differs)', () => {
    const dir = join(root, 'c');
    mkdirSync(dir);
    const other = {
      pid: process.pid,
      host: readLockHost(),
      kind: 'server',
      procStart: '1',
      startedAt: 'then',
      nonce: 'y',
    };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other));
    const lock = lockDataDir(dir, 'cli');
    lock.release();
  });
});

function readLockHost(): string {
  const dir = mkdtempSync(join(root, 'h-'));
  const l = lockDataDir(dir, 'cli');
  const host = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).host as string;
  l.release();
  return host;
}

describe('data dir resolution', () => {
  test('the default name is found from a subfolder upwards; never a second one made silently', () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'airlock-data', 'pglite'), { recursive: true });
    mkdirSync(join(project, 'sub', 'deeper'), { recursive: true });
    const found = resolveDataDir('airlock-data', join(project, 'sub', 'deeper'));
    assert.deepEqual(found, { path: join(project, 'airlock-data'), exists: true, how: 'found' });
    const none = resolveDataDir('airlock-data', join(root, 'elsewhere'));
    assert.equal(none.how, 'new');
    assert.equal(none.exists, false);
    assert.equal(resolveDataDir('/x/y', project).path, '/x/y');
    assert.equal(resolveDataDir('mine', project).how, 'configured');
  });
});

describe('data dir permissions', () => {
  test('everything becomes owner-only, and new files are born so', () => {
    const dir = join(root, 'perm');
    mkdirSync(join(dir, 'pglite', 'base'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, 'pglite', 'base', 'f'), 'x', { mode: 0o666 });
    chmodSync(join(dir, 'pglite', 'base', 'f'), 0o666);
    chmodSync(dir, 0o755);
    const before = exposedEntries(dir).length;
    assert.ok(before >= 3, `expected exposed entries, got ${before}`);
    const saved = process.umask();
    try {
      assert.equal(secureDataDir(dir), before);
      assert.deepEqual(exposedEntries(dir), []);
      writeFileSync(join(dir, 'new'), 'y', { mode: 0o666 });
      assert.deepEqual(exposedEntries(dir), []);
    } finally {
      process.umask(saved);
    }
  });
});
