import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from './create-transport.ts';
import type { FetchInit, FetchLike } from './types.ts';

const SERVER = 'https://airlock.test/';

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

test('gates run after every hook with nothing awaited before fetch; results reach result listeners', async () => {
  const { fetch, calls } = recordingFetch();
  const order: string[] = [];
  let open = true;
  let ledgerRuns = 0;
  const transport = createTransport({
    serverUrl: SERVER,
    fetch: (url, init) => {
      order.push('fetch');
      return fetch(url, init);
    },
    gates: [() => (open ? null : 'closed meanwhile')],
  });
  transport.useBeforeSend(
    async () => {
      order.push('ledger');
      // The setting changes while the last hook awaits its storage write (the first time only).
      if (ledgerRuns++ === 0) open = false;
      return undefined;
    },
    { last: true },
  );
  transport.useBeforeSend(() => {
    order.push('app');
    return undefined;
  });
  const results: { status: number; vetoed: boolean; userAction: boolean }[] = [];
  transport.onResult((record, res) =>
    results.push({ status: res.status, vetoed: res.vetoed, userAction: record.userAction }),
  );
  const stopped = await transport.send({ category: 'media', method: 'POST', path: '/m', userAction: true });
  assert.equal(stopped.vetoed, true);
  assert.equal(stopped.error, 'closed meanwhile');
  assert.deepEqual(order, ['app', 'ledger'], 'a hook added later still runs before the last one');
  assert.equal(calls.length, 0);
  open = true;
  transport.useGate(() => {
    throw new Error('broken gate');
  });
  const broken = await transport.send({ category: 'location_check', method: 'GET', path: '/x' });
  assert.match(broken.error ?? '', /broken gate/);
  assert.equal(calls.length, 0);
  assert.deepEqual(results, [
    { status: 0, vetoed: true, userAction: true },
    { status: 0, vetoed: true, userAction: false },
  ]);
});

test('result listeners hear the status of answered and offline requests', async () => {
  let offline = false;
  const { fetch } = recordingFetch({ status: 202 });
  const transport = createTransport({
    serverUrl: SERVER,
    fetch: (url, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init)),
  });
  const heard: [string, number, boolean][] = [];
  const off = transport.onResult((record, res) => heard.push([record.url, res.status, res.offline]));
  transport.onResult(() => {
    throw new Error('an observer that breaks changes nothing');
  });
  assert.equal(
    (await transport.send({ category: 'app_performance', method: 'POST', path: '/a' })).status,
    202,
  );
  offline = true;
  await transport.send({ category: 'app_performance', method: 'POST', path: '/b' });
  off();
  await transport.send({ category: 'app_performance', method: 'POST', path: '/c' });
  assert.deepEqual(heard, [
    ['https://airlock.test/a', 202, false],
    ['https://airlock.test/b', 0, true],
  ]);
});
