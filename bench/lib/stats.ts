export { seededRandom } from '@airlock/core/testing';
/** Small statistics and a seeded PRNG shared by the benches. */

/** Fisher–Yates shuffle of 0..n-1 with the given PRNG. */
export function shuffledIndices(n: number, random: () => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles and the mean of a list of durations (any unit; the caller's). */
export function summarize(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, mean: Number.NaN, min: 0, max: 0 };
  const rank = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return { count: n, p50: rank(0.5), p99: rank(0.99), mean: sum / n, min: sorted[0], max: sorted[n - 1] };
}
