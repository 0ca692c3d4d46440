import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stableTimeOrder, TimedColumn } from './column.ts';

/** The order a comparator sort of indices gives: ascending time, ties by index. */
const reference = (t: Float64Array) => Array.from(t.keys()).sort((a, b) => t[a] - t[b] || a - b);

test('stableTimeOrder equals a stable sort on runs, ties and random times', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cases: Float64Array[] = [
    new Float64Array([]),
    new Float64Array([1]),
    new Float64Array([3, 2, 1]),
    new Float64Array([1, 2, 3, 1, 2, 3, 1, 2, 3]), // a log written three times
    new Float64Array([5, 5, 5, 1, 1, 5]),
  ];
  for (let n = 2; n < 300; n += 37) {
    cases.push(Float64Array.from({ length: n }, () => Math.floor(rand() * 20))); // many ties
    cases.push(Float64Array.from({ length: n }, (_, i) => (i % 50) + rand())); // runs
  }
  for (const t of cases) assert.deepEqual(Array.from(stableTimeOrder(t)), reference(t), `${t}`);
});

test('an out-of-order column comes back in time order with its values', () => {
  const c = new TimedColumn();
  for (const [t, v] of [
    [2, 20],
    [1, 10],
    [2, 21],
    [0, 0],
  ])
    c.push(t, v);
  const { t, v } = c.ordered();
  assert.deepEqual(Array.from(t), [0, 1, 2, 2]);
  assert.deepEqual(Array.from(v), [0, 10, 20, 21]);
});
