// The real thing: a server process killed (SIGKILL) in the middle of a PATCH, restarted on the same
// data folder. Nothing partial is visible, nothing acknowledged is lost, the upload resumes.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TEST_ARGON2 } from '../testing/test-server.ts';

const REPO = new URL('../../../../', import.meta.url).pathname;
const BIN = join(REPO, 'packages/server/bin/airlock.js');
const ULG = readFileSync(join(REPO, '../shared/data/flightlogs/ulog/sample.ulg'));
const SHA = createHash('sha256').update(ULG).digest('hex');
const CHUNK = 256 * 1024;

function startChild(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  Object.assign(env, TEST_ARGON2, {
    AIRLOCK_DATA_DIR: dataDir,
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    AIRLOCK_DATASET_POLL_S: '0',
    LOG_LEVEL: 'warn',
  });
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 120 s: ${err}`)), 120_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${err}`));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('server killed mid-upload, restarted on the same data', () => {
  let dir: string;
  let server: { url: string; child: ChildProcess };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-kill-'));
    server = await startChild(dir);
  });
  after(async () => {
    await kill(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  test('nothing partial visible, nothing acknowledged lost, resume completes the log', async () => {
    const json = { 'content-type': 'application/json' };
    const creds = JSON.stringify({ email: 'nia@example.org', password: 'correct horse battery staple' });
    assert.equal(
      (await fetch(`${server.url}/v1/accounts`, { method: 'POST', headers: json, body: creds })).status,
      201,
    );
    const { token } = await (
      await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: json, body: creds })
    ).json();
    const tus = { authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' };
    const created = await fetch(`${server.url}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: {
        ...tus,
        'Upload-Length': String(ULG.length),
        'Upload-Metadata': `filename ${Buffer.from('sample.ulg').toString('base64')},sha256 ${Buffer.from(SHA).toString('base64')}`,
      },
    });
    const path = created.headers.get('location')!;
    const patch = (url: string, offset: number, body: BodyInit, signal?: AbortSignal) =>
      fetch(`${url}${path}`, {
        method: 'PATCH',
        headers: {
          ...tus,
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
        },
        body,
        signal,
        duplex: 'half',
      } as RequestInit);

    let acknowledged = 0;
    while (acknowledged < 6 * CHUNK) {
      const r = await patch(
        server.url,
        acknowledged,
        new Uint8Array(ULG.subarray(acknowledged, acknowledged + CHUNK)),
      );
      assert.equal(r.status, 204);
      acknowledged = Number(r.headers.get('upload-offset'));
    }
    // The next PATCH streams 1.5 MB; the server is killed while it is still arriving.
    let sent = acknowledged;
    const inFlight = patch(
      server.url,
      acknowledged,
      new ReadableStream({
        async pull(c) {
          if (sent >= acknowledged + 1_500_000) return new Promise(() => {}); // stall: never completes
          c.enqueue(new Uint8Array(ULG.subarray(sent, sent + 100_000)));
          sent += 100_000;
          await new Promise((r) => setTimeout(r, 10));
        },
      }),
    ).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 400));
    await kill(server.child);
    assert.ok((await inFlight) instanceof Error, 'the in-flight PATCH was never acknowledged');

    server = await startChild(dir);
    const logs = await (await fetch(`${server.url}/v1/flightlogs`, { headers: tus })).json();
    assert.deepEqual(logs.items, [], 'no partial log is visible');
    const head = await fetch(`${server.url}${path}`, { method: 'HEAD', headers: tus });
    assert.equal(head.status, 200, 'the session and the upload survived the kill');
    const offset = Number(head.headers.get('upload-offset'));
    assert.ok(offset >= acknowledged, `acknowledged ${acknowledged}, kept ${offset}`);
    assert.ok(offset <= sent);

    const done = await patch(server.url, offset, new Uint8Array(ULG.subarray(offset)));
    assert.equal(done.status, 204);
    const id = done.headers.get('airlock-flightlog-id');
    const original = await fetch(`${server.url}/v1/flightlogs/${id}/original`, { headers: tus });
    assert.ok(
      Buffer.from(await original.arrayBuffer()).equals(ULG),
      'the stored file is the original, byte for byte',
    );
  });
});
