/**
 * A seeded mutator for real files: one 32-bit seed picks the operations, their places and their values,
 * so any input a fuzz run reports is rebuilt exactly from (corpus, seed). Pure: no I/O, no Math.random.
 *
 * Why our own and not fast-check: the inputs are mutated real files, not values generated from types,
 * so fast-check would only supply the random numbers; shrinking a list of byte edits says little, and
 * the bench runs millions of cases where one integer per case is the whole reproduction recipe.
 */
import { concat } from '../../bytes/index.ts';

export { concat };

/** sfc32: small, fast, good enough statistically, and the same on every engine. */
export function seededRng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export type MutationKind =
  | 'bit-flip'
  | 'truncate'
  | 'splice'
  | 'length-inflate'
  | 'duplicate'
  | 'huge-number'
  | 'nul'
  | 'invalid-utf8'
  | 'delete'
  | 'random-bytes'
  | 'structure'
  | 'json-value';

export interface Mutated {
  bytes: Uint8Array;
  /** Which file of the corpus it came from. */
  source: number;
  /** What was done, in order: enough to tell a report's reader what kind of damage it was. */
  ops: MutationKind[];
}

const KINDS: MutationKind[] = [
  'bit-flip',
  'truncate',
  'splice',
  'length-inflate',
  'duplicate',
  'huge-number',
  'nul',
  'invalid-utf8',
  'delete',
  'random-bytes',
  'structure',
];

const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xef, 0xbb, 0xbf],
];
const HUGE_TEXT = [
  '1e308',
  '-1e400',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '99999999999999999999999',
  '-9223372036854775809',
  '4294967296',
  '-0',
  '0x7fffffff',
  '9'.repeat(400),
  '',
];
/** Bytes that break the grammar of text formats (XML, JSON, CSV, OpenAir) when dropped in anywhere. */
const STRUCTURE = [
  '<',
  '>',
  '</',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '\n',
  '\r\n',
  '&',
  '&#0;',
  '*',
  ' ',
];

/**
 * How much a case may add to its seed: as much as the seed again (at least 1 KB), or in one case of
 * BIG_ONE_IN up to 64 KB. The point is damage, not size: parse time grows with the input, so mostly
 * small inputs keep a case cheap (as a coverage fuzzer's max_len does), while the big ones still
 * probe what grows faster than the input (a hang is a case over 1 s, a blow-up 20× the input kept).
 */
const MAX_GROWTH = 64 * 1024;
const BIG_ONE_IN = 32;

/**
 * 1–4 mutations of one corpus file (chosen by the seed), each a kind the brief of a fuzzer names:
 * bit flips, truncation, splices from another file, length fields set to huge values, duplicated
 * chunks, huge or non-finite numbers, NULs and invalid UTF-8.
 * @example const { bytes } = mutateBytes(corpus, 1234); parse(bytes)
 */
export function mutateBytes(corpus: readonly Uint8Array[], seed: number): Mutated {
  const rnd = seededRng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const source = int(corpus.length);
  let b = corpus[source];
  const limit = b.length + (rnd() < 1 / BIG_ONE_IN ? MAX_GROWTH : Math.max(1024, b.length));
  const ops: MutationKind[] = [];
  const count = 1 + (rnd() < 0.6 ? 0 : int(4));
  // Byte damage mostly breaks JSON's syntax; half the time a JSON file gets a wrong value instead.
  if (b[0] === 0x7b || b[0] === 0x5b) {
    if (rnd() < 0.5) {
      ops.push('json-value');
      b = jsonValue(b, rnd, int);
      if (rnd() < 0.7) return { bytes: b, source, ops };
    }
  }
  for (let k = 0; k < count; k++) {
    const kind = KINDS[int(KINDS.length)];
    ops.push(kind);
    b = apply(kind, b, corpus, rnd, int, limit);
    if (b.length > limit) b = b.subarray(0, limit);
  }
  return { bytes: b, source, ops };
}

type Int = (n: number) => number;

function apply(
  kind: MutationKind,
  b: Uint8Array,
  corpus: readonly Uint8Array[],
  rnd: () => number,
  int: Int,
  limit: number,
): Uint8Array {
  const at = () => int(b.length + 1);
  switch (kind) {
    case 'bit-flip': {
      const out = b.slice();
      const flips = 1 + int(8);
      for (let i = 0; i < flips && out.length > 0; i++) out[int(out.length)] ^= 1 << int(8);
      return out;
    }
    case 'truncate':
      return b.subarray(0, int(b.length + 1));
    case 'splice': {
      const donor = corpus[int(corpus.length)];
      const from = int(donor.length + 1);
      const chunk = donor.subarray(from, from + 1 + int(4096));
      return rnd() < 0.5 ? insert(b, at(), chunk) : overwrite(b, at(), chunk);
    }
    case 'length-inflate':
      return overwrite(b, at(), inflated(rnd, int));
    case 'duplicate': {
      const from = int(b.length + 1);
      const chunk = b.slice(from, from + 1 + int(Math.min(8192, b.length + 1)));
      let out = b;
      const times = 1 + int(rnd() < 0.9 ? 2 : 64);
      for (let i = 0; i < times && out.length <= limit; i++) out = insert(out, from, chunk);
      return out;
    }
    case 'huge-number':
      return hugeNumber(b, rnd, int);
    case 'nul':
      return rnd() < 0.5
        ? insert(b, at(), new Uint8Array(1 + int(4)))
        : overwrite(b, at(), new Uint8Array(1));
    case 'invalid-utf8': {
      const seq = Uint8Array.from(INVALID_UTF8[int(INVALID_UTF8.length)]);
      return rnd() < 0.5 ? insert(b, at(), seq) : overwrite(b, at(), seq);
    }
    case 'delete': {
      const from = int(b.length + 1);
      const to = Math.min(b.length, from + 1 + int(rnd() < 0.8 ? 16 : 4096));
      return concat(b.subarray(0, from), b.subarray(to));
    }
    case 'random-bytes': {
      const chunk = new Uint8Array(1 + int(32));
      for (let i = 0; i < chunk.length; i++) chunk[i] = int(256);
      return overwrite(b, at(), chunk);
    }
    case 'json-value':
      return jsonValue(b, rnd, int);
    case 'structure': {
      const token = new TextEncoder().encode(STRUCTURE[int(STRUCTURE.length)]);
      return insert(b, at(), token);
    }
  }
}

/** A length or count field set to something huge: all ones, the sign bit, 2^31-ish, in 1–8 bytes. */
function inflated(rnd: () => number, int: Int): Uint8Array {
  const width = [1, 2, 4, 8][int(4)];
  const out = new Uint8Array(width);
  const style = int(4);
  for (let i = 0; i < width; i++)
    out[i] = style === 0 ? 0xff : style === 1 ? (i === width - 1 ? 0x7f : 0xff) : 0;
  if (style === 2) out[width - 1] = 0x80;
  if (style === 3) out[int(width)] = 1 + int(255);
  if (rnd() < 0.5) out.reverse(); // big-endian fields too
  return out;
}

/** In text: a run of digits becomes a huge, tiny or non-finite number. In binary: a float or int limit. */
function hugeNumber(b: Uint8Array, rnd: () => number, int: Int): Uint8Array {
  const start = int(b.length + 1);
  let i = start;
  while (i < b.length && !(b[i] >= 0x30 && b[i] <= 0x39)) i++;
  if (i < b.length && i - start < 512 && rnd() < 0.8) {
    let j = i;
    while (j < b.length && ((b[j] >= 0x30 && b[j] <= 0x39) || b[j] === 0x2e || b[j] === 0x2d)) j++;
    const text = new TextEncoder().encode(HUGE_TEXT[int(HUGE_TEXT.length)]);
    return concat(b.subarray(0, i), text, b.subarray(j));
  }
  const bin = new Uint8Array(8);
  const view = new DataView(bin.buffer);
  const values = [
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    1e300,
    -1e-300,
  ];
  const pick = values[int(values.length)];
  const width = rnd() < 0.5 ? 4 : 8;
  if (width === 4) view.setFloat32(0, pick, true);
  else view.setFloat64(0, pick, true);
  return overwrite(b, start, bin.subarray(0, width));
}

function insert(b: Uint8Array, at: number, chunk: Uint8Array): Uint8Array {
  return concat(b.subarray(0, at), chunk, b.subarray(at));
}

function overwrite(b: Uint8Array, at: number, chunk: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(b.length, at + chunk.length));
  out.set(b);
  out.set(chunk, at);
  return out;
}

/** Values that are valid JSON but wrong almost anywhere: limits, wrong types, NULs, deep nesting. */
const ODD_JSON: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 1,
  '',
  'NaN',
  'Infinity',
  '\u0000',
  'x\u0000y',
  '\ud800',
  '9999-99-99',
  '2026-02-30T25:61:00Z',
  '../../etc/passwd',
  'x'.repeat(10_000),
  [],
  {},
  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
  [-181, 91],
  [
    [0, 0],
    [0, 0],
  ],
  { type: 'Point', coordinates: [1e308, -1e308] },
];

/** Parses the JSON, replaces one value (or drops one key) chosen by the seed, writes it back. */
function jsonValue(b: Uint8Array, rnd: () => number, int: Int): Uint8Array {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(b));
  } catch {
    return b;
  }
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const stack: unknown[] = [doc];
  while (stack.length > 0 && slots.length < 5000) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        slots.push({ parent: v, key: i });
        stack.push(v[i]);
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key: k });
        stack.push(x);
      }
    }
  }
  if (slots.length === 0) return b;
  const { parent, key } = slots[int(slots.length)];
  const old = (parent as Record<string | number, unknown>)[key];
  if (!Array.isArray(parent) && rnd() < 0.15) delete (parent as Record<string, unknown>)[key as string];
  else if (typeof old === 'number' && rnd() < 0.5)
    (parent as Record<string | number, unknown>)[key] = old * [-1, 1e6, 1e-6, 1e300][int(4)];
  else (parent as Record<string | number, unknown>)[key] = structuredClone(ODD_JSON[int(ODD_JSON.length)]);
  return new TextEncoder().encode(JSON.stringify(doc));
}
