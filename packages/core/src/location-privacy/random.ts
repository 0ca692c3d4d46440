/**
 * Random sources for the privacy mechanisms. A mechanism takes its randomness as a parameter so tests
 * and benchmarks can replay it; the product always uses `secureRandom`.
 */

/**
 * A source of uniform doubles in [0, 1).
 *
 * @example
 * const random: RandomSource = seededRandom(42); // reproducible, for tests and benches; default secureRandom
 * locationRequests('uniform', { lon: 8.5492, lat: 47.4582 }, { random });
 */
export type RandomSource = () => number;

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

// Reused so a hot loop does not allocate; JS is single-threaded, so no caller can see another's words.
const words = new Uint32Array(2);

/**
 * Cryptographically secure uniform double in [0, 1) with 53 random bits, from
 * `globalThis.crypto.getRandomValues` (browsers, Node ≥ 19, React Native with a
 * `getRandomValues` polyfill). `Math.random` is not used: its output can be predicted from a few
 * samples, which would let an observer strip the noise off an offset mechanism.
 *
 * @example
 * const u = secureRandom(); // 0 <= u < 1
 */
export const secureRandom: RandomSource = () => {
  const crypto = (globalThis as { crypto?: Pick<Crypto, 'getRandomValues'> }).crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new Error(
      'secureRandom needs globalThis.crypto.getRandomValues (in React Native install a polyfill such as react-native-get-random-values)',
    );
  }
  crypto.getRandomValues(words);
  return ((words[0] >>> 5) * TWO_POW_26 + (words[1] >>> 6)) / TWO_POW_53;
};

/**
 * A deterministic, seeded generator (sfc32 seeded through splitmix32) returning 53-bit doubles in
 * [0, 1). FOR TESTS AND BENCHMARKS ONLY: it is fast and well distributed but not secure — anyone who
 * knows or guesses the seed can replay every "random" offset. Never pass it to a mechanism in the product.
 *
 * @example
 * const random = seededRandom(42);
 * random() === seededRandom(42)(); // true: same seed, same sequence
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isFinite(seed)) throw new RangeError(`seededRandom: seed must be a finite number, got ${seed}`);
  // Fold the high bits in too, so seeds differing only above 2^32 give different streams.
  let state = (Math.trunc(seed) ^ Math.trunc(seed / 4_294_967_296)) | 0;
  const splitmix32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let t = state ^ (state >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const sfc32 = (): number => {
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) sfc32(); // let the splitmix seeding diffuse
  return () => ((sfc32() >>> 5) * TWO_POW_26 + (sfc32() >>> 6)) / TWO_POW_53;
}
