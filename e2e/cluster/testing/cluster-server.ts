import { type ChildProcess, spawn } from 'node:child_process';
import { airlockEnv, BIN } from '../../testing/airlock-process.ts';

/**
 * One `airlock serve` of the cluster, a child process on a fixed loopback port and a data dir of its
 * own (the lock and nothing else: state is in PostgreSQL, S3 and NATS). `kill9` is the crash;
 * `start` again brings it back on the same port.
 */
export class ClusterServer {
  private child: ChildProcess | null = null;
  private err = '';

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the server prints that it listens; rejects with its stderr if it exits first. */
  start(timeoutMs = 120_000): Promise<void> {
    this.err = '';
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: airlockEnv({ ...this.env, HOST: '127.0.0.1', PORT: String(this.port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let out = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.err = (this.err + d).slice(-20_000);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${this.name} did not start within ${timeoutMs} ms\n${this.err}`));
      }, timeoutMs);
      child.stdout?.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (/listening on http/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code ?? signal}) before listening\n${this.err}`));
      });
    });
  }

  /** SIGKILL: no shutdown of any kind, requests in flight are cut. */
  kill9(): Promise<void> {
    return this.signal('SIGKILL');
  }

  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  stderr(): string {
    return this.err;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(force);
  }
}
