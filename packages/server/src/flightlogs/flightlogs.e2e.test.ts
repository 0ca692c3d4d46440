// Flight logs over loopback with the real stores on disk: import, dedupe, corrupt and truncated files,
// views, exports, delete, encryption at rest, size limit, and what the server keeps (no IP, no UA).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;
const sample = (p: string) => readFileSync(join(SAMPLES, p));
const UA = 'AirlockTestAgent/7.7 (fingerprint-me)';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe('flight logs over loopback, stores on disk', () => {
  let t: TestServer;
  let dir: string;
  let auth: Record<string, string>;
  const upload = (bytes: Buffer, filename: string, extra = '') =>
    fetch(`${t.url}/v1/flightlogs?filename=${encodeURIComponent(filename)}${extra}`, {
      method: 'POST',
      headers: { ...auth, 'user-agent': UA },
      body: new Uint8Array(bytes),
    });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-flightlogs-'));
    t = await startTestServer({
      dataDir: dir,
      env: { AIRLOCK_FLIGHTLOG_MAX_BYTES: String(5 * 1024 * 1024) },
    });
    auth = (await t.pilot('lea@example.org')).auth;
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('import → summary, track and series; the same file again is the same log', async () => {
    const bytes = sample('dataflash/log171.bin');
    const r = await upload(bytes, 'log171.bin');
    assert.equal(r.status, 201);
    const { flightlog, created } = await r.json();
    assert.equal(created, true);
    assert.equal(r.headers.get('location'), `/v1/flightlogs/${flightlog.id}`);
    assert.equal(flightlog.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(flightlog.format, 'dataflash');
    assert.equal(flightlog.summary.distance_m, 405.07);
    assert.equal(flightlog.summary.start, '2015-11-21T23:43:51.723Z');
    assert.equal(flightlog.messages.GPS, 1199);
    const again = await upload(bytes, 'renamed.bin');
    assert.equal(again.status, 200);
    assert.equal((await again.json()).flightlog.id, flightlog.id, 'idempotent: dedupe by SHA-256');
    const byHash = await (
      await fetch(`${t.url}/v1/flightlogs?sha256=${flightlog.sha256}`, { headers: auth })
    ).json();
    assert.deepEqual(
      byHash.items.map((i: { id: string }) => i.id),
      [flightlog.id],
    );

    const track = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/track`, { headers: auth });
    assert.equal(track.headers.get('content-type'), 'application/geo+json');
    const geo = await track.json();
    assert.equal(geo.features[0].geometry.type, 'LineString');
    assert.ok(geo.features[0].geometry.coordinates.length <= 2000);
    const series = await (
      await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/series?fields=altitude,h_speed_mps`, {
        headers: auth,
      })
    ).json();
    assert.deepEqual(Object.keys(series.channels).sort(), ['alt_rel_m', 'h_speed_mps']);
    assert.equal(series.t_s.length, series.channels.alt_rel_m.length);
    assert.ok(series.t_s.length > 100 && series.t_s.length <= 2000);
    const badField = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/series?fields=altitude,nonsense`, {
      headers: auth,
    });
    assert.equal(badField.status, 400);
    assert.match((await badField.json()).error.message, /nonsense/);
  });

  test('exports: CSV, GPX, KML, GeoJSON and the original byte for byte', async () => {
    const bytes = sample('tlog/vtol.tlog');
    const { flightlog } = await (await upload(bytes, 'vtol.tlog')).json();
    const get = (p: string) => fetch(`${t.url}/v1/flightlogs/${flightlog.id}/${p}`, { headers: auth });
    const csv = await get('export.csv');
    assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="vtol.csv"');
    assert.match((await csv.text()).split('\n')[0], /^time_s,time_utc,lat_deg,lon_deg,alt_rel_m/);
    assert.match(await (await get('export.gpx')).text(), /<gpx version="1.1"[\s\S]*<trkpt lat=/);
    assert.match(await (await get('export.kml')).text(), /<kml [\s\S]*<coordinates>/);
    const full = await (await get('export.geojson')).json();
    assert.ok(full.features[0].geometry.coordinates.length > 700, 'the export is full resolution');
    const original = Buffer.from(await (await get('original')).arrayBuffer());
    assert.ok(original.equals(bytes));
  });

  test('a corrupt file is a 422 naming the offset, and nothing is stored', async () => {
    const before = filesUnder(join(dir, 'flightlogs')).length;
    const bin = Buffer.from(sample('dataflash/log171.bin'));
    bin.fill(0, 20_000); // the format table survives, then zeros where the records should be
    for (const [bytes, name] of [
      [Buffer.from('this is not a flight log at all'), 'notes.bin'],
      [bin, 'broken.bin'],
    ] as const) {
      const r = await upload(bytes, name);
      assert.equal(r.status, 422, name);
      const { error } = await r.json();
      assert.equal(error.code, 'corrupt_flight_log');
      assert.match(error.message, /offset \d+/, name);
    }
    const list = await (await fetch(`${t.url}/v1/flightlogs`, { headers: auth })).json();
    assert.ok(
      list.items.every((i: { filename: string }) => !['notes.bin', 'broken.bin'].includes(i.filename)),
    );
    assert.equal(filesUnder(join(dir, 'flightlogs')).length, before);
    const empty = await upload(Buffer.alloc(0), 'empty.bin');
    assert.equal(empty.status, 400);
    const mismatch = await upload(
      sample('gpx/airdata_mini2_2021-09-05.gpx'),
      'x.gpx',
      `&sha256=${'0'.repeat(64)}`,
    );
    assert.equal(mismatch.status, 422);
    assert.equal((await mismatch.json()).error.code, 'sha256_mismatch');
  });

  test('a truncated file is stored with its warnings', async () => {
    const r = await upload(sample('dataflash/backend_log_80k.bin'), 'backend_log_80k.bin');
    assert.equal(r.status, 201);
    const { flightlog } = await r.json();
    assert.ok(flightlog.warnings.some((w: string) => /truncated/.test(w)));
  });

  test('modes, parameters and a diff of two flights, as the logs hold them', async () => {
    const id = async (file: string) =>
      (await (await upload(sample(`dataflash/${file}`), file)).json()).flightlog.id as string;
    const copter33 = await id('log171.bin');
    const copter46 = await id('backend_log_80k.bin');
    const get = async (path: string) => {
      const r = await fetch(`${t.url}/v1/flightlogs/${path}`, { headers: auth });
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      return r.json();
    };
    const { modes } = await get(`${copter33}/modes`);
    assert.deepEqual(
      modes.map((m: { mode: string }) => m.mode),
      ['LOITER', 'ACRO'],
    );
    assert.ok(modes[1].t_s > 200 && modes[1].t_s < 243);
    const params = await get(`${copter33}/parameters`);
    assert.equal(params.values.length, 491);
    assert.deepEqual(
      params.values.find((p: { name: string }) => p.name === 'ANGLE_MAX'),
      { name: 'ANGLE_MAX', value: 3500, default: null },
    );
    const newer = await get(`${copter46}/parameters`);
    assert.equal(newer.values.length, 1077);
    assert.ok(newer.values.every((p: { default: number | null }) => p.default !== null));
    const diff = await get(`${copter33}/parameters/diff?with=${copter46}`);
    assert.deepEqual(
      diff.changed.find((c: { name: string }) => c.name === 'ANGLE_MAX'),
      { name: 'ANGLE_MAX', from: 3500, to: 4500 },
    );
    assert.equal(diff.added.length + params.values.length - diff.removed.length, newer.values.length);
    assert.ok(diff.added.length > 0 && diff.removed.length > 0);
    const back = await get(`${copter46}/parameters/diff?with=${copter33}`);
    assert.equal(back.added.length, diff.removed.length, 'the other way round, added and removed swap');
    // A log stored before details existed: built from the original on first request, then kept.
    const { flightlogs } = t.services.pilotData;
    const details = (await flightlogs.blobs.list('pilots/')).find((b) =>
      b.key.endsWith(`${copter33}/details.json`),
    );
    assert.ok(details);
    await flightlogs.blobs.delete(details.key);
    assert.deepEqual(await get(`${copter33}/parameters`), params);
    assert.ok((await flightlogs.blobs.list('pilots/')).some((b) => b.key === details.key));
    for (const bad of ['', '?with=', '?with=not-an-id', `?with=${copter46.toUpperCase()}x`]) {
      const r = await fetch(`${t.url}/v1/flightlogs/${copter33}/parameters/diff${bad}`, { headers: auth });
      assert.equal(r.status, 400, bad);
      assert.equal((await r.json()).error.code, 'invalid_request');
    }
    const ghost = await fetch(
      `${t.url}/v1/flightlogs/${copter33}/parameters/diff?with=6f1c2d3e-5b6a-4c7d-9e8f-1a2b3c4d5e6f`,
      { headers: auth },
    );
    assert.equal(ghost.status, 404);
  });

  test('over the size limit is a 413, by header or by counting', async () => {
    const big = sample('ulog/sample.ulg'); // 4.05 MB against a 5 MB limit: fine
    const twice = Buffer.concat([big, big]);
    const r = await upload(twice, 'too-big.ulg');
    assert.equal(r.status, 413);
    const chunked = await fetch(`${t.url}/v1/flightlogs?filename=x.ulg`, {
      method: 'POST',
      headers: auth,
      body: new ReadableStream({
        start(c) {
          c.enqueue(twice.subarray(0, 3_000_000));
          c.enqueue(twice.subarray(3_000_000));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413);
  });

  test('pages: newest first, cursor to the next page, no duplicates', async () => {
    for (const f of ['csv/airdata_mini2_2021-09-05.csv', 'kml/airdata_mini2_2021-09-05.kml']) {
      assert.ok([200, 201].includes((await upload(sample(f), f.split('/')[1])).status));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await (await fetch(`${t.url}/v1/flightlogs?limit=2${q}`, { headers: auth })).json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.length >= 5);
    const bad = await fetch(`${t.url}/v1/flightlogs?cursor=bogus`, { headers: auth });
    assert.equal(bad.status, 400);
  });

  test('at rest: no blob or staged file holds plaintext; the master key file is 0600', async () => {
    const bytes = sample('csv/airdata_air2s_2021-09-05.csv');
    await upload(bytes, 'air2s.csv');
    const needles = ['latitude', 'air2s.csv', 'FeatureCollection', 'time_s', 'alt_rel_m'];
    const files = filesUnder(join(dir, 'flightlogs'));
    assert.ok(files.length >= 18);
    for (const f of files) {
      const content = readFileSync(f).toString('latin1');
      for (const n of needles) assert.ok(!content.includes(n), `${f} contains "${n}"`);
      assert.equal(statSync(f).mode & 0o077, 0, `${f} is private`);
    }
    assert.equal(statSync(join(dir, 'master.key')).mode & 0o777, 0o600);
  });

  test('delete removes the row and every blob; the id is then a 404 everywhere', async () => {
    const { flightlog } = await (
      await upload(sample('gpx/airdata_mini2_2021-09-05.gpx'), 'mini2.gpx')
    ).json();
    await fetch(`${t.url}/v1/flightlogs/${flightlog.id}/export.kml`, { headers: auth }); // cached export
    const blobDir = join(dir, 'flightlogs', 'blobs');
    const mine = () => filesUnder(blobDir).filter((f) => f.includes(flightlog.id));
    assert.equal(mine().length, 5, 'original, track, series, details (modes and parameters), the export');
    const del = await fetch(`${t.url}/v1/flightlogs/${flightlog.id}`, { method: 'DELETE', headers: auth });
    assert.equal(del.status, 204);
    assert.equal(mine().length, 0);
    for (const p of ['', '/track', '/series', '/modes', '/parameters', '/export.gpx', '/original'])
      assert.equal(
        (await fetch(`${t.url}/v1/flightlogs/${flightlog.id}${p}`, { headers: auth })).status,
        404,
        p,
      );
    assert.equal(
      (await fetch(`${t.url}/v1/flightlogs/${flightlog.id}`, { method: 'DELETE', headers: auth })).status,
      404,
    );
  });

  test('no IP address or user agent in any table or log line', async () => {
    await t.services.counters.flush();
    const tables = await t.services.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    let dump = '';
    for (const { table_name } of tables.rows) {
      if (['dataset_zones', 'zones'].includes(table_name)) continue;
      const rows = await t.services.db.query(`SELECT * FROM ${table_name}`);
      dump += JSON.stringify(rows.rows, (_k, v) =>
        v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
      );
    }
    const logs = t.logLines.join('');
    for (const [where, text] of [
      ['database', dump],
      ['logs', logs],
    ]) {
      assert.doesNotMatch(text, /127\.0\.0\.1|::1\b|::ffff|localhost/, where);
      assert.ok(!text.includes('AirlockTestAgent'), `user agent in ${where}`);
      assert.ok(!text.includes('lea@example.org') || where === 'database', `e-mail in ${where}`);
    }
    assert.match(logs, /"route":"\/v1\/flightlogs\/:id\/track"/, 'requests are logged by route pattern');
  });
});
