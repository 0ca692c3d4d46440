import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '../../../packages/server/src/testing/free-port.ts';
import { waitFor } from './wait-for.ts';

export interface PrivateNats {
  url: string;
  /** Stops the server (SIGTERM, as an operator's restart would) and starts it again on the same store. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A nats-server with JetStream of this test's own (loopback port, store in `storeDir`): the machine's
 * shared nats-server is never restarted.
 */
export async function startPrivateNats(storeDir: string): Promise<PrivateNats> {
  const port = await freePort();
  let child: ChildProcess;
  const start = async () => {
    child = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], {
      stdio: 'ignore',
    });
    child.once('error', () => {});
    await waitFor('nats-server listening', () => canConnect(port), 20_000);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
