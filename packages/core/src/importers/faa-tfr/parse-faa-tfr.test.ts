import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isZoneActive } from '../../geofence/index.ts';
import { detectZoneFormat, importZones } from '../import-zones.ts';
import { parseFaaTfr } from './parse-faa-tfr.ts';
import { TFR_FIRE, TFR_VIP } from './tfr-fixture.ts';

test('a TFR: merged area as the shape, local times to UTC, floor above ground', () => {
  const r = parseFaaTfr(TFR_VIP, { dataset: 'tfr' });
  assert.deepEqual(r.issues, []);
  assert.equal(r.zones.length, 1);
  const z = r.zones[0];
  assert.equal(z.id, 'tfr:4/3635');
  assert.equal(z.category, 'temporary');
  assert.equal(z.reasons[0], 'SENSITIVE');
  assert.equal(z.country, 'US');
  assert.equal(z.properties?.shape, 'abdMergedArea');
  const ring = (z.volumes[0].geometry as { coordinates: number[][][] }).coordinates[0];
  assert.equal(ring.length, 5);
  assert.deepEqual(ring[1], [-76.97, 38.9]);
  assert.deepEqual(z.volumes[0].lower, { value: 0, unit: 'ft', reference: 'AGL' });
  assert.deepEqual(z.volumes[0].upper, { value: 3000, unit: 'ft', reference: 'AMSL' });
  // 17:00 EDT is 21:00 UTC.
  assert.deepEqual(z.applicability, [
    { permanent: false, start: '2024-07-04T21:00:00.000Z', end: '2024-07-05T03:30:00.000Z' },
  ]);
  assert.equal(isZoneActive(z, new Date('2024-07-05T03:29:59Z')), true);
  assert.equal(isZoneActive(z, new Date('2024-07-05T03:30:00Z')), false);
});

test('several areas: packed coordinates, lower > upper swapped and noted, circles, own schedules, unknown zone skipped', () => {
  const r = parseFaaTfr(TFR_FIRE, { dataset: 'tfr' });
  assert.deepEqual(
    r.zones.map((z) => z.id),
    ['tfr:4/7001_AREA_A', 'tfr:4/7001_AREA_B'],
  );
  const [a, b] = r.zones;
  assert.equal(a.reasons[0], 'EMERGENCY');
  assert.deepEqual((a.volumes[0].geometry as { coordinates: number[][][] }).coordinates[0][0], [
    -(123 + 27 / 60),
    42 + 26 / 60,
  ]);
  assert.deepEqual(a.volumes[0].lower, { value: 2000, unit: 'ft', reference: 'AMSL' });
  assert.deepEqual(a.volumes[0].upper, { value: 8000, unit: 'ft', reference: 'AMSL' });
  assert.equal(a.properties?.repaired, 'lower limit 8000 ft AMSL above upper limit 2000 ft AMSL: swapped');
  assert.deepEqual(b.volumes[0].geometry, { type: 'Circle', center: [-123.1, 42.3], radius_m: 5 * 1852 });
  assert.deepEqual(b.volumes[0].lower, { value: 500, unit: 'ft', reference: 'AGL' });
  assert.deepEqual(b.volumes[0].upper, { value: 180, unit: 'FL', reference: 'STD' });
  assert.deepEqual(b.applicability, [
    { permanent: false, start: '2024-08-02T06:00:00.000Z', end: '2024-08-03T06:00:00.000Z' },
  ]);
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0].record, '4/7002');
  assert.match(r.issues[0].reason, /codeTimeZone "XYZ" is not a known time zone/);
});

test('detected by its root element and imported through importZones; not XML is refused', () => {
  assert.equal(detectZoneFormat('detail_4_3635.xml', TFR_VIP), 'faa-tfr');
  assert.equal(importZones('faa-tfr', [{ name: 'x.xml', text: TFR_VIP }], { dataset: 'd' }).zones.length, 1);
  assert.throws(() => parseFaaTfr('<html></html>', { dataset: 'd' }), /no <XNOTAM-Update>/);
  assert.throws(() => parseFaaTfr('<XNOTAM-Update><Group>', { dataset: 'd' }), /not well-formed XML/);
});
