import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from './create-transport.ts';
import type { FetchInit, FetchLike, SendRecord } from './types.ts';

const SERVER = 'https://airlock.test/';
const NOW = new Date('2026-11-24T10:00:00Z');

/** A fetch double that records what it got and answers 200 with a small JSON body. */
function recordingFetch(answer: { status?: number; headers?: Record<string, string>; body?: string } = {}) {
  const calls: { url: string; init: FetchInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const headers = answer.headers ?? { 'content-type': 'application/json', ETag: '"x"' };
    return {
      status: answer.status ?? 200,
      headers: {
        get: (n) => headers[n] ?? null,
        forEach: (cb) => {
          for (const [k, v] of Object.entries(headers)) cb(v, k);
        },
      },
      text: async () => answer.body ?? '{"ok":true}',
    };
  };
  return { fetch, calls };
}

test('sends to the server URL without cookies, identifying headers or redirects', async () => {
  const { fetch, calls } = recordingFetch();
  const transport = createTransport({ serverUrl: SERVER, fetch, now: () => NOW });
  const res = await transport.send({
    category: 'location_check',
    method: 'GET',
    path: '/v1/location/cells/694.597',
  });
  assert.equal(res.ok, true);
  assert.equal(res.status, 200);
  assert.equal(res.body, '{"ok":true}');
  assert.equal(res.headers.etag, '"x"'); // names lower-cased
  assert.equal(calls.length, 1);
  const { url, init } = calls[0];
  assert.equal(url, 'https://airlock.test/v1/location/cells/694.597');
  assert.equal(init.credentials, 'omit');
  assert.equal(init.redirect, 'error');
  assert.equal(init.referrerPolicy, 'no-referrer');
  assert.deepEqual(init.headers, { accept: 'application/json' });
  assert.equal(init.body, undefined);
});

test('listeners see {time, method, url, category, body, bytes} before the request is sent', async () => {
  const order: string[] = [];
  const { fetch } = recordingFetch();
  const transport = createTransport({
    serverUrl: SERVER,
    fetch: (url, init) => {
      order.push('fetch');
      return fetch(url, init);
    },
    now: () => NOW,
  });
  const seen: SendRecord[] = [];
  const off = transport.onSend((r) => {
    order.push('listener');
    seen.push(r);
  });
  transport.onSend(() => {
    throw new Error('a broken listener changes nothing');
  });
  const body = JSON.stringify({ note: 'été' });
  const res = await transport.send({
    category: 'user_experience',
    method: 'POST',
    path: '/v1/ux',
    body,
    headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(res.ok, true);
  assert.deepEqual(order, ['listener', 'fetch']);
  assert.deepEqual(seen[0], {
    time: NOW.toISOString(),
    method: 'POST',
    url: 'https://airlock.test/v1/ux',
    category: 'user_experience',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body,
    bytes: body.length + 2, // two two-byte characters in UTF-8
    userAction: false,
  });
  off();
  await transport.send({ category: 'location_check', method: 'GET', path: '/x' });
  assert.equal(seen.length, 1);
});

test('beforeSend hooks run in order and any of them can stop the request', async () => {
  const { fetch, calls } = recordingFetch();
  const ran: string[] = [];
  const transport = createTransport({
    serverUrl: SERVER,
    fetch,
    beforeSend: [
      async () => {
        ran.push('ledger');
        return undefined;
      },
      (r) => {
        ran.push('consent');
        return r.category === 'app_performance' ? { veto: 'app performance data is off' } : true;
      },
    ],
  });
  const heard: SendRecord[] = [];
  transport.onSend((r) => heard.push(r));
  const stopped = await transport.send({
    category: 'app_performance',
    method: 'POST',
    path: '/v1/perf',
    body: '{}',
  });
  assert.equal(stopped.ok, false);
  assert.equal(stopped.vetoed, true);
  assert.equal(stopped.offline, false);
  assert.equal(stopped.error, 'app performance data is off');
  assert.equal(calls.length, 0);
  assert.equal(heard.length, 0);
  assert.deepEqual(ran, ['ledger', 'consent']);
  const passed = await transport.send({
    category: 'location_check',
    method: 'GET',
    path: '/v1/location/country',
  });
  assert.equal(passed.ok, true);
  assert.equal(calls.length, 1);
  // A hook that throws, or answers false, fails closed.
  const remove = transport.useBeforeSend(() => {
    throw new Error('ledger storage full');
  });
  const failed = await transport.send({
    category: 'location_check',
    method: 'GET',
    path: '/v1/location/country',
  });
  assert.equal(failed.vetoed, true);
  assert.match(failed.error ?? '', /ledger storage full/);
  remove();
  transport.useBeforeSend(() => false);
  assert.equal(
    (await transport.send({ category: 'location_check', method: 'GET', path: '/a' })).vetoed,
    true,
  );
  assert.equal(calls.length, 1);
});

test('offline, a throwing fetch and a timeout resolve to { ok: false, offline: true } (never reject)', async () => {
  const rejecting = createTransport({
    serverUrl: SERVER,
    fetch: async () => {
      throw new TypeError('fetch failed');
    },
  });
  const res = await rejecting.send({
    category: 'location_check',
    method: 'GET',
    path: '/v1/location/country',
  });
  assert.equal(res.ok, false);
  assert.equal(res.offline, true);
  assert.equal(res.status, 0);
  assert.match(res.error ?? '', /fetch failed/);
  assert.ok(res.record);

  const throwing = createTransport({
    serverUrl: SERVER,
    fetch: () => {
      throw new Error('sync throw');
    },
  });
  assert.equal(
    (await throwing.send({ category: 'location_check', method: 'GET', path: '/x' })).offline,
    true,
  );

  const hanging = createTransport({
    serverUrl: SERVER,
    timeoutMs: 20,
    fetch: (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      ),
  });
  const slow = await hanging.send({ category: 'location_check', method: 'GET', path: '/x' });
  assert.equal(slow.offline, true);
  assert.match(slow.error ?? '', /no answer within 20 ms/);
});

test('refuses identifying headers, foreign URLs and a bad server URL without sending', async () => {
  const { fetch, calls } = recordingFetch();
  const transport = createTransport({ serverUrl: SERVER, fetch });
  for (const name of ['User-Agent', 'Cookie', 'X-Device-Id', 'X-User-Id']) {
    const res = await transport.send({
      category: 'location_check',
      method: 'GET',
      path: '/x',
      headers: { [name]: '1' },
    });
    assert.equal(res.vetoed, true, name);
  }
  const auth = { Authorization: 'Bearer t' };
  assert.equal(
    (await transport.send({ category: 'location_check', method: 'GET', path: '/x', headers: auth })).vetoed,
    true,
  );
  assert.equal(
    (await transport.send({ category: 'flight_logs', method: 'GET', path: '/x', headers: auth })).ok,
    true,
  );
  for (const path of ['https://evil.test/x', '//evil.test/x', 'x', '/a b']) {
    assert.equal(
      (await transport.send({ category: 'location_check', method: 'GET', path })).vetoed,
      true,
      path,
    );
  }
  assert.equal(calls.length, 1);
  const bad = createTransport({ serverUrl: 'ftp://nope', fetch });
  const res = await bad.send({ category: 'location_check', method: 'GET', path: '/x' });
  assert.equal(res.vetoed, true);
  assert.match(res.error ?? '', /serverUrl/);
  assert.equal(calls.length, 1);
});

test('reads every response header through get() when the platform has no forEach', async () => {
  const transport = createTransport({
    serverUrl: SERVER,
    fetch: async () => ({
      status: 304,
      headers: { get: (n: string) => ({ etag: '"v1"', 'cache-control': 'max-age=60' })[n] ?? null },
      text: async () => '',
    }),
  });
  const res = await transport.send({ category: 'location_check', method: 'GET', path: '/x' });
  assert.equal(res.ok, false);
  assert.equal(res.status, 304);
  assert.deepEqual(res.headers, { 'cache-control': 'max-age=60', etag: '"v1"' });
});
