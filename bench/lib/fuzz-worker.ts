/**
 * One fuzz worker thread (bench/fuzz-parsers.ts): runs ranges of seeds against one target and posts
 * counts and findings back. The seed of the case in progress and its start time are kept in shared
 * memory, so the main thread can name the seed of a case that never returns and end the thread.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import {
  FUZZ_TARGETS,
  type FuzzOutcome,
  HANG_MS,
  isBlowUp,
  runFuzzCase,
} from '../../packages/core/src/testing/fuzz/index.ts';

export interface FuzzJob {
  target: string;
  from: number;
  to: number;
}

export interface Finding {
  kind: 'crash' | 'hang' | 'blow-up';
  target: string;
  seed: number;
  inputBytes: number;
  detail: string;
}

export interface JobResult {
  target: string;
  cases: number;
  accepted: number;
  refused: number;
  totalMs: number;
  maxMs: number;
  /** Cases over HANG_MS once that ran under it when repeated (a stalled machine, not the parser). */
  slowOnce: number;
  /** The job's wall time in this thread: mutation, parse, checks and bookkeeping, what the run costs. */
  wallMs: number;
  findings: Finding[];
}

const DATA = new URL('../../../shared/data/', import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, DATA)));
const { progress } = workerData as { progress: SharedArrayBuffer };
/** [seed of the case running, its start in ms since the epoch] */
const now = new Float64Array(progress);
const corpora = new Map<string, Uint8Array[]>();

function runJob(job: FuzzJob): JobResult {
  const target = FUZZ_TARGETS.find((t) => t.name === job.target);
  if (!target) throw new Error(`no fuzz target ${job.target}`);
  let corpus = corpora.get(target.name);
  if (!corpus) {
    corpus = target.seeds(read);
    corpora.set(target.name, corpus);
  }
  const r: JobResult = {
    target: target.name,
    cases: 0,
    accepted: 0,
    refused: 0,
    totalMs: 0,
    maxMs: 0,
    slowOnce: 0,
    wallMs: 0,
    findings: [],
  };
  const started = performance.now();
  const find = (kind: Finding['kind'], o: FuzzOutcome, detail: string) =>
    r.findings.push({ kind, target: target.name, seed: o.seed, inputBytes: o.inputBytes, detail });
  for (let seed = job.from; seed < job.to; seed++) {
    now[0] = seed;
    now[1] = Date.now();
    let o = runFuzzCase(target, corpus, seed);
    if (o.ms > HANG_MS) {
      const again = runFuzzCase(target, corpus, seed);
      if (again.ms <= HANG_MS) r.slowOnce++;
      o = again;
    }
    r.cases++;
    r.totalMs += o.ms;
    r.maxMs = Math.max(r.maxMs, o.ms);
    if (o.verdict === 'accepted') r.accepted++;
    if (o.verdict === 'refused') r.refused++;
    if (o.verdict === 'crash') find('crash', o, `${o.ops.join('+')}: ${o.error}`);
    if (o.ms > HANG_MS) find('hang', o, `${o.ops.join('+')}: ${o.ms.toFixed(0)} ms, twice`);
    if (isBlowUp(o))
      find('blow-up', o, `${o.ops.join('+')}: kept ${o.retainedBytes} bytes from ${o.inputBytes}`);
  }
  now[0] = Number.NaN;
  r.wallMs = performance.now() - started;
  return r;
}

parentPort?.on('message', (job: FuzzJob) => parentPort?.postMessage(runJob(job)));
