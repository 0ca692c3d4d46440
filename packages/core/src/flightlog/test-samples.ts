/**
 * Tests only: reads the real sample logs from shared/data/flightlogs (node:fs is fine in tests; nothing
 * outside *.test.ts imports this file, so the importers stay browser-safe).
 */
import { readFileSync } from 'node:fs';

export const SAMPLES = new URL('../../../../../shared/data/flightlogs/', import.meta.url);

export function sample(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, SAMPLES)));
}

export function sampleText(path: string): string {
  return readFileSync(new URL(path, SAMPLES), 'utf8');
}

/** |actual − expected| ≤ tolerance × expected. */
export function within(actual: number | null, expected: number, tolerance: number): boolean {
  return actual !== null && Math.abs(actual - expected) <= tolerance * Math.abs(expected);
}

/** A seeded xorshift byte source, so "random" corruptions are the same on every run. */
export function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
