import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePosition, parsePositions } from './openair-coordinates.ts';
import { OpenAirError } from './openair-error.ts';

const close = (actual: number[], expected: number[]) => {
  for (const [i, v] of actual.entries())
    assert.ok(Math.abs(v - expected[i]) < 1e-9, `${actual} vs ${expected}`);
};

test('DMS with and without a space before the hemisphere, decimals on the seconds', () => {
  close(parsePosition('45:40:30 N 010:50:00 E'), [10 + 50 / 60, 45 + 40 / 60 + 30 / 3600]);
  close(parsePosition('45:40:30N 010:50:00E'), [10 + 50 / 60, 45 + 40 / 60 + 30 / 3600]);
  close(parsePosition('037:02:11.00 N 113:30:37.00 W'), [
    -(113 + 30 / 60 + 37 / 3600),
    37 + 2 / 60 + 11 / 3600,
  ]);
  close(parsePosition('33:52:07.5 s 151:12:33.25 e'), [
    151 + 12 / 60 + 33.25 / 3600,
    -(33 + 52 / 60 + 7.5 / 3600),
  ]);
});

test('DDM (degrees and decimal minutes) and plain decimal degrees', () => {
  close(parsePosition('45:40.5 N 010:50.25 E'), [10.8375, 45.675]);
  close(parsePosition('39:29.9N 119:46.1W'), [-(119 + 46.1 / 60), 39 + 29.9 / 60]);
  close(parsePosition('45.5N 10.25E'), [10.25, 45.5]);
});

test('zero west stays 0, not -0', () => {
  assert.deepEqual(parsePosition('51:28:40 N 000:00:00 W'), [0, 51 + 28 / 60 + 40 / 3600]);
});

test('two points with commas anywhere between values (the Naviter DB example has a stray one)', () => {
  const points = parsePositions('39:36:40N 119:46:10W, 39:29:09N, 119:36:10W');
  assert.equal(points.length, 2);
  close(points[1], [-(119 + 36 / 60 + 10 / 3600), 39 + 29 / 60 + 9 / 3600]);
});

test('60 seconds or 60 minutes carry over (openAIP exports write 42:49:60 N), in every form', () => {
  close(parsePosition('42:49:60 N 001:30:00 E'), [1.5, 42 + 50 / 60]);
  close(parsePosition('42:60:00 N 001:59:60 E'), [2, 43]);
  close(parsePosition('42:60.0 N 001:60 W'), [-2, 43]);
  close(parsePosition('42:59:60.0N 001:59:60W'), [-2, 43]);
  close(parsePosition('89:59:60 N 179:60:00 W'), [-180, 90]);
  // DB (two points in one argument) goes through the same reader.
  const ends = parsePositions('42:49:60 N 001:00:60 E, 42:50:60N 001:01:60E');
  close(ends[0], [1 + 1 / 60, 42 + 50 / 60]);
  close(ends[1], [1 + 2 / 60, 42 + 51 / 60]);
});

test('bad coordinates throw OpenAirError naming the value', () => {
  const cases: [string, RegExp][] = [
    ['45:75:00 N 010:00:00 E', /"45:75:00 N" has 75 minutes/],
    ['45:10:61 N 010:00:00 E', /"45:10:61 N" has 61 seconds/],
    ['45:10:60.5 N 010:00:00 E', /"45:10:60.5 N" has 60.5 seconds/],
    ['45:61.0 N 010:00:00 E', /"45:61.0 N" has 61.0 minutes/],
    ['95:00:00 N 010:00:00 E', /"95:00:00 N" is beyond 90°/],
    ['45:00:00 N 181:00:00 E', /"181:00:00 E" is beyond 180°/],
    ['010:00:00 E 45:00:00 N', /latitude \(N\/S\) first/],
    ['45:40.5:30 N 010:00:00 E', /"45:40.5:30 N" is not DD:MM:SS or DD:MM.mmm/],
    ['nonsense', /"nonsense" is not a coordinate/],
    ['45:00:00 N', /"45:00:00 N" is not a coordinate/],
    ['45:00:00 N 010:00:00 E junk', /is not a coordinate/],
    ['', /"" is not a coordinate/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parsePosition(text),
      (e: unknown) => e instanceof OpenAirError && message.test(e.message),
      text,
    );
  }
  assert.throws(() => parsePosition('45:00:00 N 010:00:00 E, 46:00:00 N 010:00:00 E'), /holds 2 coordinates/);
});
