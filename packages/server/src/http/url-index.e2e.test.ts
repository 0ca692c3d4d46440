// The URL index ahead of the router (response-cache.ts): a repeated tile or cell URL is answered
// without the route, over a real socket (the raw-header path), and must behave exactly as the route:
// same bytes and ETag, gzip and 304 honoured, counted, logged by pattern, never stale after a change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { cellAt } from '@airlock/core';
import type { RunningServer, Services } from '../server.ts';
import { type Loopback, startLoopback } from '../testing/loopback.ts';

/** The zoom-z Web Mercator tile holding a point. */
function tileOf(z: number, lon: number, lat: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

describe('URL index ahead of the router', () => {
  let loopback: Loopback;
  let services: Services;
  let server: RunningServer;
  let logLines: string[];
  const montreux = { lon: 6.9125, lat: 46.4334 };
  const tile = `/v1/zones/tiles/${tileOf(10, montreux.lon, montreux.lat)}`;

  before(async () => {
    loopback = await startLoopback({ che: true });
    ({ services, server, logLines } = loopback);
  });
  after(() => loopback.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });
  const requestLogs = () =>
    logLines.map((l) => JSON.parse(l)).filter((l: { msg: string }) => l.msg === 'request');

  test('a repeated tile is the same answer, from the index: bytes, ETag, gzip, 304, log', async () => {
    const first = await get(tile);
    assert.equal(first.status, 200);
    const body = await first.text();
    assert.ok(JSON.parse(body).features.length > 0, 'the Montreux tile holds zones');
    const etag = first.headers.get('etag');
    assert.ok(etag);

    const before = requestLogs().length;
    const second = await get(tile);
    assert.equal(second.status, 200);
    assert.equal(await second.text(), body);
    assert.equal(second.headers.get('etag'), etag);
    assert.equal(second.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(second.headers.get('cache-control'), first.headers.get('cache-control'));
    assert.equal(second.headers.get('vary'), 'Accept-Encoding');

    // Raw fetch that does not decompress: the index path sends the stored gzip bytes.
    const gz = await fetch(`${server.url}${tile}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(await gz.text(), body);
    const { request } = await import('node:http');
    const raw = await new Promise<{ enc?: string; bytes: Buffer }>((resolve, reject) => {
      const r = request(`${server.url}${tile}`, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ enc: res.headers['content-encoding'] as string, bytes: Buffer.concat(chunks) }),
        );
      });
      r.on('error', reject);
      r.end();
    });
    assert.equal(raw.enc, 'gzip');
    assert.equal(gunzipSync(raw.bytes).toString('utf8'), body);

    const revalidated = await get(tile, { 'if-none-match': `W/${etag}` });
    assert.equal(revalidated.status, 304);
    assert.equal(await revalidated.text(), '');
    assert.equal((await get(tile, { 'if-none-match': '"other"' })).status, 200);

    const logs = requestLogs().slice(before);
    assert.ok(logs.length >= 4);
    for (const l of logs) assert.equal(l.route, '/v1/zones/tiles/:z/:x/:y');
    assert.ok(
      logs.some((l) => l.cached === true),
      'answered from the index',
    );
    assert.ok(!logLines.join('').includes(tile.slice(16)), 'no tile coordinates in the logs');
  });

  test('another spelling of the same tile goes through the route and shares the answer', async () => {
    const a = await get(tile);
    const b = await get(`${tile}.geojson`);
    assert.equal(b.status, 200);
    assert.equal(b.headers.get('etag'), a.headers.get('etag'));
    const bad = await get('/v1/zones/tiles/10/99999/1');
    assert.equal(bad.status, 400, 'a bad tile is still validated (never indexed)');
    assert.equal((await get('/v1/zones/tiles/10/99999/1')).status, 400);
  });

  test('cells answered from the index are still counted', async () => {
    const path = `/v1/location/cells/${cellAt(montreux.lon, montreux.lat)}`;
    const day = new Date().toISOString().slice(0, 10);
    const count = async () =>
      (await services.counters.read(day, day)).find((c) => c.route === '/v1/location/cells/:cellId')?.count ??
      0;
    const start = await count();
    const first = await get(path);
    const second = await get(path);
    assert.equal(first.status, 200);
    assert.equal(await second.text(), await first.text());
    assert.equal((await count()) - start, 2);
  });

  test('after a dataset change the index never answers with the old airspace', async () => {
    const old = await (await get(tile)).json();
    const oldEtag = (await get(tile)).headers.get('etag');
    const { lon, lat } = montreux;
    const square = [
      [lon - 0.002, lat - 0.002],
      [lon + 0.002, lat - 0.002],
      [lon + 0.002, lat + 0.002],
      [lon - 0.002, lat + 0.002],
      [lon - 0.002, lat - 0.002],
    ];
    const imported = await services.airspace.importDataset({
      id: 'extra',
      files: [
        {
          name: 'extra.geojson',
          text: JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                geometry: { type: 'Polygon', coordinates: [square] },
                properties: {
                  id: 'extra:1',
                  name: 'Temporary restriction for the test',
                  country: 'CH',
                  category: 'temporary',
                  reasons: ['OTHER'],
                  applicability: [],
                  source: 'test',
                  licence: 'CC0',
                  dataset: 'extra',
                  lower: { value: 0, unit: 'm', reference: 'AGL' },
                  upper: { value: 120, unit: 'm', reference: 'AGL' },
                },
              },
            ],
          }),
        },
      ],
      format: 'geojson',
      licence: 'CC0',
    });
    assert.deepEqual(imported.issues, []);
    const now = await get(tile);
    assert.notEqual(now.headers.get('etag'), oldEtag);
    const features = (await now.json()).features as Array<{ id: string }>;
    assert.equal(features.length, old.features.length + 1);
    assert.ok(features.some((f) => f.id === 'extra:1'));
  });
});
