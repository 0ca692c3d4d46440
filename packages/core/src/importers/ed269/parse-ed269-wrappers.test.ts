import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectZoneFormat } from '../import-zones.ts';
import { ImportError } from '../result.ts';
import { parseEd269 } from './index.ts';

// Written from the structure of EUROCONTROL's published ED-269 example: zone versions under "uas_zones".
const WRAPPED = readFileSync(new URL('./fixtures/uas-zones-wrapper.json', import.meta.url), 'utf8');
const VERSIONS: unknown[] = JSON.parse(WRAPPED).uas_zones;
const ids = (text: string) => parseEd269(text, { dataset: 'be', strict: true }).zones.map((z) => z.id);
const EXPECTED = ['be:EXAMPLE-POLY-1', 'be:EXAMPLE-CIRCLE-2'];

test('EUROCONTROL {"uas_zones": [...]} is read, and detected as ED-269', () => {
  assert.deepEqual(ids(WRAPPED), EXPECTED);
  assert.equal(detectZoneFormat('be.json', WRAPPED), 'ed269');
  const [poly, circle] = parseEd269(WRAPPED, { dataset: 'be' }).zones;
  assert.equal(poly.category, 'restricted');
  assert.equal(circle.volumes[0].geometry.type, 'Circle');
});

test('every wrapper seen in national feeds, in any case, gives the same zones', () => {
  const wrappers: unknown[] = [
    VERSIONS,
    { features: VERSIONS },
    { title: 'UAS zones', description: 'national feed', features: VERSIONS },
    { formatVersion: '1.0', createdAt: '2024-01-01T00:00:00Z', UASZoneList: VERSIONS },
    { uasZoneList: VERSIONS },
    { UAS_ZONES: VERSIONS },
    { UASZones: VERSIONS },
    { Features: VERSIONS },
    { zones: VERSIONS },
    // An unknown name: the one array holding zone versions is taken.
    { metadata: { issued: '2024' }, notes: ['x'], items: VERSIONS },
  ];
  for (const doc of wrappers)
    assert.deepEqual(ids(JSON.stringify(doc)), EXPECTED, JSON.stringify(doc).slice(0, 60));
});

test('a document with no zone list says what it expected and which arrays it found', () => {
  assert.throws(
    () => parseEd269('{"notes": ["a"], "other": [1]}', { dataset: 'x' }),
    (e: unknown) =>
      e instanceof ImportError &&
      /no list of zones.*uas_zones; its arrays are "notes", "other"/.test(e.message),
  );
});
