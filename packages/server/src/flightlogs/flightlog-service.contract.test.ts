// The flight-log service's SQL on each database adapter (PGlite always, PostgreSQL when
// AIRLOCK_TEST_DATABASE_URL is set): import, dedupe, pages, delete, and the orphan sweep.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MemoryBlobStore } from '../blobs/index.ts';
import { silentLogger } from '../log/index.ts';
import { type Database, forEachTestDatabase } from '../storage/index.ts';
import { testAccounts } from '../testing/test-accounts.ts';
import { FlightLogListIndex, listEntry } from './flightlog-list-index.ts';
import { FlightLogService } from './index.ts';
import { ORPHAN_MIN_AGE_MS, sweepOrphanBlobs } from './sweeps.ts';

const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url).pathname;
const files = [
  'gpx/airdata_mini2_2021-09-05.gpx',
  'kml/airdata_mini2_2021-09-05.kml',
  'tlog/capture.mav2.battery_status.tlog',
];

for (const factory of forEachTestDatabase()) {
  describe(`FlightLogService on ${factory.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ db, dispose } = await factory.open());
    });
    after(async () => {
      await dispose();
    });

    test('import, dedupe, keyset pages, delete, orphan sweep', async () => {
      const { keyring, accounts } = testAccounts(db);
      const blobs = new MemoryBlobStore();
      const service = new FlightLogService(db, keyring, blobs, { maxBytes: 1e8 }, silentLogger);
      const a = await accounts.signUp('pia@example.org', 'correct horse battery staple');
      const b = await accounts.signUp('quinn@example.org', 'correct horse battery staple');
      const ids: string[] = [];
      for (const f of files) {
        const { log, created } = await service.importBytes(a.id, readFileSync(join(SAMPLES, f)), {
          filename: f,
        });
        assert.equal(created, true);
        ids.push(log.id);
      }
      const again = await service.importBytes(a.id, readFileSync(join(SAMPLES, files[0])), { filename: 'x' });
      assert.deepEqual([again.created, again.log.id], [false, ids[0]]);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await service.list(a.id, { limit: 2, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen.sort(), [...ids].sort());
      assert.deepEqual((await service.list(b.id, { limit: 10 })).items, []);
      assert.equal(await service.get(b.id, ids[0]), null);
      assert.equal(await service.delete(b.id, ids[0]), false);
      assert.equal(await service.delete(a.id, ids[0]), true);
      assert.equal((await blobs.list(`pilots/${a.id}/flightlogs/${ids[0]}/`)).length, 0);
      assert.deepEqual([...(await service.rows.existing(ids))].sort(), ids.slice(1).sort());
      // Blobs whose row never came are swept once older than the minimum age, and only those.
      await blobs.put(
        `pilots/${a.id}/flightlogs/00000000-0000-4000-8000-000000000000/original`,
        Buffer.from('x'),
      );
      assert.equal(await sweepOrphanBlobs(blobs, service.rows), 0, 'too young to be an orphan');
      assert.equal(await sweepOrphanBlobs(blobs, service.rows, Date.now() + ORPHAN_MIN_AGE_MS + 1000), 1);
      assert.equal((await service.list(a.id, { limit: 10 })).items.length, 2);
      assert.ok((await service.track(a.id, ids[1]))?.length);
    });

    test('filtered lists come from the opened list index, which sees changes made by another server', async () => {
      const { keyring, accounts } = testAccounts(db);
      const blobs = new MemoryBlobStore();
      // Two servers on one database: `other` imports and deletes behind this one's back.
      const here = new FlightLogService(db, keyring, blobs, { maxBytes: 1e8 }, silentLogger);
      const other = new FlightLogService(db, keyring, blobs, { maxBytes: 1e8 }, silentLogger);
      const p = await accounts.signUp('rune@example.org', 'correct horse battery staple');
      const q = await accounts.signUp('sol@example.org', 'correct horse battery staple');
      const bytes = (f: string) => readFileSync(join(SAMPLES, f));
      const gpx = (await here.importBytes(p.id, bytes(files[0]), { filename: 'a.gpx' })).log;
      await here.importBytes(q.id, bytes(files[1]), { filename: 'q.kml' });
      const byFormat = async (format: string) =>
        (await here.list(p.id, { limit: 10, format })).items.map((i) => i.id);

      assert.deepEqual(await byFormat('gpx'), [gpx.id]);
      assert.deepEqual(here.listIndex.stats().pilots, 1, "p's opened keys are held");
      const tlog = (await other.importBytes(p.id, bytes(files[2]), { filename: 'c.tlog' })).log;
      assert.deepEqual(await byFormat('tlog'), [tlog.id], 'an import elsewhere is seen at once');
      assert.equal(await other.delete(p.id, gpx.id), true);
      assert.deepEqual(await byFormat('gpx'), [], 'a delete elsewhere is seen at once');
      // A log stored before list keys had a column of their own is read from its whole summary.
      await db.query('UPDATE flightlogs SET list_keys = NULL WHERE id = $1', [tlog.id]);
      here.listIndex.forget(p.id);
      assert.deepEqual(await byFormat('tlog'), [tlog.id], 'an older row (no list_keys) is listed');
      const sorted = await here.list(p.id, { limit: 10, sort: 'start', order: 'asc' });
      assert.deepEqual(
        sorted.items.map((i) => [i.id, i.filename]),
        [[tlog.id, 'c.tlog']],
        "whole views of p's logs only",
      );
      assert.deepEqual((await here.list(q.id, { limit: 10, format: 'kml' })).items.length, 1);
      assert.equal(here.listIndex.stats().pilots, 2);
      await here.eraseFor(p.id);
      assert.equal(here.listIndex.stats().pilots, 1, 'forgotten with the pilot');

      // Over the byte budget: used for the answer, not kept; past its time: opened again.
      const key = await keyring.get(q.id);
      const tiny = new FlightLogListIndex(db, { maxBytes: 10, ttlMs: 60_000 });
      assert.equal((await tiny.entries(q.id, (r) => listEntry(key, r))).length, 1);
      assert.deepEqual(tiny.stats(), { pilots: 0, bytes: 0 });
      const brief = new FlightLogListIndex(db, { maxBytes: 1e6, ttlMs: -1 });
      let opened = 0;
      const count = (r: Parameters<typeof listEntry>[1]) => {
        opened++;
        return listEntry(key, r);
      };
      await brief.entries(q.id, count);
      await brief.entries(q.id, count);
      assert.equal(opened, 2, 'an expired index is opened again');
    });
  });
}
