/**
 * The CLI beside a running server, with kill -9 in between (issue 9): each round starts the server
 * (`airlock serve`, bundled airspace), runs `airlock import` and `airlock logs import` against it while
 * a poller asks /v1/health every 50 ms, and kills the server with SIGKILL at a random moment — often
 * in the middle of a CLI call. Every third round a CLI call runs with no server up (it opens the data
 * dir itself), and a server started meanwhile must be refused, naming the holder. At the end every
 * import the CLI reported done must be there: 0 lost. The poller's worst answer time while the server
 * was up says whether it ever stalled.
 *
 *   node --import tsx bench/cli-with-server.ts [--rounds 20]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { markdownTable, progress, REPO_DIR, writeResults } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const ROUNDS = Number(args.rounds);
const BIN = join(REPO_DIR, 'packages/server/bin/airlock.js');
const SHARED = join(REPO_DIR, '..', 'shared', 'data');
const ZONES = join(SHARED, 'airspace/openair/ksgu-airspaces.txt');
const LOGS = [
  'ulog/sample_log_small.ulg',
  'dataflash/log171.bin',
  'tlog/vtol.tlog',
  'gpx/airdata_mini2_2021-09-05.gpx',
].map((f) => join(SHARED, 'flightlogs', f));
const EMAIL = 'bench-pilot@example.com';
const PASSWORD = 'a long pass phrase for the bench pilot';

interface CliRun {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function cli(dataDir: string, argv: string[], stdin = ''): { done: Promise<CliRun>; child: ChildProcess } {
  const env: NodeJS.ProcessEnv = { ...process.env, AIRLOCK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const k of ['AIRLOCK_URL', 'DATABASE_URL', 'AIRLOCK_ADMIN_TOKEN']) delete env[k];
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: REPO_DIR,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  child.stdin!.end(stdin);
  const done = new Promise<CliRun>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, err, ms: performance.now() - started })),
  );
  return { done, child };
}

/** Asks /v1/health every 50 ms; the slowest answer and the failures while the server was meant to be up. */
function poll(url: string): { stop(): { maxMs: number; samples: number; failures: number } } {
  let maxMs = 0;
  let samples = 0;
  let failures = 0;
  let on = true;
  void (async () => {
    while (on) {
      const t = performance.now();
      try {
        const r = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(5000) });
        await r.arrayBuffer();
        if (on) {
          samples++;
          maxMs = Math.max(maxMs, performance.now() - t);
        }
      } catch {
        if (on) failures++;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop() {
      on = false;
      return { maxMs, samples, failures };
    },
  };
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'airlock-bench-cli-'));
  const ackedDatasets = new Set<string>();
  const ackedLogs = new Set<string>();
  const cut = { calls: 0, byKill: 0 };
  const stalls: number[] = [];
  const healthFailures = 0;
  let refusedSecondOwner = 0;
  let standaloneCalls = 0;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      if (round % 3 === 0) {
        // No server: the CLI opens the data dir itself; a server started meanwhile is refused.
        const alone = cli(dataDir, ['import', ZONES, '--dataset', `alone-${round}`]);
        await new Promise((r) => setTimeout(r, 300));
        const second = await spawnServer(dataDir, { timeoutMs: 60_000 }).catch((e: Error) => e);
        if (second instanceof Error && /in use by an airlock command/.test(second.message))
          refusedSecondOwner++;
        else if (!(second instanceof Error)) await second.stop();
        const r = await alone.done;
        standaloneCalls++;
        if (r.code === 0) ackedDatasets.add(`alone-${round}`);
        else progress(`standalone import failed: ${r.err.trim().split('\n').pop()}`);
      }
      const server = await spawnServer(dataDir, { timeoutMs: 300_000 });
      const poller = poll(server.url);
      if (round === 1) {
        const made = await cli(dataDir, ['accounts', 'create', '--email', EMAIL], `${PASSWORD}\n`).done;
        if (made.code !== 0) throw new Error(`accounts create failed: ${made.err}`);
      }
      // Early, mid-call and after both calls: an import rebuilds the whole index, ~1-5 s here.
      const killAfter = 200 + Math.floor(Math.random() * 6000);
      const calls = [
        cli(dataDir, ['import', ZONES, '--dataset', `round-${round}`, '--licence', 'MIT']),
        cli(dataDir, ['logs', 'import', LOGS[round % LOGS.length], '--email', EMAIL], `${PASSWORD}\n`),
      ];
      const killer = setTimeout(() => server.child.kill('SIGKILL'), killAfter);
      const [imp, log] = await Promise.all(calls.map((c) => c.done));
      await new Promise<void>((r) =>
        server.child.exitCode !== null || server.child.signalCode
          ? r()
          : server.child.once('exit', () => r()),
      );
      clearTimeout(killer);
      const p = poller.stop();
      stalls.push(p.maxMs);
      cut.calls += 2;
      if (imp.code === 0) ackedDatasets.add(`round-${round}`);
      else cut.byKill++;
      const id = /flight log ([0-9a-f-]{36})/.exec(log.out)?.[1];
      if (log.code === 0 && id) ackedLogs.add(id);
      else cut.byKill++;
      progress(
        `round ${round}/${ROUNDS}: kill -9 after ${killAfter} ms; import ${imp.code === 0 ? 'done' : 'cut'}, logs import ${log.code === 0 ? 'done' : 'cut'}; slowest health ${p.maxMs.toFixed(0)} ms (${p.samples} answers)`,
      );
    }
    // The final start: everything the CLI reported done must be there.
    const server = await spawnServer(dataDir, { timeoutMs: 300_000 });
    const datasets = (await (await fetch(`${server.url}/v1/datasets`)).json()) as {
      datasets: Array<{ id: string }>;
    };
    const have = new Set(datasets.datasets.map((d) => d.id));
    const signIn = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const logs = (await (
      await fetch(`${server.url}/v1/flightlogs?limit=200`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      flightlogs?: Array<{ id: string }>;
      items?: Array<{ id: string }>;
    };
    const haveLogs = new Set((logs.flightlogs ?? logs.items ?? []).map((l) => l.id));
    await server.stop();
    const lostDatasets = [...ackedDatasets].filter((d) => !have.has(d));
    const lostLogs = [...ackedLogs].filter((l) => !haveLogs.has(l));
    const sorted = [...stalls].sort((a, b) => a - b);
    const rows = [
      ['CLI imports reported done (datasets)', ackedDatasets.size, `lost ${lostDatasets.length}`],
      ['CLI flight-log imports reported done (distinct logs)', ackedLogs.size, `lost ${lostLogs.length}`],
      ['CLI calls cut by the kill (not acknowledged)', cut.byKill, `of ${cut.calls}`],
      [
        'standalone CLI calls (no server up)',
        standaloneCalls,
        `second server refused ${refusedSecondOwner} times`,
      ],
      [
        'slowest /v1/health while up, per round: median / max ms',
        `${sorted[Math.floor(sorted.length / 2)].toFixed(0)} / ${sorted[sorted.length - 1].toFixed(0)}`,
        'floor: never stalls',
      ],
    ];
    console.log(`## The CLI beside a server killed with kill -9, ${ROUNDS} rounds\n`);
    console.log(markdownTable(['what', 'count', 'verdict'], rows));
    const ok = lostDatasets.length === 0 && lostLogs.length === 0 && refusedSecondOwner === standaloneCalls;
    console.log(
      `\nfloor (0 lost, a second owner always refused): ${ok ? 'met' : 'NOT MET'}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const path = writeResults('cli-with-server', {
      params: { rounds: ROUNDS },
      acked: { datasets: ackedDatasets.size, logs: ackedLogs.size },
      lost: { datasets: lostDatasets, logs: lostLogs },
      cut,
      standaloneCalls,
      refusedSecondOwner,
      healthMaxMsPerRound: stalls.map((x) => Math.round(x)),
    });
    progress(`wrote ${path}`);
    return ok ? 0 : 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
