import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { zoneSchema } from '../../zone/index.ts';
import { parseOpenAir } from './index.ts';
import { parsePosition } from './openair-coordinates.ts';
import { containsOffset, isCounterClockwise, outerRing } from './test-probes.ts';

const C = '45:00:00 N 010:00:00 E';
const CENTER = parsePosition(C);
const NM = 1852;
const record = (name: string, ...body: string[]) => ['AC R', `AN ${name}`, 'AL SFC', 'AH FL50', ...body];
const parse = (lines: string[]) => {
  const result = parseOpenAir(lines.join('\n'), { dataset: 't' });
  assert.deepEqual(result.issues, []);
  for (const z of result.zones) zoneSchema.parse(z);
  return result.zones;
};

test('DA arcs follow V D=: clockwise by default, counter-clockwise after V D=-', () => {
  const [cw, ccw] = parse([
    ...record('clockwise', `V X=${C}`, `DP ${C}`, 'DA 1, 90, 180'),
    ...record('counter', 'V D=-', `V X=${C}`, `DP ${C}`, 'DA 1, 90, 180'),
  ]);
  // Clockwise from east to south is the south-east quarter; the other way is the other three.
  assert.deepEqual(
    [containsOffset(cw, CENTER, 0.5 * NM, 135), containsOffset(cw, CENTER, 0.5 * NM, 315)],
    [true, false],
  );
  assert.deepEqual(
    [containsOffset(ccw, CENTER, 0.5 * NM, 135), containsOffset(ccw, CENTER, 0.5 * NM, 315)],
    [false, true],
  );
  assert.ok(outerRing(ccw).length > 2 * outerRing(cw).length);
});

test('DB arcs between points follow the direction too', () => {
  const east = '45:00:00 N 010:01:24.9 E';
  const south = '44:59:00.0 N 010:00:00 E';
  const [cw, ccw] = parse([
    ...record('db clockwise', `V X=${C}`, `DP ${C}`, `DB ${east}, ${south}`),
    ...record('db counter', `V X=${C}`, 'V D=-', `DP ${C}`, `DB ${east}, ${south}`),
  ]);
  assert.deepEqual(
    [containsOffset(cw, CENTER, 500, 135), containsOffset(cw, CENTER, 500, 315)],
    [true, false],
  );
  assert.deepEqual(
    [containsOffset(ccw, CENTER, 500, 135), containsOffset(ccw, CENTER, 500, 315)],
    [false, true],
  );
  for (const z of [cw, ccw]) {
    const ring = outerRing(z);
    for (const p of [east, south].map(parsePosition))
      assert.ok(ring.some((q) => q[0] === p[0] && q[1] === p[1]));
  }
});

test('V D= holds for later arcs in the record and resets to clockwise at the next AC', () => {
  const arcs = [`V X=${C}`, 'DA 1, 90, 0', 'DA 2, 0, 90'];
  const [held, reset] = parse([...record('held', 'V D=-', ...arcs), ...record('reset', ...arcs)]);
  // Held: the second arc also runs counter-clockwise, the long way round through west and south.
  assert.deepEqual(
    [containsOffset(held, CENTER, 1.5 * NM, 45), containsOffset(held, CENTER, 1.5 * NM, 225)],
    [false, true],
  );
  // Reset: clockwise, the short way, leaving a band in the north-east quarter.
  assert.deepEqual(
    [containsOffset(reset, CENTER, 1.5 * NM, 45), containsOffset(reset, CENTER, 1.5 * NM, 225)],
    [true, false],
  );
});

test('DDM coordinates, inline remarks, styling and label commands, no blank lines between records', () => {
  const [ddm, dms] = parse([
    'AC R',
    'AN DDM',
    'SP 0,1,255,0,0',
    'SB -1,-1,-1',
    'AL SFC',
    'AH 1500ft AMSL',
    'AT 45:00.5 N 010:00.5 E',
    'V Z=100',
    'DP 45:00.000 N 010:00.000 E * first corner',
    'DP 45:01.500N 010:00.000E',
    'DP 45:01.500 N 010:01.250 E',
    'DP 45:00.000 N 010:00.000 E',
    'AC R',
    'AN DMS',
    'AL SFC',
    'AH 1500ft AMSL',
    'DP 45:00:00 N 010:00:00 E',
    'DP 45:01:30 N 010:00:00 E',
    'DP 45:01:30 N 010:01:15 E',
  ]);
  assert.equal(outerRing(ddm).length, 4);
  assert.ok(
    outerRing(ddm).some(
      ([lon, lat]) => Math.abs(lat - 45.025) < 1e-12 && Math.abs(lon - (10 + 1.25 / 60)) < 1e-12,
    ),
  );
  const sorted = (z: typeof ddm) =>
    outerRing(z)
      .map((p) => p.map((v) => v.toFixed(9)).join())
      .sort();
  assert.deepEqual(sorted(ddm), sorted(dms));
  assert.ok(isCounterClockwise(outerRing(ddm)));
});

test('CRLF and lone CR line endings read the same as LF, line numbers included', () => {
  const text = readFileSync(
    new URL(
      '../../../../../../shared/data/airspace/openair/ksgu-ultralight-restricted-airspaces.txt',
      import.meta.url,
    ),
    'utf8',
  );
  const lf = parseOpenAir(text, { dataset: 'k' });
  assert.equal(lf.zones.length, 3);
  for (const eol of ['\r\n', '\r'])
    assert.deepEqual(parseOpenAir(text.replace(/\n/g, eol), { dataset: 'k' }), lf);
  const bad = [
    '* x',
    'AC R',
    'AN Bad',
    'AL SFC',
    'AH FL50',
    'DP 45:00:00 N 010:00:00 E',
    'DP 91:00:00 N 010:00:00 E',
  ];
  const issues = parseOpenAir(bad.join('\r\n'), { dataset: 'k' }).issues;
  assert.deepEqual(issues, [{ line: 7, record: 'Bad', reason: 'DP "91:00:00 N" is beyond 90°' }]);
});

test('names with Latin-1 letters pass through; a UTF-8 byte-order mark is ignored', () => {
  const [zone] = parse([`\uFEFFAC R`, 'AN Zürich Glättli', 'AL GND', 'AH 2000ft AGL', `V X=${C}`, 'DC 0.5']);
  assert.equal(zone.name, 'Zürich Glättli');
  assert.deepEqual(zone.volumes[0].geometry, { type: 'Circle', center: CENTER, radius_m: 926 });
  assert.deepEqual(zone.volumes[0].upper, { value: 2000, unit: 'ft', reference: 'AGL' });
});

test('AI gives the id (repeats made unique), AA NONE marks activation by NOTAM, timed prohibitions are temporary', () => {
  const zones = parse([
    ...record('first', 'AI abc-1', `V X=${C}`, 'DC 1'),
    ...record('again', 'AI abc-1', `V X=${C}`, 'DC 1'),
    ...record('notam', 'AA 2025-01-01T00:00Z/2025-01-02T00:00Z', 'AA NONE', `V X=${C}`, 'DC 1'),
    ...record('window', 'AA 2025-01-01T00:00Z/2025-01-02T00:00Z', `V X=${C}`, 'DC 1'),
  ]);
  assert.deepEqual(
    zones.map((z) => z.id),
    ['t:abc-1', 't:abc-1~2', 't:3', 't:4'],
  );
  assert.equal(zones[0].properties?.identifier, 'abc-1');
  assert.deepEqual(zones[2].applicability, [{ permanent: false }]);
  assert.equal(zones[2].properties?.byNotam, true);
  assert.equal(zones[2].category, 'restricted');
  assert.equal(zones[3].category, 'temporary');
});

test('an arc across the antimeridian keeps longitudes continuous', () => {
  const centre = '10:00:00 S 179:59:00 E';
  const [zone] = parse(record('dateline', `V X=${centre}`, `DP ${centre}`, 'DA 5, 0, 180'));
  const ring = outerRing(zone);
  for (let i = 1; i < ring.length; i++)
    assert.ok(Math.abs(ring[i][0] - ring[i - 1][0]) < 1, `${ring[i - 1]} → ${ring[i]}`);
  assert.ok(ring.some(([lon]) => lon > 180));
  assert.ok(isCounterClockwise(ring));
});

test('progress is reported every 1000 lines and at the end', () => {
  const lines: string[] = [];
  while (lines.length < 2500) lines.push(...record(`r${lines.length}`, `V X=${C}`, 'DC 1'), '');
  const calls: [number, number | undefined][] = [];
  parseOpenAir(lines.join('\n'), { dataset: 'p', onProgress: (done, total) => calls.push([done, total]) });
  const total = lines.length;
  assert.deepEqual(calls, [
    [1000, total],
    [2000, total],
    [total, total],
  ]);
});

test('a two-point outline (a cable or power line) becomes a corridor 50 m either side, not a skipped record', () => {
  // Switzerland's file writes cables this way ("KABEL", AC Q, with the wire's height band).
  const [cable] = parse(record('KABEL Kabel', 'DP 46:48:43 N 008:27:14 E', 'DP 46:48:43 N 008:27:34 E'));
  assert.equal(cable.volumes[0].geometry.type, 'Polygon');
  assert.ok(isCounterClockwise(outerRing(cable)));
  const a = parsePosition('46:48:43 N 008:27:14 E');
  const b = parsePosition('46:48:43 N 008:27:34 E');
  const mid: [number, number] = [(a[0] + b[0]) / 2, a[1]];
  // Across the wire (north/south of its middle): inside at 45 m, outside at 55 m.
  assert.deepEqual(
    [0, 180].map((bearing) => [
      containsOffset(cable, mid, 45, bearing),
      containsOffset(cable, mid, 55, bearing),
    ]),
    [
      [true, false],
      [true, false],
    ],
  );
  // Beyond each end too (the wire runs east-west).
  assert.equal(containsOffset(cable, b, 45, 90), true);
  assert.equal(containsOffset(cable, a, 45, 270), true);
  assert.equal(containsOffset(cable, a, 55, 270), false);
});
