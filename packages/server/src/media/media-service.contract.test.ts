// The media service's SQL on each database adapter (PGlite always, PostgreSQL when
// AIRLOCK_TEST_DATABASE_URL is set): shares, public and own pages, the quota under concurrent shares,
// delete with its residue erasure, the orphan sweep, and moderation, public names and posters.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { eraseResidue } from '../accounts/index.ts';
import { MemoryBlobStore } from '../blobs/index.ts';
import { silentLogger } from '../log/index.ts';
import { type Database, forEachTestDatabase } from '../storage/index.ts';
import { type MediaLimits, MediaService } from './index.ts';
import { sweepOrphans } from './media-sweeps.ts';

const LIMITS: MediaLimits = {
  imageMaxBytes: 2 ** 20,
  videoMaxBytes: 2 ** 20,
  maxPixels: 10_000_000,
  quotaBytes: 2 ** 20,
  sharesPerHour: 1000,
};
const stream = (b: Buffer) => new Blob([new Uint8Array(b)]).stream();
const photo = (seed: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r: seed % 256, g: 90, b: 140 } } })
    .jpeg({ quality: 95 })
    .toBuffer();

for (const factory of forEachTestDatabase()) {
  describe(`MediaService on ${factory.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    const staging = mkdtempSync(join(tmpdir(), 'airlock-media-contract-'));
    before(async () => {
      ({ db, dispose } = await factory.open());
    });
    after(async () => {
      await dispose();
      rmSync(staging, { recursive: true, force: true });
    });
    const pilot = async () => {
      const id = randomUUID();
      await db.query(
        "INSERT INTO pilots (id, email_hmac, email_sealed, password_hash) VALUES ($1, $2, $3, 'x')",
        [id, randomBytes(32), randomBytes(48)],
      );
      return id;
    };
    const open = (store = new MemoryBlobStore(), limits = LIMITS) => {
      let erased = 0;
      const media = new MediaService(
        db,
        store,
        staging,
        limits,
        async () => {
          erased++;
          await eraseResidue(db, ['media_items']);
        },
        silentLogger,
      );
      return { media, store, erased: () => erased };
    };

    test('shares, pages (public and own), delete with residue erasure', async () => {
      const { media, store, erased } = open();
      const [alice, bob] = [await pilot(), await pilot()];
      const shared = [];
      for (let i = 0; i < 5; i++) {
        const body = await photo(i);
        const who = i % 2 ? bob : alice;
        shared.push(
          await media.share(who, stream(body), body.length, {
            title: `t${i}`,
            licence: 'CC0-1.0',
            keepLocation: false,
          }),
        );
      }
      const ids: string[] = [];
      for (let cursor: string | undefined, n = 0; n < 5; n++) {
        const page = await media.list({ limit: 2, cursor });
        ids.push(...page.items.map((i) => i.id));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      assert.deepEqual(ids, shared.map((s) => s.id).reverse(), 'newest first, every item once');
      const mine = await media.list({ limit: 10, pilotId: bob });
      assert.deepEqual(
        mine.items.map((i) => i.title),
        ['t3', 't1'],
      );
      assert.equal(await media.delete(bob, shared[0].id), false, "not bob's");
      assert.equal(await media.delete(alice, shared[0].id), true);
      assert.equal(await media.get(shared[0].id), null);
      assert.equal((await store.list(`pilots/${alice}/media/${shared[0].id}/`)).length, 0);
      assert.equal(erased(), 1);
      assert.deepEqual(await media.exportFor(bob), { public_name: null, items: mine.items, reports: [] });
    });

    test('two shares at once cannot both pass the quota', async () => {
      const body = await photo(7);
      const { media } = open(new MemoryBlobStore(), { ...LIMITS, quotaBytes: 2 * body.length });
      const who = await pilot();
      const results = await Promise.allSettled(
        [0, 1, 2].map(() =>
          media.share(who, stream(body), body.length, { licence: 'CC0-1.0', keepLocation: false }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      assert.ok(ok >= 1 && ok <= 2, `${ok} passed`);
      assert.ok((await media.rows.usage(who)) <= 2 * body.length);
      for (const r of results)
        if (r.status === 'rejected') assert.equal((r.reason as { code: string }).code, 'quota_exceeded');
    });

    test('moderation, the public name and a poster, in SQL', async () => {
      const { media, store } = open(new MemoryBlobStore(), { ...LIMITS, quotaBytes: 10_000 });
      const [owner, reporter] = [await pilot(), await pilot()];
      const body = await photo(9);
      const item = await media.share(owner, stream(body), body.length, {
        licence: 'CC0-1.0',
        keepLocation: false,
      });
      assert.equal(await media.moderation.report(reporter, item.id, 'spam', null), true);
      assert.equal(await media.moderation.report(reporter, item.id, 'copyright', 'mine'), true);
      assert.equal(await media.moderation.report(reporter, randomUUID(), 'spam', null), false);
      const queue = await media.moderation.queue(10);
      assert.deepEqual(
        queue.map((e) => [e.item.id, e.reports.map((r) => [r.reason, r.note])]),
        [[item.id, [['copyright', 'mine']]]],
      );
      assert.equal(await media.moderation.decide(item.id, 'hide'), true);
      await assert.rejects(media.get(item.id), { code: 'hidden', status: 451 });
      await assert.rejects(media.thumbnail(item.id), { code: 'hidden' });
      assert.ok(!(await media.list({ limit: 100 })).items.some((i) => i.id === item.id));
      assert.equal((await media.list({ limit: 10, pilotId: owner })).items[0].hidden, true);
      assert.deepEqual(await media.moderation.queue(10), []);
      assert.equal(await media.moderation.decide(item.id, 'restore'), true);
      assert.equal((await media.get(item.id))?.hidden, false);

      await media.setPublicName(owner, 'Lake pilot');
      assert.equal((await media.get(item.id))?.by, 'Lake pilot');
      await media.setPublicName(owner, null);
      assert.equal((await media.get(item.id))?.by, null);

      // A video row (its stripping is tested elsewhere): a poster within the quota, then one past it.
      const video = randomUUID();
      const row = {
        id: video,
        pilot_id: owner,
        kind: 'video' as const,
        content_type: 'video/mp4',
        ext: 'mp4',
      };
      const rest = {
        width: 1,
        height: 1,
        duration_ms: 1,
        title: null,
        licence: 'CC0-1.0',
        coarse_lat: null,
        coarse_lon: null,
      };
      assert.ok(
        await media.rows.insertWithinQuota({ ...row, ...rest, file_bytes: 100, thumb_bytes: 0 }, 10_000),
      );
      await assert.rejects(media.setPoster(owner, item.id, body), { code: 'not_a_video' });
      assert.equal(await media.setPoster(reporter, video, body), null);
      const withPoster = await media.setPoster(owner, video, body);
      assert.equal(withPoster?.thumbnail_url, `/v1/media/${video}/thumbnail`);
      // Noise: a poster far larger than the first one, with only 10 bytes of the quota left.
      const big = await sharp(randomBytes(240 * 240 * 3), { raw: { width: 240, height: 240, channels: 3 } })
        .png()
        .toBuffer();
      const filler = 10_000 - (await media.rows.usage(owner)) - 10;
      const rowFiller = { ...row, ...rest, id: randomUUID(), file_bytes: filler, thumb_bytes: 0 };
      assert.ok(await media.rows.insertWithinQuota(rowFiller, 10_000));
      await assert.rejects(media.setPoster(owner, video, big), { code: 'quota_exceeded' });

      assert.equal(await media.moderation.decide(item.id, 'remove'), true);
      assert.equal(await media.get(item.id), null);
      assert.equal((await store.list(`pilots/${owner}/media/${item.id}/`)).length, 0);
      assert.deepEqual(await media.moderation.reportsBy(reporter), []);
    });

    test('the orphan sweep removes blobs without a row, once they are old enough', async () => {
      const { media, store } = open();
      const who = await pilot();
      const body = await photo(9);
      const kept = await media.share(who, stream(body), body.length, {
        licence: 'CC0-1.0',
        keepLocation: false,
      });
      await store.put(`pilots/${who}/media/${randomUUID()}/file.jpg`, body);
      assert.equal(await sweepOrphans(store, media.rows), 0, 'young orphans may be a share in flight');
      assert.equal(await sweepOrphans(store, media.rows, Date.now() + 2 * 3600_000), 1);
      assert.equal((await store.list(`pilots/${who}/`)).length, 2, 'the shared file and thumbnail stay');
      assert.ok(await media.get(kept.id));
    });
  });
}
