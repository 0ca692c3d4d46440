// Zone packs end to end: a real server (in-process, loopback) signs packs and deltas, the SDK holds
// them and checks on the device; through `airlock relay` too (the routes are on the gateway's list).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { zonesToGeoJSON } from '@airlock/core/importers/geojson';
import { testZone } from '@airlock/core/testing';
import type { Zone } from '@airlock/core/zone';
import { createAirlock, type FetchLike, memoryStorage, type SendRecord } from '@airlock/sdk';
import { type OhttpModule, obliviousHttp } from '@airlock/sdk/relay';
import type { RunningRelay } from '../../packages/server/src/ohttp-relay/start-relay.ts';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { startLoopbackRelay } from '../testing/test-relay.ts';

// Two pilots ~60 km apart, both in the tile from 5°E 45°N to 10°E 50°N.
const LAUSANNE = { lon: 6.6321, lat: 46.5123 };
const BERN = { lon: 7.4474, lat: 46.948 };
const circle = (lon: number, lat: number, r: number) => ({
  type: 'Circle' as const,
  center: [lon, lat] as [number, number],
  radius_m: r,
});
const BASE: Zone[] = [
  testZone('lausanne-heliport', circle(6.64, 46.52, 1500)),
  testZone('bern-airport', circle(7.4991, 46.9141, 5000)),
  testZone('geneva', circle(6.109, 46.238, 8000)),
];
const TFR = testZone('tfr-bern-summit', circle(7.44, 46.95, 3000), {
  category: 'temporary',
  applicability: [{ permanent: false, start: '2026-01-01T00:00:00Z', end: '2099-01-01T00:00:00Z' }],
});

describe('zone packs: SDK and server', () => {
  let t: TestServer;
  let relay: RunningRelay;
  const importZones = (zones: Zone[]) =>
    t.services.airspace.importDataset({
      id: 'test',
      format: 'geojson',
      files: [{ name: 'z.geojson', text: JSON.stringify(zonesToGeoJSON(zones)) }],
      replace: true,
    });
  before(async () => {
    t = await startTestServer();
    await importZones(BASE);
    relay = await startLoopbackRelay(t.url);
  });
  after(async () => {
    await relay.close();
    await t.close();
  });

  const pilot = (extra: { relayUrl?: string; ohttp?: OhttpModule; fetch?: FetchLike } = {}) => {
    const sent: SendRecord[] = [];
    const airlock = createAirlock({
      serverUrl: t.url,
      storage: memoryStorage(),
      zonePacks: 'tile',
      autoCheck: false,
      ...extra,
    });
    airlock.onSend((r) => sent.push(r));
    return { airlock, sent };
  };

  test('two pilots in one tile send the same bytes, through the relay too, and check on the device', async () => {
    const a = pilot();
    const b = pilot({ relayUrl: relay.url, ohttp: obliviousHttp });
    const ca = await a.airlock.checkLocation(LAUSANNE);
    const cb = await b.airlock.checkLocation(BERN);
    assert.equal(ca.coverage, 'full', ca.error);
    assert.equal(cb.coverage, 'full', cb.error);
    assert.equal(ca.datasetVersion, cb.datasetVersion);
    assert.deepEqual(ca.area?.index.zones.map((z) => z.id).sort(), [
      'bern-airport',
      'geneva',
      'lausanne-heliport',
    ]);
    // On the device: Lausanne is inside the heliport zone, Bern is not.
    assert.equal(ca.area?.index.containing(6.64, 46.52).length, 1);
    const packRequest = (s: SendRecord[]) => s.filter((r) => r.url.includes('/v1/location/packs/tile'));
    const [ra] = packRequest(a.sent);
    const [rb] = packRequest(b.sent);
    assert.equal(ra.url, `${t.url}/v1/location/packs/tile-N45E005`);
    assert.deepEqual([ra.method, ra.url, ra.headers, ra.body], [rb.method, rb.url, rb.headers, rb.body]);
    // A second check anywhere in the tile, while the pack is fresh, sends nothing.
    const before = a.sent.length;
    const again = await a.airlock.checkLocation({ lon: 9.1, lat: 47.9 });
    assert.equal(again.source, 'cache');
    assert.equal(a.sent.length, before);
    a.airlock.close();
    b.airlock.close();
    // A country pack: the tiles holding the country's zones; the request names only the country.
    const ch = createAirlock({
      serverUrl: t.url,
      storage: memoryStorage(),
      zonePacks: { country: 'ch' },
      autoCheck: false,
    });
    const cc = await ch.checkLocation(BERN);
    assert.equal(cc.coverage, 'full', cc.error);
    assert.deepEqual(cc.countries, ['CH']);
    assert.ok((await ch.ledger.list()).some((e) => e.url === `${t.url}/v1/location/packs/country-CH`));
    ch.close();
  });

  test('a new restriction arrives as a delta; applied, it equals the whole pack of the new version', async () => {
    const holder = pilot();
    const v1 = await holder.airlock.checkLocation(BERN);
    assert.equal(v1.coverage, 'full', v1.error);
    await importZones([...BASE, TFR]);
    holder.sent.length = 0;
    const v2 = await holder.airlock.checkLocation(BERN, { refresh: true });
    assert.equal(v2.source, 'network', v2.error);
    assert.notEqual(v2.datasetVersion, v1.datasetVersion);
    assert.equal(
      holder.sent.at(-1)?.url,
      `${t.url}/v1/location/packs/tile-N45E005?have=${v1.datasetVersion}`,
    );
    const fresh = pilot();
    const full = await fresh.airlock.checkLocation(BERN);
    assert.equal(full.datasetVersion, v2.datasetVersion);
    assert.deepEqual(
      v2.area?.index.zones.map((z) => JSON.stringify(z)),
      full.area?.index.zones.map((z) => JSON.stringify(z)),
    );
    assert.ok(v2.area?.index.zones.some((z) => z.id === 'tfr-bern-summit'));
    // The delta on the wire carries the change only: the new restriction, none of the unchanged zones.
    const delta = await fetch(`${t.url}/v1/location/packs/tile-N45E005?have=${v1.datasetVersion}`);
    const text = new TextDecoder().decode(await delta.arrayBuffer());
    assert.ok(text.includes('tfr-bern-summit') && !text.includes('geneva'), text);
    const current = await fetch(`${t.url}/v1/location/packs/tile-N45E005?have=${v2.datasetVersion}`);
    assert.equal(current.status, 304);
    holder.airlock.close();
    fresh.airlock.close();
  });

  test('a pack altered on the way is refused: the device says it has no data', async () => {
    // A cache between device and server flips one byte of every pack it passes on.
    const tampering: FetchLike = async (url, init) => {
      const res = await fetch(url, init);
      if (!url.includes('/v1/location/packs/tile')) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[bytes.length - 40] ^= 0x01;
      return new Response(bytes, { status: res.status, headers: res.headers });
    };
    const p = pilot({ fetch: tampering });
    const check = await p.airlock.checkLocation(LAUSANNE);
    assert.equal(check.coverage, 'none');
    assert.match(check.error ?? '', /zone pack refused: .*altered/);
    p.airlock.close();
  });

  test('bad pack ids and versions are 4xx in the one error shape', async () => {
    for (const [path, status] of [
      ['/v1/location/packs/tile-N46E005', 400],
      ['/v1/location/packs/tile-N45E005?have=xyz', 400],
      ['/v1/location/packs/country-ZZ', 404],
    ] as const) {
      const res = await fetch(`${t.url}${path}`);
      assert.equal(res.status, status, path);
      assert.equal(typeof (await res.json()).error.code, 'string');
    }
  });
});
