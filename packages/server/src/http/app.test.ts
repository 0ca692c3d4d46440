import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Zone } from '@airlock/core';
import { AirspaceService } from '../airspace/index.ts';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { RequestCounters } from '../metrics/index.ts';
import { createIpCountryLookup } from '../region-ip/index.ts';
import { type Database, migrate, openPgliteDatabase } from '../storage/index.ts';
import { createApp } from './app.ts';

const TOKEN = 'operator-token-0123456789';
const OPENAIR = readFileSync(
  new URL('../../../../../shared/data/airspace/openair/ksgu-airspaces.txt', import.meta.url),
  'utf8',
);

function circleZone(id: string, lon: number, lat: number): Zone {
  return {
    id,
    name: `zone ${id}`,
    country: 'CH',
    category: 'restricted',
    reasons: ['AIR_TRAFFIC'],
    volumes: [
      {
        geometry: { type: 'Circle', center: [lon, lat], radius_m: 2000 },
        lower: { value: 0, unit: 'm', reference: 'AGL' },
        upper: { value: 120, unit: 'm', reference: 'AGL' },
      },
    ],
    applicability: [],
    source: 'test',
    licence: 'CC0',
    dataset: 'fixture',
  };
}

describe('HTTP API', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  const logs: string[] = [];
  before(async () => {
    db = await openPgliteDatabase();
    await migrate(db);
    const log = createLogger('debug', (l) => logs.push(l));
    const airspace = new AirspaceService(db, log);
    const counts = {
      restricted: 2,
      authorization: 0,
      enhanced_warning: 0,
      warning: 0,
      altitude: 0,
      temporary: 0,
    };
    await airspace.store.replace(
      {
        id: 'fixture',
        name: 'Fixture',
        source: 'test',
        licence: 'CC0',
        version: 'v1',
        counts,
        issues: [],
        bundled: false,
      },
      [circleZone('fixture:zrh', 8.55, 47.45), circleZone('fixture:fiji', 179.99, -16.5)],
    );
    await airspace.refresh(true);
    const config = loadConfig({ AIRLOCK_ADMIN_TOKEN: TOKEN, AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false' });
    app = createApp({
      config,
      log,
      airspace,
      counters: new RequestCounters(db),
      ipCountry: createIpCountryLookup,
    });
  });
  after(async () => db.close());

  test('health and the empty route answer', async () => {
    const r = await app.request('/v1/health');
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ok', zones: 2 });
    assert.equal((await app.request('/v1/ping')).status, 200);
  });

  test('bbox query returns GeoJSON with ETag, Cache-Control and 304 on revalidation', async () => {
    const r = await app.request('/v1/zones?bbox=8.4,47.3,8.7,47.6');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /geo\+json/);
    assert.match(r.headers.get('cache-control') ?? '', /max-age=\d+/);
    const etag = r.headers.get('etag');
    assert.ok(etag);
    const body = await r.json();
    assert.equal(body.type, 'FeatureCollection');
    assert.equal(body.features.length, 1);
    assert.equal(body.features[0].properties.category, 'restricted');
    const again = await app.request('/v1/zones?bbox=8.4,47.3,8.7,47.6', {
      headers: { 'If-None-Match': etag },
    });
    assert.equal(again.status, 304);
    const across = await (await app.request('/v1/zones?bbox=179.5,-17,-179.5,-16')).json();
    assert.equal(across.features.length, 1, 'a bbox across the antimeridian finds the zone');
  });

  test('bad bbox values get a 400 naming the parameter', async () => {
    for (const q of [
      '',
      '?bbox=1,2,3',
      '?bbox=a,b,c,d',
      '?bbox=0,50,1,40',
      '?bbox=0,0,20,20',
      '?bbox=200,0,201,1',
    ]) {
      const r = await app.request(`/v1/zones${q}`);
      assert.equal(r.status, 400, q);
      const body = await r.json();
      assert.equal(body.error.status, 400);
      assert.match(body.error.message, /bbox/, q);
    }
    // The largest box is not too large, though -4.999 - -9.999 is 5.000000000000001 in floating point.
    assert.equal((await app.request('/v1/zones?bbox=-9.999,46,-4.999,51')).status, 200);
    assert.equal((await app.request('/v1/zones?bbox=-9.999,46,-4.998,51')).status, 400);
    const cat = await app.request('/v1/zones?bbox=8.4,47.3,8.7,47.6&category=nonsense');
    assert.equal(cat.status, 400);
    assert.match((await cat.json()).error.message, /category/);
    // Percent-encoding that is not UTF-8 is refused as such, not judged after a piecewise decoding.
    const bytes = await app.request('/v1/zones?bbox=8.4,47.3,8.7,47.6&category=%FB%94%12%AEwarning');
    assert.equal(bytes.status, 400);
    assert.match((await bytes.json()).error.message, /"category": not UTF-8 percent-encoding/);
    assert.equal(
      (await app.request('/v1/zones?bbox=8.4%2C47.3%2C8.7%2C47.6&category=%F0%9F%9A%81')).status,
      400,
    );
  });

  test('tiles: valid tile answers, bad z/x/y get a 400 naming the parameter', async () => {
    // Zoom 10 tile holding Zurich airport (x=536, y=358).
    const ok = await app.request('/v1/zones/tiles/10/536/358');
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).features.length, 1);
    for (const [path, name] of [
      ['/v1/zones/tiles/3/1/1', 'z'],
      ['/v1/zones/tiles/10/1024/1', 'x'],
      ['/v1/zones/tiles/10/1/5000', 'y'],
      ['/v1/zones/tiles/10/-1/1', 'x'],
      ['/v1/zones/tiles/ten/1/1', 'z'],
      ['/v1/zones/tiles/10/1/abc', 'y'],
    ]) {
      const r = await app.request(path);
      assert.equal(r.status, 400, path);
      assert.match((await r.json()).error.message, new RegExp(`"${name}"`), path);
    }
  });

  test('datasets are listed with versions and counts', async () => {
    const body = await (await app.request('/v1/datasets')).json();
    assert.equal(body.datasets.length, 1);
    assert.equal(body.datasets[0].version, 'v1');
    assert.equal(body.datasets[0].zoneCount, 2);
  });

  test('operator import: token required, conflicts, strict errors, replace and delete', async () => {
    const put = (path: string, body: string, token?: string) =>
      app.request(path, { method: 'PUT', body, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    assert.equal((await put('/v1/admin/datasets/ksgu?format=openair', OPENAIR)).status, 401);
    assert.equal(
      (await put('/v1/admin/datasets/ksgu?format=openair', OPENAIR, 'wrong-token-000000000')).status,
      401,
    );
    const r = await put('/v1/admin/datasets/ksgu?format=openair', OPENAIR, TOKEN);
    assert.equal(r.status, 200, await r.clone().text());
    const out = await r.json();
    assert.ok(out.dataset.zoneCount >= 2);
    assert.equal((await (await app.request('/v1/health')).json()).zones, 2 + out.dataset.zoneCount);
    const again = await put('/v1/admin/datasets/ksgu?format=openair', `${OPENAIR}\n* changed\n`, TOKEN);
    assert.equal(again.status, 409);
    const bad = await put(
      '/v1/admin/datasets/bad?format=openair&strict=true',
      'AC R\nAN Broken\nAL SFC\nAH 500ft AGL\nDP nonsense\n',
      TOKEN,
    );
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error.message, /line \d+/);
    assert.equal((await put('/v1/admin/datasets/bad id', OPENAIR, TOKEN)).status, 400);
    assert.equal((await put('/v1/admin/datasets/empty?format=openair', '', TOKEN)).status, 400);
    const del = await app.request('/v1/admin/datasets/ksgu', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(del.status, 204);
    assert.equal(
      (
        await app.request('/v1/admin/datasets/ksgu', {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${TOKEN}` },
        })
      ).status,
      404,
    );
  });

  test('openapi.json describes every route and /docs renders it', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    for (const p of [
      '/v1/zones',
      '/v1/zones/tiles/{z}/{x}/{y}',
      '/v1/datasets',
      '/v1/admin/datasets/{id}',
      '/v1/health',
    ]) {
      assert.ok(doc.paths[p], `missing ${p}`);
    }
    const html = await (await app.request('/docs')).text();
    assert.match(html, /\/v1\/zones\/tiles/);
  });

  test('unknown routes are JSON 404s; logs carry route patterns, never paths or addresses', async () => {
    const r = await app.request('/nope');
    assert.equal(r.status, 404);
    assert.equal((await r.json()).error.code, 'not_found');
    await app.request('/v1/zones/tiles/10/536/358', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    const text = logs.join('');
    assert.ok(text.includes('/v1/zones/tiles/:z/:x/:y'));
    assert.ok(!text.includes('536/358'));
    assert.ok(!text.includes('203.0.113.9'));
  });
});
