import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom as rng } from '@airlock/core/testing';
import { flattenRanges, NO_COUNTRY, type Segments } from './flatten-ranges.ts';

/** What a segment list says about one address. */
function countryAt(seg: Segments<number>, x: number): number {
  let found = NO_COUNTRY;
  for (let i = 0; i < seg.starts.length && seg.starts[i] <= x; i++) found = seg.countries[i];
  return found;
}

/** The rule written plainly: among rows containing x, the latest-starting (then the later) wins. */
function bruteForce(rows: [number, number, number][], x: number): number {
  let best = NO_COUNTRY;
  let bestStart = -1;
  for (const [s, e, c] of rows) {
    if (s <= x && x <= e && s >= bestStart) {
      best = c;
      bestStart = s;
    }
  }
  return best;
}

test('nested, adjacent, gapped and same-start rows', () => {
  const rows: [number, number, number][] = [
    [10, 100, 1],
    [10, 20, 2], // same start, nested: overrides
    [40, 40, 3], // single address inside
    [41, 100, 1], // continues the outer with the same country
    [101, 110, 4], // adjacent
    [200, 210, 5], // after a gap
  ];
  const seg = flattenRanges(
    rows.map((r) => r[0]),
    rows.map((r) => r[1]),
    rows.map((r) => r[2]),
    (x) => x + 1,
  );
  assert.deepEqual(seg, {
    starts: [10, 21, 40, 41, 101, 111, 200, 211],
    countries: [2, 1, 3, 1, 4, NO_COUNTRY, 5, NO_COUNTRY],
  });
});

test('agrees with the plain rule on random overlapping rows', () => {
  const r = rng(3);
  for (let round = 0; round < 300; round++) {
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 12; i++) {
      const s = Math.floor(r() * 100);
      rows.push([s, s + Math.floor(r() * 40), Math.floor(r() * 3)]);
    }
    rows.sort((a, b) => a[0] - b[0]);
    const seg = flattenRanges(
      rows.map((x) => x[0]),
      rows.map((x) => x[1]),
      rows.map((x) => x[2]),
      (x) => x + 1,
    );
    for (let i = 1; i < seg.starts.length; i++) {
      assert.ok(seg.starts[i] > seg.starts[i - 1], 'starts strictly increase');
      assert.notEqual(seg.countries[i], seg.countries[i - 1], 'neighbours differ');
    }
    for (let x = 0; x < 150; x++)
      assert.equal(countryAt(seg, x), bruteForce(rows, x), `round ${round} x ${x}`);
  }
});

test('works on bigints', () => {
  const seg = flattenRanges<bigint>([0n, 5n], [10n, 6n], [1, 2], (x) => x + 1n);
  assert.deepEqual(seg, { starts: [0n, 5n, 7n, 11n], countries: [1, 2, 1, NO_COUNTRY] });
});
