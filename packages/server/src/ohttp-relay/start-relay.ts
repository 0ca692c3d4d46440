import { createServer, type Server } from 'node:http';
import type { Logger } from '../log/index.ts';
import { type RelayOptions, relayHandler } from './relay.ts';
import { RelayCounts } from './relay-counts.ts';

export interface RunningRelay {
  http: Server;
  url: string;
  counts: RelayCounts;
  close(): Promise<void>;
}

/** Listens on host:port (0: any free port) and relays; totals are logged every `logEveryMs`. */
export async function startRelay(
  options: RelayOptions & { host: string; port: number; logEveryMs?: number },
  log: Logger,
): Promise<RunningRelay> {
  const counts = new RelayCounts(log);
  const handler = relayHandler(options, counts);
  const http = createServer({ keepAliveTimeout: 65_000 }, handler);
  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(options.port, options.host, () => ok());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  counts.startLogging(options.logEveryMs ?? 60_000);
  return {
    http,
    url: `http://${host}:${port}/`,
    counts,
    async close() {
      await new Promise<void>((r) => {
        http.close(() => r());
        http.closeIdleConnections();
      });
      handler.close();
      counts.stop();
    },
  };
}
