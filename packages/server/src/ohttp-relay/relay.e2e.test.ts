// The relay between a client and a real gateway: what the gateway receives from it (two fields and
// the encapsulated bytes, nothing of the client's), what it refuses, and what it logs (totals only).
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { cellAt } from '@airlock/core';
import { GATEWAY_PATH, ObliviousHttpClient, OHTTP_REQUEST_TYPE } from '@airlock/core/ohttp';
import { createLogger } from '../log/index.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { type RunningRelay, startRelay } from './start-relay.ts';

const CELL = cellAt(6.6321, 46.5123);

describe('airlock relay in front of a gateway', () => {
  let t: TestServer;
  let relay: RunningRelay;
  const relayLog: string[] = [];
  const seen: { headers: string[]; body: Buffer }[] = [];
  before(async () => {
    t = await startTestServer();
    // What reaches the gateway's socket, as Node parsed it: the raw header list and the body.
    t.server.http.on('request', (req: IncomingMessage) => {
      const entry = { headers: req.rawHeaders, body: Buffer.alloc(0) };
      req.on('data', (c: Buffer) => {
        entry.body = Buffer.concat([entry.body, c]);
      });
      seen.push(entry);
    });
    const log = createLogger('debug', (l) => relayLog.push(l));
    relay = await startRelay(
      { gatewayUrl: new URL(`${t.url}${GATEWAY_PATH}`), host: '127.0.0.1', port: 0 },
      log,
    );
  });
  after(async () => {
    await relay.close();
    await t.close();
  });

  test('a location check through the relay; the gateway gets two fields and opaque bytes', async () => {
    seen.length = 0;
    const client = new ObliviousHttpClient({
      relayUrl: relay.url,
      // An app's HTTP stack adds fields of its own; none may reach the gateway.
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            'user-agent': 'DroneFly/2.4.1 (Pixel 8; Android 14)',
            cookie: 'session=abc',
            'x-forwarded-for': '203.0.113.9',
            forwarded: 'for=203.0.113.9',
          },
        }),
    });
    const res = await client.fetch({ method: 'GET', path: `/v1/location/cells/${CELL}` });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).cell, CELL);
    const posts = seen.filter((s) => s.headers.includes(OHTTP_REQUEST_TYPE));
    assert.equal(posts.length, 1);
    const names = posts[0].headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    assert.deepEqual(names.sort(), ['connection', 'content-length', 'content-type', 'host']);
    assert.ok(!posts[0].body.includes(CELL), 'the cell id is not in what the relay forwards');
    // The keys were fetched by the relay (one GET from it), and served by it.
    const keyReads = seen.filter((s) => !s.headers.includes(OHTTP_REQUEST_TYPE));
    assert.equal(keyReads.length, 1);
    assert.deepEqual(
      keyReads[0].headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()),
      ['host', 'connection'],
    );
  });

  test('keys are served from its cache: the gateway is asked once per cache lifetime', async () => {
    seen.length = 0;
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${relay.url}.well-known/ohttp-gateway`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/ohttp-keys');
    }
    assert.equal(seen.length, 0);
  });

  test('refuses what is not an encapsulated request, in the one JSON error shape', async () => {
    const cases: [RequestInit & { path?: string }, number, string][] = [
      [
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
        415,
        'unsupported_media_type',
      ],
      [
        { method: 'POST', headers: { 'content-type': OHTTP_REQUEST_TYPE }, body: new Uint8Array(200_000) },
        413,
        'body_too_large',
      ],
      [{ method: 'GET', path: 'v1/location/cells/1.1' }, 404, 'not_found'],
    ];
    for (const [init, status, code] of cases) {
      const r = await fetch(`${relay.url}${init.path ?? ''}`, init);
      assert.equal(r.status, status, code);
      assert.equal((await r.json()).error.code, code);
    }
    // The gateway's own clear-text errors pass through unchanged (a client needs "ohttp_key").
    const r = await fetch(relay.url, {
      method: 'POST',
      headers: { 'content-type': OHTTP_REQUEST_TYPE },
      body: Uint8Array.from({ length: 100 }, (_, i) => (i === 0 ? 200 : 0)),
    });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.code, 'ohttp_key');
  });

  test('logs totals only, never a request', async () => {
    relay.counts.flush();
    const lines = relayLog.map((l) => JSON.parse(l));
    assert.ok(lines.length >= 1);
    for (const l of lines) assert.equal(l.msg, 'relay totals');
    assert.deepEqual(Object.keys(lines.at(-1)).sort(), [
      'forwarded',
      'keys',
      'level',
      'msg',
      'refused',
      'time',
      'upstream_errors',
    ]);
    assert.ok(lines.at(-1).forwarded >= 2 && lines.at(-1).refused >= 3);
  });
});
