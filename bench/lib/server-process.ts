/**
 * The real server as a child process (`airlock serve --port 0`, what `npm start` runs), so a load
 * generator in this process does not share its event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_DIR } from './report.ts';

const AIRLOCK_BIN = join(REPO_DIR, 'packages', 'server', 'bin', 'airlock.js');

export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** ms from spawn to the "Airlock listening on" line. */
  listeningMs: number;
  /** Everything the child wrote to stderr (its logs at LOG_LEVEL). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed). */
  stop(graceMs?: number): Promise<number | null>;
}

/** Starts `node packages/server/bin/airlock.js serve --port 0` with its data in `dataDir`. */
export function spawnServer(
  dataDir: string,
  options: { timeoutMs?: number; logLevel?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<ServerChild> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parent's own settings must not leak into the measured server.
  for (const key of Object.keys(env))
    if (key.startsWith('AIRLOCK_') || key === 'DATABASE_URL') delete env[key];
  for (const key of ['PORT', 'HOST', 'LOG_LEVEL']) delete env[key];
  Object.assign(env, { AIRLOCK_DATA_DIR: dataDir, LOG_LEVEL: options.logLevel ?? 'warn' }, options.env);
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), AIRLOCK_BIN, 'serve', '--port', '0'], {
    cwd: REPO_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(1000);
      reject(new Error(`server did not print its URL within ${options.timeoutMs ?? 300_000} ms\n${err}`));
    }, options.timeoutMs ?? 300_000);
    let listening = false;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = listening ? null : /Airlock listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve({ url: m[1], child, listeningMs: performance.now() - started, stderr: () => err, stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const who = signal ? ' (a signal from outside this bench: another process ended it)' : '';
      reject(new Error(`server exited (${code ?? signal}) before listening${who}:\n${err}${out}`));
    });
  });
}
