import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { distanceM } from '../../geo/index.ts';
import type { Zone } from '../../zone/index.ts';
import { parseEd269 } from '../ed269/index.ts';
import { parseEd318 } from '../ed318/index.ts';
import { parseGeoJSONZones, zonesToGeoJSON, zoneToFeature } from './index.ts';
import { CIRCLE_CHORD_ERROR_M } from './write-geojson.ts';

const DIR = fileURLToPath(new URL('../../../../../../shared/data/airspace', import.meta.url));
const skip = !existsSync(DIR) && `samples not found in ${DIR}`;
const read = (path: string) => readFileSync(`${DIR}/${path}`, 'utf8');

function sampleZones(): Zone[] {
  const options = { dataset: 'samples' };
  return [
    ...parseEd269(read('ed269/interuss-geo-awareness-che-1.json'), options).zones,
    ...parseEd269(read('ed269/interuss-cis_source_sample_ed269.json'), options).zones,
    ...parseEd318(read('ed318/examples/Example_Collection.json'), { dataset: 'samples' }).zones,
  ];
}

test('zones -> GeoJSON text -> zones is lossless on the ED-269 and ED-318 samples', { skip }, () => {
  const zones = sampleZones();
  assert.equal(zones.length, 9);
  const text = JSON.stringify(zonesToGeoJSON(zones));
  const back = parseGeoJSONZones(text, { dataset: 'samples' });
  assert.deepEqual(back.issues, []);
  assert.deepEqual(back.zones, zones);
});

test('circles are written as fine polygons and keep the exact circle', { skip }, () => {
  const montreux = sampleZones()[0];
  const feature = zoneToFeature(montreux);
  assert.equal(feature.geometry.type, 'Polygon');
  assert.deepEqual(feature.properties.circle, { center: [6.913146, 46.430758], radius_m: 3000 });
  const ring = feature.geometry.coordinates[0] as number[][];
  assert.deepEqual(ring[0], ring[ring.length - 1], 'closed ring');
  for (const [lon, lat] of ring) {
    const out = distanceM(6.913146, 46.430758, lon, lat) - 3000;
    assert.ok(out > 0 && out <= CIRCLE_CHORD_ERROR_M + 0.1, `vertices just outside the circle: ${out} m`);
  }
  const [a, b] = ring;
  const mid = distanceM(6.913146, 46.430758, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
  assert.ok(mid >= 3000, `edges outside the circle too (circumscribed): ${mid} m`);
  // Counter-clockwise (RFC 7946): positive signed area in lon/lat.
  let area = 0;
  for (let i = 1; i < ring.length; i++) area += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  assert.ok(area > 0);
});

test('several volumes: a MultiPolygon footprint plus exact volumes; first limits on top', { skip }, () => {
  const reichenbach = sampleZones()[1];
  const feature = zoneToFeature(reichenbach, { distance_m: 42, id: 'not-mine' });
  assert.equal(feature.geometry.type, 'MultiPolygon');
  assert.equal(feature.geometry.coordinates.length, 3);
  assert.deepEqual(feature.properties.volumes, reichenbach.volumes);
  assert.deepEqual(feature.properties.lower, reichenbach.volumes[0].lower);
  assert.equal(feature.properties.circle, undefined);
  assert.equal(feature.properties.distance_m, 42);
  assert.equal(feature.properties.id, reichenbach.id, 'extra never replaces our properties');
  assert.equal(feature.id, reichenbach.id);
});

test('re-importing into another dataset prefixes ids with it', { skip }, () => {
  const zones = sampleZones().slice(0, 2);
  const back = parseGeoJSONZones(JSON.stringify(zonesToGeoJSON(zones)), { dataset: 'copy' });
  assert.deepEqual(
    back.zones.map((z) => [z.id, z.dataset, z.source]),
    [
      ['copy:samples:Montreux Concert Area', 'copy', 'ed269'],
      ['copy:samples:Flugplatz Reichenbach', 'copy', 'ed269'],
    ],
  );
});
