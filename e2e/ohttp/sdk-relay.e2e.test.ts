// The SDK with `relayUrl`, through a real `airlock relay`, to a real server (in-process, loopback; the
// network-namespace proof is netns.e2e.test.ts): the server's socket sees only the relay's requests,
// the answers are the direct ones, and the ledger shows what the server read inside.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { zonesToGeoJSON } from '@airlock/core/importers/geojson';
import {
  encodeKeyConfigList,
  GATEWAY_PATH,
  KEYS_PATH,
  OHTTP_KEYS_TYPE,
  OHTTP_REQUEST_TYPE,
} from '@airlock/core/ohttp';
import { testZone } from '@airlock/core/testing';
import { createAirlock, createTransport, memoryStorage, type SendRecord } from '@airlock/sdk';
import { obliviousHttp } from '@airlock/sdk/relay';
import type { RunningRelay } from '../../packages/server/src/ohttp-relay/start-relay.ts';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { startLoopbackRelay } from '../testing/test-relay.ts';

const LAUSANNE = { lon: 6.6321, lat: 46.5123 };
const CONTEXT = { app_version: '1.0.0', os: 'android', os_version: '14', device_model: 'Pixel 8' };

describe('the SDK through airlock relay', () => {
  let t: TestServer;
  let relay: RunningRelay;
  // Every request the server's socket accepted: its target and content type.
  const seen: { url: string | undefined; type: string | undefined }[] = [];
  before(async () => {
    t = await startTestServer();
    const zone = testZone('lausanne-heliport', { type: 'Circle', center: [6.64, 46.52], radius_m: 1500 });
    await t.services.airspace.importDataset({
      id: 'test',
      format: 'geojson',
      files: [{ name: 'z.geojson', text: JSON.stringify(zonesToGeoJSON([zone])) }],
    });
    t.server.http.on('request', (req: IncomingMessage) => {
      seen.push({ url: req.url, type: req.headers['content-type'] });
    });
    relay = await startLoopbackRelay(t.url);
  });
  after(async () => {
    await relay.close();
    await t.close();
  });

  test('location check and telemetry: the server sees the relay only; answers equal the direct ones', async () => {
    const direct = createAirlock({ serverUrl: t.url, storage: memoryStorage(), autoCheck: false });
    const directCheck = await direct.checkLocation(LAUSANNE);
    assert.equal(directCheck.source, 'network');
    assert.equal(directCheck.zoneCount, 1);
    direct.close();

    seen.length = 0;
    const relayed = createAirlock({
      serverUrl: t.url,
      relayUrl: relay.url,
      ohttp: obliviousHttp,
      storage: memoryStorage(),
      context: CONTEXT,
      autoCheck: false,
      telemetry: { flushIntervalMs: 3_600_000, jitterMs: 0 },
    });
    const check = await relayed.checkLocation(LAUSANNE);
    assert.equal(check.source, 'network', check.error);
    assert.equal(check.datasetVersion, directCheck.datasetVersion);
    assert.deepEqual(
      check.area?.index.zones.map((z) => z.id),
      directCheck.area?.index.zones.map((z) => z.id),
    );
    assert.deepEqual(check.countries, directCheck.countries);
    await relayed.settings.ready;
    relayed.telemetry.countFeature('map.open');
    const flushed = await relayed.telemetry.flush();
    assert.ok(flushed.sent >= 1, JSON.stringify({ flushed, dropped: relayed.telemetry.dropped() }));
    relayed.close();

    // What reached the server: the relay's one key read and its encapsulated POSTs, as many as the
    // relay forwarded; not one request of the SDK's own (a cell path, a telemetry route).
    const posts = seen.filter((s) => s.url === GATEWAY_PATH && s.type === OHTTP_REQUEST_TYPE);
    assert.equal(posts.length, relay.counts.forwarded);
    assert.ok(posts.length >= 2, 'the check and the report');
    assert.deepEqual(
      seen.filter((s) => !posts.includes(s)).map((s) => s.url),
      ['/.well-known/ohttp-gateway'],
    );
    const entries = await relayed.ledger.list();
    // Each entry went to the relay: the key read addressed to it, the rest encapsulated through it.
    for (const e of entries) {
      if (e.via === undefined) assert.ok(e.url.startsWith(relay.url), `${e.url} is the relay's`);
      else assert.equal(e.via, relay.url, `${e.url} went through the relay`);
    }
    // The ledger shows the inner request (the cell path, the report), not ciphertext.
    const cellEntry = entries.find((e) => e.url.includes('/v1/location/cells/'));
    assert.ok(cellEntry, 'the cell request is in the ledger');
    const report = entries.find((e) => e.category === 'app_performance');
    assert.ok(report?.payload?.includes('map.open'), 'the report is in the ledger as sent');
    assert.ok(
      entries.some((e) => e.url === `${relay.url}.well-known/ohttp-gateway`),
      'the key read is recorded',
    );
  });
});

describe('a relayed request honours its own time limit', () => {
  // A gateway that answers its keys at once (or never, when `slowKeys`) and never answers a request:
  // real sockets, a real relay in front; the SDK must give up at the request's limit, not the default.
  let gateway: ReturnType<typeof createServer>;
  let relay: RunningRelay;
  let slowKeys = false;
  const held: ServerResponse[] = [];
  const jwk = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
  const keys = encodeKeyConfigList([
    {
      keyId: 1,
      kemId: 0x20,
      publicKey: new Uint8Array(Buffer.from(jwk.x as string, 'base64url')),
      algorithms: [{ kdfId: 1, aeadId: 1 }],
    },
  ]);
  before(async () => {
    gateway = createServer((req, res) => {
      if (req.url === KEYS_PATH && !slowKeys) {
        res.writeHead(200, { 'content-type': OHTTP_KEYS_TYPE, 'cache-control': 'max-age=0' });
        res.end(keys);
      } else held.push(res);
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    relay = await startLoopbackRelay(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}`);
  });
  after(async () => {
    for (const res of held) res.destroy();
    gateway.closeAllConnections();
    await new Promise((r) => gateway.close(r));
    await relay.close();
  });

  const transport = () => {
    const t = createTransport({
      serverUrl: 'http://127.0.0.1:9', // never reached: location checks go through the relay
      relayUrl: relay.url,
      ohttp: obliviousHttp,
      timeoutMs: 1_500, // the default: a request without a limit of its own gets this
    });
    const results: [SendRecord, boolean][] = [];
    t.onResult((record, res) => results.push([record, res.offline]));
    return { t, results };
  };
  const timed = async (t: ReturnType<typeof createTransport>, timeoutMs: number | undefined) => {
    const t0 = performance.now();
    const res = await t.send({
      category: 'location_check',
      method: 'GET',
      path: '/v1/location/country',
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    return { res, ms: performance.now() - t0 };
  };
  const send = async (slow: boolean, timeoutMs: number | undefined) => {
    slowKeys = slow;
    const { t, results } = transport();
    return { ...(await timed(t, timeoutMs)), results };
  };

  test('the encapsulated request, and the key fetch it starts, stop at the request timeoutMs', async () => {
    const post = await send(false, 200);
    assert.deepEqual([post.res.ok, post.res.offline, post.res.status], [false, true, 0]);
    assert.equal(post.res.error, 'relay: no answer within 200 ms');
    assert.ok(post.ms < 1_000, `${post.ms} ms`);
    assert.equal(post.res.record?.via, relay.url);

    const keyFetch = await send(true, 200);
    assert.equal(keyFetch.res.error, 'relay: no answer within 200 ms');
    assert.ok(keyFetch.ms < 1_000, `${keyFetch.ms} ms`);
    // The key read was a request of its own, told as ended offline.
    assert.deepEqual(
      keyFetch.results.map(([r, offline]) => [r.url, offline]),
      [
        [`${relay.url}.well-known/ohttp-gateway`, true],
        ['http://127.0.0.1:9/v1/location/country', true],
      ],
    );

    // Two at once on one transport, the keys still slow: the second waits on the first's key fetch, and
    // when the first's time runs out it fetches them again under its own, longer limit.
    slowKeys = true;
    const { t } = transport();
    const [short, long] = await Promise.all([timed(t, 200), timed(t, 700)]);
    assert.equal(short.res.error, 'relay: no answer within 200 ms');
    assert.equal(long.res.error, 'relay: no answer within 700 ms');
    assert.ok(long.ms >= 650 && long.ms < 1_400, `${long.ms} ms`);

    // Without a limit of its own, the transport's default.
    const fallback = await send(false, undefined);
    assert.equal(fallback.res.record?.via, relay.url);
    assert.equal(fallback.res.error, 'relay: no answer within 1500 ms');
    assert.ok(fallback.ms >= 1_400 && fallback.ms < 3_000, `${fallback.ms} ms`);
  });
});
