import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { circleRing, type Zone, type ZoneGeometry, ZoneIndex } from '@airlock/core';
import { seededRandom as rng, testZone } from '@airlock/core/testing';
import { indexFileName, readIndexFile, writeIndexFile } from './index-file.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(os.tmpdir(), 'airlock-index-file-'));
  dirs.push(d);
  return join(d, 'airspace-index');
}

/** Circles, polygons, multipolygons and two-volume zones, a quarter across ±180°, a fifth above 70°. */
function worldZones(n: number, r: () => number): Zone[] {
  const zones: Zone[] = [];
  for (let i = 0; i < n; i++) {
    const lon = i % 4 === 0 ? 179.5 + r() - 0.5 : (r() * 2 - 1) * 180;
    const lat = i % 5 === 0 ? 70 + r() * 18 : (r() * 2 - 1) * 70;
    const radius = 200 + r() * 20_000;
    const ring = () => circleRing(lon, lat, radius, 8 + Math.floor(r() * 60));
    const shapes: ZoneGeometry[] = [
      { type: 'Circle', center: [lon, lat], radius_m: radius },
      { type: 'Polygon', coordinates: [ring()] },
      {
        type: 'MultiPolygon',
        coordinates: [[ring()], [circleRing(lon + 0.3, lat, radius / 2, 12)]],
      },
    ];
    const z = testZone(`z${i}`, shapes[i % 3], {
      dataset: i < n / 2 ? 'a' : 'b',
      licence: i % 7 === 0 ? 'other licence' : 'shared licence',
      ...(i % 2 ? { message: 'advisory' } : {}),
    });
    if (i % 11 === 0)
      z.volumes.push({ ...z.volumes[0], geometry: { type: 'Circle', center: [lon, lat], radius_m: 100 } });
    zones.push(z);
  }
  return zones;
}

const ids = (zs: readonly Zone[]) => zs.map((z) => z.id);

test('a stored index answers exactly like the one it was built from', () => {
  const r = rng(11);
  const zones = worldZones(1500, r);
  const built = ZoneIndex.build(zones);
  const dir = tempDir();
  const datasets = [
    { id: 'a', version: 'v1', start: 0, count: 750 },
    { id: 'b', version: 'v1', start: 750, count: 750 },
  ];
  writeIndexFile(dir, 'fp1', built, zones, datasets);
  const loaded = readIndexFile(dir, 'fp1');
  assert.ok(loaded);
  const { index } = loaded;
  assert.equal(index.size, zones.length);
  assert.deepEqual(loaded.datasets, datasets);
  for (let i = 0; i < zones.length; i += 37) assert.deepEqual(index.zone(i), zones[i], `zone ${i}`);
  for (let q = 0; q < 1500; q++) {
    const lon = q % 4 === 0 ? 179 + r() * 2 - (r() < 0.5 ? 0 : 360) : (r() * 2 - 1) * 180;
    const lat = q % 5 === 0 ? 70 + r() * 19.9 : (r() * 2 - 1) * 80;
    const radius = r() * 50_000;
    const a = built.near(lon, lat, radius);
    const b = index.near(lon, lat, radius);
    assert.deepEqual(
      b.map((h) => [h.zone.id, h.distanceM]),
      a.map((h) => [h.zone.id, h.distanceM]),
      `near ${q}`,
    );
    assert.deepEqual(ids(index.within(lon, lat, radius)), ids(built.within(lon, lat, radius)), `within ${q}`);
    assert.deepEqual(
      index.containing(lon, lat).map((c) => [c.zone.id, c.volume]),
      built.containing(lon, lat).map((c) => [c.zone.id, c.volume]),
      `containing ${q}`,
    );
    const w = lon - r() * 3;
    const e = lon + r() * 3;
    assert.deepEqual(ids(index.inBBox(w, lat - 1, e, lat + 1)), ids(built.inBBox(w, lat - 1, e, lat + 1)));
    const z = 3 + (q % 8);
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n) % n;
    const y = Math.floor(r() * n);
    assert.deepEqual(ids(index.inTile(z, x, y)), ids(built.inTile(z, x, y)), `tile ${z}/${x}/${y}`);
  }
  // The antimeridian from both sides, and the same zone object while it is held.
  assert.ok(index.near(180, 0, 1).length === built.near(180, 0, 1).length);
  const first = index.zone(3);
  assert.equal(index.zone(3), first);
  loaded.zones.close();
});

test('the file and its folder are the owner’s only; other fingerprints and leftovers are removed', () => {
  const zones = worldZones(50, rng(3));
  const dir = tempDir();
  const ranges = [{ id: 'a', version: 'v', start: 0, count: 50 }];
  writeIndexFile(dir, 'old', ZoneIndex.build(zones), zones, ranges);
  writeFileSync(join(dir, `${indexFileName('x')}.123.tmp`), 'partial');
  writeIndexFile(dir, 'new', ZoneIndex.build(zones), zones, ranges);
  assert.deepEqual(readdirSync(dir), [indexFileName('new')]);
  assert.equal(statSync(join(dir, indexFileName('new'))).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(readIndexFile(dir, 'old'), null, 'no file for a fingerprint never written');
});

test('a truncated, corrupt, other-version or other-datasets file is refused, never half-read', () => {
  const zones = worldZones(200, rng(5));
  const dir = tempDir();
  writeIndexFile(dir, 'fp', ZoneIndex.build(zones), zones, [{ id: 'a', version: 'v', start: 0, count: 200 }]);
  const path = join(dir, indexFileName('fp'));
  const good = readFileSync(path);
  const refused = (bytes: Buffer, why: RegExp) => {
    writeFileSync(path, bytes, { mode: 0o600 });
    assert.throws(() => readIndexFile(dir, 'fp'), why);
  };
  refused(good.subarray(0, good.byteLength - 100), /size/);
  refused(good.subarray(0, 40), /truncated/);
  for (const at of [70, Math.floor(good.byteLength / 2), good.byteLength - 3]) {
    const bad = Buffer.from(good);
    bad[at] ^= 0x20;
    refused(bad, /checksum|meta|other datasets/);
  }
  const old = Buffer.from(good);
  old.writeUInt32LE(0, 8);
  refused(old, /file version/);
  writeFileSync(path, good);
  writeFileSync(join(dir, indexFileName('other')), good);
  assert.throws(() => readIndexFile(dir, 'other'), /other datasets/);
  // Under its own name the good file still loads.
  const ok = readIndexFile(dir, 'fp');
  assert.equal(ok?.index.size, 200);
  ok?.zones.close();
});
