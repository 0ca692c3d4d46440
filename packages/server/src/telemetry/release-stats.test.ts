import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom } from '@airlock/core';
import type { CounterRow } from './aggregate-buffer.ts';
import { keyedNoise, laplace, streamNoise } from './laplace-noise.ts';
import { type ReleasePolicy, releaseCounters, releaseErrors, type Suppressed } from './release-stats.ts';

const row = (day: string, value: string, reports: number, total = reports): CounterRow => ({
  day,
  category: 'app_performance',
  dimension: 'app_version',
  value,
  reports,
  total,
});
const exact: ReleasePolicy = { minGroup: 10, noise: streamNoise(() => 0.5), byDay: false };

describe('suppression', () => {
  test('rows with fewer reports than the minimum group are left out and counted', () => {
    const s: Suppressed = { rows: 0, values: 0 };
    const out = releaseCounters(
      [row('2026-05-01', '1.0', 9), row('2026-05-01', '2.0', 10), row('2026-05-01', '3.0', 1)],
      exact,
      s,
    );
    assert.deepEqual(
      out.map((r) => [r.value, r.reports]),
      [['2.0', 10]],
    );
    assert.deepEqual(s, { rows: 2, values: 0 });
  });

  test('the range is summed before suppression; by day each day stands alone', () => {
    const rows = [row('2026-05-01', '1.0', 6), row('2026-05-02', '1.0', 6)];
    const s: Suppressed = { rows: 0, values: 0 };
    assert.deepEqual(
      releaseCounters(rows, exact, s).map((r) => r.reports),
      [12],
    );
    const byDay = releaseCounters(rows, { ...exact, byDay: true }, s);
    assert.deepEqual(byDay, []);
    assert.equal(s.rows, 2);
  });

  test('a small number inside a published row is replaced by null', () => {
    const s: Suppressed = { rows: 0, values: 0 };
    const errors = releaseErrors(
      [
        {
          day: '2026-05-01',
          fingerprint: '0123456789abcdef',
          reports: 12,
          events: 15,
          crashes: 3,
          errorType: 'TypeError',
          sampleStack: 'TypeError',
          firstDay: '2026-05-01',
          lastDay: '2026-05-01',
        },
      ],
      exact,
      s,
    );
    assert.deepEqual([errors[0].reports, errors[0].events, errors[0].crashes], [12, 15, null]);
    assert.deepEqual(s, { rows: 0, values: 1 });
  });
});

describe('Laplace noise', () => {
  test('laplace() has mean 0, mean absolute deviation b and variance 2b² (fixed seed)', () => {
    const random = seededRandom(20260510);
    const b = 2;
    const n = 200_000;
    let sum = 0;
    let abs = 0;
    let sq = 0;
    let below = 0;
    for (let i = 0; i < n; i++) {
      const x = laplace(b, random);
      sum += x;
      abs += Math.abs(x);
      sq += x * x;
      if (x < -b) below++;
    }
    assert.ok(Math.abs(sum / n) < 0.03, `mean ${sum / n}`);
    assert.ok(Math.abs(abs / n - b) < 0.03, `mean |x| ${abs / n}`);
    assert.ok(Math.abs(sq / n - 2 * b * b) < 0.15, `variance ${sq / n}`);
    // P(X < -b) = e^-1 / 2.
    assert.ok(Math.abs(below / n - Math.exp(-1) / 2) < 0.005, `tail ${below / n}`);
  });

  test('published counts get noise of scale 1/epsilon: unbiased, spread as Laplace (fixed seed)', () => {
    const epsilon = 0.5;
    const policy: ReleasePolicy = { minGroup: 1, epsilon, noise: streamNoise(seededRandom(7)), byDay: true };
    const rows = Array.from({ length: 20_000 }, (_, i) => row('2026-05-01', `v${i}`, 100));
    const s: Suppressed = { rows: 0, values: 0 };
    const out = releaseCounters(rows, policy, s);
    assert.equal(out.length, rows.length);
    const errors = out.map((r) => r.reports - 100);
    const mean = errors.reduce((a, x) => a + x, 0) / errors.length;
    const mad = errors.reduce((a, x) => a + Math.abs(x), 0) / errors.length;
    assert.ok(Math.abs(mean) < 0.1, `mean error ${mean}`);
    // Rounding to integers adds a little to the mean absolute deviation of 1/epsilon = 2.
    assert.ok(Math.abs(mad - 1 / epsilon) < 0.15, `mean absolute error ${mad}`);
    assert.ok(out.every((r) => Number.isInteger(r.reports) && r.reports >= 0));
  });

  test('noise comes before suppression: counts near the threshold are sometimes published, sometimes not', () => {
    const policy: ReleasePolicy = {
      minGroup: 10,
      epsilon: 1,
      noise: streamNoise(seededRandom(3)),
      byDay: true,
    };
    const s: Suppressed = { rows: 0, values: 0 };
    const out = releaseCounters(
      Array.from({ length: 1000 }, (_, i) => row('2026-05-01', `v${i}`, 10)),
      policy,
      s,
    );
    // Published when round(10 + X) >= 10, i.e. X >= -0.5: probability 1 - e^-0.5 / 2 = 0.697.
    assert.ok(Math.abs(out.length / 1000 - (1 - Math.exp(-0.5) / 2)) < 0.05, `${out.length} published`);
    assert.equal(out.length + s.rows, 1000);
  });

  test('keyed noise repeats for the same cell and value, and differs with the secret', () => {
    const a = keyedNoise(Buffer.alloc(32, 1));
    const b = keyedNoise(Buffer.alloc(32, 2));
    const draws = (n: ReturnType<typeof keyedNoise>, key: string) => {
      const u = n(key);
      return [u(), u(), u()];
    };
    assert.deepEqual(draws(a, 'c|x'), draws(a, 'c|x'));
    assert.notDeepEqual(draws(a, 'c|x'), draws(a, 'c|y'));
    assert.notDeepEqual(draws(a, 'c|x'), draws(b, 'c|x'));
    const u = a('k');
    for (let i = 0; i < 1000; i++) {
      const x = u();
      assert.ok(x >= 0 && x < 1);
    }
  });
});
