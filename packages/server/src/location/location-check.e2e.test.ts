// The SDK against the real server over loopback: what crosses the network for a location check, and
// what the server keeps afterwards (database and logs), checked byte by byte.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { cellAt } from '@airlock/core';
import { createAirlock } from '@airlock/sdk';
import type { RunningServer, Services } from '../server.ts';
import { type Loopback, startLoopback } from '../testing/loopback.ts';

interface Captured {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Every textual form a coordinate could leak in: 3+ decimals, scaled integers, DMS-ish. */
function coordinatePatterns(lon: number, lat: number): RegExp[] {
  const pats: RegExp[] = [];
  for (const v of [lon, lat]) {
    const fixed = Math.abs(v).toFixed(3);
    pats.push(new RegExp(fixed.replace('.', '\\.')));
    pats.push(new RegExp(String(Math.round(Math.abs(v) * 1e7)).slice(0, 6)));
  }
  return pats;
}

describe('location check over loopback', () => {
  let services: Services;
  let server: RunningServer;
  const captured: Captured[] = [];
  let logLines: string[] = [];
  // Montreux (ED-269 sample zones) and a pilot 300 m away, in the same cell.
  const pilotA = { lon: 6.9125, lat: 46.4334 };
  const pilotB = { lon: 6.916, lat: 46.4348 };

  let loopback: Loopback;
  before(async () => {
    loopback = await startLoopback({ che: true });
    ({ services, server, logLines } = loopback);
    server.http.on('request', (req: IncomingMessage) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        captured.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
  after(() => loopback.close());

  test('two pilots in one cell send byte-identical requests that carry no coordinate', async () => {
    const a = createAirlock({ serverUrl: server.url, autoCheck: false });
    const b = createAirlock({ serverUrl: server.url, autoCheck: false });
    const ra = await a.checkLocation(pilotA);
    const rb = await b.checkLocation(pilotB);
    assert.equal(ra.coverage, 'full', ra.error);
    assert.equal(rb.coverage, 'full', rb.error);
    assert.ok(ra.zoneCount > 0, 'the Montreux zones came back');
    await new Promise((r) => setTimeout(r, 50));
    const checks = captured.filter((c) => c.url.startsWith('/v1/location/'));
    assert.equal(checks.length, 2);
    assert.equal(checks[0].url, `/v1/location/cells/${cellAt(pilotA.lon, pilotA.lat)}`);
    assert.equal(checks[0].url, checks[1].url);
    assert.equal(checks[0].body, '');
    assert.deepEqual(checks[0].headers, checks[1].headers, 'no per-pilot header');
    const wire = JSON.stringify(checks);
    for (const p of [
      ...coordinatePatterns(pilotA.lon, pilotA.lat),
      ...coordinatePatterns(pilotB.lon, pilotB.lat),
    ]) {
      assert.doesNotMatch(wire, p);
    }
    for (const h of ['cookie', 'authorization', 'x-device-id']) assert.equal(checks[0].headers[h], undefined);
    // The warnings are decided on the device, from the precise position.
    const report = a.warnings({ lon: pilotA.lon, lat: pilotA.lat, altAglM: 30, time: new Date() });
    assert.notEqual(report.status, 'unknown');
  });

  test('the server keeps no coordinate and no IP address: database and logs scanned', async () => {
    const u = createAirlock({ serverUrl: server.url, mechanism: 'uniform', autoCheck: false });
    await u.checkLocation(pilotA);
    await services.counters.flush();
    const tables = await services.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await services.db.query(
        `SELECT * FROM ${table_name} ${table_name === 'dataset_zones' ? 'LIMIT 0' : ''}`,
      );
      dump += JSON.stringify(rows.rows);
    }
    assert.doesNotMatch(dump, /127\.0\.0\.1|::1|::ffff/);
    const uniformReq = captured.find((c) => c.url.startsWith('/v1/location/near'));
    assert.ok(uniformReq, 'uniform request seen');
    const reported = new URL(uniformReq.url, 'http://x').searchParams;
    for (const v of [reported.get('lon')!, reported.get('lat')!]) {
      assert.ok(!dump.includes(v), `reported coordinate ${v} stored`);
      assert.ok(!logLines.join('').includes(v), `reported coordinate ${v} logged`);
    }
    const logs = logLines.join('');
    assert.doesNotMatch(logs, /127\.0\.0\.1|::ffff/);
    for (const p of coordinatePatterns(pilotA.lon, pilotA.lat)) assert.doesNotMatch(logs, p);
    assert.match(logs, /\/v1\/location\/cells\/:cellId/, 'requests are logged by route pattern');
    const counts = await services.counters.read('2000-01-01', '2100-01-01');
    const cells = counts.find((c) => c.route === '/v1/location/cells/:cellId');
    assert.ok(cells && cells.count >= 2, 'aggregate counter');
  });

  test('a repeated check is answered from the device cache or revalidated with 304', async () => {
    const a = createAirlock({ serverUrl: server.url, autoCheck: false });
    await a.checkLocation(pilotA);
    const before = captured.length;
    const again = await a.checkLocation(pilotA);
    assert.equal(again.coverage, 'full');
    assert.equal(captured.length, before, 'fresh cache: nothing sent');
    const r = await fetch(`${server.url}/v1/location/cells/${cellAt(pilotA.lon, pilotA.lat)}`);
    const etag = r.headers.get('etag')!;
    const revalidated = await fetch(`${server.url}/v1/location/cells/${cellAt(pilotA.lon, pilotA.lat)}`, {
      headers: { 'If-None-Match': etag },
    });
    assert.equal(revalidated.status, 304);
  });

  test('bad cell ids and near parameters get a 400 naming the parameter', async () => {
    for (const [path, name] of [
      ['/v1/location/cells/abc', 'cellId'],
      ['/v1/location/cells/99999.1', 'cellId'],
      ['/v1/location/near?lon=1&lat=95&radius_m=1000', 'lat'],
      ['/v1/location/near?lon=1&lat=5&radius_m=60000', 'radius_m'],
      ['/v1/location/near?lat=5&radius_m=100', 'lon'],
    ]) {
      const r = await fetch(`${server.url}${path}`);
      assert.equal(r.status, 400, path);
      assert.match((await r.json()).error.message, new RegExp(name), path);
    }
  });

  test('IP → country: loopback is no country, and the answer falls back to the strictest radio rules', async () => {
    const r = await fetch(`${server.url}/v1/location/country`);
    const body = await r.json();
    assert.deepEqual(body.countries, []);
    assert.equal(body.source, 'none');
    assert.deepEqual(
      body.radio.bands.map((b: { maxEirpDbm: number }) => b.maxEirpDbm),
      [20],
    );
    assert.match(r.headers.get('cache-control') ?? '', /no-store/);
  });
});
