import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearingDeg, destination, distanceM } from '../../geo/index.ts';
import { arcBetweenPoints, arcFromBearings, OPENAIR_MAX_CHORD_ERROR_M, sweepDeg } from './openair-arcs.ts';
import type { LonLat } from './openair-coordinates.ts';
import { maxChordError } from './test-probes.ts';

const CENTER: LonLat = [10.5, 45.5];

test('sweep follows the direction and treats equal bearings as a full turn', () => {
  assert.equal(sweepDeg(350, 10, true), 20);
  assert.equal(sweepDeg(350, 10, false), 340);
  assert.equal(sweepDeg(270, 290, true), 20);
  assert.equal(sweepDeg(0, 360, true), 360);
  assert.equal(sweepDeg(-10, 10, true), 20);
});

test('DA vertices lie on the radius, go the stated way round and respect the chord error', () => {
  for (const radiusNm of [0.5, 4.5, 50]) {
    const r = radiusNm * 1852;
    for (const clockwise of [true, false]) {
      const arc = arcFromBearings(CENTER, r, 350, 10, clockwise);
      for (const p of arc) assert.ok(Math.abs(distanceM(CENTER[0], CENTER[1], p[0], p[1]) - r) < 0.01);
      assert.ok(Math.abs(bearingDeg(CENTER[0], CENTER[1], arc[0][0], arc[0][1]) - 350) < 1e-6);
      assert.ok(Math.abs(bearingDeg(CENTER[0], CENTER[1], arc.at(-1)![0], arc.at(-1)![1]) - 10) < 1e-6);
      // Clockwise passes north (bearing 0), counter-clockwise passes south (bearing 180).
      const through = clockwise ? [0, 360] : [180];
      const mid = arc[Math.floor(arc.length / 2)];
      const b = bearingDeg(CENTER[0], CENTER[1], mid[0], mid[1]);
      assert.ok(
        through.some((t) => Math.abs(b - t) < 15),
        `${radiusNm} NM ${clockwise}: mid bearing ${b}`,
      );
      const error = maxChordError(CENTER, r, arc);
      assert.ok(error <= OPENAIR_MAX_CHORD_ERROR_M + 1e-6, `chord error ${error}`);
      // Not over-tessellated either: the chords use a fair share of the allowance on long arcs.
      if (!clockwise && radiusNm >= 4.5)
        assert.ok(error > OPENAIR_MAX_CHORD_ERROR_M / 2, `chord error ${error}`);
    }
  }
});

test('DB runs from the first to the second point at the first point’s radius, either way', () => {
  const r = 1852;
  const east = destination(CENTER[0], CENTER[1], r, 90);
  const south = destination(CENTER[0], CENTER[1], r + 30, 180);
  const cw = arcBetweenPoints(CENTER, east, south, true);
  const ccw = arcBetweenPoints(CENTER, east, south, false);
  for (const arc of [cw, ccw]) {
    assert.deepEqual(arc[0], east);
    assert.deepEqual(arc.at(-1), south);
    for (const p of arc.slice(0, -1))
      assert.ok(Math.abs(distanceM(CENTER[0], CENTER[1], p[0], p[1]) - r) < 0.01);
  }
  const bearingsOf = (arc: LonLat[]) =>
    arc.slice(1, -1).map((p) => bearingDeg(CENTER[0], CENTER[1], p[0], p[1]));
  assert.ok(bearingsOf(cw).every((b) => b > 90 && b < 180));
  assert.ok(bearingsOf(ccw).every((b) => b < 90 || b > 180));
  assert.ok(ccw.length > 2 * cw.length, 'the counter-clockwise arc is three times as long');
});
