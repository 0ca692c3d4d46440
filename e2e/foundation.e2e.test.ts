// The foundation as an operator meets it (issue 9), with real processes: one owner per data dir, the
// CLI as a client of the running server (from a subfolder too), a busy port refused in one line before
// anything loads, SIGTERM stopping the server and freeing the data dir, and owner-only files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { exposedEntries } from '../packages/server/src/data-dir/index.ts';
import { airlock, serve } from './testing/airlock-process.ts';

const root = mkdtempSync(join(tmpdir(), 'airlock-foundation-'));
after(() => rmSync(root, { recursive: true, force: true }));
const NO_BUNDLE = { AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false' };

describe('one owner, the CLI as its client', () => {
  test('a second server is refused naming the first; the CLI (from a subfolder too) goes through it', async () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'sub', 'deeper'), { recursive: true });
    // The default data dir name, found from the project folder and from below it.
    const server = await serve(NO_BUNDLE, project);
    try {
      const lock = JSON.parse(readFileSync(join(project, 'airlock-data', 'airlock.lock'), 'utf8'));
      assert.equal(lock.pid, server.child.pid);
      assert.equal(lock.url, server.url);
      assert.match(server.stdout(), new RegExp(`data dir: ${join(project, 'airlock-data')}`));

      const second = await serve(NO_BUNDLE, project).then(
        () => assert.fail('a second server started on the same data dir'),
        (e: { code: number; err: string }) => e,
      );
      assert.equal(second.code, 1);
      assert.match(
        second.err,
        new RegExp(`in use by an Airlock server \\(pid ${server.child.pid}, ${server.url}`),
      );

      const zones = join(project, '..', 'zones.txt');
      const text = readFileSync(
        new URL('../../shared/data/airspace/openair/ksgu-airspaces.txt', import.meta.url),
      );
      (await import('node:fs')).writeFileSync(zones, text);
      const imported = airlock(
        ['import', zones, '--dataset', 'ksgu'],
        {},
        { cwd: join(project, 'sub', 'deeper') },
      );
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stderr, new RegExp(`using the server at ${server.url}`));
      // Visible on the running server at once.
      const list = await (await fetch(`${server.url}/v1/datasets`)).json();
      assert.deepEqual(
        list.datasets.map((d: { id: string }) => d.id),
        ['ksgu'],
      );
      // No second data dir was made below the project.
      assert.throws(() => readFileSync(join(project, 'sub', 'deeper', 'airlock-data', 'airlock.lock')));

      const near = airlock(
        ['zones', 'near', '37.0364', '-113.5103', '--radius', '20000'],
        {},
        { cwd: project },
      );
      assert.equal(near.status, 0, near.stderr);
      assert.match(near.stdout, /INSIDE .*SAINT GEORGE CLASS E2/);
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, 'SIGTERM stops the server cleanly');
    }
    assert.throws(() => readFileSync(join(project, 'airlock-data', 'airlock.lock')), 'lock released');
    // With no server the CLI opens the data dir itself and says so.
    const alone = airlock(['datasets'], {}, { cwd: project });
    assert.equal(alone.status, 0, alone.stderr);
    assert.match(alone.stderr, /no server is running; opening .*airlock-data directly/);
    assert.match(alone.stdout, /^ksgu /m);
    assert.deepEqual(exposedEntries(join(project, 'airlock-data')), [], 'every file owner-only');
  });

  test('with no data dir anywhere, a CLI command creates none and says what to do', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const r = airlock(['datasets'], {}, { cwd: empty });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no Airlock server is running and there is no data dir/);
    assert.throws(() => readFileSync(join(empty, 'airlock-data', 'master.key')));
  });
});

describe('process hygiene', () => {
  test('a busy port is refused in one line, before the data dir is opened, and frees the lock', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const dir = join(root, 'busy');
    try {
      const started = Date.now();
      const e = await serve({ ...NO_BUNDLE, AIRLOCK_DATA_DIR: dir, PORT: String(port) }).then(
        () => assert.fail('started on a busy port'),
        (err: { code: number; err: string }) => err,
      );
      assert.equal(e.code, 1);
      assert.equal(e.err.trim().split('\n').length, 1, e.err);
      assert.match(e.err, new RegExp(`port ${port} on 127.0.0.1 is already in use`));
      assert.ok(Date.now() - started < 15_000);
      assert.throws(() => readFileSync(join(dir, 'airlock.lock')), 'lock released');
      assert.throws(() => readFileSync(join(dir, 'pglite', 'PG_VERSION')), 'database never opened');
    } finally {
      blocker.close();
    }
  });

  test('after a session of writes every file in the data dir is owner-only', async () => {
    const dir = join(root, 'perm');
    const s = await serve({ ...NO_BUNDLE, AIRLOCK_DATA_DIR: dir });
    try {
      const json = { 'content-type': 'application/json' };
      const body = JSON.stringify({ email: 'perm@example.com', password: 'a long pass phrase for perms' });
      assert.equal(
        (await fetch(`${s.url}/v1/accounts`, { method: 'POST', headers: json, body })).status,
        201,
      );
      const { token } = await (
        await fetch(`${s.url}/v1/sessions`, { method: 'POST', headers: json, body })
      ).json();
      const log = readFileSync(new URL('../../shared/data/flightlogs/tlog/vtol.tlog', import.meta.url));
      const up = await fetch(`${s.url}/v1/flightlogs?filename=vtol.tlog`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: log,
      });
      assert.equal(up.status, 201, await up.text());
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    assert.deepEqual(exposedEntries(dir), []);
  });
});
