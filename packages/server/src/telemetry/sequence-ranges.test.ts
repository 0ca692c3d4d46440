import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outsideRanges, toRanges } from './sequence-ranges.ts';

test('consecutive sequences become runs; duplicates and order do not matter', () => {
  assert.deepEqual(toRanges([5, 3, 4, 9, 10, 4, 1]), [
    { first: 1, last: 1 },
    { first: 3, last: 5 },
    { first: 9, last: 10 },
  ]);
  assert.deepEqual(toRanges([]), []);
});

test('a sequence inside any recorded range is not fresh, edges included', () => {
  const ranges = [
    { first: 10, last: 20 },
    { first: 1, last: 3 },
    { first: 25, last: 25 },
  ];
  const seqs = [0, 1, 2, 3, 4, 9, 10, 15, 20, 21, 24, 25, 26, 1000];
  assert.deepEqual(
    [...outsideRanges(seqs, ranges)].sort((a, b) => a - b),
    [0, 4, 9, 21, 24, 26, 1000],
  );
  assert.deepEqual([...outsideRanges([7, 7, 8], [])].sort(), [7, 8]);
});

test('what toRanges records, outsideRanges then excludes (a redelivered batch adds nothing)', () => {
  const batch = [101, 102, 103, 107, 108, 200];
  const ranges = toRanges(batch);
  assert.equal(outsideRanges(batch, ranges).size, 0);
  assert.deepEqual([...outsideRanges([100, 104, 106, 109, 201], ranges)], [100, 104, 106, 109, 201]);
});
