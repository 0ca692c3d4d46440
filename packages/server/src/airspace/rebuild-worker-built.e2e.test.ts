import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, buildIfStale, loadedModules, moduleLog, REPO } from '../testing/built-bin.ts';

const OPENAIR = join(REPO, '..', 'shared', 'data', 'airspace', 'openair', 'ksgu-airspaces.txt');

test('`airlock import` from the build rebuilds the index on its worker thread, without TypeScript', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-built-rebuild-'));
  const log = join(dir, 'loaded.txt');
  const { nodeArgs, env } = moduleLog(dir, log);
  buildIfStale();
  // A new data dir (an empty database folder marks it as one): with no server holding it, the CLI
  // opens it itself and runs the service's rebuild in its own process.
  mkdirSync(join(dir, 'data', 'pglite'), { recursive: true });
  try {
    const child = spawn(process.execPath, [...nodeArgs, BIN, 'import', OPENAIR, '--dataset', 'ksgu'], {
      cwd: REPO,
      env: {
        ...env,
        AIRLOCK_DATA_DIR: join(dir, 'data'),
        AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /through tsx/, 'the bin ran the build');
    // Built on the worker: had it failed, the service warns and builds here. A worker entry left as
    // TypeScript would fail too: it resolves tsx on this thread first, which the module hook refuses.
    assert.doesNotMatch(out, /not built on a worker thread/, out);
    assert.equal(
      readdirSync(join(dir, 'data', 'airspace-index')).filter((f) => f.startsWith('zones-')).length,
      1,
    );
    const loaded = loadedModules(log).filter((u) => u.startsWith('file:'));
    assert.deepEqual(
      loaded.filter((u) => u.endsWith('.ts') || u.includes('/node_modules/tsx/')),
      [],
      'no TypeScript module and no tsx',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
