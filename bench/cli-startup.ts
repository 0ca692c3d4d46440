/**
 * What a command costs before it does anything: `airlock --help`, `airlock zones --help`, and
 * `airlock serve` to its "listening" line on a warm data dir, each run the way the bin runs it now
 * (the JavaScript build, scripts/build.mjs) and the way it ran before (the TypeScript sources through
 * tsx, every command imported up front), interleaved in one run. Peer: `node -e ''`, the floor of
 * any Node process on this machine.
 *
 *   node --import tsx bench/cli-startup.ts [--runs 10] [--bundled]
 *
 * --bundled starts the server with the bundled world airspace (the first, untimed start imports it);
 * without it the data dir holds no zones, so the serve time is code loading plus opening PGlite.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fmt, markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, bundled: { type: 'boolean', default: false } },
});
const RUNS = Number(args.runs);
const BIN = join(REPO_DIR, 'packages/server/bin/airlock.js');
const MAIN_TS = pathToFileURL(join(REPO_DIR, 'packages/server/src/cli/main.ts')).href;
// The bin as it was: tsx registered, then main.ts with every command (and so the server) imported.
const BEFORE = `import { register } from 'tsx/esm/api';
register();
const { main, COMMANDS } = await import(${JSON.stringify(MAIN_TS)});
await Promise.all(COMMANDS.map((c) => c.load()));
process.exitCode = await main(process.argv.slice(1));`;

type Way = 'before' | 'now' | 'peer';
const argvFor = (way: Way, cli: string[]): string[] =>
  way === 'peer'
    ? ['-e', '']
    : way === 'now'
      ? [BIN, ...cli]
      : ['--input-type=module', '-e', BEFORE, '--', ...cli];

function childEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return {
    ...env,
    AIRLOCK_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: args.bundled ? 'true' : 'false',
  };
}

/** Untimed here (the bin would do it, timed): a source edited since the last build is built again. */
function buildIfStale(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: REPO_DIR,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');
}

/** Wall seconds and peak RSS (MB, from GNU time when the machine has it) of one short command. */
function timeOnce(way: Way, cli: string[], dataDir: string): { s: number; rssMb: number | null } {
  if (way === 'now') buildIfStale();
  const gnuTime = existsSync('/usr/bin/time');
  const argv = argvFor(way, cli);
  const t0 = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M', process.execPath, ...argv], {
        cwd: REPO_DIR,
        env: childEnv(dataDir),
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, argv, { cwd: REPO_DIR, env: childEnv(dataDir), encoding: 'utf8' });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${way} ${cli.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (way === 'now' && /through tsx/.test(r.stderr)) throw new Error(`the bin fell back to tsx: ${r.stderr}`);
  const kb = /RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { s, rssMb: kb ? Number(kb[1]) / 1024 : null };
}

/** Seconds from spawning `airlock serve --port 0` to its "listening" line; then SIGTERM. */
function serveOnce(way: Way, dataDir: string, timeoutMs = 300_000): Promise<number> {
  if (way === 'now') buildIfStale();
  const t0 = performance.now();
  const child = spawn(process.execPath, argvFor(way, ['serve', '--port', '0']), {
    cwd: REPO_DIR,
    env: childEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let listenedAt: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (listenedAt === null && /Airlock listening on/.test(out)) {
        listenedAt = (performance.now() - t0) / 1000;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (listenedAt !== null && code === 0) resolve(listenedAt);
      else
        reject(new Error(`${way} serve exited ${code} (listening: ${listenedAt !== null}):\n${err}${out}`));
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-cli-startup-'));
  try {
    progress(
      `warming ${dataDir} with one untimed start${args.bundled ? ' (imports the bundled airspace)' : ''}`,
    );
    await serveOnce('now', dataDir);
    const cases: Array<{ name: string; cli: string[] | 'serve' }> = [
      { name: '`airlock --help`', cli: ['--help'] },
      { name: '`airlock zones --help`', cli: ['zones', '--help'] },
      { name: '`airlock serve` to "listening"', cli: 'serve' },
    ];
    const rows: Array<Array<string | number>> = [];
    const results: Record<string, unknown> = {};
    // The peer runs interleaved with every short command, so it sees the same moments of load.
    const peer: Array<{ s: number; rssMb: number | null }> = [];
    for (const c of cases) {
      progress(`${c.name}: ${RUNS} runs each way, interleaved`);
      const before: Array<{ s: number; rssMb: number | null }> = [];
      const now: Array<{ s: number; rssMb: number | null }> = [];
      for (let i = 0; i < RUNS; i++) {
        if (c.cli !== 'serve') peer.push(timeOnce('peer', [], dataDir));
        for (const way of ['before', 'now'] as const) {
          const r =
            c.cli === 'serve'
              ? { s: await serveOnce(way, dataDir), rssMb: null }
              : timeOnce(way, c.cli, dataDir);
          (way === 'before' ? before : now).push(r);
        }
      }
      const [b, n] = [median(before.map((r) => r.s)), median(now.map((r) => r.s))];
      const rss = (xs: typeof now) =>
        xs[0].rssMb === null ? '' : fmt(median(xs.map((r) => r.rssMb ?? 0)), 0);
      progress(`  before ${fmt(b, 3)} s, now ${fmt(n, 3)} s`);
      rows.push([c.name, fmt(n, 3), fmt(b, 3), rss(now), rss(before), `${fmt(b / n, 1)}x`]);
      results[c.name] = { beforeS: before.map((r) => r.s), nowS: now.map((r) => r.s), before: b, now: n };
    }
    // `airlock zones near` against a running server (issue 9: it used to open the database itself,
    // 11-13 s), beside a bare Node process asking the same URL with node:http.
    {
      const server = spawn(process.execPath, argvFor('now', ['serve', '--port', '0']), {
        cwd: REPO_DIR,
        env: childEnv(dataDir),
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const near = ['zones', 'near', '47.4582', '8.5492', '--radius', '5000', '--alt', '60'];
      const get = `import http from 'node:http'; await new Promise((r) => http.get('${url}/v1/location/near?lat=47.4582&lon=8.5492&radius_m=5000', (res) => { res.resume(); res.on('end', r); }));`;
      const cli: number[] = [];
      const bare: number[] = [];
      progress(
        `\`airlock zones near\` against the running server: ${RUNS} runs, interleaved with a bare GET`,
      );
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        spawnSync(process.execPath, ['--input-type=module', '-e', get], { cwd: REPO_DIR });
        bare.push((performance.now() - t0) / 1000);
        cli.push(timeOnce('now', near, dataDir).s);
      }
      server.kill('SIGTERM');
      const [c, b] = [median(cli), median(bare)];
      progress(`  zones near ${fmt(c, 3)} s, bare GET ${fmt(b, 3)} s`);
      rows.push([
        '`airlock zones near` (running server)',
        fmt(c, 3),
        '',
        '',
        '',
        `bare node:http GET ${fmt(b, 3)} s`,
      ]);
      results['zones near'] = { nowS: cli, bareGetS: bare, now: c, bareGet: b };
    }
    const peerS = median(peer.map((r) => r.s));
    const peerRss = fmt(median(peer.map((r) => r.rssMb ?? Number.NaN)), 0);
    rows.unshift(["peer: `node -e ''`", fmt(peerS, 3), '', peerRss, '', '']);
    console.log(`## What a command costs before it works (median of ${RUNS}, interleaved)\n`);
    console.log(
      markdownTable(
        ['command', 'now (built JS) s', 'before (tsx) s', 'now RSS MB', 'before RSS MB', 'before / now'],
        rows,
      ),
    );
    console.log(
      `\n- Data dir: a warm mkdtemp, ${args.bundled ? 'with the bundled airspace' : 'no zones (AIRLOCK_LOAD_BUNDLED_AIRSPACE=false)'}, LOG_LEVEL=warn, PORT 0.`,
    );
    const file = writeResults(args.bundled ? 'cli-startup-bundled' : 'cli-startup', {
      params: { runs: RUNS, bundled: args.bundled },
      peerS,
      results,
    });
    progress(`wrote ${file}`);
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
    process.stderr.write(`cli-startup failed: ${e.message}\n`);
    process.exitCode = 2;
  },
);
