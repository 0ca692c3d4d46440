/**
 * Fuzzing parsers with mutated real files: the seeded mutator, the targets (every parser fed a file
 * from outside) and one case's verdict. Used by the CI property test and `npm run bench fuzz-parsers`.
 */
export {
  estimateRetained,
  type FuzzOutcome,
  type FuzzVerdict,
  HANG_MS,
  isBlowUp,
  RETAINED_FACTOR,
  RETAINED_FLOOR,
  runFuzzCase,
} from './fuzz-case.ts';
export { FUZZ_TARGETS, type FuzzTarget } from './fuzz-targets.ts';
export { type Mutated, type MutationKind, mutateBytes, seededRng } from './mutate.ts';
export type { ReadSample } from './seed-files.ts';
