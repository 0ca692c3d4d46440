import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outsideRanges } from './sequence-ranges.ts';

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
