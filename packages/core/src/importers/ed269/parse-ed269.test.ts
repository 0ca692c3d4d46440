import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseEd269 } from './index.ts';

// Public samples (interuss/uas_standards, Apache-2.0); see the shared data SOURCES.md.
const DIR = fileURLToPath(new URL('../../../../../../shared/data/airspace/ed269', import.meta.url));
const skip = !existsSync(DIR) && `samples not found in ${DIR}`;
const sample = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');

describe('parseEd269 on the Swiss geo-awareness sample', { skip }, () => {
  const result = () => parseEd269(sample('interuss-geo-awareness-che-1.json'), { dataset: 'che' });

  test('imports every zone, deduplicating the repeated identifier', () => {
    const { zones, issues, counts } = result();
    assert.deepEqual(issues, []);
    assert.deepEqual(
      zones.map((z) => z.id),
      [
        'che:Montreux Concert Area',
        'che:Flugplatz Reichenbach',
        'che:Lausanne Airport',
        'che:MONTREUX Wildlife Preserve',
        'che:Gantrisch Nature Park',
        'che:Gantrisch Nature Park~2',
      ],
    );
    assert.deepEqual(counts, {
      restricted: 1,
      authorization: 2,
      enhanced_warning: 0,
      warning: 1,
      altitude: 0,
      temporary: 2,
    });
    assert.ok(zones.every((z) => z.country === 'CH' && z.source === 'ed269' && z.dataset === 'che'));
  });

  test('a time-limited prohibition is a temporary zone with its circle, limits and schedule', () => {
    const montreux = result().zones[0];
    assert.equal(montreux.category, 'temporary');
    assert.equal(montreux.properties?.temporary, true);
    assert.equal(montreux.properties?.restriction, 'PROHIBITED');
    assert.equal(montreux.properties?.otherReasonInfo, 'Concert Area');
    assert.deepEqual(montreux.reasons, ['OTHER']);
    assert.deepEqual(montreux.volumes, [
      {
        geometry: { type: 'Circle', center: [6.913146, 46.430758], radius_m: 3000 },
        lower: { value: 0, unit: 'm', reference: 'AGL' },
        upper: { value: 6259, unit: 'm', reference: 'AMSL' },
      },
    ]);
    assert.deepEqual(montreux.applicability, [
      {
        permanent: false,
        start: '2022-06-15T09:00:00.00Z',
        end: '2023-06-15T09:00:00.00Z',
        schedule: [{ days: ['SAT', 'SUN'], startTime: '17:00:00.00Z', endTime: '23:59:59.00Z' }],
      },
    ]);
    assert.deepEqual(montreux.authority, [
      {
        name: 'Local Canton',
        contactName: 'Commune de Montreux',
        siteURL: 'https://www.montreux.ch/accueil',
        purpose: 'AUTHORIZATION',
      },
    ]);
    assert.equal(montreux.message, 'Concert area - prohibited flights during active times');
  });

  test('one volume per geometry item, feet kept as feet, extras kept', () => {
    const { zones } = result();
    const reichenbach = zones[1];
    assert.deepEqual(
      reichenbach.volumes.map((v) => [v.geometry.type === 'Circle' && v.geometry.radius_m, v.lower.value]),
      [
        [1000, 0],
        [2500, 50],
        [3500, 100],
      ],
    );
    const lausanne = zones[2];
    assert.equal(lausanne.category, 'restricted');
    assert.equal(lausanne.volumes.length, 3);
    assert.equal(lausanne.volumes[0].geometry.type, 'Polygon');
    assert.deepEqual(lausanne.applicability, [{ permanent: true }]);
    const [open, specific] = zones.slice(4);
    assert.equal(open.category, 'warning');
    assert.equal(specific.category, 'authorization');
    assert.deepEqual(open.volumes[0].upper, { value: 250, unit: 'ft', reference: 'AGL' });
    assert.equal(open.properties?.uSpaceClass, 'OPEN');
    assert.deepEqual(specific.properties?.uSpaceClass, ['SPECIFIC', 'CERTIFIED']);
  });
});

describe('parseEd269 on the national UASZoneList variant', { skip }, () => {
  test('reads string and null limits and drops the empty dailyPeriod', () => {
    const { zones, issues } = parseEd269(sample('interuss-cis_source_sample_ed269.json'), { dataset: 'cis' });
    assert.deepEqual(issues, []);
    assert.equal(zones.length, 1);
    const [zone] = zones;
    assert.equal(zone.id, 'cis:LSXX');
    assert.equal(zone.category, 'authorization');
    assert.deepEqual(zone.volumes[0].lower, { value: 0, unit: 'm', reference: 'AGL' });
    assert.equal(zone.volumes[0].upper.value, null);
    assert.deepEqual(zone.applicability, [{ permanent: true }]);
    assert.equal(zone.properties?.restrictionConditions, 'RST02');
    assert.deepEqual(zone.authority?.[0], {
      name: 'LSXX City Sample',
      service: 'Supervisor',
      email: 'admin@example.interuss.org',
      siteURL: 'https://example.interuss.org/contact',
      phone: '0041221234567',
    });
  });
});
