// Every parser fed mutated real files from ../shared/data (bit flips, truncation, splices, inflated
// length fields, duplicated chunks, huge numbers, NUL, invalid UTF-8, wrong JSON values): each case
// ends in a result or the parser's documented error, within a second, without holding more than 20×
// its input; whatever a flight-log parser accepts goes through every export. Fixed seeds, so a failure
// names the seed that reproduces it (`node --import tsx bench/fuzz-parsers.ts --only <name> --repro <seed>`).
// Depth is the bench's job (`npm run bench fuzz-parsers`, a million cases per parser).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FUZZ_TARGETS, type FuzzTarget, HANG_MS, isBlowUp, mutateBytes, runFuzzCase } from './index.ts';

const DATA = new URL('../../../../../../shared/data/', import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, DATA)));
const CASES = 200;

describe('fuzz: every parser on mutated real files', () => {
  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: ${CASES} cases, only results or documented errors, no hang, no blow-up`, () => {
      const corpus = target.seeds(read);
      const problems: string[] = [];
      let accepted = 0;
      for (let seed = 1; seed <= CASES; seed++) {
        let o = runFuzzCase(target, corpus, seed);
        // A shared CI machine can stall any one case: a hang must show twice.
        if (o.ms > HANG_MS) o = runFuzzCase(target, corpus, seed);
        if (o.verdict === 'crash') problems.push(`seed ${seed} crash (${o.ops.join('+')}): ${o.error}`);
        if (o.ms > HANG_MS) problems.push(`seed ${seed} took ${o.ms.toFixed(0)} ms`);
        if (isBlowUp(o)) problems.push(`seed ${seed} kept ${o.retainedBytes} bytes from ${o.inputBytes}`);
        if (o.verdict === 'accepted') accepted++;
      }
      assert.deepEqual(problems, []);
      // Mutations that every parser refuses would test only the first check of each.
      assert.ok(accepted >= CASES / 10, `only ${accepted} of ${CASES} mutated inputs were accepted`);
    });
  }
});

describe('the fuzz seeds', () => {
  it('each parses as it is, and the thinned ULog, DataFlash and tlog excerpts are still flights with a track', () => {
    for (const target of FUZZ_TARGETS) {
      for (const [i, seed] of target.seeds(read).entries()) {
        const result = target.run(seed, 1) as { flight?: { track: { t_s: Float64Array } } };
        const thinned = ['ulog', 'dataflash', 'tlog'].includes(target.name) && seed.length > 1000;
        if (thinned) assert.ok(result.flight!.track.t_s.length >= 2, `${target.name} seed ${i} has no track`);
      }
    }
  });
});

describe('the fuzz harness', () => {
  const corpus = [new TextEncoder().encode('{"a":[1,2,3],"b":"text"}'), new Uint8Array([1, 2, 3, 4, 5, 6])];

  it('rebuilds the same input from the same seed, and different inputs from different seeds', () => {
    assert.deepEqual(mutateBytes(corpus, 42), mutateBytes(corpus, 42));
    const distinct = new Set(Array.from({ length: 50 }, (_, i) => mutateBytes(corpus, i).bytes.join(',')));
    assert.ok(distinct.size > 40);
  });

  it('calls any other throw a crash, a documented error a refusal, and an oversized result a blow-up', () => {
    const target = (run: FuzzTarget['run']): FuzzTarget => ({
      name: 'probe',
      seeds: () => corpus,
      run,
      refusal: (e) => e instanceof RangeError,
    });
    const crash = runFuzzCase(
      target(() => {
        throw new TypeError('x is undefined');
      }),
      corpus,
      1,
    );
    assert.equal(crash.verdict, 'crash');
    assert.match(crash.error ?? '', /TypeError: x is undefined/);
    const refused = runFuzzCase(
      target(() => {
        throw new RangeError('offset 3');
      }),
      corpus,
      1,
    );
    assert.equal(refused.verdict, 'refused');
    const big = runFuzzCase(
      target(() => new Float64Array(1 << 20)),
      corpus,
      1,
    );
    assert.equal(big.verdict, 'accepted');
    assert.ok(isBlowUp(big));
  });
});

/** Seeds the million-case bench found crashing, by parser: each must stay fixed. */
const FOUND: Record<string, number[]> = {
  // A ULog 'I' message whose key length ran past the message and the file (RangeError in the reader).
  ulog: [78305, 150608, 205129],
};

describe('fuzz: the seeds the bench found', () => {
  for (const [name, seeds] of Object.entries(FOUND)) {
    it(`${name}: seeds ${seeds.join(', ')} end in a result or a documented error`, () => {
      const target = FUZZ_TARGETS.find((t) => t.name === name)!;
      const corpus = target.seeds(read);
      for (const seed of seeds)
        assert.notEqual(runFuzzCase(target, corpus, seed).verdict, 'crash', `seed ${seed}`);
    });
  }
});
