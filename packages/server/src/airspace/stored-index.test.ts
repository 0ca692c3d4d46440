import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { circleRing } from '@airlock/core';
import { createLogger } from '../log/index.ts';
import { openDatabase } from '../storage/index.ts';
import { AirspaceService } from './airspace-service.ts';

const root = mkdtempSync(join(os.tmpdir(), 'airlock-stored-index-'));
after(() => rmSync(root, { recursive: true, force: true }));

function geojson(prefix: string, lon: number, lat: number, n: number): string {
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    id: `${prefix}${i}`,
    properties: { name: `${prefix} ${i}`, category: 'restricted' },
    geometry: { type: 'Polygon', coordinates: [circleRing(lon + i * 0.05, lat, 800, 16)] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger('info', (l) => lines.push(JSON.parse(l)));
  return { log, lines, said: (msg: string) => lines.some((l) => l.msg === msg) };
}

test('a restart loads the stored index; a bad file is rebuilt with a warning; changes rewrite it', async () => {
  const db = await openDatabase({ memory: true });
  const indexDir = join(root, 'airspace-index');
  try {
    const first = capture();
    const a = new AirspaceService(db, first.log, { indexDir });
    await a.refresh();
    await a.importDataset({ id: 'north', files: [{ name: 'n.geojson', text: geojson('n', 179.9, 75, 40) }] });
    const files = () => readdirSync(indexDir);
    assert.equal(files().length, 1);
    assert.equal(statSync(join(indexDir, files()[0])).mode & 0o777, 0o600);
    const probe = (s: AirspaceService) =>
      s.index.near(179.95, 75, 20_000).map((h) => [h.zone.id, h.distanceM]);
    const want = probe(a);
    assert.ok(want.length > 0);

    // A second process on the same data: loads, never reads the zones from SQL.
    const second = capture();
    const b = new AirspaceService(db, second.log, { indexDir });
    assert.equal(await b.refresh(), true);
    assert.ok(second.said('airspace index loaded'));
    assert.ok(!second.said('airspace index built'));
    assert.deepEqual(probe(b), want);
    assert.equal(b.fingerprint, a.fingerprint);
    b.close();

    // Corrupt it: the next start warns, rebuilds from SQL, answers the same and stores a good file.
    const path = join(indexDir, files()[0]);
    const bytes = readFileSync(path);
    bytes[bytes.byteLength - 10] ^= 0xff;
    writeFileSync(path, bytes);
    const third = capture();
    const c = new AirspaceService(db, third.log, { indexDir });
    await c.refresh();
    assert.ok(
      third.lines.some(
        (l) => l.level === 'warn' && l.msg === 'stored airspace index unusable, rebuilding it',
      ),
    );
    assert.ok(third.said('airspace index built'));
    assert.deepEqual(probe(c), want);
    c.close();
    const fourth = capture();
    const d = new AirspaceService(db, fourth.log, { indexDir });
    await d.refresh();
    assert.ok(fourth.said('airspace index loaded'), 'the rebuilt file is good');
    d.close();

    // An import and a removal each store the index of the new datasets and drop the old file.
    const before = files()[0];
    await a.importDataset({ id: 'south', files: [{ name: 's.geojson', text: geojson('s', 8.5, -47, 5) }] });
    assert.equal(a.index.size, 45);
    assert.notEqual(files()[0], before);
    assert.equal(files().length, 1);
    assert.deepEqual(probe(a), want, 'the reused zones of the unchanged dataset answer the same');
    await a.removeDataset('north');
    assert.equal(a.index.size, 5);
    assert.equal(files().length, 1);
    const fifth = capture();
    const e = new AirspaceService(db, fifth.log, { indexDir });
    await e.refresh();
    assert.ok(fifth.said('airspace index loaded'));
    assert.deepEqual(
      e.index.near(8.5, -47, 10_000).map((h) => h.zone.id),
      a.index.near(8.5, -47, 10_000).map((h) => h.zone.id),
    );
    e.close();
    a.close();
  } finally {
    await db.close();
  }
});
