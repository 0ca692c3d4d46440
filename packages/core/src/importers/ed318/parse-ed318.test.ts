import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseEd318 } from './index.ts';

// Public examples (UASGeoZones/ED-318 schema repository, MIT); see the shared data SOURCES.md.
const DIR = fileURLToPath(new URL('../../../../../../shared/data/airspace/ed318/examples', import.meta.url));
const skip = !existsSync(DIR) && `samples not found in ${DIR}`;
const sample = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');

describe('parseEd318 on the published examples', { skip }, () => {
  test('the collection gives two zones with their categories and limits', () => {
    const { zones, issues, counts } = parseEd318(sample('Example_Collection.json'), { dataset: 'fr' });
    assert.deepEqual(issues, []);
    assert.deepEqual(
      zones.map((z) => [z.id, z.category, z.country, z.name]),
      [
        ['fr:NFZ6547', 'authorization', 'FR', 'LFPG-2'],
        ['fr:ABC1234', 'restricted', 'FR', 'Fictitious circle'],
      ],
    );
    assert.equal(counts.authorization, 1);
    assert.equal(counts.restricted, 1);
  });

  test('a circle keeps its centre, radius and layer', () => {
    const { zones } = parseEd318(sample('Example_GeoZone_Circle.json'), { dataset: 'fr' });
    assert.equal(zones.length, 1);
    const [circle] = zones;
    assert.deepEqual(circle.volumes, [
      {
        geometry: { type: 'Circle', center: [2.636866, 50.122901], radius_m: 3500 },
        lower: { value: 50, unit: 'm', reference: 'AGL' },
        upper: { value: 150, unit: 'm', reference: 'AGL' },
      },
    ]);
    assert.deepEqual(circle.reasons, ['POPULATION', 'NATURE']);
    assert.deepEqual(circle.applicability, []);
    assert.deepEqual(circle.authority, [
      { name: 'LFPG-UASZoneManager', email: 'UASZoneManager@lfpg.fr', purpose: 'INFORMATION' },
    ]);
  });

  test('two layers become one zone with two volumes, schedule and translations', () => {
    const { zones } = parseEd318(sample('Example_GeoZone_2_Layers.json'), { dataset: 'fr' });
    assert.equal(zones.length, 1);
    const [zone] = zones;
    assert.deepEqual(
      zone.volumes.map((v) => [v.geometry.type, v.lower.value, v.upper.value, v.upper.reference]),
      [
        ['Polygon', 50, 150, 'AGL'],
        ['Polygon', 0, 50, 'AGL'],
      ],
    );
    assert.deepEqual(zone.applicability, [
      {
        permanent: false,
        start: '2018-12-31T15:59:59Z',
        end: '2019-12-31T15:59:59Z',
        schedule: [
          { days: ['ANY'], startTime: '16:00:00Z', endTime: '17:00:00Z' },
          { days: ['SUN'], startTime: '10:00:00Z', endTime: '12:00:00Z' },
        ],
      },
    ]);
    assert.equal(zone.properties?.temporary, true);
    assert.equal(zone.properties?.restriction, 'REQ_AUTHORIZATION');
    assert.equal(zone.properties?.variant, 'COMMON');
    assert.equal(zone.properties?.otherReasonInfo, 'Flying Whales - part 2');
    const translations = zone.properties?.translations as Record<string, unknown>;
    assert.deepEqual(translations.otherReasonInfo, [
      { text: 'Flying Whales - part 2', lang: 'en-GB' },
      { text: 'Baleines Volantes 2-ème partie', lang: 'fr-BE' },
    ]);
    assert.deepEqual(translations['zoneAuthority[0].name'], [{ text: 'LFPG-UASZoneManager', lang: 'en-US' }]);
  });

  test('features sharing an identifier and properties merge; differing ones stay apart', () => {
    const doc = JSON.parse(sample('Example_GeoZone_2_Layers.json'));
    const [feature] = doc.features;
    const [upper, lower] = feature.geometry.geometries;
    const other = structuredClone(feature);
    other.properties.type = 'PROHIBITED';
    doc.features = [
      { ...feature, geometry: upper },
      { ...feature, geometry: lower },
      { ...other, geometry: lower },
    ];
    const { zones } = parseEd318(JSON.stringify(doc), { dataset: 'fr' });
    assert.deepEqual(
      zones.map((z) => [z.id, z.category, z.volumes.map((v) => v.lower.value)]),
      [
        ['fr:NFZ6547', 'authorization', [50, 0]],
        ['fr:NFZ6547~2', 'temporary', [0]],
      ],
    );
  });
});
