// The gateway on a real server, driven by core's client exactly as an app would drive it (here
// without a relay in between: the relay's own test and e2e/ohttp put one there).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cellAt, TELEMETRY_PATHS, utcDay } from '@airlock/core';
import {
  decodeKeyConfigList,
  decodeResponse,
  encapsulateRequest,
  encodeRequest,
  GATEWAY_PATH,
  KEYS_PATH,
  ObliviousHttpClient,
  ObliviousRequestError,
  OHTTP_REQUEST_TYPE,
} from '@airlock/core/ohttp';
import { appPerformanceReport } from '../testing/test-reports.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const CELL = cellAt(6.6321, 46.5123);

describe('the oblivious gateway', () => {
  let t: TestServer;
  let client: ObliviousHttpClient;
  before(async () => {
    t = await startTestServer({ env: { AIRLOCK_TRUST_PROXY: 'true' } });
    client = new ObliviousHttpClient({
      relayUrl: `${t.url}${GATEWAY_PATH}`,
      keysUrl: `${t.url}${KEYS_PATH}`,
    });
  });
  after(() => t.close());

  test('publishes one key configuration, cacheable for less than the grace', async () => {
    const res = await fetch(`${t.url}${KEYS_PATH}`);
    assert.equal(res.headers.get('content-type'), 'application/ohttp-keys');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=43200');
    const [config] = decodeKeyConfigList(new Uint8Array(await res.arrayBuffer()));
    assert.deepEqual(config.algorithms, [{ kdfId: 1, aeadId: 1 }]);
  });

  test('a location check through it is the direct answer, byte for byte', async () => {
    const direct = await fetch(`${t.url}/v1/location/cells/${CELL}`);
    const oblivious = await client.fetch({ method: 'GET', path: `/v1/location/cells/${CELL}` });
    assert.equal(oblivious.status, 200);
    assert.equal(oblivious.headers.get('etag'), direct.headers.get('etag'));
    assert.equal(oblivious.headers.get('cache-control'), direct.headers.get('cache-control'));
    assert.equal(await oblivious.text(), await direct.text());
    // A conditional check: the ETag the app holds gives a 304, through the gateway too.
    const again = await client.fetch({
      method: 'GET',
      path: `/v1/location/cells/${CELL}`,
      headers: { 'if-none-match': direct.headers.get('etag')! },
    });
    assert.equal(again.status, 304);
  });

  test('answers come gzip-coded inside the encapsulation, inflated by the client: fewer bytes', async () => {
    const identity = new ObliviousHttpClient({
      relayUrl: `${t.url}${GATEWAY_PATH}`,
      keysUrl: `${t.url}${KEYS_PATH}`,
      gzip: false,
    });
    const path = `/v1/location/cells/${CELL}`;
    const [a, b] = [
      await client.encapsulate({ method: 'GET', path }),
      await identity.encapsulate({ method: 'GET', path }),
    ];
    const [ra, rb] = [await a.send(), await b.send()];
    assert.ok(ra.length < rb.length, `gzip ${ra.length} < identity ${rb.length}`);
    const [ja, jb] = [await (await a.open(ra)).json(), await (await b.open(rb)).json()];
    assert.deepEqual(ja, jb);
  });

  test('telemetry reports are ingested; tiles are answered', async () => {
    const report = JSON.stringify(appPerformanceReport(utcDay()));
    const res = await client.fetch({
      method: 'POST',
      path: TELEMETRY_PATHS.app_performance,
      headers: { 'content-type': 'application/json' },
      body: report,
    });
    assert.equal(res.status, 202, await res.clone().text());
    assert.ok((await res.json()).accepted > 0);
    const tile = await client.fetch({ method: 'GET', path: '/v1/zones/tiles/8/133/89' });
    assert.equal(tile.status, 200);
    assert.equal((await tile.json()).type, 'FeatureCollection');
  });

  test('routes off the allow-list, and route errors, come back inside the encapsulation', async () => {
    for (const path of ['/v1/location/country', '/v1/datasets', '/v1/health', GATEWAY_PATH]) {
      const res = await client.fetch({ method: 'GET', path });
      assert.equal(res.status, 403, path);
      assert.equal((await res.json()).error.code, 'not_through_gateway');
    }
    const bad = await client.fetch({ method: 'GET', path: '/v1/location/cells/not-a-cell' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'invalid_cell');
  });

  test('a replay is refused, answered inside the encapsulation', async () => {
    const e = await client.encapsulate({ method: 'GET', path: `/v1/location/cells/${CELL}` });
    assert.equal((await e.open(await e.send())).status, 200);
    const replayed = await e.open(await e.send());
    assert.equal(replayed.status, 400);
    assert.equal((await replayed.json()).error.code, 'replayed');
  });

  test('a Date outside the window is refused, with the server’s Date to correct by', async () => {
    const skewed = new ObliviousHttpClient({
      relayUrl: `${t.url}${GATEWAY_PATH}`,
      keysUrl: `${t.url}${KEYS_PATH}`,
      now: () => Date.now() - 3600_000,
    });
    const res = await skewed.fetch({ method: 'GET', path: `/v1/location/cells/${CELL}` });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, 'date_out_of_window');
    assert.ok(Math.abs(Date.parse(res.headers.get('date')!) - Date.now()) < 5000);
    // A request without any Date is refused the same way (the replay window needs one).
    const keys = decodeKeyConfigList(
      new Uint8Array(await (await fetch(`${t.url}${KEYS_PATH}`)).arrayBuffer()),
    );
    const inner = encodeRequest({
      method: 'GET',
      scheme: 'https',
      authority: '',
      path: `/v1/location/cells/${CELL}`,
      headers: [],
      content: new Uint8Array(0),
      trailers: [],
    });
    const { encapsulated, context } = await encapsulateRequest(keys[0], inner);
    const raw = await fetch(`${t.url}${GATEWAY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': OHTTP_REQUEST_TYPE },
      body: encapsulated as Uint8Array<ArrayBuffer>,
    });
    const { decapsulateResponse } = await import('@airlock/core/ohttp');
    const m = decodeResponse(await decapsulateResponse(context, new Uint8Array(await raw.arrayBuffer())));
    assert.equal(m.status, 400);
  });

  test('requests and answers are padded to size classes: two cells look alike to a relay', async () => {
    // Requests: cell ids of different lengths encapsulate to the same size.
    const short = await client.encapsulate({ method: 'GET', path: '/v1/location/cells/1.1' });
    const long = await client.encapsulate({ method: 'GET', path: `/v1/location/cells/${CELL}` });
    assert.equal(short.encapsulated.length, long.encapsulated.length);
    assert.equal(short.encapsulated.length, 7 + 32 + 256 + 16);
    // Answers: neighbouring cells whose answers differ by a few bytes land in one size class.
    const a = await client.encapsulate({ method: 'GET', path: '/v1/location/cells/681.639' });
    const [ra, rb] = [await a.send(), await long.send()];
    assert.equal(ra.length, rb.length, 'both answers in one size class');
    const padded = ra.length - 16 - 16; // response nonce, AEAD tag
    assert.ok(padded >= 1024 && (padded & (padded - 1)) === 0, `${padded} is a power of two`);
  });

  test('outer errors are in the clear, in the one JSON error shape', async () => {
    const post = (body: Uint8Array<ArrayBuffer>, type = OHTTP_REQUEST_TYPE) =>
      fetch(`${t.url}${GATEWAY_PATH}`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [Response, number, string][] = [
      [await post(new Uint8Array(100), 'application/octet-stream'), 415, 'unsupported_media_type'],
      [await post(new Uint8Array(20)), 400, 'ohttp_malformed'],
      [await post(Uint8Array.from({ length: 100 }, (_, i) => (i === 0 ? 200 : 0))), 422, 'ohttp_key'],
      [await post(new Uint8Array(200 * 1024)), 413, 'body_too_large'],
    ];
    const keyId = decodeKeyConfigList(
      new Uint8Array(await (await fetch(`${t.url}${KEYS_PATH}`)).arrayBuffer()),
    )[0].keyId;
    const garbage = Uint8Array.from({ length: 100 }, (_, i) => [keyId, 0, 0x20, 0, 1, 0, 1][i] ?? i);
    cases.push([await post(garbage), 422, 'ohttp_decrypt']);
    for (const [res, status, code] of cases) {
      assert.equal(res.status, status, code);
      const body = await res.json();
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'status']);
      assert.equal(body.error.code, code);
    }
  });

  test('an outdated key makes the client re-read the keys and retry once', async () => {
    const stale = new ObliviousHttpClient({
      relayUrl: `${t.url}${GATEWAY_PATH}`,
      keysUrl: `${t.url}${KEYS_PATH}`,
    });
    const keys = new Uint8Array(await (await fetch(`${t.url}${KEYS_PATH}`)).arrayBuffer());
    let served = 0;
    const client2 = new ObliviousHttpClient({
      relayUrl: `${t.url}${GATEWAY_PATH}`,
      keysUrl: 'http://keys.invalid/',
      fetch: async (input, init) => {
        if (String(input) !== 'http://keys.invalid/') return fetch(input, init);
        // First a configuration whose key id the gateway does not have, then the real one.
        const bytes = keys.slice();
        if (served++ === 0) bytes[2] = (bytes[2] + 1) % 256;
        return new Response(bytes);
      },
    });
    assert.equal((await client2.fetch({ method: 'GET', path: `/v1/location/cells/${CELL}` })).status, 200);
    assert.equal(served, 2);
    assert.ok(stale instanceof ObliviousHttpClient);
    await assert.rejects(
      new ObliviousHttpClient({ relayUrl: `${t.url}/v1/ping`, keysUrl: `${t.url}${KEYS_PATH}` }).fetch({
        method: 'GET',
        path: '/',
      }),
      ObliviousRequestError,
    );
  });

  test('no log line carries a path, a cell id or an address', () => {
    const logs = t.logLines.join('\n');
    assert.match(logs, /"route":"\/\.well-known\/ohttp"/);
    assert.doesNotMatch(logs, new RegExp(CELL.replace('.', '\\.')));
    assert.doesNotMatch(logs, /127\.0\.0\.1:\d|"ip"|x-forwarded/i);
  });
});
