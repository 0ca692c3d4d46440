// Resumable Sync over loopback with the tus reference client: chunks, an interruption and a resume,
// a PATCH cut mid-body, dedupe of a second upload, a lost final reply, and refusals.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import * as tus from 'tus-js-client';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;
const ULG = readFileSync(join(SAMPLES, 'ulog/sample.ulg'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CHUNK = 512 * 1024;

interface Outcome {
  logId: string | null;
  url: string | null;
  offsets: number[];
}

/** One tus-js-client run; `stopAfterChunks` aborts it like a lost connection. */
function runTus(
  t: TestServer,
  auth: Record<string, string>,
  bytes: Buffer,
  options: { uploadUrl?: string; stopAfterChunks?: number; filename?: string } = {},
): Promise<Outcome & { stoppedAt?: number }> {
  return new Promise((resolve, reject) => {
    const out: Outcome & { stoppedAt?: number } = { logId: null, url: null, offsets: [] };
    let chunks = 0;
    const upload: tus.Upload = new tus.Upload(bytes, {
      endpoint: `${t.url}/v1/flightlogs/uploads`,
      uploadUrl: options.uploadUrl ?? null,
      chunkSize: CHUNK,
      retryDelays: null,
      headers: auth,
      metadata: { filename: options.filename ?? 'sample.ulg', sha256: sha(bytes) },
      onBeforeRequest: (req) => {
        const off = req.getHeader('Upload-Offset');
        if (req.getMethod() === 'PATCH' && off !== undefined) out.offsets.push(Number(off));
      },
      onChunkComplete: (_size, accepted) => {
        out.url = upload.url;
        if (options.stopAfterChunks && ++chunks === options.stopAfterChunks) {
          out.stoppedAt = accepted;
          void upload.abort().then(() => resolve(out));
        }
      },
      onSuccess: ({ lastResponse }) => {
        out.url = upload.url;
        out.logId = lastResponse.getHeader('Airlock-Flightlog-Id') ?? null;
        resolve(out);
      },
      onError: reject,
    });
    upload.start();
  });
}

describe('resumable flight-log upload (tus)', () => {
  let t: TestServer;
  let dir: string;
  let pilot: Awaited<ReturnType<TestServer['pilot']>>;
  const tusHeaders = () => ({ ...pilot.auth, 'Tus-Resumable': '1.0.0' });
  const list = async () =>
    (await (await fetch(`${t.url}/v1/flightlogs`, { headers: pilot.auth })).json()).items as Array<{
      id: string;
    }>;
  /** Opens a tus upload of `bytes` (its name and SHA-256 as metadata); resolves to its URL. */
  const createUpload = async (bytes: Buffer, name: string): Promise<string> => {
    const create = await fetch(`${t.url}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(),
        'Upload-Length': String(bytes.length),
        'Upload-Metadata': `filename ${Buffer.from(name).toString('base64')},sha256 ${Buffer.from(sha(bytes)).toString('base64')}`,
      },
    });
    assert.equal(create.status, 201);
    return new URL(create.headers.get('location')!, t.url).href;
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-tus-'));
    t = await startTestServer({
      dataDir: dir,
      env: { AIRLOCK_FLIGHTLOG_MAX_BYTES: String(8 * 1024 * 1024) },
    });
    pilot = await t.pilot('max@example.org');
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('interrupted after 3 chunks: nothing visible, nothing acknowledged lost; the resume sends only the rest', async () => {
    const first = await runTus(t, pilot.auth, ULG, { stopAfterChunks: 3 });
    assert.equal(first.stoppedAt, 3 * CHUNK);
    assert.ok(first.url);
    assert.deepEqual(await list(), [], 'no partial log is visible');
    const head = await fetch(first.url, { method: 'HEAD', headers: tusHeaders() });
    assert.equal(head.headers.get('upload-offset'), String(3 * CHUNK), 'every acknowledged byte is kept');
    const second = await runTus(t, pilot.auth, ULG, { uploadUrl: first.url });
    assert.equal(second.offsets[0], 3 * CHUNK, 'resumed where it stopped');
    assert.ok(second.logId);
    const logs = await list();
    assert.deepEqual(
      logs.map((l) => l.id),
      [second.logId],
    );
    const original = await fetch(`${t.url}/v1/flightlogs/${second.logId}/original`, { headers: pilot.auth });
    assert.ok(Buffer.from(await original.arrayBuffer()).equals(ULG));
    // A client that lost the final reply asks again and learns the log id.
    const again = await fetch(first.url, { method: 'HEAD', headers: tusHeaders() });
    assert.equal(again.headers.get('upload-offset'), String(ULG.length));
    assert.equal(again.headers.get('airlock-flightlog-id'), second.logId);
  });

  test('the same file uploaded again becomes the same log', async () => {
    const before = await list();
    const again = await runTus(t, pilot.auth, ULG);
    assert.equal(again.logId, before[0].id);
    assert.equal((await list()).length, before.length);
  });

  test('a tiny PATCH that does not finish the upload is refused (400 JSON); the last one may be small', async () => {
    const bytes = readFileSync(join(SAMPLES, 'tlog/vtol.tlog'));
    const url = await createUpload(bytes, 'tiny.tlog');
    const patch = (offset: number, body: Buffer) =>
      fetch(url, {
        method: 'PATCH',
        headers: {
          ...tusHeaders(),
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
        },
        body: new Uint8Array(body),
      });
    const tiny = await patch(0, bytes.subarray(0, 1));
    assert.equal(tiny.status, 400);
    assert.match(tiny.headers.get('content-type') ?? '', /application\/json/);
    assert.equal((await tiny.json()).error.code, 'chunk_too_small');
    const most = await patch(0, bytes.subarray(0, bytes.length - 10));
    assert.equal(most.status, 204);
    const last = await patch(bytes.length - 10, bytes.subarray(bytes.length - 10));
    assert.equal(last.status, 204, 'the completing PATCH may be small');
    assert.ok(last.headers.get('airlock-flightlog-id'));
  });

  test('a PATCH cut mid-body keeps what arrived; the upload resumes from the reported offset', async () => {
    const bytes = readFileSync(join(SAMPLES, 'tlog/vtol.tlog'));
    const url = await createUpload(bytes, 'vtol.tlog');
    const abort = new AbortController();
    let pushed = 0;
    const body = new Readable({
      read() {
        if (pushed < 600_000) {
          this.push(bytes.subarray(pushed, pushed + 100_000));
          pushed += 100_000;
        } else setTimeout(() => abort.abort(), 300); // then the connection drops
      },
    });
    await fetch(url, {
      method: 'PATCH',
      headers: { ...tusHeaders(), 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
      signal: abort.signal,
    } as RequestInit).catch(() => null);
    await new Promise((r) => setTimeout(r, 200));
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders() });
    const offset = Number(head.headers.get('upload-offset'));
    assert.ok(offset > 0 && offset <= 600_000, `kept ${offset} bytes`);
    const done = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(),
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(bytes.subarray(offset)),
    });
    assert.equal(done.status, 204);
    const id = done.headers.get('airlock-flightlog-id');
    const log = await (await fetch(`${t.url}/v1/flightlogs/${id}`, { headers: pilot.auth })).json();
    assert.equal(log.sha256, sha(bytes));
    assert.equal(log.summary.distance_m, 1826.84);
  });

  test('all bytes received but the import never ran (server died): the next HEAD imports it', async () => {
    const bytes = readFileSync(join(SAMPLES, 'gpx/airdata_mini2_2021-09-05.gpx'));
    // Staged as the PATCHes would have, then nothing: the import step never ran.
    const staging = await t.services.pilotData.uploads.pipeline.staging(pilot.id);
    const id = 'ab'.repeat(16);
    await staging.open(id, bytes.length, { filename: 'mini2.gpx', sha256: sha(bytes) });
    assert.equal(await staging.append(id, 0, Readable.from([bytes])), bytes.length);
    const head = await fetch(`${t.url}/v1/flightlogs/uploads/${id}`, {
      method: 'HEAD',
      headers: tusHeaders(),
    });
    assert.equal(head.status, 200);
    const logId = head.headers.get('airlock-flightlog-id');
    assert.ok(logId);
    assert.equal((await fetch(`${t.url}/v1/flightlogs/${logId}`, { headers: pilot.auth })).status, 200);
  });

  test('refusals: corrupt file 422 (upload dropped), no sha256 400, too large 413, no session 401', async () => {
    const junk = Buffer.alloc(300_000, 7);
    await assert.rejects(runTus(t, pilot.auth, junk, { filename: 'junk.bin' }), (e: Error) => {
      assert.match(e.message, /422/);
      assert.match(e.message, /corrupt_flight_log/);
      return true;
    });
    const create = (headers: Record<string, string>) =>
      fetch(`${t.url}/v1/flightlogs/uploads`, { method: 'POST', headers: { ...tusHeaders(), ...headers } });
    assert.equal((await create({ 'Upload-Length': '100' })).status, 400);
    const big = await create({
      'Upload-Length': String(9 * 1024 * 1024),
      'Upload-Metadata': `sha256 ${Buffer.from('a'.repeat(64)).toString('base64')}`,
    });
    assert.equal(big.status, 413);
    const anon = await fetch(`${t.url}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' },
    });
    assert.equal(anon.status, 401);
    const options = await fetch(`${t.url}/v1/flightlogs/uploads`, { method: 'OPTIONS' });
    assert.equal(options.headers.get('tus-version'), '1.0.0');
  });
});
