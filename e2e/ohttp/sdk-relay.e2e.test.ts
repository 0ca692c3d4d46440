// The SDK with `relayUrl`, through a real `airlock relay`, to a real server (in-process, loopback; the
// network-namespace proof is netns.e2e.test.ts): the server's socket sees only the relay's requests,
// the answers are the direct ones, and the ledger shows what the server read inside.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { zonesToGeoJSON } from '@airlock/core/importers/geojson';
import { GATEWAY_PATH, OHTTP_REQUEST_TYPE } from '@airlock/core/ohttp';
import { testZone } from '@airlock/core/testing';
import { createAirlock, memoryStorage } from '@airlock/sdk';
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
