// Authorization across pilots: with the real ids of another pilot's logs and uploads, every
// flight-log route answers 404, exactly as for an id that never existed; and without a session, 401.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;
const GPX = readFileSync(join(SAMPLES, 'gpx/airdata_mini2_2021-09-05.gpx'));
const READS = [
  '',
  '/track',
  '/series',
  '/series?fields=altitude',
  '/modes',
  '/parameters',
  '/export.csv',
  '/export.gpx',
  '/export.kml',
  '/export.geojson',
  '/original',
];

describe("another pilot's flight log is a 404, whatever the id", () => {
  let t: TestServer;
  let alice: Awaited<ReturnType<TestServer['pilot']>>;
  let bob: Awaited<ReturnType<TestServer['pilot']>>;
  let aliceLog: string;
  let aliceUpload: string;
  before(async () => {
    t = await startTestServer();
    alice = await t.pilot('alice@example.org');
    bob = await t.pilot('bob@example.org');
    const r = await fetch(`${t.url}/v1/flightlogs?filename=mini2.gpx`, {
      method: 'POST',
      headers: alice.auth,
      body: GPX,
    });
    aliceLog = (await r.json()).flightlog.id;
    const sha = createHash('sha256').update(GPX).digest('hex');
    const up = await fetch(`${t.url}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: {
        ...alice.auth,
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(GPX.length),
        'Upload-Metadata': `sha256 ${Buffer.from(sha).toString('base64')}`,
      },
    });
    aliceUpload = up.headers.get('location')!;
  });
  after(async () => t.close());

  test('every read and the delete: 404 for bob, with the same body as a never-existing id', async () => {
    const ghost = randomUUID();
    for (const suffix of READS) {
      for (const id of [aliceLog, ghost, 'not-a-uuid', `${aliceLog.toUpperCase()}`]) {
        const r = await fetch(`${t.url}/v1/flightlogs/${id}${suffix}`, { headers: bob.auth });
        assert.equal(r.status, 404, `${id}${suffix}`);
        assert.equal((await r.json()).error.code, 'not_found');
      }
      assert.equal(
        (await fetch(`${t.url}/v1/flightlogs/${aliceLog}${suffix}`, { headers: alice.auth })).status,
        200,
      );
    }
    const del = await fetch(`${t.url}/v1/flightlogs/${aliceLog}`, { method: 'DELETE', headers: bob.auth });
    assert.equal(del.status, 404);
    assert.equal(
      (await fetch(`${t.url}/v1/flightlogs/${aliceLog}`, { headers: alice.auth })).status,
      200,
      'still there',
    );
  });

  test("a parameter diff with another pilot's log, on either side, is a 404", async () => {
    const own = await fetch(`${t.url}/v1/flightlogs?filename=bob.gpx`, {
      method: 'POST',
      headers: bob.auth,
      body: GPX.subarray(0, GPX.lastIndexOf('<trkpt')).toString() + '</trkseg></trk></gpx>',
    });
    assert.equal(own.status, 201);
    const bobLog = (await own.json()).flightlog.id;
    const diff = (id: string, other: string, who = bob.auth) =>
      fetch(`${t.url}/v1/flightlogs/${id}/parameters/diff?with=${other}`, { headers: who });
    for (const [id, other] of [
      [bobLog, aliceLog],
      [aliceLog, bobLog],
      [aliceLog, aliceLog],
      [bobLog, randomUUID()],
    ]) {
      const r = await diff(id, other);
      assert.equal(r.status, 404, `${id} with ${other}`);
      assert.equal((await r.json()).error.code, 'not_found');
    }
    assert.equal((await diff(bobLog, bobLog)).status, 200);
    assert.equal((await diff(aliceLog, aliceLog, alice.auth)).status, 200);
    assert.equal((await diff(bobLog, 'not-a-uuid')).status, 400);
    assert.equal(
      (await fetch(`${t.url}/v1/flightlogs/${aliceLog}/parameters/diff?with=${aliceLog}`)).status,
      401,
    );
    await fetch(`${t.url}/v1/flightlogs/${bobLog}`, { method: 'DELETE', headers: bob.auth });
  });

  test("lists, dedupe lookups and exports show only the caller's logs", async () => {
    const sha = createHash('sha256').update(GPX).digest('hex');
    const bobList = await (await fetch(`${t.url}/v1/flightlogs?sha256=${sha}`, { headers: bob.auth })).json();
    assert.deepEqual(bobList.items, []);
    assert.deepEqual((await (await fetch(`${t.url}/v1/flightlogs`, { headers: bob.auth })).json()).items, []);
    const exp = await (await fetch(`${t.url}/v1/accounts/me/export`, { headers: bob.auth })).text();
    assert.ok(!exp.includes(aliceLog));
    // Bob uploading the same file gets a log of his own, not Alice's.
    const r = await fetch(`${t.url}/v1/flightlogs?filename=mini2.gpx`, {
      method: 'POST',
      headers: bob.auth,
      body: GPX,
    });
    assert.equal(r.status, 201);
    assert.notEqual((await r.json()).flightlog.id, aliceLog);
  });

  test("another pilot's upload URL: HEAD, PATCH and DELETE are 404 and leave it untouched", async () => {
    const tus = { 'Tus-Resumable': '1.0.0' };
    const url = `${t.url}${aliceUpload}`;
    assert.equal((await fetch(url, { method: 'HEAD', headers: { ...bob.auth, ...tus } })).status, 404);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...bob.auth,
        ...tus,
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(GPX.subarray(0, 1000)),
    });
    assert.equal(patch.status, 404);
    assert.equal((await fetch(url, { method: 'DELETE', headers: { ...bob.auth, ...tus } })).status, 404);
    const head = await fetch(url, { method: 'HEAD', headers: { ...alice.auth, ...tus } });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('upload-offset'), '0');
  });

  test('without a session every route is a 401', async () => {
    for (const suffix of READS)
      assert.equal((await fetch(`${t.url}/v1/flightlogs/${aliceLog}${suffix}`)).status, 401, suffix);
    assert.equal((await fetch(`${t.url}/v1/flightlogs`)).status, 401);
    assert.equal((await fetch(`${t.url}/v1/flightlogs`, { method: 'POST', body: GPX })).status, 401);
    assert.equal((await fetch(`${t.url}/v1/flightlogs/${aliceLog}`, { method: 'DELETE' })).status, 401);
    const forged = await fetch(`${t.url}/v1/flightlogs`, { headers: { authorization: 'Bearer als_forged' } });
    assert.equal(forged.status, 401);
  });

  test('account deletion: logs gone, blobs unreadable with any key left, ids 404', async () => {
    const { flightlogs } = t.services.pilotData;
    const blobs = await flightlogs.blobs.list(`pilots/${alice.id}/`);
    assert.ok(blobs.length >= 3);
    const sealed = await flightlogs.blobs.get(blobs[0].key);
    const del = await fetch(`${t.url}/v1/accounts/me`, {
      method: 'DELETE',
      headers: { ...alice.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'correct horse battery staple' }),
    });
    assert.equal(del.status, 204);
    assert.deepEqual(await flightlogs.blobs.list(`pilots/${alice.id}/`), []);
    // A copy that survived (a backup) cannot be read: the pilot's key is gone.
    await assert.rejects(flightlogs.keyring.get(alice.id), /no data key/);
    assert.ok(sealed && !sealed.toString('latin1').includes('<gpx'));
    const rows = await t.services.db.query('SELECT 1 FROM flightlogs WHERE pilot_id = $1', [alice.id]);
    assert.equal(rows.rows.length, 0);
    assert.equal((await fetch(`${t.url}/v1/flightlogs/${aliceLog}`, { headers: bob.auth })).status, 404);
  });
});
