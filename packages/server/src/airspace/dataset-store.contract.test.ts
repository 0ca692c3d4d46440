// One contract, every database adapter: the embedded one always, PostgreSQL when
// AIRLOCK_TEST_DATABASE_URL is set (CI sets it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Zone } from '@airlock/core';
import { type Database, forEachTestDatabase } from '../storage/index.ts';
import { DatasetStore } from './dataset-store.ts';

function zone(id: string, dataset: string): Zone {
  return {
    id,
    name: `zone ${id}`,
    country: 'CH',
    category: 'restricted',
    reasons: ['AIR_TRAFFIC'],
    volumes: [
      {
        geometry: { type: 'Circle', center: [8.5, 47.4], radius_m: 1000 },
        lower: { value: 0, unit: 'm', reference: 'AGL' },
        upper: { value: 120, unit: 'm', reference: 'AGL' },
      },
    ],
    applicability: [],
    source: 'test',
    licence: 'CC0',
    dataset,
  };
}

const counts = {
  restricted: 2,
  authorization: 0,
  enhanced_warning: 0,
  warning: 0,
  altitude: 0,
  temporary: 0,
};

for (const factory of forEachTestDatabase()) {
  describe(`DatasetStore on ${factory.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ db, dispose } = await factory.open());
    });
    after(async () => dispose());

    test('stores, lists, replaces and removes datasets with their zones', async () => {
      const store = new DatasetStore(db);
      assert.deepEqual(await store.list(), []);
      const fp0 = JSON.stringify([...(await store.versions())]);
      const meta = {
        id: 'a',
        name: 'A',
        source: 'test',
        licence: 'CC0',
        version: 'v1',
        counts,
        issues: [],
        bundled: false,
      };
      await store.replace(meta, [zone('a:1', 'a'), zone('a:2', 'a')]);
      const zones = await store.allZones();
      assert.equal(zones.length, 2);
      assert.deepEqual(zones[0], zone('a:1', 'a'));
      const fp1 = JSON.stringify([...(await store.versions())]);
      assert.notEqual(fp0, fp1);
      const got = await store.get('a');
      assert.equal(got?.zoneCount, 2);
      assert.equal(got?.version, 'v1');
      await store.replace({ ...meta, version: 'v2' }, [zone('a:3', 'a')]);
      assert.deepEqual(
        (await store.allZones()).map((z) => z.id),
        ['a:3'],
      );
      assert.notEqual(JSON.stringify([...(await store.versions())]), fp1);
      assert.equal(await store.remove('a'), true);
      assert.equal(await store.remove('a'), false);
      assert.deepEqual(await store.allZones(), []);
    });

    test('writes thousands of zones in batches inside one transaction', async () => {
      const store = new DatasetStore(db);
      const many = Array.from({ length: 2345 }, (_, i) => zone(`b:${i}`, 'b'));
      await store.replace(
        {
          id: 'b',
          name: 'B',
          source: 'test',
          licence: 'CC0',
          version: 'x',
          counts,
          issues: [],
          bundled: false,
        },
        many,
      );
      assert.equal((await store.allZones()).length, 2345);
      // A failing write leaves the previous dataset intact.
      const bad = [zone('b:dup', 'b'), zone('b:dup', 'b')];
      await assert.rejects(
        store.replace(
          {
            id: 'b',
            name: 'B',
            source: 'test',
            licence: 'CC0',
            version: 'y',
            counts,
            issues: [],
            bundled: false,
          },
          bad,
        ),
      );
      assert.equal((await store.get('b'))?.version, 'x');
      assert.equal((await store.allZones()).length, 2345);
    });
  });
}
