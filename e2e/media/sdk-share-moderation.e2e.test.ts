// The SDK's media subpath against the corpus and a real server: what `media.inspect` reads on the
// device covers every location, time and device tag ExifTool 12.57 found in each file (its recorded
// output, expected-sensitive.json); a cut-short file never throws; `airlock.media.share` sends one item
// through the one transport, recorded in the ledger as the pilot's own action; nothing else in the SDK
// sends media. Moderation on the same server: a report, the operator's queue (never who reported), and a
// hidden item answering 451 on every route at once (item, file, ranged and revalidated reads, HEAD,
// thumbnail; gone from the list), then restored and removed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAirlock } from '../../packages/sdk/src/index.ts';
import { createMedia, inspectMedia } from '../../packages/sdk/src/media/index.ts';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import { MEDIA_DIR, readCorpus } from '../testing/media-tools.ts';

const read = (f: string) => new Uint8Array(readFileSync(join(MEDIA_DIR, f)));

describe('media.inspect against ExifTool on every corpus file', () => {
  for (const f of readCorpus()) {
    test(f.file, async () => {
      const seen = await inspectMedia(read(f.file));
      const named = new Set(seen.found.map((t) => `${t.group}:${t.tag}`.toLowerCase()));
      // A whole block read no further (a maker note, a FLIR record) covers every tag ExifTool reads in it.
      const blocks = new Set(seen.found.filter((t) => t.tag === '*').map((t) => t.group.toLowerCase()));
      const corpus = f as typeof f & { categories: Record<string, string[]>; maker_note_groups?: string[] };
      const wanted = ['location', 'time', 'device'].flatMap((c) => corpus.categories[c] ?? []);
      const missing = wanted.filter((tag) => {
        const group = tag.split(':')[0];
        if (named.has(tag.toLowerCase())) return false;
        if (blocks.has(group.toLowerCase().replace(/\d+$/, ''))) return false;
        return !(corpus.maker_note_groups?.includes(group) && blocks.has('makernotes'));
      });
      assert.deepEqual(missing, [], `${f.file}: ExifTool found these, inspect did not`);
      assert.equal(seen.removed.length, seen.found.length);
      // HEIC: the server refuses it (no HEVC decoder), and the SDK says so before sending.
      assert.equal(seen.shareable, f.expect === 'strip' && f.format !== 'HEIC', `${f.file}: ${seen.format}`);
    });
  }

  test('a file cut anywhere, or with bytes flipped, is read without throwing', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const f of readdirSync(MEDIA_DIR).filter((n) => /\.(jpg|png|webp|heic|avif|mp4|mov)$/.test(n))) {
      const bytes = read(f).subarray(0, 300_000);
      for (let i = 0; i < 40; i++) {
        const copy = bytes.slice(0, Math.floor(random() * bytes.length));
        for (let k = 0; k < 8; k++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
        await inspectMedia(copy);
      }
    }
  });
});

const OPERATOR = 'operator-token-for-the-media-test';

// One server for the SDK's shares and the moderation checks: starting one is the slow part.
describe('airlock.media.share through the one transport', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { AIRLOCK_ADMIN_TOKEN: OPERATOR } });
  });
  after(async () => t?.close());

  test('one call, one recorded request, a stripped item; keepLocation keeps a coarse position', async () => {
    const { token } = await t.pilot('sdk-share@example.org');
    const airlock = createAirlock({ serverUrl: t.url, auth: () => token, media: createMedia });
    assert.ok(airlock.media);
    const file = read('dji-mini3pro-fc3582.jpg');
    const shared = await airlock.media.share(file, {
      title: 'Lapland',
      licence: 'CC-BY-4.0',
      keepLocation: true,
    });
    assert.equal(shared.status, 201, shared.error);
    assert.ok(
      shared.inspection.found.some((t) => t.group === 'XMP-drone-dji' && t.tag === 'DroneSerialNumber'),
    );
    assert.equal(shared.inspection.kept.length, 1);
    assert.equal(shared.item?.title, 'Lapland');
    assert.equal(shared.item?.location?.precision_m, 1000);
    const entries = (await airlock.ledger.list()).filter((e) => e.category === 'media');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].userAction, true);
    assert.equal(entries[0].bytes, file.length);
    assert.equal(entries[0].status, 201);
    const served = Buffer.from(await (await fetch(`${t.url}${shared.item?.file_url}`)).arrayBuffer());
    assert.equal(
      (await inspectMedia(new Uint8Array(served))).found.length,
      0,
      'the served file says nothing',
    );
    airlock.close();
  });

  test('a video with a poster the device decoded: served as a stripped thumbnail, two recorded requests', async () => {
    const { token } = await t.pilot('sdk-poster@example.org');
    const other = await t.pilot('sdk-poster-other@example.org');
    const airlock = createAirlock({ serverUrl: t.url, auth: () => token, media: createMedia });
    // A stand-in for a frame the app drew: a photo full of GPS and serials, which must not survive.
    const frame = read('dji-mini3pro-fc3582.jpg');
    const shared = await airlock.media?.share(read('android-gps.mp4'), { title: 'Lift-off', poster: frame });
    assert.equal(shared?.poster?.status, 200, shared?.poster?.error);
    const url = shared?.item?.thumbnail_url;
    assert.ok(url);
    const poster = await fetch(`${t.url}${url}`);
    assert.equal(poster.headers.get('content-type'), 'image/webp');
    const bytes = new Uint8Array(await poster.arrayBuffer());
    assert.deepEqual((await inspectMedia(bytes)).found, []);
    assert.equal(Buffer.from(bytes).indexOf('drone-dji'), -1);
    const media = (await airlock.ledger.list()).filter((e) => e.category === 'media');
    assert.deepEqual(
      media.map((e) => [e.method, e.userAction, e.status]),
      [
        ['POST', true, 201],
        ['PUT', true, 200],
      ],
    );
    const put = (auth: Record<string, string>, id: string, body: Uint8Array<ArrayBuffer>) =>
      fetch(`${t.url}/v1/media/${id}/poster`, { method: 'PUT', headers: auth, body });
    assert.equal((await put(other.auth, shared?.item?.id ?? '', frame)).status, 404, 'only the owner');
    const photo = await airlock.media?.share(read('pixel-gps.jpg'));
    assert.equal((await put({ authorization: `Bearer ${token}` }, photo?.item?.id ?? '', frame)).status, 409);
    const srt = new Uint8Array(readFileSync(join(MEDIA_DIR, 'dji-air2s.srt')));
    assert.equal((await put({ authorization: `Bearer ${token}` }, shared?.item?.id ?? '', srt)).status, 415);
    airlock.close();
  });

  test('signed out, HEIC or an SRT sidecar: nothing leaves; without createMedia there is no media at all', async () => {
    const sent: string[] = [];
    const airlock = createAirlock({ serverUrl: t.url, auth: () => null, media: createMedia });
    airlock.onSend((r) => sent.push(r.url));
    assert.match((await airlock.media?.share(read('pixel-gps.jpg')))?.error ?? '', /not signed in/);
    assert.match((await airlock.media?.share(read('iphone-xsmax.heic')))?.error ?? '', /HEIC/);
    assert.match((await airlock.media?.share(read('dji-air2s.srt')))?.error ?? '', /file type/);
    assert.deepEqual(sent, []);
    assert.equal(createAirlock({ serverUrl: t.url }).media, null);
    airlock.close();
  });

  test('moderation: report, queue, hide (451 on every route at once), restore, remove', async () => {
    const owner = await t.pilot('media-owner@example.org');
    const reporter = await t.pilot('media-reporter@example.org');
    const share = async (file: string) => {
      const r = await fetch(`${t.url}/v1/media`, { method: 'POST', headers: owner.auth, body: read(file) });
      assert.equal(r.status, 201);
      return (await r.json()) as { id: string; file_url: string; thumbnail_url: string };
    };
    const photo = await share('pixel-gps.jpg');
    const json = { 'content-type': 'application/json' };
    const name = (public_name: unknown) =>
      fetch(`${t.url}/v1/media/profile`, {
        method: 'PUT',
        headers: { ...owner.auth, ...json },
        body: JSON.stringify({ public_name }),
      });
    assert.equal((await name('x'.repeat(61))).status, 400);
    assert.equal((await name('Lake pilot')).status, 200);
    const credited = await (await fetch(`${t.url}/v1/media/${photo.id}`)).json();
    assert.equal(credited.by, 'Lake pilot', 'the public name shows on every share at once');
    assert.ok(!JSON.stringify(credited).includes('media-owner'), 'never the e-mail');
    const report = (id: string, body: unknown, auth: Record<string, string> = reporter.auth) =>
      fetch(`${t.url}/v1/media/${id}/reports`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify(body),
      });
    const decide = (id: string, decision: string, token = OPERATOR) =>
      fetch(`${t.url}/v1/admin/media/${id}/decision`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...json },
        body: JSON.stringify({ decision }),
      });
    const queue = async () => {
      const r = await fetch(`${t.url}/v1/admin/media/reports`, {
        headers: { authorization: `Bearer ${OPERATOR}` },
      });
      assert.equal(r.status, 200);
      return (await r.json()) as {
        items: Array<{ item: { id: string }; reports: Array<{ reason: string }> }>;
      };
    };

    assert.equal((await report(photo.id, { reason: 'nonsense' })).status, 400);
    assert.equal((await report(photo.id, { reason: 'spam' }, {})).status, 401);
    assert.equal((await report('00000000-0000-4000-8000-000000000000', { reason: 'spam' })).status, 404);
    assert.equal((await report(photo.id, { reason: 'spam' })).status, 201);
    assert.equal((await report(photo.id, { reason: 'shows_location', note: 'my house' })).status, 201);
    assert.equal((await fetch(`${t.url}/v1/admin/media/reports`)).status, 401);
    assert.equal((await decide(photo.id, 'hide', 'wrong')).status, 401);
    const open = await queue();
    assert.deepEqual(
      open.items.map((e) => [e.item.id, e.reports.map((r) => r.reason)]),
      [[photo.id, ['shows_location']]],
    );
    assert.ok(!JSON.stringify(open).includes(reporter.id), 'the queue never says who reported');

    const etag = (await fetch(`${t.url}${photo.file_url}`, { method: 'HEAD' })).headers.get('etag') ?? '';
    assert.equal(
      (await fetch(`${t.url}${photo.file_url}`, { headers: { 'if-none-match': etag } })).status,
      304,
    );
    assert.equal((await decide(photo.id, 'hide')).status, 204);
    const reads: Array<[string, RequestInit]> = [
      [`/v1/media/${photo.id}`, {}],
      [photo.file_url, {}],
      [photo.file_url, { headers: { range: 'bytes=0-99' } }],
      [photo.file_url, { headers: { 'if-none-match': etag } }],
      [photo.file_url, { method: 'HEAD' }],
      [photo.thumbnail_url, {}],
    ];
    for (const [path, init] of reads) {
      const r = await fetch(`${t.url}${path}`, init);
      const body = await r.text();
      assert.equal(r.status, 451, `${path} ${JSON.stringify(init)}`);
      if (init.method !== 'HEAD')
        assert.equal(
          errorShapeProblem(r.status, r.headers.get('content-type') ?? undefined, body),
          undefined,
        );
    }
    const listed = (await (await fetch(`${t.url}/v1/media?limit=100`)).json()) as {
      items: Array<{ id: string }>;
    };
    assert.ok(!listed.items.some((i) => i.id === photo.id), 'gone from the public list');
    const mine = (await (await fetch(`${t.url}/v1/media/mine`, { headers: owner.auth })).json()) as {
      items: Array<{ id: string; hidden: boolean }>;
    };
    assert.deepEqual(
      mine.items.map((i) => [i.id, i.hidden]),
      [[photo.id, true]],
    );
    assert.equal((await report(photo.id, { reason: 'spam' })).status, 451);
    assert.deepEqual((await queue()).items, [], 'a decision closes the reports');

    assert.equal((await decide(photo.id, 'restore')).status, 204);
    assert.equal(
      (await fetch(`${t.url}${photo.file_url}`, { headers: { range: 'bytes=0-99' } })).status,
      206,
    );
    assert.equal((await decide(photo.id, 'remove')).status, 204);
    assert.equal((await fetch(`${t.url}${photo.file_url}`)).status, 404);
    assert.equal((await decide(photo.id, 'hide')).status, 404);
    const after = (await (await fetch(`${t.url}/v1/media/mine`, { headers: owner.auth })).json()) as {
      items: [];
    };
    assert.deepEqual(after.items, []);
  });

  test('no SDK source outside media/ sends the media category', () => {
    const root = new URL('../../packages/sdk/src/', import.meta.url).pathname;
    const offenders = (readdirSync(root, { recursive: true }) as string[]).filter(
      (p) =>
        p.endsWith('.ts') &&
        !p.startsWith('media/') &&
        !p.endsWith('.test.ts') &&
        /category:\s*'media'/.test(readFileSync(join(root, p), 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});
