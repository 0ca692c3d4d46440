/**
 * `npm start` to the first answered request: spawns `node packages/server/bin/airlock.js serve
 * --port 0` (what `npm start` runs), waits for its URL, polls GET /v1/health until 200. First run on
 * a fresh, empty AIRLOCK_DATA_DIR (imports the bundled airspace), then --later runs on the same
 * directory. Peer: `airlock --help` in the same run, which loads the same module graph through tsx
 * and opens nothing: the floor any start pays.
 *
 *   node --import tsx bench/startup.ts [--later 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';

const { values: args } = parseArgs({ options: { later: { type: 'string', default: '3' } } });
const LATER = Number(args.later);

interface StartRun {
  name: string;
  listeningS: number;
  firstAnswerS: number;
  zones: number;
  stopS: number;
  exitCode: number | null;
  /** From the server's own info logs: importing the snapshot, reading the zones back, building the index. */
  importS: number | null;
  loadS: number | null;
  indexS: number | null;
}

/** The phase timings the server logs at info level (JSON lines on stderr). */
function phases(stderr: string): Pick<StartRun, 'importS' | 'loadS' | 'indexS'> {
  const out: Pick<StartRun, 'importS' | 'loadS' | 'indexS'> = { importS: null, loadS: null, indexS: null };
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; ms?: number; load_ms?: number; index_ms?: number };
    if (entry.msg === 'bundled airspace imported' && entry.ms !== undefined) out.importS = entry.ms / 1000;
    if (entry.msg === 'airspace index built' && out.loadS === null) {
      out.loadS = (entry.load_ms ?? 0) / 1000;
      out.indexS = (entry.index_ms ?? 0) / 1000;
    }
  }
  return out;
}

async function startOnce(name: string, dataDir: string): Promise<StartRun> {
  const started = performance.now();
  const server = await spawnServer(dataDir, { timeoutMs: 280_000, logLevel: 'info' });
  try {
    for (;;) {
      const res = await fetch(`${server.url}/v1/health`).catch(() => null);
      if (res?.status === 200) {
        const firstAnswerS = (performance.now() - started) / 1000;
        const body = (await res.json()) as { zones: number };
        const stopping = performance.now();
        const exitCode = await server.stop();
        const run: StartRun = {
          name,
          listeningS: server.listeningMs / 1000,
          firstAnswerS,
          zones: body.zones,
          stopS: (performance.now() - stopping) / 1000,
          exitCode,
          ...phases(server.stderr()),
        };
        progress(
          `  ${name}: first answer after ${fmt(firstAnswerS, 2)} s (${body.zones} zones); stopped in ${fmt(run.stopS, 2)} s, exit ${exitCode}`,
        );
        return run;
      }
      await res?.body?.cancel();
      if (performance.now() - started > 300_000) throw new Error('no 200 from /v1/health within 300 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await server.stop();
  }
}

function helpOnce(): number {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(REPO_DIR, 'packages/server/bin/airlock.js'), '--help'], {
    cwd: REPO_DIR,
    stdio: 'ignore',
  });
  if (res.status !== 0) throw new Error(`airlock --help exited ${res.status}`);
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-startup-'));
  try {
    progress(`peer: airlock --help, 3 times`);
    const help = [helpOnce(), helpOnce(), helpOnce()];
    progress(`  ${help.map((s) => fmt(s, 2)).join(' s, ')} s`);
    progress(`first run on the empty data dir ${dataDir}`);
    const runs = [await startOnce('first run (empty data dir: imports the airspace)', dataDir)];
    for (let i = 1; i <= LATER; i++) runs.push(await startOnce(`later run ${i} (same data dir)`, dataDir));

    const later = runs.slice(1);
    const laterMean = later.reduce((n, r) => n + r.firstAnswerS, 0) / later.length;
    const helpMin = Math.min(...help);
    console.log('## `npm start` to the first answered request (GET /v1/health = 200)\n');
    console.log(
      markdownTable(
        [
          'run',
          'to first 200 s',
          'to "listening" s',
          'of which: import s',
          'zones from DB s',
          'index s',
          'zones',
          'SIGTERM to exit s',
        ],
        [
          ...runs.map((r) => [
            r.name,
            fmt(r.firstAnswerS, 2),
            fmt(r.listeningS, 2),
            r.importS === null ? '–' : fmt(r.importS, 2),
            r.loadS === null ? '–' : fmt(r.loadS, 2),
            r.indexS === null ? '–' : fmt(r.indexS, 2),
            r.zones,
            fmt(r.stopS, 2),
          ]),
          ['peer: `airlock --help` (module load floor, best of 3)', fmt(helpMin, 2), '', '', '', '', '', ''],
        ],
      ),
    );
    console.log();
    console.log(
      `- Later runs: mean ${fmt(laterMean, 2)} s = ${fmt(laterMean / helpMin, 1)}x the module-load floor; first run ${fmt(runs[0].firstAnswerS / laterMean, 1)}x a later run.`,
    );
    console.log(
      `- Child: \`node packages/server/bin/airlock.js serve --port 0\`, AIRLOCK_DATA_DIR=${join(os.tmpdir(), 'airlock-startup-*')} (fresh), LOG_LEVEL=info (its phase timings are read from the log), defaults otherwise (embedded PGlite, bundled airspace).`,
    );
    const file = writeResults('startup', {
      params: { later: LATER },
      unit: 's',
      runs,
      laterMeanS: laterMean,
      peer: { name: 'airlock --help', runsS: help, bestS: helpMin },
    });
    progress(`wrote ${file}`);
    const bad = runs.filter((r) => r.exitCode !== 0);
    if (bad.length > 0) {
      progress(`FAIL: the server did not exit cleanly on SIGTERM in ${bad.map((r) => r.name).join(', ')}`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`startup failed: ${e.message}\n`);
    process.exitCode = 2;
  },
);
