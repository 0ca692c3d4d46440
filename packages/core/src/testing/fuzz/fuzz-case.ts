import type { FuzzTarget } from './fuzz-targets.ts';
import { type MutationKind, mutateBytes } from './mutate.ts';

export type FuzzVerdict = 'accepted' | 'refused' | 'crash';

export interface FuzzOutcome {
  verdict: FuzzVerdict;
  seed: number;
  inputBytes: number;
  /** What the accepted result keeps alive (typed arrays, strings, numbers), estimated by a walk. */
  retainedBytes: number;
  ms: number;
  ops: MutationKind[];
  source: number;
  /** For a crash: the error's name, message and the top of its stack. */
  error?: string;
}

/** A result may keep this much whatever the input's size: one small flight's sample grid. */
export const RETAINED_FLOOR = 64 * 1024;
/** Retained more than this many times the input (above the floor) is a memory blow-up. */
export const RETAINED_FACTOR = 20;
/** One case taking longer than this is a hang. */
export const HANG_MS = 1000;

/**
 * One fuzz case: mutate a seed file by `seed`, run the target, and classify what happened. The same
 * (target, corpus, seed) gives the same input on every machine, so a report's seed is its reproduction.
 * @example runFuzzCase(target, corpus, 1234).verdict // 'refused'
 */
export function runFuzzCase(target: FuzzTarget, corpus: readonly Uint8Array[], seed: number): FuzzOutcome {
  const { bytes, ops, source } = mutateBytes(corpus, seed);
  const started = performance.now();
  let verdict: FuzzVerdict = 'accepted';
  let retainedBytes = 0;
  let error: string | undefined;
  try {
    retainedBytes = estimateRetained(target.run(bytes, seed));
  } catch (e) {
    if (target.refusal(e)) verdict = 'refused';
    else {
      verdict = 'crash';
      error = describeError(e);
    }
  }
  const ms = performance.now() - started;
  return { verdict, seed, inputBytes: bytes.length, retainedBytes, ms, ops, source, error };
}

/** Whether an outcome's retained size is out of proportion to its input. */
export function isBlowUp(o: Pick<FuzzOutcome, 'inputBytes' | 'retainedBytes'>): boolean {
  return o.retainedBytes > RETAINED_FLOOR + RETAINED_FACTOR * o.inputBytes;
}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-Error thrown: ${String(e)}`;
  const frames = (e.stack ?? '')
    .split('\n')
    .slice(1, 4)
    .map((l) => l.trim());
  return `${e.name}: ${e.message.slice(0, 300)} | ${frames.join(' | ')}`;
}

/**
 * Bytes an object graph holds: typed arrays by length, strings at 2 bytes a char, 8 per other value.
 * Runs on every accepted case, so numbers inside arrays (coordinates: most of a zone list) are counted
 * in place rather than pushed and popped one by one.
 */
export function estimateRetained(value: unknown): number {
  const seen = new Set<object>();
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') total += 2 * v.length;
    else if (typeof v !== 'object' || v === null) total += 8;
    else if (seen.has(v)) continue;
    else {
      seen.add(v);
      if (ArrayBuffer.isView(v)) total += v.byteLength;
      else if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
      else if (Array.isArray(v)) {
        for (const x of v) {
          if (typeof x === 'number') total += 8;
          else stack.push(x);
        }
      } else for (const k of Object.keys(v)) stack.push(k, (v as Record<string, unknown>)[k]);
    }
  }
  return total;
}
