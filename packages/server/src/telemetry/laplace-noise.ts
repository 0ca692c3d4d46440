import { createHmac } from 'node:crypto';
import type { RandomSource } from '@airlock/core';

const TWO_POW_53 = 2 ** 53;

/**
 * A Laplace(0, scale) sample by inverse CDF from uniform draws in [0, 1). Zero is redrawn: it would
 * give an infinite sample.
 */
export function laplace(scale: number, uniform: RandomSource): number {
  let u = uniform();
  while (u === 0) u = uniform();
  const x = u - 0.5;
  return -scale * Math.sign(x) * Math.log(1 - 2 * Math.abs(x));
}

/** Where the uniform draws for one published cell come from. */
export type NoiseSource = (cellKey: string) => RandomSource;

/**
 * Repeatable, unpredictable draws: HMAC-SHA256 under a random secret of the cell's key (which includes
 * its true value). Asking for the same statistics again returns the same noisy numbers, so repeating a
 * query cannot average the noise away; without the secret the draws cannot be predicted.
 */
export function keyedNoise(secret: Buffer): NoiseSource {
  return (cellKey) => {
    let i = 0;
    return () => {
      const h = createHmac('sha256', secret).update(`${cellKey}\u0000${i++}`).digest();
      // 53 bits: 21 from the first word, 32 from the second.
      return ((h.readUInt32BE(0) >>> 11) * 2 ** 32 + h.readUInt32BE(4)) / TWO_POW_53;
    };
  };
}

/** Test hook: every cell draws from one (seeded) stream, in publication order. */
export function streamNoise(random: RandomSource): NoiseSource {
  return () => random;
}
