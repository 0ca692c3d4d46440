import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secureRandom, seededRandom } from './random.ts';

function checkUniform(random: () => number, n: number): void {
  let sum = 0;
  const buckets = new Array(10).fill(0);
  for (let i = 0; i < n; i++) {
    const u = random();
    assert.ok(u >= 0 && u < 1, `sample ${i} out of [0, 1): ${u}`);
    sum += u;
    buckets[Math.floor(u * 10)]++;
  }
  assert.ok(Math.abs(sum / n - 0.5) < 0.01, `mean ${sum / n}`);
  for (const b of buckets) assert.ok(Math.abs(b / n - 0.1) < 0.01, `bucket share ${b / n}`);
}

test('secureRandom is uniform in [0, 1)', () => checkUniform(secureRandom, 100_000));

test('secureRandom uses more than 32 bits', () => {
  // With 53 bits, some sample has a non-zero part below 2^-32.
  const fine = Array.from({ length: 100 }, secureRandom).some((u) => (u * 2 ** 32) % 1 !== 0);
  assert.ok(fine);
});

test('seededRandom is uniform in [0, 1), reproducible, and seed-dependent', () => {
  checkUniform(seededRandom(7), 100_000);
  const a = seededRandom(42);
  const b = seededRandom(42);
  for (let i = 0; i < 1000; i++) assert.equal(a(), b());
  assert.notEqual(seededRandom(1)(), seededRandom(2)());
  assert.notEqual(seededRandom(1)(), seededRandom(1 + 2 ** 32)());
  assert.throws(() => seededRandom(Number.NaN), /seed/);
});
