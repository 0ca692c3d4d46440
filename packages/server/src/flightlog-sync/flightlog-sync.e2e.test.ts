// Sync, device to server, over loopback: the SDK's recorder and Sync against the real server (tus
// uploads, SHA-256 dedupe, per-pilot scoping). Interruptions come from a fetch that misbehaves.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseFlightLog } from '@airlock/core';
import {
  type AppendStore,
  createAirlock,
  type KeyValueStorage,
  memoryStorage,
  type SendRecord,
} from '@airlock/sdk';
import { memoryAppendStore } from '@airlock/sdk/recorder';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { fileAppendStore } from './file-append-store.ts';
import { type SyncNetwork, syncNetwork } from './sync-network.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;
const ULG = new Uint8Array(readFileSync(join(SAMPLES, 'ulog/sample.ulg')));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const CHUNK = 256 * 1024;
const T0 = Date.parse('2026-06-01T09:30:00Z');

function device(
  t: TestServer,
  net: SyncNetwork,
  token: string,
  store: AppendStore,
  storage: KeyValueStorage,
) {
  const clock = { t: T0 };
  const airlock = createAirlock({
    serverUrl: t.url,
    fetch: net.fetch,
    storage,
    flightLogStore: store,
    auth: () => token,
    now: () => new Date(clock.t),
    autoCheck: false,
    sync: { chunkBytes: CHUNK, retryDelayMs: 0, maxAttempts: 3 },
  });
  const records: SendRecord[] = [];
  airlock.onSend((r) => records.push(r));
  return { airlock, clock, records };
}

/** Two minutes over Zurich at 10 Hz: take-off, a climb, a straight leg, a photo. */
async function recordFlight(d: ReturnType<typeof device>): Promise<string> {
  const rec = d.airlock.recorder;
  const id = rec.start({ aircraft: 'Test Quad X4', app: 'Airlock e2e' });
  for (let i = 0; i < 1200; i++) {
    d.clock.t = T0 + i * 100;
    const s = i / 10;
    rec.sample({
      lat: 47.3769 + 0.00003 * s,
      lon: 8.5417 + 0.00002 * s,
      altRelM: Math.min(50, 2 * s),
      altAmslM: 408 + Math.min(50, 2 * s),
      hSpeedMps: 3.3,
      vSpeedMps: s < 25 ? 2 : 0,
      headingDeg: 34,
      stickPitch: 0.5,
      stickThrottle: s < 25 ? 0.6 : 0,
      batteryPct: 100 - s / 6,
      mode: s < 10 ? 'MANUAL' : 'POSCTL',
    });
    if (i === 600) rec.event('photo');
  }
  await rec.stop();
  return id;
}

describe('Sync: recorder → SDK tus client → server', () => {
  let t: TestServer;
  let alice: Awaited<ReturnType<TestServer['pilot']>>;
  let bob: Awaited<ReturnType<TestServer['pilot']>>;
  const store = memoryAppendStore();
  const storage = memoryStorage();
  const net = syncNetwork();
  let flightId = '';
  let flightLogId = '';
  let ulgLogId = '';
  const list = async (auth: Record<string, string>) =>
    (
      (await (await fetch(`${t.url}/v1/flightlogs`, { headers: auth })).json()) as {
        items: { id: string; sha256: string }[];
      }
    ).items;

  before(async () => {
    t = await startTestServer();
    alice = await t.pilot('alice@example.org');
    bob = await t.pilot('bob@example.org');
  });
  after(() => t.close());

  test('recording and importing send nothing; the first Sync uploads, even when the last answer is lost', async () => {
    const d = device(t, net, alice.token, store, storage);
    flightId = await recordFlight(d);
    assert.deepEqual(await d.airlock.recorder.importLog('sample.ulg', ULG), { id: 'sample.ulg' });
    assert.equal(net.sent.length, 0, 'nothing leaves before sync is called');
    assert.equal(d.records.length, 0);

    net.dropNextLogIdAnswer = true; // the final PATCH is processed, its answer never arrives
    const { results, error } = await d.airlock.sync([flightId]);
    assert.equal(error, undefined);
    const [r] = results;
    assert.equal(r.status, 'uploaded', r.error);
    assert.equal(r.sentBytes, store.files.get(flightId)!.length);
    assert.ok(r.logId);
    flightLogId = r.logId;
    assert.deepEqual(
      net.sent.map((s) => s.method),
      ['GET', 'POST', 'PATCH', 'HEAD'], // lookup by SHA-256, create, one chunk, HEAD for the lost answer
    );
    for (const rec of d.records) {
      assert.equal(rec.category, 'flight_logs');
      assert.equal(rec.userAction, true);
    }
    assert.ok(d.records.find((x) => x.method === 'PATCH')?.body instanceof Uint8Array);

    const log = await (await fetch(`${t.url}/v1/flightlogs/${flightLogId}`, { headers: alice.auth })).json();
    const local = parseFlightLog(store.files.get(flightId)!);
    assert.equal(log.format, 'airlock');
    assert.equal(log.sha256, sha(store.files.get(flightId)!));
    assert.equal(log.summary.duration_s, local.summary.duration_s);
    assert.equal(log.summary.distance_m, Math.round(local.summary.distance_m! * 100) / 100);
    assert.equal(log.summary.max_alt_m, 50);
    const original = new Uint8Array(
      await (
        await fetch(`${t.url}/v1/flightlogs/${flightLogId}/original`, { headers: alice.auth })
      ).arrayBuffer(),
    );
    assert.deepEqual(original, store.files.get(flightId));
  });

  test('a Sync cut mid-upload resumes from the server’s offset, after an app restart', async () => {
    net.sent.length = 0;
    net.patchBytes = 0;
    net.cutPatchAfter = 1_000_000; // inside the fourth 256 KiB chunk
    const d = device(t, net, alice.token, store, storage);
    const first = await d.airlock.sync(['sample.ulg']);
    assert.equal(first.results[0].status, 'interrupted', first.results[0].error);
    assert.equal((await list(alice.auth)).length, 1);

    net.offline = false;
    net.sent.length = 0;
    const restarted = device(t, net, alice.token, store, storage); // same storage: the upload is remembered
    const second = await restarted.airlock.sync('all');
    const byId = Object.fromEntries(second.results.map((r) => [r.id, r]));
    assert.equal(byId[flightId].status, 'already_synced');
    const u = byId['sample.ulg'];
    assert.equal(u.status, 'uploaded', u.error);
    assert.ok(
      u.resumedFrom !== null && u.resumedFrom > 3 * CHUNK && u.resumedFrom <= 1_000_000,
      `${u.resumedFrom}`,
    );
    assert.equal(u.sentBytes, ULG.length - u.resumedFrom);
    assert.equal(net.sent[0].method, 'HEAD', 'no new upload: the remembered one is asked for its offset');
    assert.ok(!net.sent.some((s) => s.method === 'POST'));
    ulgLogId = u.logId!;

    // The ledger holds every chunk that left, large ones as size + SHA-256 only.
    const patches = (await restarted.airlock.ledger.list({ category: 'flight_logs' })).filter(
      (e) => e.method === 'PATCH' && e.bytes > 64 * 1024,
    );
    assert.ok(patches.length >= 16, `${patches.length} large PATCH entries`);
    for (const e of patches) {
      assert.equal(e.payload, null);
      assert.equal(e.payloadStored, false);
      assert.equal(e.userAction, true);
    }
    assert.equal(patches[0].sha256, sha(ULG.subarray(0, CHUNK)));

    const log = await (await fetch(`${t.url}/v1/flightlogs/${ulgLogId}`, { headers: alice.auth })).json();
    assert.equal(log.format, 'ulog');
    assert.equal(log.sha256, sha(ULG));
    assert.equal(log.size_bytes, ULG.length);
    assert.equal((await list(alice.auth)).length, 2);
  });

  test('Sync again, or from a fresh install: no duplicate, no file bytes sent', async () => {
    net.sent.length = 0;
    const again = await device(t, net, alice.token, store, storage).airlock.sync('all');
    assert.deepEqual(
      again.results.map((r) => r.status),
      ['already_synced', 'already_synced'],
    );
    assert.equal(net.sent.length, 0);

    const fresh = device(t, net, alice.token, store, memoryStorage()); // reinstalled: nothing remembered
    const dup = await fresh.airlock.sync('all');
    assert.deepEqual(
      dup.results.map((r) => [r.status, r.logId, r.sentBytes]),
      [
        ['duplicate', flightLogId, 0],
        ['duplicate', ulgLogId, 0],
      ],
    );
    assert.deepEqual(
      net.sent.map((s) => s.method),
      ['GET', 'GET'],
    );
    assert.equal((await list(alice.auth)).length, 2);
  });

  test('another pilot sees none of it, and her own Sync of the same file is hers alone', async () => {
    assert.deepEqual(await list(bob.auth), []);
    for (const id of [flightLogId, ulgLogId]) {
      const res = await fetch(`${t.url}/v1/flightlogs/${id}`, { headers: bob.auth });
      assert.equal(res.status, 404);
    }
    const bobsStore = memoryAppendStore();
    bobsStore.append('sample.ulg', ULG);
    const bobsDevice = device(t, net, bob.token, bobsStore, memoryStorage());
    const [r] = (await bobsDevice.airlock.sync(['sample.ulg'])).results;
    assert.equal(r.status, 'uploaded', r.error);
    assert.notEqual(r.logId, ulgLogId);
    assert.deepEqual(
      (await list(bob.auth)).map((l) => l.id),
      [r.logId],
    );
    assert.equal((await list(alice.auth)).length, 2);
  });

  test('a flight whose app was killed mid-write (a real file) syncs and imports up to the cut', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-recorder-'));
    try {
      const d = device(t, net, alice.token, fileAppendStore(dir), memoryStorage());
      const rec = d.airlock.recorder;
      const id = rec.start();
      for (let i = 0; i < 300; i++) {
        d.clock.t = T0 + i * 100;
        rec.sample({ lat: 46.95 + i * 1e-5, lon: 7.45, altRelM: i / 10, batteryPct: 90 });
        if (i % 10 === 9) await rec.flush();
      }
      // The kill: the last write reached the disk only in part, and the recorder never stopped.
      const file = join(dir, id);
      truncateSync(file, statSync(file).size - 5);

      const restarted = device(t, net, alice.token, fileAppendStore(dir), memoryStorage());
      const { logs } = await restarted.airlock.recorder.list();
      assert.deepEqual(
        logs.map((l) => [l.id, l.status]),
        [[id, 'interrupted']],
      );
      const [r] = (await restarted.airlock.sync([id])).results;
      assert.equal(r.status, 'uploaded', r.error);
      const log = await (await fetch(`${t.url}/v1/flightlogs/${r.logId}`, { headers: alice.auth })).json();
      assert.equal(log.format, 'airlock');
      assert.match(log.warnings.join(), /cut off at byte offset \d+/);
      assert.equal(log.summary.duration_s, 28.9); // the last whole write ended at sample 289
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file the server refuses as corrupt fails once, and is not sent again', async () => {
    const junk = new Uint8Array(4000);
    junk.set([0xa3, 0x95, 0x80]); // a DataFlash start, then nothing that parses
    for (let i = 3; i < junk.length; i++) junk[i] = (i * 7919) % 251;
    const s = memoryAppendStore();
    await s.append('broken.bin', junk);
    const d = device(t, net, alice.token, s, memoryStorage());
    const [first] = (await d.airlock.sync('all')).results;
    assert.equal(first.status, 'failed');
    assert.match(first.error ?? '', /HTTP 422: Corrupt DataFlash log/);
    net.sent.length = 0;
    const [again] = (await d.airlock.sync('all')).results;
    assert.match(again.error ?? '', /not sent again/);
    assert.equal(net.sent.length, 0);
    assert.equal((await list(alice.auth)).length, 3);
  });

  test('signed out or the flight still recording: nothing is sent', async () => {
    net.sent.length = 0;
    const out = device(t, net, '', store, memoryStorage());
    assert.match((await out.airlock.sync('all')).error ?? '', /not signed in/);
    const d = device(t, net, alice.token, memoryAppendStore(), memoryStorage());
    const id = d.airlock.recorder.start();
    d.airlock.recorder.sample({ lat: 47, lon: 8 });
    const [r] = (await d.airlock.sync('all')).results;
    assert.deepEqual([r.id, r.status], [id, 'skipped']);
    assert.equal(net.sent.length, 0);
  });
});
