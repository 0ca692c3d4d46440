import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { circleRing } from '@airlock/core';
import { zonesToGeoJSON } from '@airlock/core/importers/geojson';
import { testZone } from '@airlock/core/testing';
import type { Zone, ZoneGeometry } from '@airlock/core/zone';
import {
  diffPacks,
  encodePayload,
  importVerifyKey,
  makePack,
  openSealed,
  readPayload,
  sealPayload,
  signingKeyId,
  type ZonePack,
  zoneKey,
} from '@airlock/core/zone-pack';
import { OpenAPIHono } from '@hono/zod-openapi';
import { AirspaceService } from '../airspace/index.ts';
import { ByteLru } from '../http/byte-lru.ts';
import { ResponseCache } from '../http/response-cache.ts';
import { registerZonePackRoutes } from '../http/routes/zone-packs.ts';
import { createLogger } from '../log/index.ts';
import { RequestCounters } from '../metrics/index.ts';
import { type Database, openDatabase } from '../storage/index.ts';
import { forEachTestDatabase } from '../storage/test-databases.ts';
import { encodeDelta, encodePack, PartStore, versionOf } from './pack-encoder.ts';
import { PackHistory } from './pack-history.ts';
import type { PackSigningKey } from './signing-key.ts';
import { type PackAnswer, PackBusyError, ZonePackService } from './zone-pack-service.ts';

const square = (lon: number, lat: number, d = 0.02): ZoneGeometry => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});
const circle = (lon: number, lat: number, r: number) => ({
  type: 'Circle' as const,
  center: [lon, lat] as [number, number],
  radius_m: r,
});

describe('pack encoder: the bytes core writes, from kept parts', () => {
  const a = [
    testZone('a1', square(6.5, 46.5), { dataset: 'a', message: 'shared note', properties: { x: 1 } }),
    testZone('a2', circle(6.6, 46.6, 900), { dataset: 'a', message: 'shared note' }),
    testZone('a3', square(6.7, 46.7), { dataset: 'a', message: 'its own "quoted" note' }),
    testZone('a4', { type: 'Polygon', coordinates: [circleRing(7, 46, 500, 9)] }, { dataset: 'a' }),
  ];
  const b1 = [
    testZone('t1', circle(7.1, 46.9, 3000), { dataset: 'b', source: 'faa', category: 'temporary' }),
    testZone('t2', square(7.2, 46.8, 0.1), { dataset: 'b', source: 'faa' }),
    testZone('t3', square(7.3, 46.7), { dataset: 'b', source: 'other-source' }),
  ];
  const head = (datasets: Record<string, string>) => ({
    id: 'tile-N45E005',
    datasets,
    cover: [[5, 45, 10, 50]] as [number, number, number, number][],
    countries: ['CH'],
  });
  const groupsOf = (zones: Zone[], datasets: Record<string, string>) => {
    const by = new Map<string, Zone[]>();
    for (const z of zones) by.set(z.dataset, [...(by.get(z.dataset) ?? []), z]);
    return [...by].map(([d, list]) => ({
      key: `${d}\u0000${datasets[d]}`,
      ids: list.map((z) => z.id),
      list,
    }));
  };
  const partsOf = (store: PartStore, zones: Zone[], datasets: Record<string, string>) => {
    const groups = groupsOf(zones, datasets);
    for (const { group, ids } of store.missing(groups))
      store.add(
        groups[group].key,
        groups[group].list.filter((z) => ids.includes(z.id)),
      );
    return store.parts(groups);
  };

  test('a pack and a delta are byte-equal to makePack + encodePayload and diffPacks', async () => {
    const store = new PartStore();
    const d1 = { a: 'va', b: 'vb1' };
    const built = '2026-05-01T00:00:00.000Z';
    const core1 = await makePack({ ...head(d1), built }, [...b1, ...a]);
    const parts1 = partsOf(store, [...a, ...b1], d1);
    const version1 = versionOf(head(d1), parts1);
    assert.equal(version1, core1.version);
    const bytes1 = encodePack(head(d1), version1, built, parts1);
    assert.deepEqual(new Uint8Array(bytes1), encodePayload(core1));

    // Dataset b changes: t1 amended, t2 gone, t4 new; dataset a unchanged (parts reused).
    const b2 = [
      { ...b1[0], name: 'amended' },
      b1[2],
      testZone('t4', circle(7.4, 46.6, 2000), { dataset: 'b', source: 'faa' }),
    ];
    const d2 = { a: 'va', b: 'vb2' };
    const built2 = '2026-05-02T00:00:00.000Z';
    const core2 = await makePack({ ...head(d2), built: built2 }, [...a, ...b2]);
    const before = store.size;
    const parts2 = partsOf(store, [...a, ...b2], d2);
    assert.equal(store.size, before + b2.length, 'only the changed dataset is prepared again');
    const version2 = versionOf(head(d2), parts2);
    assert.equal(version2, core2.version);
    assert.deepEqual(new Uint8Array(encodePack(head(d2), version2, built2, parts2)), encodePayload(core2));
    const delta = encodeDelta(bytes1, head(d2), version2, built2, parts2);
    assert.deepEqual(new Uint8Array(delta), encodePayload(diffPacks(core1, core2)));
    store.prune(['a\u0000va', 'b\u0000vb2']);
    assert.equal(store.size, a.length + b2.length);
  });
});

describe('zone pack service: one budget, one queue, stale while a build runs', () => {
  let db: Database;
  let airspace: AirspaceService;
  let key: PackSigningKey;
  let trusted: Awaited<ReturnType<typeof importVerifyKey>>;
  const services: ZonePackService[] = [];
  const log = createLogger('error', () => {});
  // One zone in each of 40 tiles along 36°N, and two around Bern in tile N45E005.
  const spread = Array.from({ length: 40 }, (_, i) =>
    testZone(`z${i}`, square(-177.5 + i * 5, 37.5), { country: null }),
  );
  const tileAt = (i: number) => {
    const lon = -180 + i * 5;
    return `tile-N35${lon < 0 ? 'W' : 'E'}${String(Math.abs(lon)).padStart(3, '0')}`;
  };
  const bern = [
    testZone('bern-airport', circle(7.4991, 46.9141, 5000)),
    testZone('geneva', circle(6.109, 46.238, 8000)),
  ];
  const tfr = testZone('tfr-bern', circle(7.44, 46.95, 3000), { category: 'temporary' });
  const importZones = (zones: Zone[]) =>
    airspace.importDataset({
      id: 'test',
      format: 'geojson',
      files: [{ name: 'z.geojson', text: JSON.stringify(zonesToGeoJSON(zones)) }],
      replace: true,
    });
  const service = (options: ConstructorParameters<typeof ZonePackService>[2]) => {
    const s = new ZonePackService(airspace, key, { log, ...options });
    services.push(s);
    return s;
  };
  /** Core's own pack (makePack) of the server's zones that `pack` names, with its head. */
  const corePack = (pack: ZonePack) => {
    const keys = new Set(pack.zones.map(zoneKey));
    const { id, datasets, cover, countries, built } = pack;
    return makePack(
      { id, datasets, cover, countries, built },
      [...airspace.index.zones].filter((z) => keys.has(zoneKey(z))),
    );
  };
  const open = async (a: PackAnswer) => {
    assert.notEqual(a.kind, 'current');
    if (a.kind === 'current') throw new Error('unreachable');
    return readPayload(await openSealed(a.body.sealed, trusted)).value;
  };

  before(async () => {
    db = await openDatabase({ memory: true });
    airspace = new AirspaceService(db, log);
    await airspace.refresh();
    await importZones([...spread, ...bern]);
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const jwk = privateKey.export({ format: 'jwk' });
    const publicKey = new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
    key = {
      keyId: await signingKeyId(publicKey),
      privateKey: await crypto.subtle.importKey('pkcs8', der, 'Ed25519', true, ['sign']),
      publicKey,
    };
    trusted = await importVerifyKey(publicKey);
  });
  after(async () => {
    for (const s of services) await s.close();
    airspace.close();
    await db.close();
  });

  test('concurrent requests for one pack share one build; a flood of tiles stays within the budget', async () => {
    const cache = new ByteLru(24 * 1024);
    const s = service({ cache });
    const answers = await Promise.all(Array.from({ length: 5 }, () => s.answer('tile-N45E005', undefined)));
    assert.equal(s.buildsRun, 1);
    assert.equal(new Set(answers.map((a) => a.version)).size, 1);
    assert.deepEqual(
      (await open(answers[0])).kind === 'pack' &&
        ((await open(answers[0])) as ZonePack).zones.map((z) => z.id),
      ['bern-airport', 'geneva'],
    );
    // Every tile along 36°N: each answered with its zone, the cache never over its budget.
    for (let i = 0; i < 40; i++) {
      const id = tileAt(i);
      const pack = (await open(await s.answer(id, undefined))) as ZonePack;
      assert.ok(
        pack.zones.some((z) => z.id === `z${i}`),
        id,
      );
      assert.ok(cache.usedBytes <= cache.budgetBytes, `${cache.usedBytes} > ${cache.budgetBytes}`);
    }
    assert.ok(s.cachedBytes <= cache.budgetBytes);
    assert.ok(cache.size < 40, 'the first tiles were evicted');
    // An evicted head is rebuilt byte for byte (same build time, deterministic signature).
    const again = await s.answer('tile-N45E005', undefined);
    assert.equal(again.version, answers[0].version);
    assert.deepEqual(
      again.kind !== 'current' && again.body.gzip,
      answers[0].kind !== 'current' && answers[0].body.gzip,
    );
  });

  test('a kept old version gets the same delta core makes; evicted, the whole pack', async () => {
    await importZones([...spread, ...bern]);
    // The app's answer cache, its answers' share 16 KiB; an operator import clears its own answers only.
    const answers = new ResponseCache(Math.ceil((16 * 1024 * 4) / 3));
    const cache = answers.answers;
    const s = service({ cache });
    const v1 = await s.answer('tile-N45E005', undefined);
    const pack1 = (await open(v1)) as ZonePack;
    answers.clear();
    await importZones([...spread, ...bern, tfr]);
    const v2 = await s.answer('tile-N45E005', undefined);
    assert.notEqual(v2.version, v1.version);
    const pack2 = (await open(v2)) as ZonePack;
    const delta = await s.answer('tile-N45E005', v1.version);
    assert.equal(delta.kind, 'delta');
    // Zone for zone what core's diff of the two packs gives (bytes: the encoder test above).
    assert.deepEqual(await open(delta), diffPacks(pack1, pack2));
    assert.equal((await s.answer('tile-N45E005', v2.version)).kind, 'current');
    // Other packs push the old version out: the device holding it now gets the whole pack.
    for (let i = 0; i < 40; i++) await s.answer(tileAt(i), undefined);
    const after = await s.answer('tile-N45E005', v1.version);
    assert.equal(after.kind, 'pack');
    assert.equal(after.version, v2.version);
    assert.deepEqual(((await open(after)) as ZonePack).zones, pack2.zones);
    assert.ok(cache.usedBytes <= cache.budgetBytes);
  });

  test('while a new version builds, the previous one is answered (stale); then the new one', async () => {
    await importZones([...spread, ...bern]);
    const s = service({ staleAfterMs: 0 });
    const v1 = await s.answer('tile-N45E005', undefined);
    await importZones([...spread, ...bern, tfr]);
    const during = await s.answer('tile-N45E005', v1.version);
    assert.deepEqual([during.kind, during.version, during.stale], ['current', v1.version, true]);
    let next = during;
    for (let i = 0; i < 200 && next.stale; i++) {
      await new Promise((r) => setTimeout(r, 50));
      next = await s.answer('tile-N45E005', v1.version);
    }
    assert.equal(next.stale, undefined);
    assert.equal(next.kind, 'delta');
    assert.notEqual(next.version, v1.version);
    assert.equal(s.buildsRun, 2);
  });

  test('restart: a new service over the same database gives a device holding the old version the delta core makes, byte for byte', async () => {
    const history = new PackHistory(db);
    await importZones([...spread, ...bern]);
    const first = service({ history, now: () => new Date('2026-05-01T00:00:00.000Z') });
    const v1 = await first.answer('tile-N45E005', undefined);
    const core1 = await corePack((await open(v1)) as ZonePack);
    assert.equal(core1.version, v1.version);
    await importZones([...spread, ...bern, tfr]);
    const v2 = await first.answer('tile-N45E005', v1.version);
    const core2 = await corePack((await open(await first.answer('tile-N45E005', undefined))) as ZonePack);
    assert.equal(core2.version, v2.version);
    assert.equal(v2.kind, 'delta');
    await first.close();
    assert.deepEqual(await history.versions('tile-N45E005'), [v1.version, v2.version]);
    // The restarted server: its own cache and worker, its clock a month on.
    const restarted = service({ history, now: () => new Date('2026-06-01T00:00:00.000Z') });
    const delta = await restarted.answer('tile-N45E005', v1.version);
    assert.equal(delta.version, v2.version);
    if (delta.kind !== 'delta') throw new Error(`a ${delta.kind}, not a delta`);
    const head = (await open(await restarted.answer('tile-N45E005', undefined))) as ZonePack;
    assert.equal(head.built, '2026-05-01T00:00:00.000Z', 'the stored build time, not the restarted clock');
    const expected = await sealPayload(encodePayload(diffPacks(core1, core2)), key.keyId, key.privateKey);
    assert.equal(Buffer.from(delta.body.sealed).toString('hex'), Buffer.from(expected).toString('hex'));
    // Its head was read back, not signed again.
    assert.equal(restarted.buildsRun, 1);
  });

  test('two instances over one database answer one byte string per version, even when they build it at once', async () => {
    const history = new PackHistory(db);
    await importZones([...spread, ...bern, { ...tfr, name: 'two instances' }]);
    // A second instance: its own airspace index over the same database, its own clock.
    const other = new AirspaceService(db, log);
    try {
      await other.refresh();
      const a = service({ history, now: () => new Date('2026-07-01T00:00:00.000Z') });
      const b = new ZonePackService(other, key, {
        log,
        history,
        now: () => new Date('2026-07-02T00:00:00.000Z'),
      });
      services.push(b);
      const [fromA, fromB] = await Promise.all([
        a.answer('tile-N45E005', undefined),
        b.answer('tile-N45E005', undefined),
      ]);
      assert.equal(fromA.version, fromB.version);
      assert.ok(fromA.kind === 'pack' && fromB.kind === 'pack');
      assert.deepEqual(fromB.body.gzip, fromA.body.gzip);
      assert.equal((await history.newest('tile-N45E005'))?.version, fromA.version);
      assert.equal((await b.answer('tile-N45E005', fromA.version)).kind, 'current');
    } finally {
      other.close();
    }
  });

  test('the database keeps the newest 8 versions: older ones are deleted and get the whole pack', async () => {
    const history = new PackHistory(db);
    const s = service({ history });
    const versions: string[] = [];
    // tile-N35E005 (z37): a tile of its own here; each import is a new dataset version, so a new version.
    for (let i = 0; i < 10; i++) {
      await importZones([...spread, ...bern, { ...tfr, name: `tfr ${i}` }]);
      versions.push((await s.answer('tile-N35E005', undefined)).version);
    }
    assert.equal(new Set(versions).size, 10);
    assert.deepEqual(await history.versions('tile-N35E005'), versions.slice(2));
    const restarted = service({ history });
    assert.equal((await restarted.answer('tile-N35E005', versions[1])).kind, 'pack');
    const delta = await restarted.answer('tile-N35E005', versions[2]);
    assert.deepEqual([delta.kind, delta.version], ['delta', versions[9]]);
  });

  test('a full queue: a first request gets a 503 in the JSON error shape with Retry-After', async () => {
    const s = service({ maxQueued: 0 });
    const first = s.answer(tileAt(0), undefined);
    await assert.rejects(s.answer(tileAt(1), undefined), PackBusyError);
    const app = new OpenAPIHono();
    registerZonePackRoutes(app, { packs: s, counters: new RequestCounters(db), maxAgeS: 60 });
    const res = await app.request(`/v1/location/packs/${tileAt(2)}`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '30');
    assert.deepEqual(((await res.json()) as { error: { status: number; code: string } }).error.status, 503);
    await first;
    const ok = await app.request(`/v1/location/packs/${tileAt(2)}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    assert.equal(ok.status, 200);
    const pack = readPayload(await openSealed(new Uint8Array(await ok.arrayBuffer()), trusted)).value;
    assert.equal(pack.id, tileAt(2));
  });
});

describe('zone pack history on PostgreSQL (AIRLOCK_TEST_DATABASE_URL)', () => {
  for (const factory of forEachTestDatabase().filter((f) => f.name === 'postgres')) {
    test('stores once, adopts the first writer, keeps the newest 8', async () => {
      const { db, dispose } = await factory.open();
      try {
        const history = new PackHistory(db);
        const body = (i: number) => new Uint8Array([i, 1, 2, 3, 255]);
        for (let i = 0; i < 10; i++)
          assert.equal(await history.put('world', { version: `v${i}`, built: `b${i}` }, body(i)), null);
        assert.deepEqual(await history.versions('world'), ['v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9']);
        assert.deepEqual(await history.newest('world'), { version: 'v9', built: 'b9' });
        assert.deepEqual(await history.gzip('world', 'v5'), body(5));
        assert.equal(await history.gzip('world', 'v1'), null);
        const again = await history.put('world', { version: 'v9', built: 'later' }, body(99));
        assert.deepEqual(again, { version: 'v9', built: 'b9', gzip: body(9) });
        assert.equal((await history.versions('world')).length, 8);
      } finally {
        await dispose();
      }
    });
  }
});
