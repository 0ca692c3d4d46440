import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isZoneActive } from '../../geofence/index.ts';
import { parseNotams } from './parse-notam.ts';
import { parseQLine } from './q-line.ts';

// Written from the ICAO format (Annex 15, Doc 8126 / 10066): header, Q) line, items A–G.
const FEED = `(A1234/24 NOTAMN
Q) EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005
A) EGTT B) 2406011200 C) 2406302359
D) DAILY 1200-1800
E) TEMPORARY RESTRICTED AREA ACTIVATED WI 5NM RADIUS OF 513000N 0002100W
FOR AIR DISPLAY.
F) SFC G) 4000FT AMSL)

(A1240/24 NOTAMN
Q) EGTT/QWULW/IV/BO/W/000/004/5200N00100W002
A) EGTT B) 2406010800 C) 2406011700 EST
E) UAS OPERATIONS WI AREA 520100N 0010100W - 520100N 0005900W -
515900N 0005900W - 515900N 0010100W.
F) GND G) 400FT AGL)

(A1241/24 NOTAMN
Q) LFFF/QMRLC/IV/NBO/A/000/999/4843N00223E005
A) LFPO B) 2406010000 C) 2406020000
E) RWY 06/24 CLSD)

(A1242/24 NOTAMN
Q) EDGG/QRRCA/IV/BO/W/050/120/5000N00800E010
A) EDGG B) 2406010000 C) PERM
E) RESTRICTED AREA ED-R 999 ACTIVE.
F) FL120 G) FL050)

(A1243/24 NOTAMN
Q) EDGG/QRTCA/IV/BO/W/000/010/5000N00800E003
A) EDGG B) 2406010000 C) 2406050000
E) TRA.)
(A1250/24 NOTAMC A1243/24
Q) EDGG/QRTXX/IV/BO/W/000/010/5000N00800E003
A) EDGG B) 2406020000
E) TRA CANCELLED.)

(A1260/24 NOTAMN
Q) EGTT/QRTCA/IV/BO/W/000/040/5130N00021W
A) EGTT B) 2406011200 C) 2406302359)

(A1261/24 NOTAMN
Q) EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005
A) EGTT B) 2402301200 C) 2406302359)
`;

test('Q) line: FIR, code, traffic, purpose, scope, levels, centre and radius', () => {
  const q = parseQLine('EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005');
  assert.equal(q.fir, 'EGTT');
  assert.equal(q.code, 'QRTCA');
  assert.equal(q.traffic, 'IV');
  assert.equal(q.purpose, 'BO');
  assert.equal(q.scope, 'W');
  assert.equal(q.lowerFL, 0);
  assert.equal(q.upperFL, 40);
  assert.deepEqual(q.center, [-(21 / 60), 51.5]);
  assert.equal(q.radiusNM, 5);
});

test('a temporary restricted area: Q circle, B/C window in UTC, D kept as text, F/G limits', () => {
  const r = parseNotams(FEED, { dataset: 'n' });
  const z = r.zones.find((x) => x.properties?.notam === 'A1234/24')!;
  assert.equal(z.id, 'n:A1234/24');
  assert.equal(z.category, 'temporary');
  assert.equal(z.source, 'notam');
  // "5NM RADIUS OF …" is a circle, not a polygon: the Q) circle stands for it.
  assert.deepEqual(z.volumes[0].geometry, { type: 'Circle', center: [-(21 / 60), 51.5], radius_m: 5 * 1852 });
  assert.deepEqual(z.volumes[0].lower, { value: 0, unit: 'm', reference: 'AGL' });
  assert.deepEqual(z.volumes[0].upper, { value: 4000, unit: 'ft', reference: 'AMSL' });
  assert.deepEqual(z.applicability, [
    { permanent: false, start: '2024-06-01T12:00:00.000Z', end: '2024-06-30T23:59:00.000Z' },
  ]);
  assert.equal(z.properties?.schedule, 'DAILY 1200-1800');
  assert.match(z.message ?? '', /AIR DISPLAY/);
  assert.equal(isZoneActive(z, new Date('2024-06-30T23:58:59Z')), true);
  assert.equal(isZoneActive(z, new Date('2024-06-30T23:59:00Z')), false, 'gone at its end time');
});

test('a plain polygon in item E is used; an EST end keeps the zone open with the estimate noted', () => {
  const z = parseNotams(FEED, { dataset: 'n' }).zones.find((x) => x.properties?.notam === 'A1240/24')!;
  assert.equal(z.category, 'warning');
  assert.equal(z.volumes[0].geometry.type, 'Polygon');
  const ring = (z.volumes[0].geometry as { coordinates: number[][][] }).coordinates[0];
  assert.equal(ring.length, 5);
  assert.deepEqual(ring[0], [-(1 + 1 / 60), 52 + 1 / 60]);
  assert.deepEqual(z.volumes[0].upper, { value: 400, unit: 'ft', reference: 'AGL' });
  assert.deepEqual(z.applicability, [{ permanent: false, start: '2024-06-01T08:00:00.000Z' }]);
  assert.equal(z.properties?.estimatedEnd, '2024-06-01T17:00:00.000Z');
});

test('lower above upper is swapped and reported on the zone; PERM has no end', () => {
  const z = parseNotams(FEED, { dataset: 'n' }).zones.find((x) => x.properties?.notam === 'A1242/24')!;
  assert.deepEqual(z.volumes[0].lower, { value: 50, unit: 'FL', reference: 'STD' });
  assert.deepEqual(z.volumes[0].upper, { value: 120, unit: 'FL', reference: 'STD' });
  assert.match(String(z.properties?.repaired), /FL120 above upper limit FL50: swapped/);
  assert.deepEqual(z.applicability, [{ permanent: true, start: '2024-06-01T00:00:00.000Z' }]);
});

test('cancelled NOTAMs leave no zone; other subjects and unreadable ones are skipped with reasons', () => {
  const r = parseNotams(FEED, { dataset: 'n' });
  assert.deepEqual(
    r.zones.map((z) => z.properties?.notam),
    ['A1234/24', 'A1240/24', 'A1242/24'],
  );
  assert.deepEqual(
    r.issues.map((i) => i.record),
    ['A1241/24', 'A1260/24', 'A1261/24'],
  );
  assert.match(r.issues[0].reason, /^QMRLC is not an airspace restriction or warning$/);
  assert.match(r.issues[1].reason, /^Q\) line ".*" is not FIR\/QCODE/);
  assert.match(r.issues[2].reason, /^item B\) "2402301200" is not a real date and time$/);
  assert.equal(r.issues[0].line, 16);
  assert.throws(() => parseNotams(FEED, { dataset: 'n', strict: true }), /A1241\/24/);
});

test('bodies without header lines are split at each Q) line', () => {
  const r = parseNotams(
    `Q) EGTT/QRTCA/IV/BO/W/000/040/5130N00021W005\nA) EGTT B) 2406011200 C) 2406302359\nE) ONE\nQ) EGTT/QRPCA/IV/BO/W/000/040/5230N00021W002\nA) EGTT B) 2406011200 C) 2406302359\nE) TWO`,
    { dataset: 'n' },
  );
  assert.deepEqual(
    r.zones.map((z) => z.name),
    ['NOTAM EGTT: ONE', 'NOTAM EGTT: TWO'],
  );
});
