import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../packages/server/src/testing/free-port.ts';
import { waitFor } from './wait-for.ts';

export interface Haproxy {
  url: string;
  /** What haproxy printed: its warnings, servers going DOWN and UP. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Debian's haproxy in front of the servers, on a loopback port, with its configuration written to
 * `dir`: round robin, a health check on /v1/health every 300 ms (down after 2 misses, up after one
 * answer), and a refused connection retried on another server. A request already sent to a server
 * that dies is not retried (it may have had an effect): the client sees a 502 and decides.
 */
export async function startHaproxy(dir: string, backends: number[]): Promise<Haproxy> {
  const port = await freePort();
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    `global
  maxconn 2048

defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch

frontend airlock
  bind 127.0.0.1:${port}
  default_backend servers

backend servers
  balance roundrobin
  option httpchk
  http-check send meth GET uri /v1/health ver HTTP/1.1 hdr Host airlock
  http-check expect status 200
  timeout check 3s
  default-server inter 300ms fall 2 rise 1
${backends.map((p, i) => `  server s${i + 1} 127.0.0.1:${p} check`).join('\n')}
`,
  );
  let err = '';
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(new Error(`haproxy could not start: ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`haproxy exited ${code}: ${err}`)));
  });
  failed.catch(() => {});
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    failed,
    // Every server in rotation: as many health answers in a row as there are servers.
    waitFor(
      'haproxy answering',
      async () => {
        for (const _ of backends) if (!(await fetch(`${url}/v1/health`)).ok) return false;
        return true;
      },
      20_000,
    ),
  ]);
  return {
    url,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
