import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '../result.ts';
import { parseEd318 } from './index.ts';

const square = [
  [
    [4, 50],
    [4.1, 50],
    [4.1, 50.1],
    [4, 50.1],
    [4, 50],
  ],
];
const layer = { upper: 120, upperReference: 'AGL', lower: 0, lowerReference: 'AGL', uom: 'm' };

function feature(identifier: string, props: Record<string, unknown> = {}, geometry?: unknown) {
  return {
    type: 'Feature',
    geometry: geometry ?? { type: 'Polygon', coordinates: square, layer },
    properties: {
      identifier,
      country: 'BEL',
      type: 'PROHIBITED',
      variant: 'COMMON',
      zoneAuthority: [],
      ...props,
    },
  };
}
const collection = (...features: unknown[]) =>
  JSON.stringify({ type: 'FeatureCollection', metadata: {}, features });

test('types, reasons, multilingual texts, references and events map as documented', () => {
  const text = collection(
    feature('U', { type: 'USPACE', reason: ['DAR'] }),
    feature('A', {
      type: 'REQ_AUTHORISATION',
      name: [
        { text: 'Zone A', lang: 'fr-BE' },
        { text: 'Area A', lang: 'en' },
      ],
      message: [{ text: 'Bonjour', lang: 'fr' }],
    }),
    feature('C', { type: 'CONDITIONAL' }, { type: 'Polygon', coordinates: square }),
    feature(
      'N',
      { type: 'NO_RESTRICTION' },
      {
        type: 'MultiPolygon',
        coordinates: [square],
        layer: { upper: 400, upperReference: 'WGS84', lower: 0, lowerReference: 'AGL', uom: 'ft' },
      },
    ),
    feature('E', {
      limitedApplicability: [{ schedule: [{ day: ['MON'], startEvent: 'SR', endTime: '18:00:00Z' }] }],
    }),
  );
  const { zones, issues } = parseEd318(text, { dataset: 'be' });
  assert.deepEqual(issues, []);
  const [u, a, c, n, e] = zones;
  assert.equal(u.category, 'warning');
  assert.equal(u.properties?.restriction, 'USPACE');
  assert.deepEqual(u.reasons, ['DAR']);
  assert.equal(u.country, 'BE');
  assert.equal(a.category, 'authorization');
  assert.equal(a.name, 'Area A');
  assert.equal(a.message, 'Bonjour');
  assert.equal(c.category, 'enhanced_warning');
  assert.deepEqual(c.volumes[0].lower, { value: 0, unit: 'm', reference: 'AGL' });
  assert.deepEqual(c.volumes[0].upper, { value: null, unit: 'm', reference: 'AMSL' }, 'no layer: unlimited');
  assert.equal(n.category, 'warning');
  assert.equal(n.volumes[0].geometry.type, 'MultiPolygon');
  assert.deepEqual(n.volumes[0].upper, { value: 400, unit: 'ft', reference: 'AMSL' });
  assert.deepEqual(n.properties?.ellipsoidalLimits, ['volumes[0].upper']);
  assert.equal(e.category, 'restricted', 'a schedule without end date is not temporary');
  assert.deepEqual(e.applicability, [
    { permanent: false, schedule: [{ days: ['MON'], endTime: '18:00:00Z' }] },
  ]);
  assert.ok(Array.isArray(e.properties?.limitedApplicability), 'source periods kept when events are used');
});

test('a layer on the GeometryCollection applies to members without their own', () => {
  const geometry = {
    type: 'GeometryCollection',
    layer: { upper: 60, upperReference: 'AGL', lower: 0, lowerReference: 'AGL' },
    geometries: [
      { type: 'Polygon', coordinates: square },
      { type: 'Point', coordinates: [4.05, 50.05], extent: { subType: 'Circle', radius: 200 }, layer },
    ],
  };
  const { zones } = parseEd318(collection(feature('G', {}, geometry)), { dataset: 'be' });
  assert.deepEqual(
    zones[0].volumes.map((v) => [v.geometry.type, v.upper.value]),
    [
      ['Polygon', 60],
      ['Circle', 120],
    ],
  );
});

test('bad features are skipped with their number and the bad field; strict mode throws', () => {
  const text = collection(
    feature('OK'),
    feature('P', {}, { type: 'Point', coordinates: [4, 50], layer }),
    feature(
      'L',
      {},
      {
        type: 'LineString',
        coordinates: [
          [4, 50],
          [5, 50],
        ],
      },
    ),
    { type: 'Feature', geometry: null, properties: null },
    feature('T', { type: 'OPEN' }),
    feature('Y', {}, { type: 'Polygon', coordinates: square, layer: { ...layer, upper: 'high' } }),
    feature('R', {}, { type: 'Point', coordinates: [4, 50], extent: { subType: 'Circle', radius: -5 } }),
  );
  const { zones, issues } = parseEd318(text, { dataset: 'be' });
  assert.deepEqual(
    zones.map((z) => z.id),
    ['be:OK'],
  );
  assert.deepEqual(
    issues.map((i) => [i.feature, i.record]),
    [
      [2, 'P'],
      [3, 'L'],
      [4, undefined],
      [5, 'T'],
      [6, 'Y'],
      [7, 'R'],
    ],
  );
  assert.match(issues[0].reason, /^geometry\.extent \(missing\) must be/);
  assert.match(issues[1].reason, /^geometry\.type "LineString" is not Polygon/);
  assert.match(issues[2].reason, /^properties null is not an object/);
  assert.match(issues[3].reason, /^properties\.type "OPEN" is not one of/);
  assert.match(issues[4].reason, /^geometry\.layer\.upper "high" is not a number/);
  assert.match(issues[5].reason, /^geometry\.extent\.radius -5 is not a radius/);
  // Strict checks the schema first: these features also break it (no zoneAuthority, type OPEN).
  assert.throws(
    () => parseEd318(text, { dataset: 'be', strict: true }),
    (error: unknown) =>
      error instanceof ImportError &&
      error.issue.feature === 1 &&
      /\/features\/4\/properties\/type must be equal to one of the allowed values/.test(error.message),
  );
});

test('documents that are not ED-318 collections throw ImportError', () => {
  assert.throws(() => parseEd318('{"UASZoneList": []}', { dataset: 'x' }), /ED-269/);
  assert.throws(() => parseEd318('[]', { dataset: 'x' }), /not a FeatureCollection/);
  assert.throws(
    () => parseEd318('{"type": "FeatureCollection", "features": [}', { dataset: 'x' }),
    ImportError,
  );
});
