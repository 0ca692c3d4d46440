import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '../result.ts';
import { parseEd269 } from './index.ts';

/** A minimal valid UASZoneVersion; tests override one field at a time. */
function zone(
  identifier: string,
  overrides: Record<string, unknown> = {},
  geometry: Record<string, unknown> = {},
) {
  return {
    identifier,
    country: 'DEU',
    name: `Zone ${identifier}`,
    type: 'COMMON',
    restriction: 'PROHIBITED',
    reason: ['SENSITIVE'],
    geometry: [
      {
        uomDimensions: 'M',
        lowerLimit: 0,
        lowerVerticalReference: 'AGL',
        upperLimit: 120,
        upperVerticalReference: 'AGL',
        horizontalProjection: { type: 'Circle', center: [13.4, 52.5], radius: 500 },
        ...geometry,
      },
    ],
    ...overrides,
  };
}
const doc = (...features: unknown[]) => JSON.stringify({ title: 't', features });

test('bad features are skipped with their number, identifier and the bad field and value', () => {
  const text = doc(
    zone('OK1'),
    zone('BAD2', { restriction: 'BANNED' }),
    zone('BAD3', {}, { lowerLimit: 'abc' }),
    zone('', {}),
    zone('BAD5', {}, { horizontalProjection: { type: 'Line', coordinates: [] } }),
    zone('BAD6', { applicability: [{ permanent: 'NO', schedule: [{ day: ['MONDAY'] }] }] }),
    zone(
      'BAD7',
      {},
      {
        horizontalProjection: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 95],
              [2, 1],
              [3, 1],
              [1, 95],
            ],
          ],
        },
      },
    ),
    zone('BAD8', {}, { lowerLimit: 200 }),
    zone('BAD9', {}, { upperVerticalReference: undefined }),
    'not an object',
  );
  const { zones, issues } = parseEd269(text, { dataset: 'de' });
  assert.deepEqual(
    zones.map((z) => z.id),
    ['de:OK1'],
  );
  const byFeature = new Map(issues.map((i) => [i.feature, i]));
  assert.deepEqual([...byFeature.keys()], [2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(byFeature.get(2)?.record, 'BAD2');
  assert.match(byFeature.get(2)!.reason, /^restriction "BANNED" is not one of PROHIBITED/);
  assert.match(byFeature.get(3)!.reason, /^geometry\[0\]\.lowerLimit "abc" is not a number/);
  assert.match(byFeature.get(4)!.reason, /^identifier "" is required/);
  assert.match(byFeature.get(5)!.reason, /horizontalProjection\.type "Line" is not Circle or Polygon/);
  assert.match(byFeature.get(6)!.reason, /applicability\[0\]\.schedule\[0\]\.day "MONDAY"/);
  assert.match(
    byFeature.get(7)!.reason,
    /horizontalProjection\.coordinates\[0\]\[0\]\[1\] 95 is invalid \(Too big/,
  );
  assert.match(byFeature.get(8)!.reason, /upperLimit 120 is below the lower limit 200 AGL/);
  assert.match(byFeature.get(9)!.reason, /upperVerticalReference \(missing\) is required with/);
  assert.match(byFeature.get(10)!.reason, /^feature "not an object" is not an object/);
});

test('strict mode throws ImportError naming the feature', () => {
  const text = doc(zone('OK1'), zone('BAD2', { restriction: 'BANNED' }));
  assert.throws(
    () => parseEd269(text, { dataset: 'de', strict: true }),
    (error: unknown) =>
      error instanceof ImportError &&
      error.issue.feature === 2 &&
      error.message.startsWith('feature 2 (BAD2): restriction "BANNED"'),
  );
});

test('unparseable JSON and wrong documents throw ImportError with where', () => {
  assert.throws(
    () => parseEd269('{"features": [\n  {"identifier": "A",}\n]}', { dataset: 'x' }),
    (error: unknown) =>
      error instanceof ImportError && error.issue.line === 2 && /position \d+/.test(error.message),
  );
  assert.throws(() => parseEd269('{"zone": {}}', { dataset: 'x' }), /no list of zones/);
  assert.throws(
    () => parseEd269('{"type": "FeatureCollection", "features": []}', { dataset: 'x' }),
    /ED-318/,
  );
});

test('mapping rules: spellings, categories, reasons, countries, temporary flags, lenient geometry', () => {
  const window = {
    permanent: 'NO',
    startDateTime: '2030-01-01T00:00:00Z',
    endDateTime: '2030-01-02T00:00:00Z',
  };
  const text = doc(
    zone('A', { restriction: 'REQ_AUTHORIZATION', applicability: [window] }),
    zone('B', { restriction: 'CONDITIONAL', reason: ['NOISE', 'ALIENS', 'NOISE'], country: 'XXX' }),
    zone('C', { restriction: 'NO_RESTRICTION', applicability: [window, { permanent: 'YES' }] }),
    zone(
      'D',
      { name: undefined, message: '' },
      {
        uomDimensions: 'ft',
        lowerLimit: null,
        upperLimit: '400',
        horizontalProjection: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
            ],
          ],
        },
      },
    ),
    zone('A'),
  );
  const progress: [number, number?][] = [];
  const { zones, issues } = parseEd269(text, { dataset: 'm', onProgress: (d, t) => progress.push([d, t]) });
  assert.deepEqual(issues, []);
  const [a, b, c, d, a2] = zones;
  assert.equal(a.category, 'authorization');
  assert.equal(a.properties?.temporary, true);
  assert.equal(b.category, 'enhanced_warning');
  assert.deepEqual(b.reasons, ['NOISE', 'OTHER']);
  assert.deepEqual(b.properties?.unknownReasons, ['ALIENS']);
  assert.equal(b.country, null);
  assert.equal(b.properties?.sourceCountry, 'XXX');
  assert.equal(c.category, 'warning');
  assert.equal(c.properties?.temporary, undefined, 'a permanent entry means not temporary');
  assert.equal(d.name, 'D');
  assert.equal(d.message, undefined);
  assert.deepEqual(d.volumes[0].lower, { value: 0, unit: 'ft', reference: 'AGL' });
  assert.deepEqual(d.volumes[0].upper, { value: 400, unit: 'ft', reference: 'AGL' });
  assert.deepEqual(d.volumes[0].geometry, {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  });
  assert.equal(a.country, 'DE');
  assert.equal(a2.id, 'm:A~2');
  assert.deepEqual(progress.at(-1), [5, 5]);
});
