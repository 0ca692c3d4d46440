import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}packages/server/bin/airlock.js`;

/** The environment a child `airlock` runs with: this process's, minus any Airlock settings, plus `env`. */
export function airlockEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(out))
    if (k.startsWith('AIRLOCK_') || k === 'DATABASE_URL' || k === 'PORT' || k === 'HOST') delete out[k];
  return { ...out, LOG_LEVEL: 'warn', ...env };
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** `airlock serve` as a child process; resolves once it prints its URL, rejects if it exits first. */
export function serve(env: Record<string, string>, cwd = ROOT): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd, env: airlockEnv({ PORT: '0', ...env }) });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], stdout: () => out, stderr: () => err, exited });
    });
    void exited.then((code) =>
      reject(Object.assign(new Error(`airlock serve exited ${code}: ${err}`), { code, err })),
    );
  });
}

/** One `airlock` command, run to its end. */
export function airlock(
  argv: string[],
  env: Record<string, string>,
  options: { cwd?: string; stdin?: string } = {},
) {
  return spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? ROOT,
    env: airlockEnv(env),
    input: options.stdin ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
}
