// A restriction leaves every answer at its end time (issue 11): cell, near, bbox and tile answers, the
// URL index ahead of the router and the answer cache, over a real socket, with a real short window.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CELL_PATH_PREFIX, cellAt, NEAR_PATH, zonesToGeoJSON } from '@airlock/core';
import { testZone } from '@airlock/core/testing';
import type { RunningServer, Services } from '../server.ts';
import { type Loopback, startLoopback } from '../testing/loopback.ts';

const at = { lon: 6.9125, lat: 46.4334 };
/** The zoom-12 Web Mercator tile holding the point. */
function tileOf(lon: number, lat: number): string {
  const n = 2 ** 12;
  const r = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `/v1/zones/tiles/12/${x}/${y}`;
}
const TILE = tileOf(at.lon, at.lat);

describe('a restriction ends', () => {
  let loopback: Loopback;
  let services: Services;
  let server: RunningServer;
  let endsAt: number;

  before(async () => {
    loopback = await startLoopback();
    ({ services, server } = loopback);
    endsAt = Date.now() + 4000;
    const circle = { type: 'Circle' as const, center: [at.lon, at.lat] as [number, number], radius_m: 2000 };
    const zones = [
      testZone('tfr:short', circle, {
        category: 'temporary',
        applicability: [
          {
            permanent: false,
            start: new Date(Date.now() - 60_000).toISOString(),
            end: new Date(endsAt).toISOString(),
          },
        ],
      }),
      testZone('fixed', circle, { category: 'warning' }),
    ];
    await services.airspace.importDataset({
      id: 'tfr',
      format: 'geojson',
      files: [{ name: 'tfr.geojson', text: JSON.stringify(zonesToGeoJSON(zones)) }],
      licence: 'test',
    });
  });
  after(() => loopback.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });
  const ids = (fc: { features: Array<{ id?: string; properties: { id?: string } }> }) =>
    fc.features.map((f) => f.properties.id ?? f.id).sort();
  const paths = () => [
    `${CELL_PATH_PREFIX}${cellAt(at.lon, at.lat)}`,
    `${NEAR_PATH}?lon=${at.lon}&lat=${at.lat}&radius_m=5000`,
    `/v1/zones?bbox=6.8,46.4,7.0,46.5`,
    TILE,
  ];

  test('before its end: in every answer, cached no longer than until its end; after: gone, new version and ETag', async () => {
    const before = new Map<string, { etag: string | null; version?: string }>();
    for (const path of paths()) {
      // Twice, so the second comes from the URL index / answer cache.
      for (let i = 0; i < 2; i++) {
        const res = await get(path);
        assert.equal(res.status, 200, path);
        const body = await res.json();
        const fc = body.zones ?? body;
        assert.deepEqual(ids(fc), ['tfr:fixed', 'tfr:tfr:short'], path);
        const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '')?.[1]);
        assert.ok(
          maxAge <= Math.ceil((endsAt - Date.now()) / 1000),
          `${path}: max-age ${maxAge} outlives the end`,
        );
        if (body.zones) {
          assert.equal(body.valid_until, new Date(endsAt).toISOString());
          assert.ok(body.max_age_s <= 4);
        }
        before.set(path, { etag: res.headers.get('etag'), version: body.dataset_version });
      }
    }
    const version = services.airspace.fingerprint;
    // No dataset poll runs in the loopback server: only the end time can change anything.
    await new Promise((r) => setTimeout(r, endsAt - Date.now() + 5));
    assert.notEqual(services.airspace.fingerprint, version, 'the generation turned over at the end time');
    for (const path of paths()) {
      const res = await get(path, { 'if-none-match': before.get(path)?.etag ?? '' });
      assert.equal(res.status, 200, `${path}: not a 304 with the old ETag`);
      const body = await res.json();
      assert.deepEqual(ids(body.zones ?? body), ['tfr:fixed'], path);
      assert.notEqual(res.headers.get('etag'), before.get(path)?.etag);
      if (body.zones) {
        assert.notEqual(body.dataset_version, before.get(path)?.version);
        assert.equal(body.valid_until, undefined);
      }
    }
  });
});
