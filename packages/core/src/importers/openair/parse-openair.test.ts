import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bearingDeg, distanceM } from '../../geo/index.ts';
import { zoneSchema } from '../../zone/index.ts';
import { OPENAIR_MAX_CHORD_ERROR_M, parseOpenAir } from './index.ts';
import { parsePosition } from './openair-coordinates.ts';
import { isCounterClockwise, maxChordError, outerRing } from './test-probes.ts';

const SAMPLES = new URL('../../../../../../shared/data/airspace/openair/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, SAMPLES), 'utf8');
const KSGU_CENTER = parsePosition('037:02:11.00 N 113:30:37.00 W');
const SFC = { value: 0, unit: 'm', reference: 'AGL' };
const FT_17999 = { value: 17999, unit: 'ft', reference: 'AMSL' };

describe('ksgu-airspaces.txt (V X= + DC circle, DA arcs)', () => {
  const { zones, issues, counts } = parseOpenAir(read('ksgu-airspaces.txt'), { dataset: 'ksgu' });

  test('three class E zones with their names, limits and ids', () => {
    assert.deepEqual(issues, []);
    assert.deepEqual(
      zones.map((z) => [z.id, z.name, z.category]),
      [
        ['ksgu:1', 'SAINT GEORGE CLASS E2', 'warning'],
        ['ksgu:2', 'SAINT GEORGE E4 NE', 'warning'],
        ['ksgu:3', 'SAINT GEORGE E4 SW', 'warning'],
      ],
    );
    assert.equal(counts.warning, 3);
    for (const z of zones) {
      assert.deepEqual(z.volumes[0].lower, SFC);
      assert.deepEqual(z.volumes[0].upper, FT_17999);
      assert.deepEqual(z.reasons, ['AIR_TRAFFIC']);
      assert.deepEqual(z.applicability, []);
      assert.equal(z.country, null);
      assert.equal(z.source, 'openair');
      assert.equal(z.dataset, 'ksgu');
      assert.equal(z.licence, 'see dataset');
      assert.deepEqual(z.properties, { class: 'E', lowerRaw: 'SFC', upperRaw: '17999 ft' });
      zoneSchema.parse(z);
    }
  });

  test('the DC-only E2 record stays a circle of 4.5 NM = 8334 m', () => {
    assert.deepEqual(zones[0].volumes[0].geometry, { type: 'Circle', center: KSGU_CENTER, radius_m: 8334 });
  });

  test('DA arc vertices lie on the 4.5 NM circle between the stated bearings, within the chord error', () => {
    const arcs: [number, number, number][] = [
      [1, 17.071185, 42.995148],
      [2, 176.58556, 229.357024],
    ];
    for (const [i, from, to] of arcs) {
      const ring = outerRing(zones[i]);
      assert.deepEqual(ring[0], ring.at(-1));
      assert.ok(isCounterClockwise(ring));
      const onArc = ring
        .slice(0, -1)
        .filter((p) => Math.abs(distanceM(KSGU_CENTER[0], KSGU_CENTER[1], p[0], p[1]) - 8334) < 1);
      // Two DP points far out, every other vertex on the arc, end points included.
      assert.equal(onArc.length, ring.length - 3, zones[i].name);
      const bearings = onArc.map((p) => bearingDeg(KSGU_CENTER[0], KSGU_CENTER[1], p[0], p[1]));
      assert.ok(Math.abs(Math.min(...bearings) - from) < 1e-6, `${bearings}`);
      assert.ok(Math.abs(Math.max(...bearings) - to) < 1e-6, `${bearings}`);
      const sorted = [...onArc].sort(
        (a, b) =>
          bearingDeg(KSGU_CENTER[0], KSGU_CENTER[1], a[0], a[1]) -
          bearingDeg(KSGU_CENTER[0], KSGU_CENTER[1], b[0], b[1]),
      );
      assert.ok(maxChordError(KSGU_CENTER, 8334, sorted) <= OPENAIR_MAX_CHORD_ERROR_M + 1e-6);
    }
  });
});

describe('ksgu-ultralight-restricted-airspaces.txt (polygons, DB arcs)', () => {
  const { zones, issues, counts } = parseOpenAir(read('ksgu-ultralight-restricted-airspaces.txt'), {
    dataset: 'ul',
  });

  test('three restricted polygons from the surface to 17,999 ft', () => {
    assert.deepEqual(issues, []);
    assert.deepEqual(
      zones.map((z) => z.name),
      [
        'KSGU ULTRALIGHT VEHICLES RESTRICTED PRIMARY',
        'KSGU ULTRALIGHT VEHICLES RESTRICTED EAST EXT',
        'KSGU ULTRALIGHT VEHICLES RESTRICTED WEST EXT',
      ],
    );
    assert.equal(counts.restricted, 3);
    for (const z of zones) {
      assert.equal(z.category, 'restricted');
      assert.deepEqual(z.volumes[0].lower, SFC);
      assert.deepEqual(z.volumes[0].upper, FT_17999);
      zoneSchema.parse(z);
    }
  });

  test('open four-point outlines are closed into five-position rings, first DP kept exactly', () => {
    const ring = outerRing(zones[0]);
    assert.equal(ring.length, 5);
    assert.deepEqual(ring[0], ring[4]);
    assert.ok(ring.some((p) => p[0] === parsePosition('037:05:27.08 N 113:29:49.20 W')[0]));
    assert.ok(isCounterClockwise(ring));
  });

  test('DB arcs keep their radius about each V X= centre and end on the given points', () => {
    const ring = outerRing(zones[2]);
    const [x1, x2] = [
      parsePosition('037:02:29.27 N 113:31:28.41 W'),
      parsePosition('037:00:55.44 N 113:33:02.44 W'),
    ];
    const [b, c, d] = [
      '037:00:12.47 N 113:32:44.64 W',
      '037:00:32.89 N 113:33:26.41 W',
      '037:01:10.89 N 113:33:34.02 W',
    ].map(parsePosition);
    for (const p of [b, c, d]) assert.ok(ring.some((q) => q[0] === p[0] && q[1] === p[1]));
    const r1 = distanceM(x1[0], x1[1], b[0], b[1]);
    const r2 = distanceM(x2[0], x2[1], c[0], c[1]);
    const onFirst = ring.filter((p) => Math.abs(distanceM(x1[0], x1[1], p[0], p[1]) - r1) < 1);
    const onSecond = ring.filter((p) => Math.abs(distanceM(x2[0], x2[1], p[0], p[1]) - r2) < 1);
    assert.ok(onFirst.length >= 3 && onSecond.length >= 3, `${onFirst.length} ${onSecond.length}`);
    // Clockwise (the default): the first arc turns from bearing 204° to 219° about its centre.
    for (const p of onFirst) {
      const brg = bearingDeg(x1[0], x1[1], p[0], p[1]);
      assert.ok(brg > 203.9 && brg < 219.1, `${brg}`);
    }
  });
});

describe('openaip-parser-version-2-commands.txt (AY, AF, AG, AX, AA)', () => {
  const { zones, issues, counts } = parseOpenAir(read('openaip-parser-version-2-commands.txt'), {
    dataset: 'v2',
  });

  test('eight class D TMAs, authorization, GND to 40,000 ft AMSL', () => {
    assert.deepEqual(issues, []);
    assert.equal(zones.length, 8);
    assert.equal(counts.authorization, 8);
    for (const z of zones) {
      assert.equal(z.name, 'TMA Todendorf-Putlos');
      assert.equal(z.category, 'authorization');
      assert.deepEqual(z.volumes[0].lower, SFC);
      assert.deepEqual(z.volumes[0].upper, { value: 40000, unit: 'ft', reference: 'AMSL' });
      assert.equal(outerRing(z).length, 4);
      zoneSchema.parse(z);
    }
  });

  test('class, type, frequency, station and transponder code are kept in properties', () => {
    assert.deepEqual(zones[0].properties, {
      class: 'D',
      type: 'TMA',
      transponderCode: '7000',
      lowerRaw: 'GND',
      upperRaw: '40000ft AMSL',
    });
    assert.deepEqual(zones[7].properties, {
      class: 'D',
      type: 'TMA',
      frequency: '123.505',
      station: 'Todendorf Information',
      transponderCode: '7000',
      lowerRaw: 'GND',
      upperRaw: '40000ft AMSL',
    });
  });

  test('AA windows become applicability entries; records without AA are permanent', () => {
    assert.deepEqual(zones[6].applicability, [
      { permanent: false, start: '2025-01-01T12:00:00Z', end: '2025-01-01T13:00:00Z' },
      { permanent: false, start: '2025-01-01T14:00:00Z', end: '2025-01-01T15:00:00Z' },
      { permanent: false, end: '2025-02-02T12:00:00Z' },
      { permanent: false, start: '2025-03-03T11:00:00Z' },
    ]);
    for (const z of zones.filter((_, i) => i !== 6)) assert.deepEqual(z.applicability, []);
  });
});

test('records written with 60 seconds or 60 minutes (openAIP exports) are imported, not skipped', () => {
  const text = [
    'AC D',
    'AN CTR WITH 60 SECONDS',
    'AL GND',
    'AH 2500 ft AMSL',
    'DP 42:49:60 N 002:30:00 E',
    'DP 42:50:00 N 002:40:60 E',
    'V X=42:45:60 N 002:35:00 E',
    'DB 42:45:00 N 002:41:00 E, 42:41:60 N 002:35:00 E',
    'DP 42:40:00 N 002:29:60 E',
    'AC R',
    'AN CIRCLE',
    'AL GND',
    'AH 1000 ft AGL',
    'V X=42:59:60 N 001:59:60 E',
    'DC 1',
  ].join('\n');
  const { zones, issues } = parseOpenAir(text, { dataset: 'oaip', strict: true });
  assert.deepEqual(issues, []);
  assert.equal(zones.length, 2);
  const ring = outerRing(zones[0]);
  assert.deepEqual(ring[0], [2.5, 42 + 50 / 60]);
  const circle = zones[1].volumes[0].geometry;
  assert.equal(circle.type, 'Circle');
  if (circle.type === 'Circle') assert.deepEqual(circle.center, [2, 43]);
});
