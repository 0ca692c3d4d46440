/**
 * Test and bench helper: the real server as a child process, reports sent by concurrent senders,
 * `kill -9` mid-ingest, restart, again; then every report answered 202 is looked for in the
 * aggregates. Shared by telemetry-kill.e2e.test.ts (a few rounds) and bench/telemetry-kill.ts (10).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { utcDay } from '@airlock/core';
import { busyReport } from './test-reports.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'airlock.js');
const TOKEN = 'kill-rounds-operator-token-0123456789';

interface Child {
  url: string;
  child: ChildProcess;
  stderr(): string;
}

/** `airlock serve --port 0` on `dataDir`, resolved once it prints its URL. */
export function startServerChild(
  dataDir: string,
  env: Record<string, string> = {},
  bin: string = BIN,
): Promise<Child> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv))
    if (key.startsWith('AIRLOCK_') || key === 'DATABASE_URL' || key === 'PORT' || key === 'HOST')
      delete childEnv[key];
  Object.assign(childEnv, {
    AIRLOCK_DATA_DIR: dataDir,
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false',
    AIRLOCK_DATASET_POLL_S: '0',
    AIRLOCK_ADMIN_TOKEN: TOKEN,
    AIRLOCK_STATS_MIN_GROUP: '1',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 180 s\n${err}`));
    }, 180_000);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /Airlock listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, stderr: () => err });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening\n${err}${out}`));
    });
  });
}

function killNow(c: Child): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => c.child.once('exit', () => r()));
  c.child.kill('SIGKILL');
  return exited;
}

export interface KillRoundsResult {
  rounds: number;
  /** Reports answered 202. */
  acknowledged: number;
  /** Reports answered something else (503 while the journal or database was unavailable). */
  refused: number;
  /** Requests that got no answer (in flight at the kill): each may or may not have been counted. */
  unanswered: number;
  /** The `report` counter after the final restart. */
  counted: number;
  /** Acknowledged but not counted. */
  lost: number;
  /** Counted beyond every report that could have been (acknowledged + unanswered). */
  doubleCounted: number;
  /** Milliseconds from spawn to listening, per start (the replay is in it). */
  startMs: number[];
}

/**
 * `rounds` times: start the server, let `senders` loops post reports, kill -9 after `killAfterMs`
 * (a random point in [min, max)), then a last start to read the statistics.
 */
export async function killRounds(options: {
  dataDir: string;
  rounds: number;
  senders?: number;
  killAfterMs?: [number, number];
  env?: Record<string, string>;
  /** Another checkout's `bin/airlock.js` (the bench runs the previous version beside this one). */
  bin?: string;
  onRound?: (round: number, acknowledged: number) => void;
  /**
   * Awaited after the last start, before the count is read: with a shared stream (NATS) reports are
   * added by the aggregator after their 202, so the count is read once the stream is drained.
   */
  drained?: () => Promise<void>;
}): Promise<KillRoundsResult> {
  const senders = options.senders ?? 16;
  const [minMs, maxMs] = options.killAfterMs ?? [300, 1500];
  const day = utcDay();
  const bodies = Array.from({ length: 16 }, (_, i) => {
    const r = busyReport(day, 20);
    r.context = { ...r.context, app_version: `3.${i % 4}.0` };
    return JSON.stringify(r);
  });
  const result: KillRoundsResult = {
    rounds: options.rounds,
    acknowledged: 0,
    refused: 0,
    unanswered: 0,
    counted: 0,
    lost: 0,
    doubleCounted: 0,
    startMs: [],
  };
  const start = async () => {
    const t0 = performance.now();
    const c = await startServerChild(options.dataDir, options.env, options.bin);
    result.startMs.push(Math.round(performance.now() - t0));
    return c;
  };
  for (let round = 1; round <= options.rounds; round++) {
    const server = await start();
    let stop = false;
    const before = result.acknowledged;
    const sender = async (k: number) => {
      for (let i = k; !stop; i += senders) {
        try {
          const res = await fetch(`${server.url}/v1/telemetry/app_performance`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: bodies[i % bodies.length],
          });
          await res.arrayBuffer();
          if (res.status === 202) result.acknowledged++;
          else result.refused++;
        } catch (e) {
          // Refused connections never reached the server; a reset one may have.
          if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') result.unanswered++;
          return; // the server is gone
        }
      }
    };
    const loops = Array.from({ length: senders }, (_, k) => sender(k));
    await new Promise((r) => setTimeout(r, minMs + Math.random() * (maxMs - minMs)));
    await killNow(server);
    stop = true;
    await Promise.all(loops);
    options.onRound?.(round, result.acknowledged - before);
  }
  const last = await start();
  try {
    await options.drained?.();
    const res = await fetch(`${last.url}/v1/admin/stats/telemetry?category=app_performance`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const stats = (await res.json()) as { counters: Array<{ dimension: string; reports: number }> };
    result.counted = stats.counters.find((c) => c.dimension === 'report')?.reports ?? 0;
  } finally {
    const exited = new Promise<void>((r) => last.child.once('exit', () => r()));
    last.child.kill('SIGTERM');
    const t = setTimeout(() => last.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(t);
  }
  result.lost = Math.max(0, result.acknowledged - result.counted);
  result.doubleCounted = Math.max(0, result.counted - result.acknowledged - result.unanswered);
  return result;
}
