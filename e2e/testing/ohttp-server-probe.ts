// The Airlock server as `airlock serve` runs it, plus a tap on its listening socket: the address of
// every connection it accepts, and every byte in and out. Written for e2e/ohttp (run inside a network
// namespace). Settings come from the environment; the tap is written to TAP_FILE on SIGTERM.
import { writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { loadConfig } from '../../packages/server/src/config/index.ts';
import { createLogger } from '../../packages/server/src/log/index.ts';
import { openServices, startServer } from '../../packages/server/src/server.ts';

const config = loadConfig(process.env);
const log = createLogger('debug', (line) => process.stdout.write(line));
const services = await openServices(config, log);
const server = await startServer(config, log, services);

const peers: string[] = [];
const received: Buffer[] = [];
const sent: Buffer[] = [];
server.http.on('connection', (socket: Socket) => {
  peers.push(`${socket.remoteAddress}`);
  socket.on('data', (d: Buffer) => received.push(Buffer.from(d)));
  const write = socket.write;
  socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) sent.push(Buffer.from(chunk as never));
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Socket['write'];
});
process.stdout.write(`probe listening on ${server.url}\n`);

process.once('SIGTERM', async () => {
  writeFileSync(
    process.env.TAP_FILE as string,
    JSON.stringify({
      peers,
      received: Buffer.concat(received).toString('base64'),
      sent: Buffer.concat(sent).toString('base64'),
    }),
  );
  await server.close();
  await services.close();
  process.exit(0);
});
