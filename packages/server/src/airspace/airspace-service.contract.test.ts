import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createLogger, silentLogger } from '../log/index.ts';
import { type Database, forEachTestDatabase } from '../storage/index.ts';
import { AirspaceService, DatasetConflictError } from './airspace-service.ts';

const OPENAIR = readFileSync(
  new URL('../../../../../shared/data/airspace/openair/ksgu-airspaces.txt', import.meta.url),
  'utf8',
);
const ED269 = readFileSync(
  new URL('../../../../../shared/data/airspace/ed269/interuss-geo-awareness-che-1.json', import.meta.url),
  'utf8',
);

for (const factory of forEachTestDatabase()) {
  describe(`AirspaceService on ${factory.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ db, dispose } = await factory.open());
    });
    after(async () => dispose());

    test('a listening instance sees an import and a removal by another within a second, without polling', async () => {
      const a = new AirspaceService(db, silentLogger);
      const b = new AirspaceService(db, silentLogger);
      await a.refresh();
      await b.refresh();
      await b.listenForChanges();
      try {
        const seen = async (cond: () => boolean) => {
          const started = Date.now();
          while (!cond()) {
            assert.ok(Date.now() - started < 1000, 'seen within a second');
            await new Promise((r) => setTimeout(r, 10));
          }
        };
        const out = await a.importDataset({ id: 'notified', files: [{ name: 'n.txt', text: OPENAIR }] });
        await seen(() => b.fingerprint === a.fingerprint && b.index.size === a.index.size);
        assert.ok(out.dataset.zoneCount > 0);
        await a.removeDataset('notified');
        await seen(() => b.fingerprint === a.fingerprint);
      } finally {
        a.close();
        b.close();
      }
    });

    test('a bundled dataset is stored without its zones and rebuilt from the shipped files', async () => {
      const files = [{ name: 'ksgu.txt', text: OPENAIR }];
      const a = new AirspaceService(db, silentLogger);
      const out = await a.importDataset({ id: 'bundle', files, format: 'openair', bundled: true });
      assert.ok(out.dataset.zoneCount > 0);
      assert.equal((await a.store.zonesOf('bundle')).length, 0, 'no zone rows in SQL');
      const rebuilt = new AirspaceService(db, silentLogger, { bundledFiles: () => files });
      await rebuilt.refresh();
      assert.equal(rebuilt.index.size, a.index.size);
      assert.deepEqual(
        rebuilt.index.near(-113.51, 37.036, 5000).map((h) => h.zone.id),
        a.index.near(-113.51, 37.036, 5000).map((h) => h.zone.id),
      );
      // A server shipping other files cannot rebuild it, and says so rather than invent zones.
      const lines: string[] = [];
      const other = new AirspaceService(
        db,
        createLogger('debug', (l) => lines.push(l)),
        {
          bundledFiles: () => [{ name: 'ksgu.txt', text: `${OPENAIR}\n* changed` }],
        },
      );
      await other.refresh();
      assert.ok(lines.some((l) => l.includes('bundled dataset cannot be rebuilt')));
      await a.removeDataset('bundle');
      for (const s of [a, rebuilt, other]) s.close();
    });

    test('two instances on one database: an import on one is seen by the other after refresh', async () => {
      const a = new AirspaceService(db, silentLogger);
      const b = new AirspaceService(db, silentLogger);
      await a.refresh();
      await b.refresh();
      assert.equal(b.index.size, 0);
      const out = await a.importDataset({
        id: 'ksgu',
        files: [{ name: 'ksgu.txt', text: OPENAIR }],
        licence: 'MIT',
      });
      assert.equal(a.index.size, out.dataset.zoneCount);
      assert.equal(out.dataset.licence, 'MIT');
      assert.equal(b.index.size, 0, 'not yet refreshed');
      const before = b.fingerprint;
      assert.equal(await b.refresh(), true);
      assert.equal(b.index.size, out.dataset.zoneCount);
      assert.notEqual(b.fingerprint, before);
      assert.equal(await b.refresh(), false, 'nothing changed');
      // Layering: a second dataset adds to the first; replacing needs replace.
      await a.importDataset({ id: 'che', files: [{ name: 'che.json', text: ED269 }] });
      await assert.rejects(
        a.importDataset({ id: 'che', files: [{ name: 'ksgu.txt', text: OPENAIR }] }),
        DatasetConflictError,
      );
      const same = await a.importDataset({ id: 'che', files: [{ name: 'che.json', text: ED269 }] });
      assert.equal(same.changed, false, 'same content again is a no-op');
      await b.refresh();
      assert.equal(b.index.size, a.index.size);
      assert.ok(b.index.near(7.0, 46.45, 50_000).length > 0, 'Swiss zones found on the other instance');
      await a.removeDataset('ksgu');
      await b.refresh();
      assert.equal(b.index.size, a.index.size);
      assert.equal(b.index.near(-113.51, 37.036, 1000).length, 0);
    });
  });
}
