import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAirlockHeader, encodeAirlockInfo } from '@airlock/core/flightlog';
import { base64Utf8 } from '../platform/index.ts';
import { memoryAppendStore } from '../recorder/index.ts';
import { createTransport } from '../transport/index.ts';
import { createSync } from './create-sync.ts';
import { serverPath } from './tus-client.ts';

test('Upload-Metadata values are base64 of UTF-8, as tus requires', () => {
  for (const s of ['', 'a', 'ab', 'abc', 'flight-20260601-093000-3fa9.aflr', 'vol été ✈.ulg']) {
    assert.equal(base64Utf8(s), Buffer.from(s, 'utf8').toString('base64'));
  }
});

test('the upload path comes from a relative or same-server Location only', () => {
  const req = 'https://air.test/base/v1/flightlogs/uploads';
  assert.equal(serverPath('/v1/flightlogs/uploads/abc', req), '/v1/flightlogs/uploads/abc');
  assert.equal(serverPath('/base/v1/flightlogs/uploads/abc', req), '/v1/flightlogs/uploads/abc');
  assert.equal(
    serverPath('https://air.test/base/v1/flightlogs/uploads/abc', req),
    '/v1/flightlogs/uploads/abc',
  );
  assert.equal(serverPath('https://evil.test/v1/flightlogs/uploads/abc', req), null);
  assert.equal(serverPath('//evil.test/v1/flightlogs/uploads/abc', req), null);
  assert.equal(serverPath('/v1/other', req), null);
});

test('Sync sends nothing without a token, or before it is called', async () => {
  let calls = 0;
  const transport = createTransport({
    serverUrl: 'https://air.test',
    fetch: async () => {
      calls++;
      return { status: 500, headers: { get: () => null }, text: async () => '' };
    },
  });
  const store = memoryAppendStore();
  const info = encodeAirlockInfo({ start_ms: null, aircraft: null, app: null });
  store.append('a.aflr', new Uint8Array([...encodeAirlockHeader(), ...info]));
  store.append('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
  let token: string | null = null;
  const sync = createSync({ transport, auth: () => token, store });
  assert.equal(calls, 0);
  const report = await sync.sync('all');
  assert.match(report.error ?? '', /not signed in/);
  assert.equal(calls, 0);
  token = 't';
  const { results } = await createSync({ transport, auth: () => token, store, retryDelayMs: 0 }).sync([
    'a.aflr',
    'nope',
    'photo.jpg',
  ]);
  assert.deepEqual(
    results.map((r) => [r.id, r.status]),
    [
      ['a.aflr', 'failed'], // the fake server answers 500 to everything: tried 3 times, nothing to resume
      ['nope', 'failed'],
      ['photo.jpg', 'failed'],
    ],
  );
  assert.match(results[1].error ?? '', /no such log/);
  const before = calls;
  assert.match(results[2].error ?? '', /not a flight log/);
  await createSync({ transport, auth: () => token, store }).sync(['photo.jpg']);
  assert.equal(calls, before, 'a file that is no flight log is never sent');
  assert.ok(calls > 0);
});
