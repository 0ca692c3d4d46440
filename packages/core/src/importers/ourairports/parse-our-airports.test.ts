import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zoneSchema } from '../../zone/index.ts';
import { ImportError } from '../result.ts';
import { parseOurAirports } from './index.ts';
import { AIRPORTS_CSV, RUNWAYS_CSV } from './test-fixture.ts';

const parse = () => parseOurAirports(AIRPORTS_CSV, RUNWAYS_CSV, { dataset: 'oa' });
const zonesOf = (ident: string) => parse().zones.filter((z) => z.id.startsWith(`oa:${ident}:`));

describe('parseOurAirports: rows, issues and attributes', () => {
  it('skips bad airport and runway rows with their line numbers, after a quoted line break', () => {
    const { issues } = parse();
    assert.deepEqual(issues, [
      { line: 5, record: 'BAD1', reason: 'airports.csv: latitude_deg "abc" is not a number' },
      { line: 6, record: 'BAD2', reason: 'airports.csv: longitude_deg 200 is outside [-180, 180]' },
      { line: 9, record: 'MED1 05/23', reason: 'runways.csv: le_longitude_deg "seven" is not a number' },
    ]);
  });

  it('throws on the first bad row in strict mode', () => {
    assert.throws(
      () => parseOurAirports(AIRPORTS_CSV, RUNWAYS_CSV, { dataset: 'oa', strict: true }),
      (err: unknown) =>
        err instanceof ImportError &&
        err.message === 'line 5 (BAD1): airports.csv: latitude_deg "abc" is not a number',
    );
  });

  it('throws when a required column is missing or the CSV is broken', () => {
    const noLat = AIRPORTS_CSV.replace('"latitude_deg"', '"lat"');
    assert.throws(
      () => parseOurAirports(noLat, RUNWAYS_CSV, { dataset: 'oa' }),
      /line 1: airports.csv: missing column\(s\) latitude_deg/,
    );
    assert.throws(
      () =>
        parseOurAirports(`${AIRPORTS_CSV}\n12,"X","heliport","open quote`, RUNWAYS_CSV, { dataset: 'oa' }),
      ImportError,
    );
  });

  it('gives closed airports no zones, even with runways', () => {
    assert.deepEqual(zonesOf('CLSD'), []);
  });

  it('writes ids, names, limits, licence and properties', () => {
    const zones = zonesOf('TEST1');
    assert.deepEqual(
      zones.map((z) => z.id),
      ['restricted', 'authorization', 'enhanced_warning', 'altitude:60', 'altitude:150'].map(
        (k) => `oa:TEST1:${k}`,
      ),
    );
    const [restricted, , , alt60, alt150] = zones;
    assert.equal(restricted.name, 'Testfeld Airport (TEST1) — restricted');
    assert.equal(alt60.name, 'Testfeld Airport (TEST1) — altitude limit 60 m');
    assert.equal(restricted.country, 'CH');
    assert.deepEqual(restricted.reasons, ['AIR_TRAFFIC']);
    assert.deepEqual(restricted.applicability, []);
    assert.equal(restricted.source, 'ourairports');
    assert.equal(
      restricted.licence,
      'Public Domain (OurAirports, Unlicense); zone shapes derived by Airlock — advisory',
    );
    assert.equal(restricted.derived, true);
    assert.deepEqual(restricted.volumes[0].lower, { value: 0, unit: 'm', reference: 'AGL' });
    assert.equal(restricted.volumes[0].upper.value, null);
    assert.deepEqual(alt60.volumes[0].upper, { value: 60, unit: 'm', reference: 'AGL' });
    assert.deepEqual(alt150.volumes[0].upper, { value: 150, unit: 'm', reference: 'AGL' });
    assert.deepEqual(restricted.properties, {
      ident: 'TEST1',
      icao: 'LTST',
      iata: 'TST',
      type: 'large_airport',
      runways: ['10/28'], // the closed 16/34 is left out
      elevation_m: 431.6,
      municipality: 'Testfeld',
      scheduled_service: true,
      shape: 'runways',
    });
    assert.equal(zonesOf('SEA1')[0].country, null);
    assert.equal(zonesOf('HEL1')[0].name, 'Hospital Heliport (HEL1) — warning');
  });

  it('falls back to circles by type when no runway has both ends', () => {
    const circles = (ident: string) =>
      zonesOf(ident).map((z) => {
        const g = z.volumes[0].geometry;
        assert.equal(g.type, 'Circle');
        return [z.category, g.type === 'Circle' ? g.radius_m : 0];
      });
    assert.deepEqual(circles('MED1'), [
      ['restricted', 1500],
      ['authorization', 4000],
      ['enhanced_warning', 6000],
    ]);
    assert.deepEqual(circles('HEL1'), [['warning', 500]]);
    assert.deepEqual(circles('SEA1'), [['warning', 1500]]);
    assert.deepEqual(circles('BAL1'), [['warning', 1000]]);
    const med = zonesOf('MED1')[0].volumes[0].geometry;
    assert.deepEqual(med.type === 'Circle' && med.center, [7, 46]);
    assert.equal(zonesOf('MED1')[0].properties?.shape, 'circle');
  });

  it('gives small airfields the reduced shape, scheduled ones an authorization core', () => {
    assert.deepEqual(
      zonesOf('SMA1').map((z) => [z.category, z.volumes[0].geometry.type]),
      [['enhanced_warning', 'Polygon']],
    );
    assert.deepEqual(
      zonesOf('SMA2').map((z) => z.category),
      ['authorization', 'enhanced_warning'],
    );
  });

  it('produces zones the zone schema accepts, counts them and reports progress', () => {
    const calls: [number, number | undefined][] = [];
    const result = parseOurAirports(AIRPORTS_CSV, RUNWAYS_CSV, {
      dataset: 'oa',
      onProgress: (done, total) => calls.push([done, total]),
    });
    for (const zone of result.zones) zoneSchema.parse(zone);
    assert.deepEqual(calls, [[9, 9]]); // 11 rows, 2 skipped
    assert.equal(result.counts.restricted, 3); // TEST1, MED1, ANTI
    assert.equal(result.counts.warning, 3);
    assert.equal(result.zones.length, new Set(result.zones.map((z) => z.id)).size);
  });
});
