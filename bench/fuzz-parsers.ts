/**
 * Fuzzing at depth: every parser that reads a file from outside, fed mutated excerpts of the real
 * sample files (packages/core/src/testing/fuzz), 1,000,000 cases each by default, in worker threads.
 * Reports crashes (a throw other than the parser's documented error, or an export that throws on what
 * was accepted), hangs (a case over 1 s twice in a row; a case still running after 10 s is ended by
 * the main thread) and memory blow-ups (a result holding more than 64 KiB + 20x its input, or a worker
 * out of its 1 GiB heap), each with the seed that rebuilds the input.
 *
 * Each parser's rate is measured per worker thread over everything a case costs (mutation, parse,
 * checks, bookkeeping), and the time a million per parser would take at those rates is printed, so a
 * short run tells whether the full one fits.
 *
 * Run: npm run bench fuzz-parsers
 *      node --import tsx bench/fuzz-parsers.ts --per-parser 20000 [--only ulog,gpx] [--workers 2] [--base-seed 1]
 *      node --import tsx bench/fuzz-parsers.ts --only ulog --repro 1234   (one case, in this process)
 * Where the time goes: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/fuzz-parsers.ts
 *      --only airlock --per-parser 20000 --workers 1   (one .cpuprofile per thread; open in DevTools)
 * Markdown on stdout, JSON in bench/results/fuzz-parsers.json, progress on stderr.
 */

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { FUZZ_TARGETS, mutateBytes } from '../packages/core/src/testing/fuzz/index.ts';
import type { Finding, FuzzJob, JobResult } from './lib/fuzz-worker.ts';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    'per-parser': { type: 'string', default: '1000000' },
    only: { type: 'string' },
    workers: { type: 'string', default: String(Math.min(2, os.cpus().length)) },
    'base-seed': { type: 'string', default: '1' },
    repro: { type: 'string' },
  },
});
const PER_PARSER = Math.max(1, Number(values['per-parser']));
const WORKERS = Math.max(1, Number(values.workers));
const BASE = Number(values['base-seed']);
const CHUNK = Math.min(2000, PER_PARSER);
/** A case still running after this long is ended: its seed is a hang whatever it would have done. */
const WATCHDOG_MS = 10_000;
const HEAP_MB = 1024;
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER_URL = new URL('./lib/fuzz-worker.ts', import.meta.url).href;
const targets = values.only
  ? FUZZ_TARGETS.filter((t) => values.only!.split(',').includes(t.name))
  : [...FUZZ_TARGETS];
if (targets.length === 0) {
  console.error(`no such target: ${values.only} (have: ${FUZZ_TARGETS.map((t) => t.name).join(', ')})`);
  process.exit(2);
}

if (values.repro !== undefined) {
  const target = targets[0];
  const seed = Number(values.repro);
  const corpus = target.seeds(
    (p) => new Uint8Array(readFileSync(new URL(`../../shared/data/${p}`, import.meta.url))),
  );
  const m = mutateBytes(corpus, seed);
  console.log(
    `${target.name} seed ${seed}: seed file ${m.source}, ${m.bytes.length} bytes, ${m.ops.join(' + ')}`,
  );
  const started = performance.now();
  try {
    target.run(m.bytes, seed);
    console.log(`accepted in ${(performance.now() - started).toFixed(1)} ms`);
  } catch (e) {
    console.log(
      `${target.refusal(e) ? 'refused' : 'CRASH'} in ${(performance.now() - started).toFixed(1)} ms`,
    );
    console.log(e);
  }
  process.exit(0);
}

interface Tally extends Omit<JobResult, 'findings'> {
  crashes: number;
  hangs: number;
  blowUps: number;
  findings: Finding[];
  startedAt: number;
  endedAt: number;
}

const tallies = new Map<string, Tally>(
  targets.map((t) => [
    t.name,
    {
      target: t.name,
      cases: 0,
      accepted: 0,
      refused: 0,
      totalMs: 0,
      maxMs: 0,
      slowOnce: 0,
      wallMs: 0,
      crashes: 0,
      hangs: 0,
      blowUps: 0,
      findings: [],
      startedAt: 0,
      endedAt: 0,
    },
  ]),
);
const queue: FuzzJob[] = [];
for (const t of targets)
  for (let from = BASE; from < BASE + PER_PARSER; from += CHUNK)
    queue.push({ target: t.name, from, to: Math.min(from + CHUNK, BASE + PER_PARSER) });
const remaining = new Map(targets.map((t) => [t.name, PER_PARSER]));

/** Keeps the first 25 findings of each kind per target (the counts are complete). */
function addFinding(f: Finding): void {
  const t = tallies.get(f.target)!;
  if (f.kind === 'crash') t.crashes++;
  else if (f.kind === 'hang') t.hangs++;
  else t.blowUps++;
  if (t.findings.filter((x) => x.kind === f.kind).length < 25) t.findings.push(f);
}

function addResult(r: JobResult): void {
  const t = tallies.get(r.target)!;
  t.cases += r.cases;
  t.accepted += r.accepted;
  t.refused += r.refused;
  t.totalMs += r.totalMs;
  t.maxMs = Math.max(t.maxMs, r.maxMs);
  t.slowOnce += r.slowOnce;
  t.wallMs += r.wallMs;
  for (const f of r.findings) addFinding(f);
  countDone(r.target, r.cases);
}

function countDone(target: string, n: number): void {
  const left = remaining.get(target)! - n;
  remaining.set(target, left);
  if (left === 0) tallies.get(target)!.endedAt = performance.now();
}

progress(
  `fuzzing ${targets.length} parsers × ${PER_PARSER.toLocaleString('en')} cases on ${WORKERS} worker threads ` +
    `(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
);
const started = performance.now();

await new Promise<void>((resolve) => {
  let running = 0;
  const spawn = () => {
    const shared = new SharedArrayBuffer(16);
    const now = new Float64Array(shared).fill(Number.NaN);
    // Worker threads do not inherit tsx's loader from --import: register it in the thread first.
    const worker = new Worker(
      `import(${JSON.stringify(TSX_API)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER_URL)}); })`,
      { eval: true, workerData: { progress: shared }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } },
    );
    let job: FuzzJob | undefined;
    let ended = false;
    running++;
    const next = () => {
      job = queue.shift();
      if (!job) return finish();
      const t = tallies.get(job.target)!;
      if (t.startedAt === 0) t.startedAt = performance.now();
      worker.postMessage(job);
    };
    /** The case in progress never returned: name its seed, requeue the rest of its job, go on. */
    const lost = (kind: Finding['kind'], detail: string) => {
      if (ended || !job) return;
      ended = true;
      const seed = Number.isNaN(now[0]) ? job.from : now[0];
      addFinding({ kind, target: job.target, seed, inputBytes: 0, detail });
      countDone(job.target, 1);
      // The cases before it were done but not reported: they run again, as seeds from..seed-1.
      if (seed > job.from) queue.unshift({ target: job.target, from: job.from, to: seed });
      if (seed + 1 < job.to) queue.unshift({ target: job.target, from: seed + 1, to: job.to });
      clearInterval(watchdog);
      void worker.terminate();
      running--;
      spawn();
    };
    const finish = () => {
      if (ended) return;
      ended = true;
      clearInterval(watchdog);
      void worker.terminate();
      if (--running === 0) resolve();
    };
    const watchdog = setInterval(() => {
      if (!Number.isNaN(now[0]) && Date.now() - now[1] > WATCHDOG_MS)
        lost('hang', `still running after ${WATCHDOG_MS / 1000} s: thread ended`);
    }, 500);
    worker.on('message', (r: JobResult) => {
      addResult(r);
      next();
    });
    worker.on('error', (e: Error & { code?: string }) =>
      lost(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'blow-up' : 'crash',
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `worker ran out of its ${HEAP_MB} MiB heap`
          : `worker died: ${e.message}`,
      ),
    );
    next();
  };
  for (let i = 0; i < WORKERS; i++) spawn();
  const ticker = setInterval(() => {
    const done = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
    const s = (performance.now() - started) / 1000;
    const current = [...tallies.values()]
      .filter((t) => t.startedAt > 0 && t.endedAt === 0)
      .map((t) => t.target);
    const bad = [...tallies.values()].reduce((n, t) => n + t.crashes + t.hangs + t.blowUps, 0);
    progress(
      `${done.toLocaleString('en')} / ${(PER_PARSER * targets.length).toLocaleString('en')} cases ` +
        `(${fmt(done / s, 0)}/s), now ${current.join(', ') || '-'}; findings so far: ${bad}`,
    );
  }, 10_000);
  const stop = resolve;
  void new Promise<void>((r) => {
    const check = setInterval(() => {
      if (running === 0) {
        clearInterval(check);
        clearInterval(ticker);
        r();
        stop();
      }
    }, 200);
  });
});

const rows = [...tallies.values()].map((t) => {
  const wall = (t.endedAt - t.startedAt) / 1000;
  return {
    parser: t.target,
    cases: t.cases,
    accepted: t.accepted,
    refused: t.refused,
    crashes: t.crashes,
    hangs: t.hangs,
    blow_ups: t.blowUps,
    slow_once: t.slowOnce,
    mean_ms: t.cases ? t.totalMs / t.cases : 0,
    max_ms: t.maxMs,
    // Per worker thread, everything a case costs (mutation and bookkeeping included).
    cases_per_s: t.wallMs > 0 ? (t.cases / t.wallMs) * 1000 : 0,
    wall_s: wall,
    findings: t.findings,
  };
});
const totalS = (performance.now() - started) / 1000;
/** At the measured rates, a million cases per parser on this many workers (ideal split). */
const MILLION_MIN =
  rows.reduce((s, r) => s + (r.cases_per_s > 0 ? 1e6 / r.cases_per_s : 0), 0) / WORKERS / 60;
console.log(
  `\n## fuzz-parsers — ${PER_PARSER.toLocaleString('en')} mutated inputs per parser, seeds ${BASE}..${BASE + PER_PARSER - 1}, ` +
    `${WORKERS} workers, ${fmt(totalS, 0)} s (load average at the end ${os.loadavg()[0].toFixed(1)})\n`,
);
console.log(
  markdownTable(
    [
      'parser',
      'cases',
      'accepted',
      'refused',
      'crashes',
      'hangs (>1 s)',
      'blow-ups (>20×)',
      'slow once',
      'mean ms',
      'max ms',
      'cases/s per worker',
    ],
    rows.map((r) => [
      r.parser,
      r.cases.toLocaleString('en'),
      r.accepted.toLocaleString('en'),
      r.refused.toLocaleString('en'),
      r.crashes,
      r.hangs,
      r.blow_ups,
      r.slow_once,
      fmt(r.mean_ms, 2),
      fmt(r.max_ms, 0),
      fmt(r.cases_per_s, 0),
    ]),
  ),
);
console.log(
  `\nAt these rates 1,000,000 cases per parser would take ${fmt(MILLION_MIN, 0)} min on ${WORKERS} workers ` +
    '(cases/s per worker: mutation, parse, checks and bookkeeping; a loaded machine runs slower).',
);
const findings = rows.flatMap((r) => r.findings);
if (findings.length > 0) {
  console.log(
    '\nFindings (reproduce with `node --import tsx bench/fuzz-parsers.ts --only <parser> --repro <seed>`):\n',
  );
  for (const f of findings)
    console.log(`- ${f.kind} ${f.target} seed ${f.seed} (${f.inputBytes} bytes): ${f.detail}`);
}
const path = writeResults('fuzz-parsers', {
  per_parser: PER_PARSER,
  base_seed: BASE,
  workers: WORKERS,
  seconds: Math.round(totalS),
  million_per_parser_min: Math.round(MILLION_MIN),
  thresholds: {
    hang_ms: 1000,
    watchdog_ms: WATCHDOG_MS,
    retained: '64 KiB + 20 × input',
    worker_heap_mb: HEAP_MB,
  },
  parsers: rows,
});
progress(`wrote ${path}`);
process.exit(findings.length > 0 ? 1 : 0);
