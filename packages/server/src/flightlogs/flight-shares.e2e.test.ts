// Link shares over HTTP: the owner creates, lists and revokes; anyone with the link reads the flight
// with its location protected ('trim': nothing near take-off or landing; 'offset': every point moved by
// one hidden vector, no true coordinate in the answer); expired, revoked and unknown links are one 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { distanceM } from '@airlock/core';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/** Out 1.3 km to the north-east and back along a bend: take-off and landing 200 m apart. */
const GPX = (() => {
  const t0 = Date.parse('2025-06-01T10:00:00Z');
  const fixes = Array.from({ length: 120 }, (_, i) => {
    const k = i < 60 ? i : 119 - i;
    const lat = (46.52 + k * 0.0001 + (i < 60 ? 0 : 0.0018)).toFixed(6);
    const lon = (6.63 + k * 0.00014).toFixed(6);
    const time = new Date(t0 + i * 1000).toISOString();
    return `<trkpt lat="${lat}" lon="${lon}"><ele>${(400 + k).toFixed(1)}</ele><time>${time}</time></trkpt>`;
  });
  return Buffer.from(
    `<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${fixes.join('')}</trkseg></trk></gpx>`,
  );
})();

type Track = {
  features: Array<{ geometry: { type: string; coordinates: unknown }; properties: { kind: string } }>;
};
const linePoints = (t: Track): number[][] => {
  const g = t.features.find((f) => f.properties.kind === 'track')?.geometry;
  if (!g) return [];
  if (g.type === 'MultiLineString') return (g.coordinates as number[][][]).flat();
  return g.type === 'LineString' ? (g.coordinates as number[][]) : [g.coordinates as number[]];
};

describe('flight log shares', () => {
  let t: TestServer;
  let alice: Awaited<ReturnType<TestServer['pilot']>>;
  let bob: Awaited<ReturnType<TestServer['pilot']>>;
  let logId: string;
  let truth: number[][];
  const json = (auth: Record<string, string>) => ({ ...auth, 'content-type': 'application/json' });
  const share = async (location: string, auth = alice.auth, id = logId) =>
    fetch(`${t.url}/v1/flightlogs/${id}/shares`, {
      method: 'POST',
      headers: json(auth),
      body: JSON.stringify({ expires_in_s: 3600, location }),
    });
  const open = (token: string) => fetch(`${t.url}/v1/shared/${token}`);

  before(async () => {
    t = await startTestServer();
    alice = await t.pilot('alice-share@example.org');
    bob = await t.pilot('bob-share@example.org');
    const r = await fetch(`${t.url}/v1/flightlogs?filename=mini2.gpx`, {
      method: 'POST',
      headers: alice.auth,
      body: GPX,
    });
    logId = (await r.json()).flightlog.id;
    truth = linePoints(
      await (await fetch(`${t.url}/v1/flightlogs/${logId}/track`, { headers: alice.auth })).json(),
    );
    const far = Math.max(...truth.map((c) => distanceM(c[0], c[1], truth[0][0], truth[0][1])));
    assert.ok(far > 600, `the sample flies ${far} m from take-off: enough to trim`);
  });
  after(async () => t.close());

  test('trim: summary and charts shown, nothing within 300 m of take-off or landing', async () => {
    const made = await share('trim');
    assert.equal(made.status, 201);
    const { token, share: s, path } = await made.json();
    assert.match(token, /^alf_[A-Za-z0-9_-]{22}$/);
    assert.equal(path, `/shared/${token}`);
    const r = await open(token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const text = await r.text();
    const body = JSON.parse(text);
    assert.equal(body.location, 'trim');
    assert.ok(body.summary.duration_s > 0);
    assert.ok(body.series.channels.alt_rel_m.length > 0);
    for (const ch of ['lat_deg', 'lon_deg', 'alt_amsl_m'])
      assert.equal(body.series.channels[ch], undefined, ch);
    const shown = linePoints(body.track);
    assert.ok(shown.length > 10, `${shown.length} points shown`);
    const [home, land] = [truth[0], truth[truth.length - 1]];
    for (const c of shown) {
      assert.ok(distanceM(c[0], c[1], home[0], home[1]) > 300, `point ${c} near take-off`);
      assert.ok(distanceM(c[0], c[1], land[0], land[1]) > 300, `point ${c} near landing`);
      assert.equal(c.length, 2, 'no altitude AMSL');
    }
    for (const c of [home, land]) assert.ok(!text.includes(`[${c[0]},${c[1]}`), `${c} in the answer`);
    assert.ok(!text.includes('alice-share'), 'no e-mail');
    assert.ok(!text.includes(logId) && !text.includes('mini2.gpx'), 'no log id or file name');
    const listed = await (
      await fetch(`${t.url}/v1/flightlogs/${logId}/shares`, { headers: alice.auth })
    ).json();
    assert.ok(listed.items.some((x: { id: string }) => x.id === s.id));
    assert.ok(!JSON.stringify(listed).includes(token), 'the list never holds the token');
  });

  test('offset: every point moved by one hidden vector; no true coordinate in the answer', async () => {
    const { token } = await (await share('offset')).json();
    const text = await (await open(token)).text();
    const shown = linePoints(JSON.parse(text).track);
    assert.equal(shown.length, truth.length);
    const dLon = shown[0][0] - truth[0][0];
    const dLat = shown[0][1] - truth[0][1];
    const moved = distanceM(shown[0][0], shown[0][1], truth[0][0], truth[0][1]);
    assert.ok(moved >= 5000 && moved <= 50_500, `moved ${moved} m`);
    for (let i = 0; i < shown.length; i++) {
      assert.ok(Math.abs(shown[i][0] - truth[i][0] - dLon) < 1e-6, `lon ${i}`);
      assert.ok(Math.abs(shown[i][1] - truth[i][1] - dLat) < 1e-6, `lat ${i}`);
    }
    for (const c of truth) {
      assert.ok(!text.includes(`[${c[0]},${c[1]}`), `${c} in the answer`);
      for (const d of shown)
        assert.ok(distanceM(c[0], c[1], d[0], d[1]) > 3000, 'a shown point near the true track');
    }
    assert.equal((await open(token)).status, 200);
    const again = linePoints((await (await open(token)).json()).track);
    assert.deepEqual(again[0], shown[0], 'the same vector on every read');
  });

  test('expired and revoked links answer as a never-existing one; bob cannot list or revoke', async () => {
    const ghost = await open(`alf_${'A'.repeat(22)}`);
    assert.equal(ghost.status, 404);
    const ghostBody = await ghost.json();
    const a = await (await share('trim')).json();
    await t.services.db.query(
      `UPDATE flightlog_shares SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [a.share.id],
    );
    const expired = await open(a.token);
    assert.equal(expired.status, 404);
    assert.deepEqual(await expired.json(), ghostBody);

    const b = await (await share('offset')).json();
    assert.equal((await fetch(`${t.url}/v1/flightlogs/${logId}/shares`, { headers: bob.auth })).status, 404);
    assert.equal((await share('trim', bob.auth)).status, 404, 'bob cannot share her log');
    const del = (auth: Record<string, string>) =>
      fetch(`${t.url}/v1/flightlogs/${logId}/shares/${b.share.id}`, { method: 'DELETE', headers: auth });
    assert.equal((await del(bob.auth)).status, 404);
    assert.equal((await open(b.token)).status, 200, 'still live after bob tried');
    assert.equal((await del(alice.auth)).status, 204);
    const revoked = await open(b.token);
    assert.equal(revoked.status, 404);
    assert.deepEqual(await revoked.json(), ghostBody);
    assert.equal((await del(alice.auth)).status, 404);
    const bad = await fetch(`${t.url}/v1/flightlogs/${logId}/shares`, {
      method: 'POST',
      headers: json(alice.auth),
      body: JSON.stringify({ expires_in_s: 5, location: 'exact' }),
    });
    assert.equal(bad.status, 400);
  });

  test('the offset is stored sealed; the sweep seals older plaintext rows and removes expired shares', async () => {
    const made = await (await share('offset')).json();
    const row = async () =>
      (
        await t.services.db.query<{ offset_sealed: Uint8Array | null; offset_e_m: number | null }>(
          'SELECT offset_sealed, offset_e_m, offset_n_m FROM flightlog_shares WHERE id = $1',
          [made.share.id],
        )
      ).rows[0];
    const stored = await row();
    assert.equal(stored.offset_e_m, null, 'no plaintext offset');
    assert.ok(stored.offset_sealed && stored.offset_sealed.length > 28, 'a sealed offset');
    const before = linePoints((await (await open(made.token)).json()).track);

    // A row as written before migration 019: plaintext, 1 km east. It still answers, then the sweep
    // seals it and clears the columns, and it answers the same.
    await t.services.db.query(
      'UPDATE flightlog_shares SET offset_sealed = NULL, offset_e_m = 1000, offset_n_m = 0 WHERE id = $1',
      [made.share.id],
    );
    const plain = linePoints((await (await open(made.token)).json()).track);
    const moved = distanceM(plain[0][0], plain[0][1], truth[0][0], truth[0][1]);
    assert.ok(Math.abs(moved - 1000) < 2, `moved ${moved} m`);
    assert.notDeepEqual(plain[0], before[0]);
    const expiring = await (await share('trim')).json();
    await t.services.db.query(
      `UPDATE flightlog_shares SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.share.id],
    );
    const swept = await t.services.pilotData.shares.sweep();
    assert.ok(swept.expired >= 1 && swept.sealed === 1, JSON.stringify(swept));
    const after = await row();
    assert.equal(after.offset_e_m, null);
    assert.ok(after.offset_sealed);
    assert.deepEqual(linePoints((await (await open(made.token)).json()).track)[0], plain[0]);
    const { rows } = await t.services.db.query('SELECT 1 FROM flightlog_shares WHERE id = $1', [
      expiring.share.id,
    ]);
    assert.equal(rows.length, 0, 'the expired share row is gone');
    assert.deepEqual(await t.services.pilotData.shares.sweep(), { expired: 0, sealed: 0 });
  });

  test('the export lists the shares; deleting the log removes them', async () => {
    const { token } = await (await share('trim')).json();
    const exp = await (await fetch(`${t.url}/v1/accounts/me/export`, { headers: alice.auth })).json();
    assert.ok(exp.flight_log_shares.shares.length >= 1);
    assert.ok(!JSON.stringify(exp).includes(token));
    assert.equal(
      (await fetch(`${t.url}/v1/flightlogs/${logId}`, { method: 'DELETE', headers: alice.auth })).status,
      204,
    );
    assert.equal((await open(token)).status, 404);
    const { rows } = await t.services.db.query('SELECT 1 FROM flightlog_shares');
    assert.equal(rows.length, 0);
  });
});
