// Per-pilot storage quota over loopback: unfinished uploads reserve their declared size, stored logs
// count, a pilot has a bounded number of unfinished uploads, and every refusal is a JSON error.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const KIB = 1024;
const GPX = Buffer.from(`<?xml version="1.0"?>
<gpx version="1.1" creator="quota-test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="47.3769" lon="8.5417"><ele>410</ele><time>2024-05-01T10:00:00Z</time></trkpt>
<trkpt lat="47.3771" lon="8.5420"><ele>420</ele><time>2024-05-01T10:00:05Z</time></trkpt>
<trkpt lat="47.3774" lon="8.5425"><ele>430</ele><time>2024-05-01T10:00:10Z</time></trkpt>
</trkseg></trk></gpx>`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('flight-log upload quota', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      env: { AIRLOCK_PILOT_QUOTA_BYTES: String(1024 * KIB), AIRLOCK_PILOT_MAX_OPEN_UPLOADS: '6' },
    });
  });
  after(async () => t.close());

  const create = (auth: Record<string, string>, length: number, hash = 'ab'.repeat(32)) =>
    fetch(`${t.url}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: {
        ...auth,
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(length),
        'Upload-Metadata': `sha256 ${Buffer.from(hash).toString('base64')}`,
      },
    });

  test('parallel uploads reserve their declared size: past the quota 413, past the open-upload cap 429', async () => {
    const p = await t.pilot('quota@example.org');
    // 40 at once, 256 KiB each, against 1 MiB: exactly four fit, whatever the interleaving.
    const answers = await Promise.all(Array.from({ length: 40 }, () => create(p.auth, 256 * KIB)));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 4, statuses.join());
    assert.equal(statuses.filter((s) => s === 413).length, 36);
    const refused = answers.find((r) => r.status === 413)!;
    const { error } = await refused.json();
    assert.equal(error.code, 'quota_exceeded');
    assert.match(error.message, /storage quota of 1048576 bytes \(0 stored, 1048576 reserved/);
    // Cancelling one frees its reservation.
    const first = answers.find((r) => r.status === 201)!;
    const url = new URL(first.headers.get('location')!, `${t.url}/v1/flightlogs/uploads/`).href;
    const del = await fetch(url, { method: 'DELETE', headers: { ...p.auth, 'Tus-Resumable': '1.0.0' } });
    assert.equal(del.status, 204);
    assert.equal((await create(p.auth, 256 * KIB)).status, 201);
    // Another pilot has a quota of its own.
    const other = await t.pilot('quota-other@example.org');
    assert.equal((await create(other.auth, 1000 * KIB)).status, 201);
  });

  test('a pilot has at most AIRLOCK_PILOT_MAX_OPEN_UPLOADS unfinished uploads', async () => {
    const p = await t.pilot('many@example.org');
    for (let i = 0; i < 6; i++) assert.equal((await create(p.auth, KIB)).status, 201);
    const r = await create(p.auth, KIB);
    assert.equal(r.status, 429);
    assert.equal((await r.json()).error.code, 'too_many_uploads');
  });

  test('stored logs count against the quota', async () => {
    const p = await t.pilot('stored@example.org');
    const created = await create(p.auth, GPX.length, sha(GPX));
    assert.equal(created.status, 201);
    const url = new URL(created.headers.get('location')!, `${t.url}/v1/flightlogs/uploads/`).href;
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...p.auth,
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      },
      body: GPX,
    });
    assert.equal(patch.status, 204, await patch.text());
    assert.ok(patch.headers.get('airlock-flightlog-id'));
    assert.equal((await create(p.auth, 1024 * KIB - GPX.length + 1)).status, 413);
    assert.equal((await create(p.auth, 1024 * KIB - GPX.length)).status, 201);
  });
});
