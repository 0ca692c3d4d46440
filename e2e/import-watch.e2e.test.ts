// `airlock import --watch`: the CLI keeps a dataset in step with a file or URL that changes (temporary
// restrictions change by the hour); the dataset version in the server's answers changes when, and only
// when, the content does.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { airlockEnv, BIN, ROOT, serve } from './testing/airlock-process.ts';

const root = mkdtempSync(join(tmpdir(), 'airlock-watch-'));
after(() => rmSync(root, { recursive: true, force: true }));
const ZONES = readFileSync(
  new URL('../../shared/data/airspace/openair/ksgu-airspaces.txt', import.meta.url),
  'utf8',
);
const EXTRA =
  '\nAC R\nAN WATCH TEST TFR\nAL SFC\nAH 400ft AGL\nDP 37:00:00 N 113:00:00 W\nDP 37:01:00 N 113:00:00 W\nDP 37:01:00 N 113:01:00 W\n';

async function versionOf(url: string, id: string): Promise<string | undefined> {
  const list = (await (await fetch(`${url}/v1/datasets`)).json()) as {
    datasets: Array<{ id: string; version: string }>;
  };
  return list.datasets.find((d) => d.id === id)?.version;
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a watched file is imported, re-imported when it changes, and only then', {
  timeout: 180_000,
}, async () => {
  const dataDir = join(root, 'data');
  const server = await serve({ AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false', AIRLOCK_DATA_DIR: dataDir });
  const file = join(root, 'restrictions.txt');
  writeFileSync(file, ZONES);
  const cli = spawn(
    process.execPath,
    [BIN, 'import', file, '--dataset', 'watched', '--watch', '--interval', '5'],
    {
      cwd: ROOT,
      env: airlockEnv({ AIRLOCK_DATA_DIR: dataDir }),
    },
  );
  let out = '';
  cli.stdout.on('data', (d) => (out += d));
  cli.stderr.on('data', () => {});
  const exited = new Promise<number | null>((r) => cli.once('exit', (c) => r(c)));
  try {
    const first = await until('the first import', () => versionOf(server.url, 'watched'));
    await until('its report', () => (out.includes('imported dataset watched') ? true : undefined));
    // Unchanged content: the next look sends nothing.
    await new Promise((r) => setTimeout(r, 6000));
    assert.equal((out.match(/imported dataset watched/g) ?? []).length, 1, out);
    appendFileSync(file, EXTRA);
    const second = await until('the re-import', async () => {
      const v = await versionOf(server.url, 'watched');
      return v !== first ? v : undefined;
    });
    assert.notEqual(second, first);
    // The new zone is in the answers (the list above reads the dataset row, written before the index).
    await until('the new zone in answers', async () => {
      const url = `${server.url}/v1/location/near?lat=37.0005&lon=-113.0005&radius_m=1000`;
      const near = await (await fetch(url)).json();
      const names = near.zones.features.map((f: { properties: { name: string } }) => f.properties.name);
      return names.includes('WATCH TEST TFR') ? true : undefined;
    });
    cli.kill('SIGTERM');
    assert.equal(await exited, 0, 'Ctrl-C / SIGTERM ends a watch cleanly');
  } finally {
    cli.kill('SIGKILL');
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('a URL is watched the same way', { timeout: 120_000 }, async () => {
  const dataDir = join(root, 'data-url');
  const server = await serve({ AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false', AIRLOCK_DATA_DIR: dataDir });
  const feed = createServer((_req, res) => res.end(ZONES));
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(feed.address() as { port: number }).port}/feeds/ksgu.txt`;
  const cli = spawn(
    process.execPath,
    [BIN, 'import', url, '--watch', '--interval', '5', '--format', 'openair'],
    {
      cwd: ROOT,
      env: airlockEnv({ AIRLOCK_DATA_DIR: dataDir }),
    },
  );
  const exited = new Promise<number | null>((r) => cli.once('exit', (c) => r(c)));
  try {
    await until('the import from the URL', () => versionOf(server.url, 'ksgu'));
    cli.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    cli.kill('SIGKILL');
    feed.close();
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
