// The media service's SQL on each database adapter (PGlite always, PostgreSQL when
// AIRLOCK_TEST_DATABASE_URL is set): shares, public and own pages, the quota under concurrent shares,
// delete with its residue erasure, and the orphan sweep.
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
