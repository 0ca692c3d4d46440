import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { memoryStorage } from '../storage/index.ts';
import { createTransport, type FetchLike, type TransportRequest } from '../transport/index.ts';
import { type CreateLedgerOptions, createLedger } from './create-ledger.ts';
import type { LedgerEntry } from './types.ts';

const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

function setup(options: CreateLedgerOptions = {}, fetchImpl?: FetchLike) {
  const clock = { t: Date.parse('2026-05-01T10:00:00Z') };
  const now = () => new Date(clock.t);
  const storage = memoryStorage();
  const ledger = createLedger({ storage, now, ...options });
  const atFetch: number[] = [];
  const fetch: FetchLike =
    fetchImpl ??
    (async () => {
      // What the ledger holds when the bytes leave: the entry must already be there.
      atFetch.push(storage.keys().filter((k) => k.includes(':e:')).length);
      return { status: 202, headers: { get: () => null }, text: async () => '{"accepted":1}' };
    });
  const transport = createTransport({ serverUrl: 'https://airlock.test', fetch, now });
  ledger.attachTo(transport);
  const send = (r: Partial<TransportRequest> = {}) =>
    transport.send({
      category: 'app_performance',
      method: 'POST',
      path: '/v1/telemetry/app_performance',
      ...r,
    });
  return { clock, storage, ledger, transport, send, atFetch };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

test('every request is stored (time, method, url, category, size, SHA-256, payload) before it leaves', async () => {
  const { ledger, send, atFetch } = setup();
  const body = JSON.stringify({ v: 1, note: 'été 🚁' });
  await send({ body });
  await send({ category: 'location_check', method: 'GET', path: '/v1/location/cells/1.2' });
  await settle();
  assert.deepEqual(atFetch, [1, 2]);
  const [a, b] = await ledger.list();
  assert.deepEqual({ ...a, id: 'x' } satisfies LedgerEntry, {
    id: 'x',
    time: '2026-05-01T10:00:00.000Z',
    method: 'POST',
    url: 'https://airlock.test/v1/telemetry/app_performance',
    category: 'app_performance',
    bytes: Buffer.byteLength(body),
    sha256: sha(body),
    payload: body,
    payloadEncoding: 'text',
    payloadStored: true,
    userAction: false,
    status: 202,
  });
  assert.equal(b.payload, null);
  assert.equal(b.sha256, sha(''));
  assert.equal(b.bytes, 0);
});

test('fail closed: when the entry cannot be written, nothing is sent', async () => {
  let calls = 0;
  const storage = memoryStorage();
  const failing = { ...storage, setItem: () => Promise.reject(new Error('quota exceeded')) };
  const ledger = createLedger({ storage: failing });
  const transport = createTransport({
    serverUrl: 'https://airlock.test',
    fetch: async () => {
      calls++;
      return { status: 200, headers: { get: () => null }, text: async () => '' };
    },
  });
  ledger.attachTo(transport);
  const res = await transport.send({
    category: 'location_check',
    method: 'GET',
    path: '/v1/location/country',
  });
  assert.equal(res.vetoed, true);
  assert.match(res.error ?? '', /ledger: .*not sent.*quota exceeded/);
  assert.equal(calls, 0);
  assert.deepEqual(await ledger.list(), []);
  // The index write failing after the entry write leaves no entry behind either.
  let writes = 0;
  const second = memoryStorage();
  const halfBroken = {
    ...second,
    setItem: (k: string, v: string) =>
      writes++ === 1 ? Promise.reject(new Error('full')) : second.setItem(k, v),
  };
  const l2 = createLedger({ storage: halfBroken });
  const t2 = createTransport({ serverUrl: 'https://airlock.test', fetch: async () => assert.fail('sent') });
  l2.attachTo(t2);
  assert.equal(
    (await t2.send({ category: 'location_check', method: 'GET', path: '/v1/location/x' })).vetoed,
    true,
  );
  assert.deepEqual(second.keys(), []);
});

test('offline requests keep status 0; a request a gate stopped after recording is taken back', async () => {
  let open = true;
  const { ledger, send, transport } = setup({}, async () => {
    throw new TypeError('fetch failed');
  });
  transport.useGate(() => (open ? null : 'switched off meanwhile'));
  await send({ body: '{"a":1}' });
  open = false;
  await send({ body: '{"b":2}' });
  await settle();
  const entries = await ledger.list();
  assert.deepEqual(
    entries.map((e) => [e.payload, e.status]),
    [['{"a":1}', 0]],
  );
});

test('list filters by category and time; export is a JSON document of the same entries', async () => {
  const { ledger, send, clock } = setup();
  await send({ body: '{"n":1}' });
  clock.t += 3600_000;
  await send({ category: 'user_experience', path: '/v1/telemetry/user_experience', body: '{"n":2}' });
  clock.t += 3600_000;
  await send({ category: 'location_check', method: 'GET', path: '/v1/location/country' });
  assert.deepEqual(
    (await ledger.list({ category: 'user_experience' })).map((e) => e.payload),
    ['{"n":2}'],
  );
  assert.equal((await ledger.list({ from: '2026-05-01T11:00:00Z' })).length, 2);
  assert.equal((await ledger.list({ to: new Date('2026-05-01T11:00:00Z') })).length, 2);
  assert.equal((await ledger.list({ from: '2026-05-01T10:30:00Z', to: '2026-05-01T11:30:00Z' })).length, 1);
  const doc = JSON.parse(await ledger.export());
  assert.equal(doc.format, 'airlock-ledger');
  assert.deepEqual(doc.retention, { max_entries: 5000, max_age_days: 90, max_payload_bytes: 65536 });
  assert.deepEqual(doc.entries, await ledger.list());
});

test('retention is bounded by count and age, and deleted entries leave the storage', async () => {
  const { ledger, send, clock, storage } = setup({ maxEntries: 3, maxAgeDays: 2 });
  for (let i = 0; i < 5; i++) await send({ body: `{"i":${i}}` });
  assert.deepEqual(
    (await ledger.list()).map((e) => e.payload),
    ['{"i":2}', '{"i":3}', '{"i":4}'],
  );
  assert.equal(storage.keys().filter((k) => k.includes(':e:')).length, 3);
  clock.t += 3 * 86_400_000;
  assert.deepEqual(await ledger.list(), []);
  assert.equal(storage.keys().filter((k) => k.includes(':e:')).length, 0);
  assert.equal(await ledger.clear(), true);
});

test('large payloads are kept as size and digest; binary ones as base64', async () => {
  const { ledger, send } = setup({ maxPayloadBytes: 10 });
  const big = JSON.stringify({ long: 'x'.repeat(40) });
  await send({ body: big });
  const bytes = Uint8Array.from([0, 1, 2, 250, 251]);
  await send({ category: 'flight_logs', path: '/v1/flightlogs/up', body: bytes, userAction: true });
  const [a, b] = await ledger.list();
  assert.equal(a.payload, null);
  assert.equal(a.payloadStored, false);
  assert.equal(a.bytes, big.length);
  assert.equal(a.sha256, sha(big));
  assert.equal(b.payload, Buffer.from(bytes).toString('base64'));
  assert.equal(b.payloadEncoding, 'base64');
  assert.equal(b.sha256, sha(bytes));
  assert.equal(b.userAction, true);
});

test('concurrent requests are all recorded, and a new ledger on the same storage still lists them', async () => {
  const { ledger, send, storage, clock } = setup();
  await Promise.all(Array.from({ length: 20 }, (_, i) => send({ body: `{"i":${i}}` })));
  const entries = await ledger.list();
  assert.equal(entries.length, 20);
  assert.equal(new Set(entries.map((e) => e.id)).size, 20);
  const reopened = createLedger({ storage, now: () => new Date(clock.t) });
  assert.equal((await reopened.list()).length, 20);
});

test('the sha256 option is used when given, and a wrong answer fails closed', async () => {
  const seen: number[] = [];
  const { send, ledger } = setup({
    sha256: async (b) => {
      seen.push(b.length);
      return sha(b);
    },
  });
  await send({ body: 'é' });
  assert.deepEqual(seen, [2]);
  assert.equal((await ledger.list())[0].sha256, sha('é'));
  const bad = setup({ sha256: async () => 'nope' });
  const res = await bad.send({ body: '{}' });
  assert.equal(res.vetoed, true);
  assert.match(res.error ?? '', /not 64 hex digits/);
});

test('without crypto.subtle or TextEncoder, text and bytes are hashed by core in plain JavaScript', async () => {
  const saved = ['crypto', 'TextEncoder'].map(
    (k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)] as const,
  );
  for (const [k] of saved) Object.defineProperty(globalThis, k, { value: undefined, configurable: true });
  try {
    const { send, ledger } = setup();
    await send({ body: '{"x":"é 🛩"}' });
    assert.equal((await ledger.list())[0].sha256, sha('{"x":"é 🛩"}'));
    const bytes = Uint8Array.from([1, 2, 250]);
    const res = await send({ category: 'media', path: '/v1/media', body: bytes, userAction: true });
    assert.equal(res.ok, true);
    const entry = (await ledger.list({ category: 'media' }))[0];
    assert.equal(entry.sha256, sha(bytes));
    assert.equal(entry.payload, Buffer.from(bytes).toString('base64'));
  } finally {
    for (const [k, d] of saved) if (d) Object.defineProperty(globalThis, k, d);
  }
});
