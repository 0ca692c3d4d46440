/**
 * `npm start` to the first answered request, the server's memory after it, and the CLI's latency,
 * each side by side with a bare Node HTTP server (bench/lib/bare-http-server.mjs) started the same
 * way in the same run. The server is `node packages/server/bin/airlock.js serve --port 0` (what
 * `npm start` runs): a first start on a fresh, empty AIRLOCK_DATA_DIR (imports the bundled airspace),
 * then --later warm restarts on the same directory.
 *
 *   node --import tsx bench/startup.ts [--later 3]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, fmt, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';

const { values: args } = parseArgs({ options: { later: { type: 'string', default: '3' } } });
const LATER = Number(args.later);
const AIRLOCK = join(REPO_DIR, 'packages/server/bin/airlock.js');
const BARE = join(BENCH_DIR, 'lib/bare-http-server.mjs');

/** Floors and goals of issue 9. */
const FLOOR = { warmS: 2, firstS: 20, rssMB: 350 };
const GOAL = { warmS: 1, firstS: 10, rssMB: 200 };

interface StartRun {
  name: string;
  firstAnswerS: number;
  /** Resident memory of the server process once it answered, and its peak so far (MB). */
  rssMB: number;
  peakMB: number;
  zones: number;
  stopS: number;
  exitCode: number | null;
  /** Progress lines (with a percent) the server logged, and the longest time it said nothing. */
  progressLines: number;
  longestSilenceS: number;
  /** From the server's own logs: importing the snapshot, and loading or building the index. */
  importS: number | null;
  indexS: number | null;
  indexHow: 'loaded' | 'built' | null;
  /** Whether the bin ran the JavaScript build or fell back to the TypeScript sources through tsx. */
  ran: 'JS build' | 'tsx';
}

function memoryMB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** What the server's JSON log lines say about the phases, and how long it stayed silent. */
function readLog(lines: Array<{ at: number; text: string }>, spawnedAt: number, answeredAt: number) {
  const out = {
    importS: null as number | null,
    indexS: null as number | null,
    indexHow: null as StartRun['indexHow'],
    progressLines: 0,
    longestSilenceS: 0,
    ran: 'JS build' as StartRun['ran'],
  };
  let last = spawnedAt;
  for (const { at, text } of lines) {
    out.longestSilenceS = Math.max(out.longestSilenceS, (at - last) / 1000);
    last = at;
    if (text.includes('through tsx')) out.ran = 'tsx';
    if (!text.startsWith('{')) continue;
    const e = JSON.parse(text) as Record<string, unknown>;
    if (typeof e.percent === 'number') out.progressLines++;
    if (e.msg === 'bundled airspace imported') out.importS = Number(e.ms) / 1000;
    if (e.msg === 'airspace index loaded' && out.indexS === null) {
      out.indexS = Number(e.ms) / 1000;
      out.indexHow = 'loaded';
    }
    if (e.msg === 'airspace index built' && out.indexS === null) {
      out.indexS = (Number(e.load_ms) + Number(e.index_ms) + Number(e.store_ms ?? 0)) / 1000;
      out.indexHow = 'built';
    }
  }
  out.longestSilenceS = Math.max(out.longestSilenceS, (answeredAt - last) / 1000);
  return out;
}

function spawnChild(
  script: string,
  dataDir: string,
): { child: ChildProcess; lines: Array<{ at: number; text: string }> } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parent's own settings must not leak into the measured server.
  for (const key of Object.keys(env))
    if (key.startsWith('AIRLOCK_') || key === 'DATABASE_URL') delete env[key];
  for (const key of ['PORT', 'HOST']) delete env[key];
  Object.assign(env, { AIRLOCK_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  const child = spawn(process.execPath, [script, 'serve', '--port', '0'], {
    cwd: REPO_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<{ at: number; text: string }> = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8').on('data', (d: string) => {
      const parts = (rest + d).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) lines.push({ at: performance.now(), text });
    });
  }
  return { child, lines };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

async function startOnce(name: string, script: string, dataDir: string): Promise<StartRun> {
  const started = performance.now();
  const { child, lines } = spawnChild(script, dataDir);
  try {
    let url: string | null = null;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${name}: exited ${child.exitCode}\n${lines.map((l) => l.text).join('\n')}`);
      url ??= lines.map((l) => /listening on (http:\/\/\S+)/.exec(l.text)?.[1]).find((u) => u) ?? null;
      const res = url ? await fetch(`${url}/v1/health`).catch(() => null) : null;
      if (res?.status === 200) {
        const answered = performance.now();
        const body = (await res.json()) as { zones: number };
        const mem = memoryMB(child.pid as number);
        const stopping = performance.now();
        const exitCode = await stop(child);
        const run: StartRun = {
          name,
          firstAnswerS: (answered - started) / 1000,
          rssMB: mem.rss,
          peakMB: mem.peak,
          zones: body.zones,
          stopS: (performance.now() - stopping) / 1000,
          exitCode,
          ...readLog(lines, started, answered),
        };
        progress(
          `  ${name}: first 200 after ${fmt(run.firstAnswerS, 2)} s, RSS ${fmt(run.rssMB, 0)} MB (peak ${fmt(run.peakMB, 0)}), ${body.zones} zones, exit ${exitCode}`,
        );
        return run;
      }
      await res?.body?.cancel();
      if (performance.now() - started > 300_000)
        throw new Error(`${name}: no 200 from /v1/health within 300 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stop(child);
  }
}

/** Wall time of `node <script> --help`, best of 3. */
function helpBest(script: string): number[] {
  return [0, 1, 2].map(() => {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [script, '--help'], { cwd: REPO_DIR, stdio: 'ignore' });
    if (res.status !== 0) throw new Error(`${script} --help exited ${res.status}`);
    return (performance.now() - t0) / 1000;
  });
}

const verdict = (value: number, floor: number, goal: number) =>
  value <= goal ? 'goal met' : value <= floor ? 'floor met' : 'BELOW FLOOR';

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-startup-'));
  const bareDir = mkdtempSync(join(os.tmpdir(), 'airlock-startup-bare-'));
  try {
    progress('CLI: airlock --help and the bare peer --help, 3 times each');
    const help = helpBest(AIRLOCK);
    const bareHelp = helpBest(BARE);
    progress(
      `  airlock ${help.map((s) => fmt(s, 2)).join(', ')} s; bare ${bareHelp.map((s) => fmt(s, 2)).join(', ')} s`,
    );
    progress('peer: bare Node HTTP server, 3 starts');
    const bare = [];
    for (let i = 1; i <= 3; i++)
      bare.push(await startOnce(`peer: bare Node HTTP server ${i}`, BARE, bareDir));
    progress(`first start on the empty data dir ${dataDir}`);
    const runs = [await startOnce('first start (empty data dir: imports the airspace)', AIRLOCK, dataDir)];
    for (let i = 1; i <= LATER; i++)
      runs.push(await startOnce(`warm restart ${i} (same data dir)`, AIRLOCK, dataDir));

    const warm = runs.slice(1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const warmS = mean(warm.map((r) => r.firstAnswerS));
    const warmRss = mean(warm.map((r) => r.rssMB));
    const bareS = mean(bare.map((r) => r.firstAnswerS));
    const bareRss = mean(bare.map((r) => r.rssMB));
    const helpMin = Math.min(...help);
    const bareHelpMin = Math.min(...bareHelp);
    const first = runs[0];

    console.log('## Start-up, memory and CLI latency, Airlock beside a bare Node HTTP server\n');
    const cell = (v: number | null, d = 2) => (v === null ? '–' : fmt(v, d));
    console.log(
      markdownTable(
        [
          'run',
          'ran',
          'to first 200 s',
          'RSS MB',
          'peak RSS MB',
          'import s',
          'index s (how)',
          'progress lines',
          'longest silence s',
          'zones',
          'SIGTERM to exit s',
        ],
        [...runs, ...bare].map((r) => [
          r.name,
          r.ran,
          fmt(r.firstAnswerS, 2),
          fmt(r.rssMB, 0),
          fmt(r.peakMB, 0),
          cell(r.importS),
          r.indexS === null ? '–' : `${fmt(r.indexS, 2)} (${r.indexHow})`,
          r.progressLines,
          fmt(r.longestSilenceS, 1),
          r.zones,
          fmt(r.stopS, 2),
        ]),
      ),
    );
    console.log();
    console.log(
      markdownTable(
        ['what', 'Airlock', 'bare Node', 'ratio', 'floor / goal', 'verdict'],
        [
          [
            'warm restart to first 200, s (mean)',
            fmt(warmS, 2),
            fmt(bareS, 2),
            `${fmt(warmS / bareS, 1)}x`,
            `${FLOOR.warmS} / ${GOAL.warmS}`,
            verdict(warmS, FLOOR.warmS, GOAL.warmS),
          ],
          [
            'first start to first 200, s',
            fmt(first.firstAnswerS, 2),
            fmt(bareS, 2),
            `${fmt(first.firstAnswerS / bareS, 1)}x`,
            `${FLOOR.firstS} / ${GOAL.firstS} with progress`,
            first.progressLines > 0
              ? verdict(first.firstAnswerS, FLOOR.firstS, GOAL.firstS)
              : 'BELOW FLOOR (no progress)',
          ],
          [
            'RSS after a warm start, MB (mean)',
            fmt(warmRss, 0),
            fmt(bareRss, 0),
            `${fmt(warmRss / bareRss, 1)}x`,
            `${FLOOR.rssMB} / ${GOAL.rssMB}`,
            verdict(warmRss, FLOOR.rssMB, GOAL.rssMB),
          ],
          [
            '`--help` wall time, s (best of 3)',
            fmt(helpMin, 2),
            fmt(bareHelpMin, 2),
            `${fmt(helpMin / bareHelpMin, 1)}x`,
            '0.3 / 0.1',
            verdict(helpMin, 0.3, 0.1),
          ],
        ],
      ),
    );
    console.log();
    console.log(
      `- Child: \`node packages/server/bin/airlock.js serve --port 0\` (peer: \`node bench/lib/bare-http-server.mjs\`), AIRLOCK_DATA_DIR fresh under ${os.tmpdir()}, LOG_LEVEL=info, embedded PGlite, bundled airspace. RSS is VmRSS of the server process when /v1/health first answered 200. Load average ${fmt(os.loadavg()[0], 1)} at the end.`,
    );
    const file = writeResults('startup', {
      params: { later: LATER },
      unit: 's',
      runs,
      peer: { name: 'bare Node HTTP server', runs: bare, meanS: bareS, meanRssMB: bareRss },
      summary: {
        warmMeanS: warmS,
        warmRssMB: warmRss,
        firstS: first.firstAnswerS,
        helpS: helpMin,
        bareHelpS: bareHelpMin,
      },
      help: { airlockS: help, bareS: bareHelp },
      floors: FLOOR,
      goals: GOAL,
    });
    progress(`wrote ${file}`);
    const bad = [...runs, ...bare].filter((r) => r.exitCode !== 0);
    if (bad.length > 0) {
      progress(`FAIL: did not exit cleanly on SIGTERM: ${bad.map((r) => r.name).join(', ')}`);
      return 1;
    }
    if (runs.some((r) => r.zones !== first.zones)) {
      progress('FAIL: a warm restart answered with a different zone count than the first start');
      return 1;
    }
    return 0;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
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
