// formatNumber takes a fast path around toFixed: its text must be exactly what
// String(Number(v.toFixed(digits))) gives, for every magnitude, sign and rounding half.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../testing/index.ts';
import { formatNumber } from './export-text.ts';

const reference = (v: number, digits: number) =>
  Number.isFinite(v) ? String(Number(v.toFixed(digits))) : '';

test('formatNumber writes what toFixed would, halves and edges included', () => {
  const random = seededRandom(7);
  const differ: string[] = [];
  const check = (v: number, digits: number) => {
    if (formatNumber(v, digits) !== reference(v, digits))
      differ.push(`${v} to ${digits}: ${formatNumber(v, digits)} vs ${reference(v, digits)}`);
  };
  for (let i = 0; i < 100_000; i++) {
    const digits = [0, 1, 2, 3, 7][i % 5];
    check((random() - 0.5) * 10 ** (Math.floor(random() * 26) - 10), digits);
    // Exact decimal halves (1.005, 2.675: binary values just below or above), and next to them.
    const k = Math.floor(random() * 1e6) - 5e5;
    check((k + 0.5) / 10 ** digits, digits);
    check((k + 0.5) / 10 ** digits + (random() - 0.5) * 1e-12, digits);
  }
  for (const v of [0, -0, 1.005, 2.675, -1.45, 8.345, 1e-7, -1e-7, 5e-324, 2 ** 40, 1e15 + 0.5, 1e21, -1e22])
    for (const digits of [0, 1, 2, 3, 7]) check(v, digits);
  for (const v of [Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(formatNumber(v, 3), '');
  assert.deepEqual(differ, []);
});
