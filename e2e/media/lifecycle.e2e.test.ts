// A share's life on a real server with its data on disk: range reads, a kept (coarsened) location,
// the refusals (each a 4xx in the one error shape, never a 5xx), quota and rate limit, and deletion of
// an item and of an account, after which neither the stripped bytes, the thumbnail nor the title is in
// any file of the data dir (media store, database files and WAL).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import { filesContaining, MEDIA_DIR } from '../testing/media-tools.ts';

const read = (f: string) => readFileSync(join(MEDIA_DIR, f));
/** Six refused shares and one accepted: refusals count too. */
const SHARES_PER_HOUR = 7;

describe('community media on a real server', () => {
  let t: TestServer;
  let dataDir: string;
  const share = (auth: Record<string, string>, body: Buffer, query = '') =>
    fetch(`${t.url}/v1/media${query}`, { method: 'POST', headers: auth, body: new Uint8Array(body) });
  const refused = async (r: Response, status: number, code: string) => {
    const text = await r.text();
    assert.equal(r.status, status, text);
    assert.equal(errorShapeProblem(r.status, r.headers.get('content-type') ?? undefined, text), undefined);
    assert.equal(JSON.parse(text).error.code, code, text);
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'airlock-media-life-'));
    t = await startTestServer({
      dataDir,
      env: {
        AIRLOCK_MEDIA_IMAGE_MAX_BYTES: String(2 * 2 ** 20),
        AIRLOCK_MEDIA_QUOTA_BYTES: String(2 ** 20),
        AIRLOCK_MEDIA_SHARES_PER_HOUR: String(SHARES_PER_HOUR),
      },
    });
  });
  after(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a video is served whole and by single ranges; bad ranges get 416', async () => {
    const { auth } = await t.pilot('media-range@example.org');
    const r = await share(auth, read('android-gps.mp4'));
    const item = await r.json();
    assert.equal(r.status, 201, JSON.stringify(item));
    assert.equal(item.content_type, 'video/mp4');
    assert.equal(item.thumbnail_url, null);
    const whole = Buffer.from(await (await fetch(`${t.url}${item.file_url}`)).arrayBuffer());
    assert.equal(whole.length, item.bytes);
    for (const [range, from, to] of [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, whole.length - 1],
      ['bytes=-64', whole.length - 64, whole.length - 1],
    ] as const) {
      const p = await fetch(`${t.url}${item.file_url}`, { headers: { range } });
      assert.equal(p.status, 206, range);
      assert.equal(p.headers.get('content-range'), `bytes ${from}-${to}/${whole.length}`);
      assert.deepEqual(Buffer.from(await p.arrayBuffer()), whole.subarray(from, to + 1), range);
    }
    const beyond = await fetch(`${t.url}${item.file_url}`, {
      headers: { range: `bytes=${whole.length + 10}-` },
    });
    assert.equal(beyond.headers.get('content-range'), `bytes */${whole.length}`);
    await refused(beyond, 416, 'range_not_satisfiable');
    const head = await fetch(`${t.url}${item.file_url}`, { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    assert.equal(head.status, 206);
    assert.equal(head.headers.get('content-length'), '10');
    const again = await fetch(`${t.url}${item.file_url}`, { headers: { 'if-none-match': `"${item.id}"` } });
    assert.equal(again.status, 304);
  });

  test('keep_location=true keeps only the centre of a ~1 km cell, in the item, never in the file', async () => {
    const { auth } = await t.pilot('media-location@example.org');
    const r = await share(auth, read('pixel-gps.jpg'), '?keep_location=true&licence=CC-BY-4.0');
    const item = await r.json();
    assert.equal(r.status, 201, JSON.stringify(item));
    const truth = { lat: 50.299603, lon: 14.820294 };
    const d = metres(truth, item.location);
    assert.ok(d > 1 && d < 800, `coarsened ${d.toFixed(0)} m from the true position`);
    assert.equal(item.location.precision_m, 1000);
    assert.equal(item.licence, 'CC-BY-4.0');
    const bytes = Buffer.from(await (await fetch(`${t.url}${item.file_url}`)).arrayBuffer());
    for (const text of ['GPS', 'Exif', '50.29', '14.82']) assert.equal(bytes.includes(text), false, text);
  });

  test('refusals: empty, unknown, damaged, over the cap, over the quota, too many shares', async () => {
    const { auth } = await t.pilot('media-refusals@example.org');
    await refused(await share(auth, Buffer.alloc(0)), 400, 'empty_file');
    await refused(
      await share(auth, Buffer.from('%PDF-1.7 not a photo at all, nor a video')),
      415,
      'unsupported_media',
    );
    await refused(await share(auth, read('pixel-gps.jpg').subarray(0, 40_000)), 422, 'corrupt_media');
    await refused(await share(auth, read('android-gps.mp4').subarray(0, 100_000)), 422, 'corrupt_media');
    await refused(await share(auth, read('parrot-sequoia-rgb.jpg')), 413, 'too_large');
    await refused(await share(auth, read('flir-one-loci.mp4')), 413, 'quota_exceeded');
    const last = await share(auth, read('dji-mavic2pro-l1d20c.jpg'));
    assert.equal(last.status, 201, 'the seventh share of the hour is allowed');
    const over = await share(auth, read('dji-mavic2pro-l1d20c.jpg'));
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    await refused(over, 429, 'too_many_shares');
    assert.deepEqual(readdirSync(join(dataDir, 'media-staging')), [], 'no staged upload left behind');
  });

  test("lists: the public sees every share, a pilot only theirs; nobody deletes another pilot's", async () => {
    const alice = await t.pilot('media-alice@example.org');
    const bob = await t.pilot('media-bob@example.org');
    const item = await (await share(alice.auth, read('htc-desire-gps.webp'), '?title=Alpine%20lake')).json();
    const mine = await (await fetch(`${t.url}/v1/media/mine`, { headers: bob.auth })).json();
    assert.deepEqual(mine.items, []);
    const all = await (await fetch(`${t.url}/v1/media?limit=100`)).json();
    assert.ok(
      all.items.some((i: { id: string; title: string }) => i.id === item.id && i.title === 'Alpine lake'),
    );
    await refused(
      await fetch(`${t.url}/v1/media/${item.id}`, { method: 'DELETE', headers: bob.auth }),
      404,
      'not_found',
    );
    assert.equal((await fetch(`${t.url}/v1/media/${item.id}`)).status, 200);
  });

  test("a deleted item, and a deleted account's items, leave no byte and no title in the data dir", async () => {
    const pilot = await t.pilot('media-delete@example.org', 'a long enough password here');
    const title = `Sunset over Quarry ${Date.now().toString(36)}`;
    const video = await (
      await share(pilot.auth, read('iphone6-gps.mov'), `?title=${encodeURIComponent(title)}`)
    ).json();
    const photo = await (
      await share(pilot.auth, read('dji-mini3pro-fc3582.jpg'), `?title=${encodeURIComponent(title)}-2`)
    ).json();
    const needles = [
      ...(await samples(`${t.url}${video.file_url}`, 'video')),
      ...(await samples(`${t.url}${photo.file_url}`, 'photo')),
      ...(await samples(`${t.url}${photo.thumbnail_url}`, 'thumbnail')),
    ];
    assert.ok(
      filesContaining(dataDir, needles).length >= needles.length,
      'the samples are found before deletion',
    );
    for (const id of [video.id]) {
      const r = await fetch(`${t.url}/v1/media/${id}`, { method: 'DELETE', headers: pilot.auth });
      assert.equal(r.status, 204);
      assert.equal((await fetch(`${t.url}/v1/media/${id}/file`)).status, 404);
    }
    const gone = await fetch(`${t.url}/v1/accounts/me`, {
      method: 'DELETE',
      headers: { ...pilot.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'a long enough password here' }),
    });
    assert.equal(gone.status, 204, await gone.text());
    assert.equal((await fetch(`${t.url}${photo.file_url}`)).status, 404);
    const left = filesContaining(dataDir, [...needles, ['title', Buffer.from(title)]]);
    assert.deepEqual(left, []);
  });
});

/** Three 48-byte windows of a served file (none all zero), labelled, for the scan after deletion. */
async function samples(url: string, label: string): Promise<Array<[string, Buffer]>> {
  const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
  const out: Array<[string, Buffer]> = [];
  for (const at of [0.25, 0.5, 0.75]) {
    let i = Math.floor(bytes.length * at);
    while (i + 48 < bytes.length && bytes.subarray(i, i + 48).every((b) => b === 0)) i += 48;
    out.push([`${label} bytes at ${i}`, Buffer.from(bytes.subarray(i, i + 48))]);
  }
  return out;
}

function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return Math.hypot(x, (b.lat - a.lat) * rad) * 6_371_008.8;
}
