import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, buildIfStale, loadedModules, moduleLog, REPO } from '../testing/built-bin.ts';

test('`airlock serve` from the build compiles no TypeScript, the IP-table worker included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-built-serve-'));
  const log = join(dir, 'loaded.txt');
  const { nodeArgs, env } = moduleLog(dir, log);
  buildIfStale();
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--port', '0'], {
    cwd: REPO,
    env: {
      ...env,
      AIRLOCK_DATA_DIR: join(dir, 'data'),
      AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /Airlock listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${err}${out}`)));
    });
    // The first IP lookup loads the tables in a worker thread, from its own entry module.
    const res = await fetch(`${url}/v1/location/country`);
    assert.equal(res.status, 200, await res.text());
    assert.doesNotMatch(err, /through tsx/, 'the bin ran the build');
    const loaded = loadedModules(log).filter((u) => u.startsWith('file:'));
    assert.deepEqual(
      loaded.filter((u) => u.endsWith('.ts') || u.includes('/node_modules/tsx/')),
      [],
      'no TypeScript module and no tsx',
    );
    assert.ok(
      loaded.some((u) => u.includes('/packages/server/dist/')),
      loaded.join('\n'),
    );
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
