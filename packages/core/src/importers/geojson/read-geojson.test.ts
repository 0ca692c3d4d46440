import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position, Zone } from '../../zone/index.ts';
import { ImportError } from '../result.ts';
import { parseGeoJSONZones, zoneToFeature } from './index.ts';

const square: Position[][] = [
  [
    [10, 45],
    [10.1, 45],
    [10.1, 45.1],
    [10, 45],
  ],
];
const zone: Zone = {
  id: 'mine:1',
  name: 'Mine',
  country: 'IT',
  category: 'authorization',
  reasons: ['PRIVACY'],
  volumes: [
    {
      geometry: { type: 'Polygon', coordinates: square },
      lower: { value: 0, unit: 'm', reference: 'AGL' },
      upper: { value: 50, unit: 'm', reference: 'AGL' },
    },
  ],
  applicability: [],
  source: 'openair',
  licence: 'CC0',
  dataset: 'mine',
  derived: true,
};
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

test('plain GeoJSON polygons import as warning zones named by properties.name', () => {
  const text = collection(
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square },
      properties: { name: 'Park', kind: 'x' },
    },
    { type: 'Feature', id: 7, geometry: { type: 'MultiPolygon', coordinates: [square] }, properties: null },
  );
  const { zones, issues } = parseGeoJSONZones(text, { dataset: 'plain' });
  assert.deepEqual(issues, []);
  assert.deepEqual(
    zones.map((z) => [z.id, z.name, z.category, z.volumes[0].geometry.type, z.volumes[0].upper.value]),
    [
      ['plain:feature-1', 'Park', 'warning', 'Polygon', null],
      ['plain:7', '', 'warning', 'MultiPolygon', null],
    ],
  );
  assert.deepEqual(zones[0].properties, { name: 'Park', kind: 'x' });
  assert.equal(zones[0].source, 'geojson');
});

test('bad features are skipped with their number; strict mode throws', () => {
  const good = zoneToFeature(zone);
  const badCategory = zoneToFeature(zone);
  badCategory.properties = { ...badCategory.properties, category: 'forbidden' as Zone['category'] };
  const text = collection(
    good,
    { type: 'Feature', geometry: { type: 'Point', coordinates: [10, 45] }, properties: { name: 'Tower' } },
    badCategory,
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [10, 45],
            [11, 45],
          ],
        ],
      },
      properties: {},
    },
    42,
    good,
  );
  const { zones, issues } = parseGeoJSONZones(text, { dataset: 'mine' });
  assert.deepEqual(
    zones.map((z) => z.id),
    ['mine:1', 'mine:1~2'],
  );
  assert.deepEqual(
    issues.map((i) => [i.feature, i.record]),
    [
      [2, 'Tower'],
      [3, 'mine:1'],
      [4, undefined],
      [5, undefined],
    ],
  );
  assert.match(issues[0].reason, /geometry type "Point" is not Polygon or MultiPolygon/);
  assert.match(issues[1].reason, /^properties\.category: /);
  assert.match(issues[2].reason, /^geometry\.coordinates\.0: /);
  assert.equal(issues[3].reason, 'feature is not an object');
  assert.throws(
    () => parseGeoJSONZones(text, { dataset: 'mine', strict: true }),
    (error: unknown) => error instanceof ImportError && error.issue.feature === 2,
  );
});

test('our own features round-trip, extra properties are ignored, a bare Feature is accepted', () => {
  const feature = zoneToFeature(zone, { distance_m: 12 });
  const { zones } = parseGeoJSONZones(JSON.stringify(feature), { dataset: 'mine' });
  assert.deepEqual(zones, [zone]);
});

test('unparseable or non-GeoJSON text throws ImportError', () => {
  assert.throws(
    () => parseGeoJSONZones('{\n"type": "FeatureCollection",\n"features": [1 2]}', { dataset: 'x' }),
    (error: unknown) => error instanceof ImportError && error.issue.line === 3,
  );
  assert.throws(() => parseGeoJSONZones('{"type": "Topology"}', { dataset: 'x' }), /not a FeatureCollection/);
});
