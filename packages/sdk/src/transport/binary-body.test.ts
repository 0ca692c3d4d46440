import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from './create-transport.ts';
import type { FetchInit, SendRecord } from './types.ts';

const ok = { status: 204, headers: { get: () => null }, text: async () => '' };

test('a binary body is sent as a copy taken at send time, and recorded as bytes with its length', async () => {
  const calls: FetchInit[] = [];
  const seen: SendRecord[] = [];
  const transport = createTransport({
    serverUrl: 'https://airlock.test',
    fetch: async (_url, init) => {
      calls.push(init);
      return ok;
    },
    beforeSend: [(r) => void seen.push(r)],
  });
  const chunk = new Uint8Array([1, 2, 3, 4]);
  const sending = transport.send({
    category: 'flight_logs',
    method: 'PATCH',
    path: '/v1/flightlogs/uploads/abc',
    body: chunk,
    headers: { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    userAction: true,
  });
  chunk[0] = 99; // the app reuses its buffer: what leaves must not change
  await sending;
  assert.deepEqual(calls[0].body, new Uint8Array([1, 2, 3, 4]));
  assert.deepEqual(seen[0].body, new Uint8Array([1, 2, 3, 4]));
  assert.equal(seen[0].bytes, 4);
});

test('tus headers are allowed for flight logs only', async () => {
  const transport = createTransport({ serverUrl: 'https://airlock.test', fetch: async () => ok });
  const tus = { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10', 'Upload-Metadata': 'sha256 YWJj' };
  const logs = await transport.send({ category: 'flight_logs', method: 'POST', path: '/u', headers: tus });
  assert.equal(logs.vetoed, false);
  for (const category of ['media', 'app_performance', 'location_check'] as const) {
    const res = await transport.send({ category, method: 'POST', path: '/u', headers: tus });
    assert.equal(res.vetoed, true, category);
    assert.match(res.error ?? '', /not allowed/);
  }
});
